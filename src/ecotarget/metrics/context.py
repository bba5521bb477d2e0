"""What every metric function receives: the validated data and the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ecotarget.dataset import Dataset, choose_edition, city_days_with_aqi
from ecotarget.metrics.water_sections import rows_in, section_table
from ecotarget.periods import Window
from ecotarget.standards.aqi import Edition
from ecotarget.targets import Settings


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

    def at(self, window: Window) -> MetricContext:
        """The same check judged over another window, sharing the work already done."""
        if window == self.window:
            return self
        other = MetricContext(data=self.data, window=window, settings=self.settings,
                              air_standard=self.air_standard, cache=self.cache)
        # both caches are keyed by what they depend on (edition, period), never the window
        object.__setattr__(other, "_city_days", self._city_days)
        object.__setattr__(other, "_sections", self._sections)
        return other

    def section_table(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Each water section's period means and class over [start, end], computed once."""
        if (start, end) not in self._sections:
            assert self.data.water is not None
            self._sections[(start, end)] = section_table(
                rows_in(self.data.water, start, end), self.settings.water.below_detection_limit)
        return self._sections[(start, end)]

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
