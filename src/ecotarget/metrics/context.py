"""What every metric function receives: the validated data and the window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

import pandas as pd

from ecotarget.dataset import Dataset, choose_edition, city_days_with_aqi
from ecotarget.metrics.water_sections import ItemFrames, rows_in, section_table
from ecotarget.periods import Window
from ecotarget.standards.aqi import Edition
from ecotarget.standards.columns import text_isin
from ecotarget.targets import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class MetricContext:
    """The data, the window and the settings of one check, shared by all its targets."""

    data: Dataset
    window: Window
    settings: Settings
    air_standard: str | None = None  # --air-standard overrides targets settings
    cache: dict[str, object] = field(default_factory=dict)  # shared work between targets
    # city days with AQI per edition: every air target of a check reads the same days
    _city_days: dict[Edition | None, pd.DataFrame] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    # water section tables per period: the class share and CWQI targets read the same ones
    _sections: dict[tuple[dt.date, dt.date], pd.DataFrame] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    # every water row's item numbers, parsed once: each period's table takes its rows' share
    _items: list[ItemFrames] = field(default_factory=list, init=False, repr=False,
                                     compare=False)
    # anything else that depends on the data alone, by a key naming what it is (memo)
    _memo: dict[tuple[Hashable, ...], object] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def at(self, window: Window) -> MetricContext:
        """The same check judged over another window, sharing the work already done."""
        if window == self.window:
            return self
        other = MetricContext(data=self.data, window=window, settings=self.settings,
                              air_standard=self.air_standard, cache=self.cache)
        # the caches are keyed by what they depend on (edition, period), never the window
        object.__setattr__(other, "_city_days", self._city_days)
        object.__setattr__(other, "_sections", self._sections)
        object.__setattr__(other, "_items", self._items)
        object.__setattr__(other, "_memo", self._memo)
        return other

    def memo(self, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """``compute()``, run once per ``key`` for the check and every window of it: the key
        names all that the value depends on besides the data."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def ledger_of(self, indicators: Sequence[str]) -> pd.DataFrame:
        """The ledger rows of ``indicators`` in the ledger's order, with the columns the
        figures read (indicator, period, value, grade), selected once per set: every
        ledger function finds among them what it finds in the whole ledger."""
        ledger = self.data.ledger
        assert ledger is not None
        wanted = tuple(indicators)
        columns = [c for c in ("indicator", "period", "value", "grade") if c in ledger]
        return self.memo(("ledger_of", wanted), lambda: ledger.loc[
            text_isin(ledger["indicator"], wanted), columns])

    def section_table(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Each water section's period means and class over [start, end], computed once."""
        if (start, end) not in self._sections:
            water = self.data.water
            assert water is not None
            rows = rows_in(water, start, end)
            self._sections[(start, end)] = section_table(
                rows, self.settings.water.below_detection_limit, self.item_frames(rows))
        return self._sections[(start, end)]

    def item_frames(self, rows: pd.DataFrame) -> ItemFrames | None:
        """The item numbers and below-DL flags of ``rows`` (water rows), the water input
        parsed once; None when its row labels repeat (then each caller parses its rows)."""
        water = self.data.water
        if water is None or not water.index.is_unique:
            return None
        if not self._items:
            self._items.append(ItemFrames.parse(water, self.settings.water.below_detection_limit))
        return self._items[0].of(rows)

    def edition_for(self, target_standard: str | None) -> Edition | None:
        """The edition a target's days are read under (``--air-standard`` first)."""
        return choose_edition(self.air_standard, target_standard, self.settings.air.standard)

    def city_days(self, edition: Edition | None) -> pd.DataFrame:
        """All city days with their AQI under ``edition``, computed once per edition."""
        if edition not in self._city_days:
            assert self.data.air_daily is not None
            self._city_days[edition] = city_days_with_aqi(self.data.air_daily,
                                                          self.settings.air, edition)
        return self._city_days[edition]


__all__ = ["Dataset", "MetricContext"]
