"""The monthly report's series, derived from one check's context.

:func:`monthly_report_from` takes the ``Report`` a check returned and that check's
:class:`~ecotarget.metrics.context.MetricContext`, and computes nothing the check does not
compute itself: the months are ``check --by month`` (:func:`ecotarget.tables.breakdown.
month_breakdown`), the stations ``check --by station``, the section grid ``check --by
section``; the figures to each month's end are the same metric and evaluation over the
period cut at that month's end (what ``check --as-of <month end>`` shows); the calendar is
the city days with their HJ 633 AQI that the air targets read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ecotarget.evaluate import evaluate
from ecotarget.metrics import MEASURES
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.drinking import drinking_compliance_rate, source_rows
from ecotarget.metrics.water_sections import monitored_sections, rows_in
from ecotarget.params import AirParams, WaterShareParams
from ecotarget.periods import Window
from ecotarget.report import Measurement, Report, Result
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.tables.breakdown import (
    month_breakdown,
    month_windows,
    section_breakdown,
    station_breakdown,
)
from ecotarget.tables.monthly.model import (
    AirDay,
    AirSeries,
    AllowanceMonth,
    CategoryMonth,
    InputAccount,
    Milestone,
    MonthFigure,
    MonthlyReport,
    RejectGroup,
    SectionMonth,
    SectionRow,
    SourceRound,
    StationFigures,
    TargetSeries,
    WaterSeries,
)
from ecotarget.targets import Target

#: the ledger targets drawn as series: counts and ratios (a latest value or a grade is one
#: figure, a milestone a date)
LEDGER_SERIES = ("ledger.total", "ledger.ratio")
GOOD_AQI = 100  # HJ 633: AQI ≤ 100 is 优 or 良, a good day


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not pd.isna(value) else None


def to_date_windows(window: Window) -> list[Window]:
    """The period cut at each of its months' ends: Jan, Jan–Feb, … (as ``--as-of`` would).

    >>> [w.end.isoformat() for w in to_date_windows(
    ...     Window(2025, dt.date(2025, 1, 1), dt.date(2025, 3, 10), dt.date(2025, 3, 10)))]
    ['2025-01-31', '2025-02-28', '2025-03-10']
    """
    return [Window(window.year, window.start, month.end, month.end,
                   explicit_period=window.explicit_period) for month in month_windows(window)]


def to_date(target: Target, ctx: MetricContext) -> list[tuple[Result, Measurement]]:
    """The target judged over the period cut at each month's end, with its measurement."""
    out = []
    for window in to_date_windows(ctx.window):
        measured = MEASURES[target.metric](target, ctx.at(window))
        out.append((evaluate(target, measured, window), measured))
    return out


def target_series(target: Target, result: Result, ctx: MetricContext,
                  cumulative: list[tuple[Result, Measurement]] | None = None, *,
                  with_to_date: bool = True,
                  month_rows: list[dict[str, Any]] | None = None) -> TargetSeries:
    """A target's months: its own figure each month, and the figure and pace to the month's
    end (left None without ``with_to_date``: a series drawn month against month).

    ``cumulative`` and ``month_rows``: :func:`to_date` and the ``month_breakdown`` rows of
    the target when the caller has them already."""
    rows = month_rows if month_rows is not None else month_breakdown(target, ctx)["rows"]
    if cumulative is None and with_to_date:
        cumulative = to_date(target, ctx)
    upto: list[tuple[float | None, float | None]] = (
        [(_number(r.actual), _number(m.pace)) for r, m in cumulative] if cumulative is not None
        else [(None, None)] * len(rows))
    months = tuple(
        MonthFigure(month=row["month"], value=_number(row["actual"]), to_date=actual,
                    target=_number(row["target_value"]), pace=pace, status=row["status"])
        for row, (actual, pace) in zip(rows, upto, strict=True))
    return TargetSeries(target_id=target.id, name=target.name, name_en=target.name_en,
                        unit=result.unit, unit_en=result.unit_en or result.unit, op=target.op,
                        goal=_number(target.target), months=months)


# --- air ---------------------------------------------------------------------------------------

def year_allowance(target: Target, days_in_year: int) -> int | None:
    """Non-good days a year of valid days may have while the good-day rate still passes.

    The rate is a percentage to one decimal (GB/T 8170, half to even), as the check reports it:

    >>> t = Target(id="g", section="headline", name="n", name_en="n", clause="c",
    ...            metric="air.good_day_rate", op=">=", target=90.0)
    >>> year_allowance(t, 365)   # 329/365 = 90.1 % passes, 328/365 = 89.9 % does not
    36
    >>> year_allowance(t, 366)   # 330/366 = 90.2 %, 329/366 = 89.9 %
    36
    """
    for allowed in range(days_in_year, -1, -1):
        rate = round_half_even_scalar((days_in_year - allowed) / days_in_year * 100, 1)
        if target.passes(rate):
            return allowed
    return None


def _first(targets: Sequence[Target], metric: str, preferred: str | None = None) -> Target | None:
    found = [t for t in targets if t.metric == metric]
    chosen = [t for t in found if t.id == preferred] or found
    return chosen[0] if chosen else None


