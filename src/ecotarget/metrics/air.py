"""Air metrics: the good-day rate and the PM2.5 mean of a period, with the year's outlook.

Station-hours become city days (HJ 663 §2.2, hourly first by default), days get their AQI
under the edition in force on each date (HJ 633-2012 before 2026-03-01, HJ 633-2026 from
then) or under one edition for every day, and the period statistics follow HJ 663.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.metrics.context import Dataset, MetricContext
from ecotarget.metrics.params import AirParams
from ecotarget.periods import Window
from ecotarget.report import Measurement
from ecotarget.schemas import AIR_POLLUTANTS
from ecotarget.standards import air as engine
from ecotarget.standards.aqi import Edition, daily_aqi
from ecotarget.standards.rounding import round_half_even, round_half_even_scalar
from ecotarget.targets import AirSettings, Target, TargetsFile
from ecotarget.validate import TIME_CODE

if TYPE_CHECKING:
    from ecotarget.check import CheckOptions
    from ecotarget.validate import ValidatedTable

CITY = "city"  # the station name of rows that carry no station: the region as a whole
PERCENT_DECIMALS = 1
DAILY_COLUMNS = ("pm25", "pm10", "so2", "no2", "co", "o3_1h_max", "o3_8h_max")


# --- from validated tables to station-hours and city days -------------------------------------

def prepare_air(tables: Sequence[ValidatedTable], spec: TargetsFile,
                options: CheckOptions) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(station-hours, city days) from the accepted air rows of every input.

    Station-hours carry ``station date hour time pm25 pm10 so2 no2 co o3``, with ``date``
    and ``hour`` (1..24) the natural day of each label. City days carry the daily values;
    when hourly inputs exist they are built from them, and day rows fill only dates that
    no hourly row covers.
    """
    label = cast(Literal["end", "start"], options.hour_label or spec.settings.air.hour_label)
    hourly_tables = [t for t in tables if t.subkind == "hourly"]
    daily_tables = [t for t in tables if t.subkind == "daily"]
    hourly = _station_hours(hourly_tables, label) if hourly_tables else None
    days = city_days_from_hours(hourly, spec.settings.air) if hourly is not None else None
    if daily_tables:
        given = _given_days(daily_tables)
        if days is not None:
            given = given[~given["date"].isin(days["date"])]
        days = given if days is None else pd.concat([days, given], ignore_index=True)
    if days is not None:
        days = days.sort_values("date", ignore_index=True)
    return hourly, days


def _station_hours(tables: Sequence[ValidatedTable], label: Literal["end", "start"]
                   ) -> pd.DataFrame:
    frames = []
    for number, table in enumerate(tables):
        frame = table.frame
        station = frame["station"] if "station" in frame else pd.Series(
            CITY, index=frame.index, dtype=object)
        if station.hasnans:  # a copy of millions of names only when some are missing
            station = station.fillna(CITY)
        columns = {name: (frame.get(name, np.nan)) for name in AIR_POLLUTANTS}
        # the national network labels hours by their end, whatever the option says
        own_label = "end" if table.raw is not None and table.raw.layout else label
        day = _natural_days(table, own_label)
        # copy=False: the columns are the validated ones, shared (copy-on-write), not copied
        frames.append(pd.DataFrame({"station": station, "date": day["date"],
                                    "hour": day["hour"], "time": frame["time"], **columns,
                                    "_file": np.int32(number), "_line": frame["_line"]},
                                   copy=False))
    if len(frames) == 1:
        return frames[0]  # validation has already refused a station-hour given twice in a file
    hourly = pd.concat(frames, ignore_index=True)
    twice = hourly.duplicated(["station", "date", "hour"], keep=False)
    if twice.any():
        dup = hourly[twice].head(2)
        where = ", ".join(f"{tables[int(f)].path}:{line}"
                          for f, line in zip(dup["_file"], dup["_line"], strict=True))
        raise InputError(f"the same station-hour ({dup.iloc[0]['station']}, "
                         f"{dup.iloc[0]['time']}) comes twice: {where}; keep one copy "
                         "(or check --hour-label: hours 0 and 24 name the same hour)")
    return hourly


def _natural_days(table: ValidatedTable, label: Literal["end", "start"]) -> pd.DataFrame:
    """engine.natural_day of each row's time label; computed once per distinct label when
    validation kept them (a year of 1,700 stations: 8,784 labels, 15 million rows)."""
    frame = table.frame
    if table.distinct_times is not None and TIME_CODE in frame:
        codes = frame[TIME_CODE].to_numpy()
        if len(codes) and codes.min() >= 0:  # a missing label: natural_day says so below
            per_label = engine.natural_day(table.distinct_times, label)
            rows = codes.astype(np.intp)  # once, not once per column taken
            return pd.DataFrame({name: per_label[name].to_numpy()[rows]
                                 for name in ("date", "hour")}, index=frame.index, copy=False)
    return engine.natural_day(frame["time"], label)


