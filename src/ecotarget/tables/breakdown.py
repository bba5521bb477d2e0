"""Breakdowns of ``check --by station|month|section``: which station, month or section pulls a
figure down.

* ``station`` (air targets): each station's own good-day rate, PM2.5 mean, valid and
  non-good days, and the region's figures without that station — the air metrics
  (:func:`ecotarget.metrics.air.good_day_rate`, :func:`~ecotarget.metrics.air.pm25_mean`)
  over one station's days, and over the city days of the other stations;
* ``month`` (every target but milestones): the target measured by its own metric over
  each month of the period and judged by the same rules — a rate or a mean against the
  target as it stands, a count against its pro-rata share of the month (target × days ÷
  days in the year), a ``previous_year`` target against the same month a year earlier;
* ``section`` (water targets): each section's class, main pollutants and CWQI per month,
  from the section table of the month's samples.

Each function returns ``{"by": …, "rows": [...]}``; a target the breakdown does not apply
to gets no rows and a ``note``. A month row's ``how`` and ``reason`` and a ``note`` are
catalogue Texts, rendered in the reader's language (JSON: both, as ``how``/``how_en``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.dataset import city_days_from_hours, city_days_with_aqi, station_days_from_hours
from ecotarget.evaluate import evaluate
from ecotarget.metrics import MEASURES, air
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.water_sections import monitored_sections, rounded, rows_in, section_table
from ecotarget.params import AirParams, WaterCwqiParams, WaterShareParams
from ecotarget.periods import Window, month_end
from ecotarget.targets import Target

BREAKDOWNS = ("station", "month", "section")
AIR_METRICS = ("air.good_day_rate", "air.pm25_mean")
WATER_METRICS = ("water.class_share", "water.cwqi")

Breakdown = dict[str, Any]


def breakdown(by: str, target: Target, ctx: MetricContext) -> Breakdown:
    """The breakdown ``by`` of one target over the check's window."""
    if by == "station":
        return station_breakdown(target, ctx)
    if by == "month":
        return month_breakdown(target, ctx)
    if by == "section":
        return section_breakdown(target, ctx)
    raise ValueError(f"unknown breakdown {by!r}; one of {', '.join(BREAKDOWNS)}")


def _none(by: str, note: str) -> Breakdown:
    """No rows, and why: ``note`` is a ``breakdown.*`` catalogue key (JSON: note, note_en)."""
    return {"by": by, "rows": [], "note": Text(f"breakdown.{note}")}


# --- months ------------------------------------------------------------------------------------

def month_windows(window: Window) -> list[Window]:
    """The months of ``window``, each cut to the window, as explicit periods.

    >>> [(w.start.isoformat(), w.end.isoformat()) for w in month_windows(
    ...     Window(2025, dt.date(2025, 1, 15), dt.date(2025, 3, 10), dt.date(2025, 3, 10)))]
    [('2025-01-15', '2025-01-31'), ('2025-02-01', '2025-02-28'), ('2025-03-01', '2025-03-10')]
    """
    out = []
    for month in window.months():
        year, number = int(month[:4]), int(month[5:])
        start = max(window.start, dt.date(year, number, 1))
        end = min(window.end, month_end(year, number))
        out.append(Window(window.year, start, end, end, explicit_period=True))
    return out


def month_breakdown(target: Target, ctx: MetricContext) -> Breakdown:
    """The target's own metric over each month, with the month's status."""
    if target.metric == "ledger.milestone":
        return _none("month", "milestone")
    rows = []
    for window in month_windows(ctx.window):
        # the check's context over the month: its city days and section tables are shared
        result = evaluate(target, MEASURES[target.metric](target, ctx.at(window)), window)
        row: dict[str, Any] = {"month": f"{window.start:%Y-%m}", "start": window.start,
                               "end": window.end, "actual": result.actual,
                               "target_value": result.target_value, "status": result.status,
                               "margin": result.margin, "how": result.how,
                               "reason": result.reason}
        stats = result.detail.get("stats")
        if stats:  # air: the days behind the month's figure
            row.update(valid_days=stats["valid_days"], good_days=stats["good_days"],
                       days_by_category=stats["days_by_category"])
        rows.append(row)
    return {"by": "month", "rows": rows}


# --- stations ----------------------------------------------------------------------------------

