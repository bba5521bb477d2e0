"""The monthly report as plain data: what ``ecotarget report`` shows, before any rendering.

Every figure here comes from one check: the :class:`~ecotarget.report.Report` that
``check --format json`` renders is kept whole in :attr:`MonthlyReport.report`, and the
series of the report's sections are derived from that check's
:class:`~ecotarget.metrics.context.MetricContext` with the functions ``check --by`` and
``ecotarget aqi`` / ``water`` use (see :mod:`ecotarget.tables.monthly.build`). No class
here draws, formats or translates: a renderer (HTML, xlsx) reads the fields and picks the
words of its language from the catalogue.

Months are ``YYYY-MM`` strings; AQI categories are HJ 633's Chinese names (``优``, ``良``,
``轻度污染`` …) with the English beside them where a day carries both; water classes are
GB 3838's names ``I`` … ``V`` and ``劣V``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ecotarget.report import Report, Result

#: the order of the summary's list of targets not met: the worst first
BEHIND_ORDER = ("not_met", "at_risk", "insufficient_data", "no_data", "on_track")


@dataclass(frozen=True)
class MonthFigure:
    """One month of a target's series.

    ``value`` is the month's own figure: the target's metric over that month alone, judged
    by the same rules (``status``), exactly the row of ``check --by month``. ``to_date`` is
    the figure from the period's start to the month's end, as ``check --as-of <month end>``
    would show it. ``target`` is the number compared with (the year's target, or for a
    ``previous_year`` target the same month a year earlier). ``pace`` is the pro-rata
    figure due by the month's end (counts and annual ratios: target × days elapsed ÷ days
    in the year), None for a target without a pace.
    """

    month: str
    value: float | None
    to_date: float | None
    target: float | None
    pace: float | None
    status: str


@dataclass(frozen=True)
class TargetSeries:
    """A target's figures month by month (``months`` in calendar order).

    ``goal`` is the year's target as a number (None for ``previous_year`` and graded
    targets); ``op`` its comparison (``>=``, ``<`` …).
    """

    target_id: str
    name: str
    name_en: str
    unit: str
    unit_en: str
    op: str
    goal: float | None
    months: tuple[MonthFigure, ...]


@dataclass(frozen=True)
class AllowanceMonth:
    """The good-day target's non-good-day allowance at a month's end.

    ``non_good_days`` are the month's valid days with AQI > 100 (HJ 633: 轻度污染 and worse).
    ``allowance`` is the check's outlook as of the month's end: the most non-good days the
    rest of the year may still have, every remaining day counted valid, for the year's
    good-day rate still to meet the target (None: unreachable). ``pro_rata`` is the year's
    allowance spread evenly: :attr:`AirSeries.year_allowance` × days left after the month
    ÷ days in the year.
    """

    month: str
    non_good_days: int
    allowance: int | None
    pro_rata: float


@dataclass(frozen=True)
class CategoryMonth:
    """Valid days per HJ 633 category in one month (``days``: 优, 良, 轻度污染, 中度污染,
    重度污染, 严重污染, every category present, zeros included)."""

    month: str
    valid_days: int
    days: dict[str, int]


@dataclass(frozen=True)
class AirDay:
    """One city day of the calendar: the daily AQI (HJ 633 §5; None without a valid day),
    its level 1–6 and category, and the primary pollutants (HJ 633: named when AQI > 50;
    the report shows them on non-good days, AQI > 100)."""

    date: dt.date
    aqi: int | None
    level: int | None
    category: str | None
    category_en: str | None
    primary: str


@dataclass(frozen=True)
class StationFigures:
    """A station's own good-day rate, PM2.5 mean, valid and non-good days over the period,
    and the region's figures without it (None with a single station): ``check --by
    station``."""

    station: str
    good_day_rate: float | None
    pm25: float | None
    valid_days: int
    non_good_days: int
    without_good_day_rate: float | None = None
    without_pm25: float | None = None


@dataclass(frozen=True)
class AirSeries:
    """Section 2, air: the good-day rate and PM2.5 series, the allowance, the days per
    category, the calendar and the stations.

    ``good_day`` and ``pm25`` are the series of the plan's good-day-rate and PM2.5 targets
    (their year-end projection is the check's ``Result.outlook``: ``results``).
    ``year_allowance``: non-good days a whole year of valid days may have while the rate
    still meets the target (for 365 days and ≥ 90 %: 36, since 329/365 = 90.1 % and
    328/365 = 89.9 %). ``allowance`` is empty for an explicit ``--period``, which is judged
    as it stands, with no rest of the year.
    """

    good_day: TargetSeries | None = None
    pm25: TargetSeries | None = None
    results: tuple[Result, ...] = ()
    year_allowance: int | None = None
    allowance: tuple[AllowanceMonth, ...] = ()
    categories: tuple[CategoryMonth, ...] = ()
    days: tuple[AirDay, ...] = ()
    stations: tuple[StationFigures, ...] = ()


@dataclass(frozen=True)
class SectionMonth:
    """A water section's GB 3838 class in one month (None: no class), its main pollutants
    (named only when worse than class III) and its CWQI (HJ 1096-style index, 4 decimals)."""

    month: str
    water_class: str | None
    main_pollutants: str
    cwqi: float | None


@dataclass(frozen=True)
class SectionRow:
    """One section of the section × month grid.

    ``target_class`` is the class the plan requires of it (the class-share target's
    ``max_class``), ``worse`` whether any month's class is worse than that.
    """

    section: str
    level: str | None
    target_class: str | None
    months: tuple[SectionMonth, ...]
    worse: bool


@dataclass(frozen=True)
class SourceRound:
    """A drinking-water source in one monitoring round (a month): whether every sample of
    the round meets its limits (GB 3838 Table 1–3, the targets file's pass rule), and the
    items that failed."""

    source: str
    month: str
    samples: int
    passes: bool
    failing_items: tuple[str, ...]


@dataclass(frozen=True)
class WaterSeries:
    """Section 3, water: the section × month class grid, CWQI by month against the same
    month last year (``cwqi``: ``value`` this year, ``target`` last year), the sources by
    round."""

    months: tuple[str, ...] = ()
    sections: tuple[SectionRow, ...] = ()
    cwqi: TargetSeries | None = None
    sources: tuple[SourceRound, ...] = ()
    results: tuple[Result, ...] = ()


@dataclass(frozen=True)
class Milestone:
    """A dated deliverable: due date, the month first reported done (None: not yet), and
    the check's status."""

    target_id: str
    name: str
    name_en: str
    due: dt.date | None
    done_in: str | None
    status: str


@dataclass(frozen=True)
class InputAccount:
    """One input: the check's account of its rows, and the last date it covers (a ledger:
    its last month's last day)."""

    path: str
    kind: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    last_date: dt.date | None


@dataclass(frozen=True)
class RejectGroup:
    """Rejected rows of one file with the same problem in the same column: how many, and
    the first of them as an example. ``message`` is the problem in English, ``message_zh``
    in Chinese (as the JSON's ``row_errors`` give them)."""

    path: str
    column: str
    message: str
    count: int
    example_line: int
    example_value: str
    message_zh: str = ""


ChangeKind = Literal["status", "actual"]


@dataclass(frozen=True)
class Change:
    """What moved for a target between the compared period (``before``) and this one.

    ``what`` is ``status`` or ``actual`` (the figure). ``better`` is whether the move goes
    the target's way: a status by its severity (met/on_track < at_risk < not_met), a
    figure by the target's comparison (up is better for ``>=``); None when neither.
    """

    target_id: str
    name: str
    name_en: str
    what: ChangeKind
    before: float | str | None
    after: float | str | None
    better: bool | None


@dataclass(frozen=True)
class Comparison:
    """``--compare-to``: the period compared with (the check as of its end) and the changes,
    statuses first, in the targets file's order."""

    label: str
    as_of: dt.date
    before: Report
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class MonthlyReport:
    """The whole monthly report: the check's ``Report`` and the series of its sections."""

    report: Report
    months: tuple[str, ...]
    air: AirSeries
    water: WaterSeries
    ledger: tuple[TargetSeries, ...]
    milestones: tuple[Milestone, ...]
    inputs: tuple[InputAccount, ...]
    rejected: tuple[RejectGroup, ...]
    comparison: Comparison | None = None

    @property
    def behind(self) -> list[Result]:
        """Every target whose status is not ``met``, the worst first (not met, at risk,
        insufficient data, no data, on track), in the targets file's order within each."""
        rank = {status: i for i, status in enumerate(BEHIND_ORDER)}
        return sorted((r for r in self.report.results if r.status != "met"),
                      key=lambda r: rank[r.status])


__all__ = [
    "BEHIND_ORDER",
    "AirDay",
    "AirSeries",
    "AllowanceMonth",
    "CategoryMonth",
    "Change",
    "Comparison",
    "InputAccount",
    "Milestone",
    "MonthFigure",
    "MonthlyReport",
    "RejectGroup",
    "SectionMonth",
    "SectionRow",
    "SourceRound",
    "StationFigures",
    "TargetSeries",
    "WaterSeries",
]