def city_days_from_hours(hourly: pd.DataFrame, settings: AirSettings) -> pd.DataFrame:
    """City daily values from station-hours: the mean of the stations, never the worst."""
    # prepare_air has refused a station-hour given twice, within a file and across files
    return engine.city_daily(hourly, aggregation=settings.city_aggregation, check_unique=False)


def station_days_from_hours(hourly: pd.DataFrame) -> pd.DataFrame:
    """Each station's daily values (for ``ecotarget aqi``)."""
    return engine.daily_values(hourly, by=("station",))


def _given_days(tables: Sequence[ValidatedTable]) -> pd.DataFrame:
    """City days from day rows: ``o3`` there is the day's 1-h maximum, ``o3_8h`` its 8-h max."""
    frames = []
    for table in tables:
        f = table.frame
        frames.append(pd.DataFrame({
            "station": (f["station"].fillna(CITY) if "station" in f
                        else pd.Series(CITY, index=f.index)).astype(str),
            "date": f["date"],
            **{n: (f.get(n, np.nan)) for n in ("pm25", "pm10", "so2", "no2", "co")},
            "o3_1h_max": f.get("o3", np.nan),
            "o3_8h_max": f.get("o3_8h", np.nan),
            "published_aqi": f.get("aqi", np.nan),
        }))
    days = pd.concat(frames, ignore_index=True)
    if days["station"].nunique() > 1:  # station-day rows: the city is their mean (daily first)
        grouped = days.groupby("date", sort=True)[list(DAILY_COLUMNS)]
        means = grouped.mean()
        for name in DAILY_COLUMNS:
            means[name] = round_half_even(means[name].to_numpy(),
                                                 engine.DECIMALS[name])
        return means.reset_index()
    return days.drop(columns="station")


# --- AQI of the city days ---------------------------------------------------------------------

def edition_of(target: Target | None, ctx: MetricContext) -> Edition | None:
    """The AQI edition forced for every day, or None for 'the edition in force that day'."""
    chosen = ctx.air_standard
    if chosen is None and target is not None:
        chosen = target.params_as(AirParams).standard
    chosen = chosen or ctx.settings.air.standard
    return None if chosen == "auto" else cast(Edition, chosen)


def city_days_with_aqi(data: Dataset, settings: AirSettings,
                       edition: Edition | None) -> pd.DataFrame:
    """City days with their daily values and AQI columns."""
    assert data.air_daily is not None
    days = data.air_daily
    aqi = daily_aqi(days, edition=edition, o3_1h_in_daily_2012=settings.o3_1h_in_daily_aqi,
                    strict_valid_day=settings.strict_valid_day)
    return pd.concat([days.reset_index(drop=True), aqi.reset_index(drop=True)], axis=1)


def _days(target: Target, ctx: MetricContext) -> pd.DataFrame:
    edition = edition_of(target, ctx)
    key = f"air_days:{edition}"
    if key not in ctx.cache:
        ctx.cache[key] = city_days_with_aqi(ctx.data, ctx.settings.air, edition)
    return cast(pd.DataFrame, ctx.cache[key])


def _between(days: pd.DataFrame, start: Any, end: Any) -> pd.DataFrame:
    dates = days["date"]
    return days[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]


# --- metrics ------------------------------------------------------------------------------------

def _period(target: Target, ctx: MetricContext
            ) -> tuple[pd.DataFrame, pd.DataFrame, engine.AirStats]:
    """(all city days with AQI, the window's days, the window's HJ 663 statistics)."""
    days = _days(target, ctx)
    now = _between(days, ctx.window.start, ctx.window.end)
    return days, now, engine.period_statistics(now)