def station_figures(days: pd.DataFrame, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Good-day rate, PM2.5 mean, valid and non-good days of days with AQI over a period.

    >>> days = pd.DataFrame({"date": pd.date_range("2025-03-01", periods=3),
    ...     "aqi": [45, 120, 80], "valid": [True, True, True], "pm25": [30.0, 90.0, 40.0]})
    >>> station_figures(days, dt.date(2025, 3, 1), dt.date(2025, 3, 3))
    {'good_day_rate': 66.7, 'pm25': 53.0, 'valid_days': 3, 'non_good_days': 1}
    """
    valid = air.valid_days(air.days_between(days, start, end))
    return {"good_day_rate": air.good_day_rate(days, start, end),
            "pm25": air.pm25_mean(days, start, end), "valid_days": len(valid),
            "non_good_days": int((valid["aqi"] > air.GOOD_AQI).sum())}


def station_breakdown(target: Target, ctx: MetricContext) -> Breakdown:
    """Each station's own figures, and the region's without it (air targets only)."""
    if target.metric not in AIR_METRICS:
        return _none("station", "air_only")
    hours = ctx.data.air_hourly
    if hours is None or hours.empty:
        return _none("station", "needs_hours")
    settings = ctx.settings.air
    edition = ctx.edition_for(target.params_as(AirParams).standard)
    start, end = ctx.window.start, ctx.window.end
    per_station = station_days_from_hours(hours)
    names = sorted(str(s) for s in hours["station"].unique())
    rows = []
    for name in names:
        own = per_station[per_station["station"] == name].drop(columns="station")
        row = {"station": name, **station_figures(city_days_with_aqi(
            own.reset_index(drop=True), settings, edition), start, end)}
        if len(names) > 1:
            others = city_days_from_hours(hours[hours["station"] != name],
                                          settings.city_aggregation)
            without = station_figures(city_days_with_aqi(others, settings, edition), start, end)
            row.update(without_good_day_rate=without["good_day_rate"],
                       without_pm25=without["pm25"])
        rows.append(row)
    return {"by": "station", "rows": rows}


# --- sections ----------------------------------------------------------------------------------

def section_rows(water: pd.DataFrame, window: Window, rule: Any,
                 wanted: pd.Index | None = None,
                 tables: Callable[[dt.date, dt.date], pd.DataFrame] | None = None
                 ) -> list[dict[str, Any]]:
    """Class, main pollutants and CWQI of each monitored section in each month of ``window``.

    ``tables``: where a period's section table comes from (a check's cached
    :meth:`MetricContext.section_table`); default: computed from ``water``.
    """
    rows = []
    for month in month_windows(window):
        samples = rows_in(water, month.start, month.end)
        if samples.empty:
            continue
        table = monitored_sections(tables(month.start, month.end) if tables is not None
                                   else section_table(samples, rule))
        if wanted is not None:
            table = table[table.index.isin(wanted)]
        for name, section in table.iterrows():
            cls = section["class_name"]
            rows.append({"month": f"{month.start:%Y-%m}", "section": str(name),
                         "class": None if pd.isna(cls) else str(cls),
                         "main_pollutants": str(section["main_pollutants"] or ""),
                         "cwqi": rounded(section["cwqi"], 4)})
    return rows


def section_breakdown(target: Target, ctx: MetricContext) -> Breakdown:
    """Each section's class and main pollutants per month (water targets only): the sections
    the target counts (its levels, or its listed sections)."""
    if target.metric not in WATER_METRICS:
        return _none("section", "water_only")
    water = ctx.data.water
    if water is None:
        return _none("section", "no_water")
    whole = monitored_sections(ctx.section_table(ctx.window.start, ctx.window.end))
    params = target.params_as(WaterShareParams if target.metric == "water.class_share"
                              else WaterCwqiParams)
    listed = getattr(params, "sections", None)
    if listed:
        wanted = whole.index[whole.index.isin(listed)]
    elif "level" in whole:
        wanted = whole.index[whole["level"].isin(list(params.levels)).to_numpy()]
    else:
        wanted = whole.index[:0]
    rule = ctx.settings.water.below_detection_limit
    return {"by": "section", "rows": section_rows(water, ctx.window, rule, wanted,
                                                  ctx.section_table)}


def with_breakdowns(results: list[Any], targets: list[Target], ctx: MetricContext,
                    by: str | None) -> list[Any]:
    """The results with their ``breakdown`` set (unchanged when ``by`` is None)."""
    if by is None:
        return results
    # a target without any data has nothing to break down: no rows of "no data" either
    return [dataclasses.replace(result, breakdown=(
        _none(by, "no_data") if result.status == "no_data"
        else breakdown(by, target, ctx)))
            for result, target in zip(results, targets, strict=True)]


__all__ = ["AIR_METRICS", "BREAKDOWNS", "WATER_METRICS", "breakdown", "month_breakdown",
           "month_windows", "section_breakdown", "section_rows", "station_breakdown",
           "station_figures", "with_breakdowns"]