def air_days(days: pd.DataFrame, start: dt.date, end: dt.date) -> tuple[AirDay, ...]:
    """Every calendar day from ``start`` to ``end`` with its city day's AQI (None: no valid day)."""
    dates = pd.date_range(start, end, freq="D")
    frame = days.set_index("date").reindex(dates) if len(days) else pd.DataFrame(index=dates)
    out = []
    for day, row in zip(dates, frame.to_dict("records"), strict=True):
        valid = row.get("valid")
        aqi = row.get("aqi")
        known = valid is True or (valid is not None and not pd.isna(valid) and bool(valid))
        known = known and aqi is not None and not pd.isna(aqi)
        primary = row.get("primary_pollutants")
        out.append(AirDay(
            date=day.date(), aqi=int(aqi) if known and aqi is not None else None,
            level=int(row["level"]) if known and not pd.isna(row.get("level")) else None,
            category=str(row["category"]) if known else None,
            category_en=str(row["category_en"]) if known else None,
            primary=str(primary) if known and isinstance(primary, str) else ""))
    return tuple(out)


def air_series(targets: Sequence[Target], results: dict[str, Result], ctx: MetricContext
               ) -> AirSeries:
    """Section 2: the good-day rate and PM2.5 series, allowance, categories, calendar, stations."""
    good = _first(targets, "air.good_day_rate", "air_good_day_rate")
    pm25 = _first(targets, "air.pm25_mean", "pm25_mean")
    if (good is None and pm25 is None) or ctx.data.air_daily is None:
        return AirSeries()
    main = good or pm25
    assert main is not None
    cumulative = to_date(main, ctx)
    month_rows = month_breakdown(main, ctx)["rows"]
    # main is the good-day target when there is one: its months are measured once
    good_series = (target_series(good, results[good.id], ctx, cumulative, month_rows=month_rows)
                   if good else None)
    pm25_series = None
    if pm25 is not None:
        shared = pm25 is main  # no good-day target: PM2.5's months are main's
        pm25_series = target_series(pm25, results[pm25.id], ctx,
                                    cumulative if shared else None,
                                    month_rows=month_rows if shared else None)
    categories = tuple(CategoryMonth(month=row["month"], valid_days=int(row.get("valid_days", 0)),
                                     days=dict(row.get("days_by_category", {})))
                       for row in month_rows)
    allowance: tuple[AllowanceMonth, ...] = ()
    whole = year_allowance(good, ctx.window.days_in_year) if good else None
    # an explicit period (--period) is judged as it stands: it has no rest of the year
    if good is not None and whole is not None and not ctx.window.explicit_period:
        allowance = tuple(
            AllowanceMonth(month=row["month"],
                           non_good_days=int(row.get("valid_days", 0)) - int(row.get("good_days", 0)),
                           allowance=measured.outlook.get("allowance"),
                           pro_rata=round(whole * (ctx.window.year_end - row["end"]).days
                                          / ctx.window.days_in_year, 1))
            for row, (_, measured) in zip(month_rows, cumulative, strict=True))
    edition = ctx.edition_for(main.params_as(AirParams).standard)
    days = air_days(ctx.city_days(edition), ctx.window.start, ctx.window.end)
    stations = tuple(StationFigures(**row) for row in station_breakdown(main, ctx)["rows"])
    return AirSeries(good_day=good_series, pm25=pm25_series,
                     results=tuple(results[t.id] for t in (good, pm25) if t is not None),
                     year_allowance=whole, allowance=allowance, categories=categories,
                     days=days, stations=stations)


# --- water -------------------------------------------------------------------------------------

def section_grid(target: Target, ctx: MetricContext) -> tuple[SectionRow, ...]:
    """The sections the class-share target counts, each with its class month by month."""
    rows = section_breakdown(target, ctx)["rows"]
    required = target.params_as(WaterShareParams).max_class if target.metric == \
        "water.class_share" else None
    levels: dict[str, str] = {}
    if ctx.data.water is not None:
        whole = monitored_sections(ctx.section_table(ctx.window.start, ctx.window.end))
        if "level" in whole:
            levels = {str(k): str(v) for k, v in whole["level"].items() if isinstance(v, str)}
    by_section: dict[str, list[SectionMonth]] = {}
    for row in rows:
        by_section.setdefault(row["section"], []).append(SectionMonth(
            month=row["month"], water_class=row["class"], main_pollutants=row["main_pollutants"],
            cwqi=row["cwqi"]))
    return tuple(
        SectionRow(section=name, level=levels.get(name), target_class=required,
                   months=tuple(months),
                   worse=required is not None and any(
                       class_rank(m.water_class) > class_rank(required) for m in months))
        for name, months in by_section.items())


def class_rank(name: str | None) -> int:
    """GB 3838 class as a rank, 1 (I) to 6 (劣V); 0 for no class.

    >>> class_rank("III"), class_rank("劣V"), class_rank(None)
    (3, 6, 0)
    """
    return ("I", "II", "III", "IV", "V", "劣V").index(name) + 1 if name else 0