def good_day_rate(target: Target, ctx: MetricContext) -> Measurement:
    """Days with AQI ≤ 100 ÷ valid days × 100 over the window (HJ 663; standards.md §2.5)."""
    if ctx.data.air_daily is None:
        return Measurement(None, how="no air input")
    window = ctx.window
    days, now, stats = _period(target, ctx)
    if stats.valid_days == 0:
        return Measurement(None, how="no valid day in the period")
    actual = round_half_even_scalar(stats.good_day_rate, PERCENT_DECIMALS)
    coverage = _coverage(now.loc[now["valid"].fillna(False).astype(bool), "date"], window)
    goal = float(target.target) if isinstance(target.target, (int, float)) else None
    outlook, reachable, projected = _good_day_outlook(stats.good_days, stats.valid_days, goal,
                                                      days, target, ctx)
    detail = {"stats": _stats_detail(stats), "drivers": _drivers(now),
              "edition": _editions(now)}
    how = f"{stats.good_days}/{stats.valid_days} days · {window.label()}"
    if outlook.get("allowance") is not None and outlook["days_left"]:
        how += f" · ≤ {outlook['allowance']} non-good of {outlook['days_left']} days left"
    return Measurement(actual, how=how, insufficient=coverage.pop("insufficient"),
                       reachable=reachable, projected_pass=projected, coverage=coverage,
                       outlook=outlook, detail=detail)


def pm25_mean(target: Target, ctx: MetricContext) -> Measurement:
    """Mean of the valid daily PM2.5 values, reported as an integer (HJ 663; §2.4, §6)."""
    if ctx.data.air_daily is None:
        return Measurement(None, how="no air input")
    window = ctx.window
    days, now, stats = _period(target, ctx)
    values = now.loc[now["valid"].fillna(False).astype(bool), ["date", "pm25"]].dropna()
    if values.empty:
        return Measurement(None, how="no valid PM2.5 day in the period")
    coverage = _coverage(values["date"], window)
    goal = float(target.target) if isinstance(target.target, (int, float)) else None
    outlook, reachable, projected = _pm25_outlook(float(values["pm25"].sum()), len(values),
                                                  goal, days, ctx)
    detail = {"stats": _stats_detail(stats), "pm25_mean_exact": round(stats.pm25_mean_exact, 3),
              "edition": _editions(now)}
    how = f"mean of {len(values)} days · {window.label()}"
    if outlook.get("max_mean_remaining") is not None:
        how += f" · rest ≤ {outlook['max_mean_remaining']:g}"
    return Measurement(stats.pm25_mean, how=how, insufficient=coverage.pop("insufficient"),
                       reachable=reachable, projected_pass=projected, coverage=coverage,
                       outlook=outlook, detail=detail)


# --- coverage and outlook -------------------------------------------------------------------------

def _coverage(valid_dates: pd.Series, window: Window) -> dict[str, Any]:
    """Valid days per month against HJ 663 (27 a month, February 25, pro rata for a month in
    progress) and the year's 324 when the window is the whole year."""
    months = engine.month_coverage(valid_dates, start=window.start, end=window.end)
    short = months[~months["ok"]]
    problems = [f"{r.month} has {r.valid_days} valid days of {r.required} required"
                for r in short.itertuples()]
    valid = int(pd.DatetimeIndex(valid_dates).normalize().nunique())
    whole_year = window.start == window.year_start and window.end == window.year_end
    if whole_year and valid < engine.ANNUAL_MIN_VALID_DAYS:
        problems.append(f"the year has {valid} valid days of {engine.ANNUAL_MIN_VALID_DAYS}")
    return {"valid_days": valid,
            "calendar_days": (window.end - window.start).days + 1,
            "months": months.to_dict("records"),
            "insufficient": "; ".join(problems) or None}


def _remaining(ctx: MetricContext) -> tuple[int, list[tuple[int, int]]]:
    """Days left in the year after the window, and (month, days left in it) pairs."""
    window = ctx.window
    if window.explicit_period or window.end >= window.year_end:
        return 0, []
    first = pd.Timestamp(window.end) + pd.Timedelta(days=1)
    rest = pd.date_range(first, pd.Timestamp(window.year_end), freq="D")
    per_month = rest.month.value_counts().sort_index()
    return len(rest), [(int(cast(int, m)), int(n)) for m, n in per_month.items()]


def _previous_months(days: pd.DataFrame, year: int, months: list[tuple[int, int]]
                     ) -> pd.DataFrame | None:
    """The previous year's days in the given months, or None when any month has none."""
    previous = days[days["date"].dt.year == year - 1]
    wanted = [m for m, _ in months]
    chosen = previous[previous["date"].dt.month.isin(wanted) & previous["valid"].astype(bool)]
    if set(chosen["date"].dt.month) != set(wanted):
        return None
    return cast(pd.DataFrame, chosen)


