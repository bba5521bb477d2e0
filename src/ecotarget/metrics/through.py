"""How far each target's own data reach: its ``data_through`` date.

A target is judged on its own data, not on the latest date of any input: the trainings of
a ledger that ends in October are not judged to 30 November because another indicator has
a November row. Per metric:

* ledger counts, latest figures and previous-year comparisons: the last month with a row of
  the target's indicator;
* ledger ratios: the last month both sides reach. A side (the numerator indicators, or the
  denominator indicators) reaches the last month in which any of its indicators has a row;
  the months after the earlier side's last month, in which only the other side reports,
  are *unmatched*: a ratio over them would divide a numerator by a denominator of fewer
  months (or the reverse);
* milestones: the last month of the ledger as a whole (a month reported without the
  milestone's row says it is not done yet);
* air: the last city day; water and drinking water: the last sample.

A ledger month reaches its last day. ``by_month``: whether a later as-of date in the same
month is still covered (ledger and water, reported once a month) or not (air, daily).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.dataset import Dataset
from ecotarget.params import LedgerRatioParams
from ecotarget.periods import month_end
from ecotarget.registry import METRICS
from ecotarget.standards.columns import text_isin, text_startswith
from ecotarget.targets import Target


@dataclass(frozen=True)
class Through:
    """The last day a target's data cover, what they are, and the months of a ratio
    reported on one side only."""

    day: dt.date | None  # None: no data in the plan year
    by_month: bool
    subject: Text | str  # what has no data after ``day``: indicators, or an input kind
    unmatched: tuple[str, ...] = ()  # 'YYYY-MM', reported on one side of a ratio only
    lacking: tuple[str, ...] = ()  # the indicators of the side missing in those months
    # the last day the input as a whole reports: a ledger month without a row of an
    # indicator that the ledger reports otherwise means "none that month" (no incident, no
    # quarterly figure due), not "not reported"; None: ``day``
    reported: dt.date | None = None

    def reports(self, day: dt.date) -> bool:
        """Whether the input as a whole reports ``day`` (see ``reported``)."""
        if self.reported is None:
            return self.covers(day)
        return Through(self.reported, self.by_month, self.subject).covers(day)

    def covers(self, day: dt.date) -> bool:
        """Whether the data reach ``day`` (the month of it, for monthly data).

        >>> Through(dt.date(2025, 10, 31), True, "x").covers(dt.date(2025, 10, 15))
        True
        >>> Through(dt.date(2025, 10, 20), False, "x").covers(dt.date(2025, 10, 21))
        False
        """
        if self.day is None:
            return False
        if self.by_month:
            return (day.year, day.month) <= (self.day.year, self.day.month)
        return day <= self.day

    def label(self) -> str:
        """``2025-10`` for monthly data, ``2025-10-31`` for daily data."""
        if self.day is None:
            return "–"
        return f"{self.day:%Y-%m}" if self.by_month else self.day.isoformat()


def _month_day(month: str) -> dt.date:
    return month_end(int(month[:4]), int(month[5:7]))


def _last_month(ledger: pd.DataFrame, indicators: Sequence[str] | None, year: int) -> str | None:
    periods = ledger["period"]
    inside = text_startswith(periods, f"{year:04d}-")
    if indicators is not None:
        inside &= text_isin(ledger["indicator"], indicators)
    # the latest 'YYYY-MM' of the year: Python's order of str is Arrow's (code points)
    return str(max(periods.to_numpy()[inside].tolist())) if inside.any() else None


def ratio_sides(ledger: pd.DataFrame, numerator: Sequence[str], denominator: Sequence[str],
                year: int) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """The last month both sides of a ratio reach in ``year``, the months after it that one
    side reports alone, and that side's opposite (the indicators missing then).

    >>> ledger = pd.DataFrame({"indicator": ["u", "m", "u", "m", "u"],
    ...     "period": ["2025-09", "2025-09", "2025-10", "2025-10", "2025-11"]})
    >>> ratio_sides(ledger, ["u"], ["m"], 2025)
    ('2025-10', ('2025-11',), ('m',))
    >>> ratio_sides(ledger, ["m"], ["x"], 2025)
    (None, ('2025-09', '2025-10'), ('x',))
    """
    last_num = _last_month(ledger, numerator, year)
    last_den = _last_month(ledger, denominator, year)
    if last_num is None or last_den is None:
        only = numerator if last_num is not None else denominator
        missing = denominator if last_num is not None else numerator
        rows = ledger[text_isin(ledger["indicator"], only)
                      & text_startswith(ledger["period"], f"{year:04d}-")]
        months = tuple(sorted(set(rows["period"])))
        return None, months, tuple(missing) if months else ()
    through = min(last_num, last_den)
    longer, shorter = (numerator, denominator) if last_num > last_den else (denominator, numerator)
    rows = ledger[text_isin(ledger["indicator"], longer) & (ledger["period"] > through)
                  & ledger["period"].str.startswith(f"{year:04d}-")]
    unmatched = tuple(sorted(set(rows["period"])))
    return through, unmatched, tuple(shorter) if unmatched else ()


def _ledger_through(target: Target, ledger: pd.DataFrame, year: int) -> Through:
    whole = _last_month(ledger, None, year)
    reported = _month_day(whole) if whole else None
    if target.metric == "ledger.milestone":
        return Through(reported, True, Text("kind.ledger"))
    if target.metric == "ledger.ratio":
        params: LedgerRatioParams = target.params_as(LedgerRatioParams)
        last, unmatched, lacking = ratio_sides(ledger, params.numerator, params.denominator,
                                               year)
        subject = "、".join(lacking or params.numerator)
        return Through(_month_day(last) if last else None, True, subject, unmatched, lacking,
                       reported)
    indicator = str(target.params["indicator"])
    last = _last_month(ledger, [indicator], year)
    return Through(_month_day(last) if last else None, True, indicator, reported=reported)


def _last_day(frame: pd.DataFrame | None, year: int) -> dt.date | None:
    if frame is None or not len(frame) or "date" not in frame:
        return None
    dates = pd.to_datetime(frame["date"])
    dates = dates[(dates >= pd.Timestamp(year, 1, 1)) & (dates < pd.Timestamp(year + 1, 1, 1))]
    return None if dates.empty else dates.max().date()


def data_through(target: Target, data: Dataset, year: int) -> Through:
    """How far the data of ``target`` reach in the plan ``year`` (see the module docstring)."""
    kind = METRICS[target.metric].kind
    if kind == "ledger":
        if data.ledger is None or not len(data.ledger):
            return Through(None, True, Text("kind.ledger"))
        return _ledger_through(target, data.ledger, year)
    if kind == "air":
        return Through(_last_day(data.air_daily, year), False, Text("kind.air"))
    return Through(_last_day(data.water, year), True, Text("kind.water"))


def kind_through(data: Dataset, year: int) -> dict[str, dt.date]:
    """Each input kind's last date in the plan ``year`` (a ledger month: its last day)."""
    out: dict[str, dt.date] = {}
    if data.ledger is not None and len(data.ledger):
        last = _last_month(data.ledger, None, year)
        if last:
            out["ledger"] = _month_day(last)
    for kind, frame in (("air", data.air_daily), ("water", data.water)):
        day = _last_day(frame, year)
        if day is not None:
            out[kind] = day
    return out