def source_rounds(ctx: MetricContext) -> tuple[SourceRound, ...]:
    """Each drinking-water source in each month (round) of the period: passed or not."""
    water = ctx.data.water
    if water is None:
        return ()
    settings = ctx.settings.water
    out: list[SourceRound] = []
    for month in month_windows(ctx.window):
        rows = source_rows(rows_in(water, month.start, month.end))
        if not len(rows):
            continue
        items = ctx.item_frames(rows)
        judged = drinking_compliance_rate(rows, settings.below_detection_limit,
                                          settings.drinking_pass,
                                          items.values if items is not None else None)
        out.extend(SourceRound(source=str(s["source"]), month=f"{month.start:%Y-%m}",
                               samples=int(s["samples"]), passes=bool(s["passes"]),
                               failing_items=tuple(s["failing_items"]))
                   for s in judged.sources)
    return tuple(out)


def water_series(targets: Sequence[Target], results: dict[str, Result], ctx: MetricContext
                 ) -> WaterSeries:
    """Section 3: the section × month grid, CWQI by month against last year, the sources."""
    if ctx.data.water is None:
        return WaterSeries()
    share = _first(targets, "water.class_share")
    cwqi = _first(targets, "water.cwqi")
    sections = section_grid(share, ctx) if share else ()
    chosen = [t for t in targets if t.metric.startswith(("water.", "drinking."))]
    return WaterSeries(
        months=tuple(f"{w.start:%Y-%m}" for w in month_windows(ctx.window)), sections=sections,
        cwqi=target_series(cwqi, results[cwqi.id], ctx, with_to_date=False) if cwqi else None,
        sources=source_rounds(ctx), results=tuple(results[t.id] for t in chosen))


# --- ledger, data ------------------------------------------------------------------------------

def ledger_series(targets: Sequence[Target], results: dict[str, Result], ctx: MetricContext
                  ) -> tuple[TargetSeries, ...]:
    """Section 4: each count and ratio of the ledger month by month, against its pace."""
    if ctx.data.ledger is None:
        return ()
    return tuple(target_series(t, results[t.id], ctx) for t in targets
                 if t.metric in LEDGER_SERIES and results[t.id].status != "no_data")


def milestones(results: Sequence[Result]) -> tuple[Milestone, ...]:
    """Section 4: each dated deliverable with its due date and the month it was done."""
    return tuple(Milestone(target_id=r.id, name=r.name, name_en=r.name_en, due=r.due,
                           done_in=r.detail.get("done_in"), status=r.status)
                 for r in results if r.metric == "ledger.milestone")


def input_accounts(report: Report, last_dates: dict[str, dt.date | None]
                   ) -> tuple[InputAccount, ...]:
    """Section 5: every input's rows read, accepted, rejected and the last date it covers."""
    return tuple(InputAccount(path=i.path, kind=i.kind, rows_read=i.rows_read,
                              rows_accepted=i.rows_accepted, rows_rejected=i.rows_rejected,
                              last_date=last_dates.get(i.path))
                 for i in report.inputs)


def reject_groups(row_errors: Sequence[dict[str, Any]]) -> tuple[RejectGroup, ...]:
    """Rejected rows grouped by file, column and message, in the order first met.

    >>> [g.count for g in reject_groups([
    ...     {"path": "a.csv", "line": 3, "column": "pm25", "value": "x", "message": "not a number"},
    ...     {"path": "a.csv", "line": 9, "column": "pm25", "value": "y", "message": "not a number"},
    ...     {"path": "a.csv", "line": 4, "column": "date", "value": "z", "message": "no date"}])]
    [2, 1]
    """
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for error in row_errors:
        key = (str(error["path"]), str(error["column"]), str(error["message"]))
        groups.setdefault(key, []).append(error)
    return tuple(RejectGroup(path=path, column=column, message=message, count=len(errors),
                             example_line=int(errors[0]["line"]),
                             example_value=str(errors[0]["value"]),
                             message_zh=str(errors[0].get("message_zh", message)))
                 for (path, column, message), errors in groups.items())


def monthly_report_from(report: Report, ctx: MetricContext, targets: Sequence[Target],
                        last_dates: dict[str, dt.date | None] | None = None) -> MonthlyReport:
    """The monthly report of one check: its ``Report`` and the series of every section.

    ``ctx`` is the context that check evaluated its targets in; ``last_dates`` the last
    date each input covers, by path.
    """
    results = {r.id: r for r in report.results}
    return MonthlyReport(
        report=report, months=tuple(f"{w.start:%Y-%m}" for w in month_windows(ctx.window)),
        air=air_series(targets, results, ctx), water=water_series(targets, results, ctx),
        ledger=ledger_series(targets, results, ctx), milestones=milestones(report.results),
        inputs=input_accounts(report, last_dates or {}),
        rejected=reject_groups(report.row_errors))


__all__ = ["LEDGER_SERIES", "air_days", "air_series", "class_rank", "input_accounts",
           "ledger_series", "milestones", "monthly_report_from", "reject_groups",
           "section_grid", "source_rounds", "target_series", "to_date", "to_date_windows",
           "water_series", "year_allowance"]