def _good_day_outlook(good: int, valid: int, goal: float | None, days: pd.DataFrame,
                      target: Target, ctx: MetricContext
                      ) -> tuple[dict[str, Any], bool | None, bool | None]:
    left, months = _remaining(ctx)
    outlook: dict[str, Any] = {"days_left": left}
    if goal is None:
        return outlook, None, None

    def rate(g: float, v: float) -> float:
        return round_half_even_scalar(g / v * 100, PERCENT_DECIMALS) if v else math.nan

    passes = _passes(target)
    # The most non-good days the rest of the year may have, every remaining day counted
    # valid, such that the year's reported rate still meets the target.
    allowance = next((x for x in range(left, -1, -1)
                      if passes(rate(good + left - x, valid + left), goal)), None)
    reachable = allowance is not None
    outlook.update({
        "allowance": allowance if reachable else None,
        "good_days_needed": (left - allowance) if allowance is not None else None,
        "good_share_needed": (round_half_even_scalar((left - allowance) / left * 100, 1)
                              if allowance is not None and left else None),
        "good_share_so_far": rate(good, valid),
    })
    if not left:
        return outlook, None, None
    before = _previous_months(days, ctx.window.year, months)
    projected = None
    if before is not None:
        by_month = before.groupby(before["date"].dt.month)["aqi"]
        share = (by_month.apply(lambda s: (s <= 100).mean()))
        extra_good = sum(float(share[m]) * n for m, n in months)
        projected_rate = rate(good + extra_good, valid + left)
        projected = passes(projected_rate, goal)
        outlook["projected"] = projected_rate
        outlook["projection_basis"] = f"{ctx.window.year - 1} months {months[0][0]}–{months[-1][0]}"
    else:
        # without last year, at risk means the rest of the year must beat the year so far
        projected = passes(rate(good, valid), goal)
        outlook["projection_basis"] = "the year so far continues (no previous-year data)"
    return outlook, reachable, projected


def _pm25_outlook(total: float, n: int, goal: float | None, days: pd.DataFrame,
                  ctx: MetricContext) -> tuple[dict[str, Any], bool | None, bool | None]:
    left, months = _remaining(ctx)
    outlook: dict[str, Any] = {"days_left": left}
    if goal is None:
        return outlook, None, None
    if left:
        # the reported mean is rounded half-to-even to an integer: goal + 0.5 still reports as
        # the goal when the goal is even, so the bound is (goal + 0.5)(n + left) - total
        bound = ((goal + 0.5) * (n + left) - total) / left
        if goal % 2:  # an odd goal: x.5 rounds up, so stay strictly below
            bound -= 1e-9
        outlook["max_mean_remaining"] = math.floor(bound * 10) / 10
        reachable = bound >= 0
    else:
        reachable = None
    if not left:
        return outlook, reachable, None
    before = _previous_months(days, ctx.window.year, months)
    if before is None:
        return {**outlook, "projection_basis": "the year so far continues (no previous-year "
                "data)"}, reachable, round_half_even_scalar(total / n, 0) <= goal
    month_means = before.groupby(before["date"].dt.month)["pm25"].mean()
    projected = round_half_even_scalar(
        (total + sum(float(month_means[m]) * k for m, k in months)) / (n + left), 0)
    outlook["projected"] = projected
    outlook["projection_basis"] = f"{ctx.window.year - 1} months {months[0][0]}–{months[-1][0]}"
    return outlook, reachable, projected <= goal


def _passes(target: Target) -> Any:
    from ecotarget.evaluate import COMPARE

    return COMPARE[target.op]


# --- detail -------------------------------------------------------------------------------------

def _stats_detail(stats: engine.AirStats) -> dict[str, Any]:
    keys = ("valid_days", "good_days", "heavy_days", "days_by_category", "pm25_mean",
            "pm10_mean", "so2_mean", "no2_mean", "co_p95", "o3_8h_p90", "composite_index",
            "composite_terms", "primary_counts")
    data = asdict(stats)
    out = {k: data[k] for k in keys}
    out["good_day_rate"] = round(stats.good_day_rate, 4)
    return out


def _drivers(days: pd.DataFrame) -> dict[str, Any]:
    """What drove the non-good days: primary pollutants and the worst months."""
    valid = days[days["valid"].fillna(False).astype(bool)]
    bad = valid[valid["aqi"] > 100]
    per_month = bad.groupby(bad["date"].dt.strftime("%Y-%m")).size().sort_values(
        ascending=False)
    return {"non_good_days": len(bad),
            "worst_months": [{"month": m, "non_good_days": int(n)}
                             for m, n in per_month.head(3).items()],
            "non_good_dates": [d.date().isoformat() for d in bad["date"].head(60)]}


def _editions(days: pd.DataFrame) -> dict[str, int]:
    return {str(k): int(v) for k, v in days["edition"].value_counts().sort_index().items()}


__all__ = ["city_days_with_aqi", "good_day_rate", "pm25_mean", "prepare_air"]
