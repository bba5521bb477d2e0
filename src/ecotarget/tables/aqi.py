"""Row-level air tables behind ``ecotarget aqi``: station-day AQI, the network's hourly AQI,
and the city-day calendar with the year's good-day outlook.

The metrics in :mod:`ecotarget.metrics.air` answer one number per target; these functions
show the days (and hours) behind those numbers, computed by the same engine
(:mod:`ecotarget.standards.aqi`, :mod:`ecotarget.standards.air`) so that a row here and a
figure in ``ecotarget check`` never disagree.  No click, no printing: the command renders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.dataset import CITY, DAILY_COLUMNS, Dataset, station_days_from_hours
from ecotarget.errors import InputError
from ecotarget.evaluate import evaluate
from ecotarget.metrics.air_targets import good_day_rate
from ecotarget.metrics.context import MetricContext
from ecotarget.params import AirParams
from ecotarget.periods import make_window
from ecotarget.standards.air import POLLUTANTS
from ecotarget.standards.aqi import Edition, daily_aqi, hourly_aqi
from ecotarget.standards.averages import trailing_mean
from ecotarget.standards.rounding import round_half_even
from ecotarget.targets import AirSettings, Target, TargetsFile

_DAILY_IAQI = ("iaqi_pm25", "iaqi_pm10", "iaqi_so2", "iaqi_no2", "iaqi_co", "iaqi_o3_1h",
               "iaqi_o3_8h")
_HOURLY_IAQI = ("iaqi_pm25", "iaqi_pm10", "iaqi_so2", "iaqi_no2", "iaqi_co", "iaqi_o3")
_LABELS = ("aqi", "category", "category_en", "primary_pollutants")

#: Columns of :func:`station_day_table`, in order.
STATION_DAY_COLUMNS: tuple[str, ...] = ("date", "station", *DAILY_COLUMNS, *_DAILY_IAQI,
                                        *_LABELS, "valid")
#: Columns of :func:`hourly_table`, in order.
HOURLY_COLUMNS: tuple[str, ...] = ("time", "station", *POLLUTANTS, *_HOURLY_IAQI, *_LABELS)

GOOD_DAY_TARGET_ID = "air_good_day_rate"
#: The goal used when the targets file has no good-day target (the Pinghu plan's 90 %).
DEFAULT_GOOD_DAY_GOAL = 90.0


# --- station days ---------------------------------------------------------------------------

def _pairs(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[["station", "date"]])


def station_day_table(data: Dataset, settings: AirSettings, edition: Edition | None, *,
                      day_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per station-day with its daily values and daily AQI (HJ 633 §5, HJ 663).

    Station days come from the station-hours (:func:`station_days_from_hours`, the HJ 663
    validity gates included) and from ``day_rows`` (see
    :func:`ecotarget.dataset.given_station_days`) for the station-days no hour covers.
    When there is more than one station, the city days of ``data`` (the stations' mean,
    :func:`ecotarget.dataset.air_frames`) follow as station ``"city"``; city days on
    dates no station row covers are always listed, so an input of city-day rows gives
    exactly its own rows.

    ``edition`` None reads each day under the HJ 633 edition in force that day.  Columns
    are :data:`STATION_DAY_COLUMNS`; IAQI and AQI are nullable integers, ``category`` is
    missing when there is no AQI.  Sorted by date, stations by name, the city last.
    """
    parts: list[pd.DataFrame] = []
    if data.air_hourly is not None and len(data.air_hourly):
        parts.append(station_days_from_hours(data.air_hourly)[["station", "date",
                                                               *DAILY_COLUMNS]])
    if day_rows is not None and len(day_rows):
        rows = day_rows[["station", "date", *DAILY_COLUMNS]]
        if parts:  # hours win over day rows, as in air_frames
            rows = rows[~_pairs(rows).isin(_pairs(parts[0]))]
        parts.append(rows)
    stations = (pd.concat(parts, ignore_index=True) if parts
                else pd.DataFrame(columns=["station", "date", *DAILY_COLUMNS]))
    real = set(stations["station"].unique()) - {CITY}

    if data.air_daily is not None and len(data.air_daily):
        city = data.air_daily[["date", *DAILY_COLUMNS]].assign(station=CITY)
        # Several stations: the city is a row of its own every day.  One station (or none):
        # the city days equal the station's, so only dates no station row covers are added.
        covered = (stations.loc[stations["station"] == CITY, "date"] if len(real) > 1
                   else stations["date"])
        city = city[~city["date"].isin(covered)]
        stations = pd.concat([stations, city], ignore_index=True) if len(stations) else city
    if stations.empty:
        raise InputError(Text("input.no_air_day"))

    days = (stations.assign(_city=stations["station"] == CITY)
            .sort_values(["date", "_city", "station"], ignore_index=True)
            .drop(columns="_city"))
    days = days.astype({name: "float64" for name in DAILY_COLUMNS})
    days["date"] = pd.to_datetime(days["date"])
    aqi = daily_aqi(days, edition=edition, o3_1h_in_daily_2012=settings.o3_1h_in_daily_aqi,
                    strict_valid_day=settings.strict_valid_day)
    return _assemble(days, aqi, STATION_DAY_COLUMNS, (*_DAILY_IAQI, "aqi"))


def _assemble(values: pd.DataFrame, aqi: pd.DataFrame, columns: Sequence[str],
              integers: Sequence[str]) -> pd.DataFrame:
    """Values and AQI side by side; IAQI/AQI (ceilings, so whole) as nullable integers."""
    out = pd.concat([values.reset_index(drop=True), aqi.reset_index(drop=True)], axis=1)
    out = out.astype({name: "Int64" for name in integers})
    # The engine writes "" for "no AQI"; a missing category says so more plainly.
    out["category"] = out["category"].where(out["aqi"].notna())
    out["category_en"] = out["category_en"].where(out["aqi"].notna())
    return out[list(columns)]


# --- hourly AQI -----------------------------------------------------------------------------

def hourly_table(data: Dataset, edition: Edition | None) -> pd.DataFrame:
    """The hourly AQI as the national network publishes it, one row per station-hour.

    :func:`ecotarget.standards.aqi.hourly_aqi` on each station-hour: PM2.5 and PM10 1-h
    values against the 24-h columns, SO2/NO2/CO/O3 against the 1-h columns, no O3 8-h
    (docs/standards.md §1).  ``so2_24h`` for the HJ 633-2012 SO2 > 800 rule is the station's
    trailing 24-h SO2 mean over the hours present, rounded half to even as published.

    ``time`` is the input's own label, unchanged (start-of-hour labels stay start-of-hour);
    the edition is chosen by the hour measured, from its natural day and hour number, so a
    start-labelled ``2026-02-28 23:00`` is still read under HJ 633-2012.  Sorted by the hour
    measured, then station.  Columns :data:`HOURLY_COLUMNS`.
    """
    hours = data.air_hourly
    if hours is None or hours.empty:
        raise InputError(Text("input.no_hourly"))
    hours = hours.sort_values(["date", "hour", "station"], ignore_index=True, kind="stable")
    # The end-of-hour label of the hour measured, whatever label the input used: the form
    # hourly_aqi expects when it picks the edition.
    measured_end = hours["date"] + pd.to_timedelta(hours["hour"].astype("int64"), unit="h")
    hour_number = (measured_end.to_numpy(dtype="datetime64[h]").astype(np.int64))
    so2 = hours["so2"].to_numpy(dtype=np.float64, na_value=np.nan)
    so2_24h = round_half_even(trailing_mean(so2, hours["station"].to_numpy(), hour_number))
    frame = pd.DataFrame({"time": measured_end,
                          **{p: hours[p].astype("float64") for p in POLLUTANTS},
                          "so2_24h": so2_24h})
    aqi = hourly_aqi(frame, edition=edition)
    values = hours[["time", "station", *POLLUTANTS]].astype({p: "float64" for p in POLLUTANTS})
    return _assemble(values, aqi, HOURLY_COLUMNS, (*_HOURLY_IAQI, "aqi"))


# --- calendar -------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoodDaySummary:
    """The year-to-date good-day rate under the calendar, as ``ecotarget check`` judges it."""

    target_id: str | None  # None: no good-day target in the targets file; the default 90 %
    year: int
    start: dt.date
    end: dt.date
    good_days: int
    valid_days: int
    rate: float | None  # percent, 1 decimal (GB/T 8170)
    op: str
    goal: float
    status: str
    reason: Text  # why, as the catalogue says it in either language
    days_left: int
    allowance: int | None  # most non-good days the rest of the year may still have
    projected: float | None
    projection_basis: str | None


@dataclass(frozen=True)
class CalendarData:
    """City days for a month-by-month calendar, and the good-day summary under it.

    ``days`` has one row per calendar day of every month from the first to the last month
    with a city day: ``date aqi level category category_en valid`` (``aqi`` a nullable
    integer, ``valid`` False on days without a valid AQI, including days with no data).
    """

    days: pd.DataFrame
    months: tuple[tuple[int, int], ...]
    summary: GoodDaySummary | None


def default_good_day_target(goal: float = DEFAULT_GOOD_DAY_GOAL) -> Target:
    """A good-day target of ``goal`` percent, for inputs judged without a targets entry."""
    return Target(id=GOOD_DAY_TARGET_ID, section="headline", name="空气质量优良率",
                  name_en="Good air-quality days", clause=f"空气质量优良率达到{goal:g}%以上",
                  metric="air.good_day_rate", op=">=", target=goal, unit="%")


def good_day_target(spec: TargetsFile) -> Target | None:
    """The targets file's ``air_good_day_rate`` target (else its first good-day metric)."""
    by_id = [t for t in spec.targets if t.id == GOOD_DAY_TARGET_ID]
    by_metric = [t for t in spec.targets if t.metric == "air.good_day_rate"]
    found = by_id or by_metric
    return found[0] if found else None


def calendar_data(data: Dataset, spec: TargetsFile, *, air_standard: str | None = None,
                  as_of: dt.date | None = None) -> CalendarData:
    """City days for the calendar and the year-to-date good-day summary.

    The summary is :func:`ecotarget.metrics.air_targets.good_day_rate` evaluated like
    ``ecotarget check`` does (the same outlook: allowance and projection from the previous
    year), for the year of ``as_of`` (default: the last city day).  It uses the targets
    file's good-day target when it has one, else a ``>= 90`` % target.  The calendar's AQI
    uses the edition that target is judged under (``air_standard`` first, as with
    ``--air-standard``).
    """
    if data.air_daily is None or data.air_daily.empty:
        raise InputError(Text("input.no_air_day"))
    settings = spec.settings
    target = good_day_target(spec)
    judged = target or default_good_day_target()
    last = pd.Timestamp(data.air_daily["date"].max()).date()
    as_of = as_of or last
    window = make_window(as_of.year, as_of=as_of, period=None)
    ctx = MetricContext(data=data, window=window, settings=settings, air_standard=air_standard)

    days = ctx.city_days(ctx.edition_for(judged.params_as(AirParams).standard))
    calendar = _calendar_days(days)
    months = tuple(sorted({(d.year, d.month) for d in calendar["date"].dt.date.unique()}))

    measured = good_day_rate(judged, ctx)
    result = evaluate(judged, measured, window)
    stats = measured.detail.get("stats", {})
    outlook: dict[str, Any] = measured.outlook
    summary = GoodDaySummary(
        target_id=target.id if target else None, year=window.year, start=window.start,
        end=window.end, good_days=int(stats.get("good_days", 0)),
        valid_days=int(stats.get("valid_days", 0)),
        rate=float(measured.actual) if isinstance(measured.actual, (int, float)) else None,
        op=judged.op, goal=float(judged.target) if isinstance(judged.target, (int, float))
        else DEFAULT_GOOD_DAY_GOAL,
        status=result.status, reason=result.reason,
        days_left=int(outlook.get("days_left", 0)), allowance=outlook.get("allowance"),
        projected=outlook.get("projected"), projection_basis=outlook.get("projection_basis"))
    return CalendarData(days=calendar, months=months, summary=summary)


def _calendar_days(days: pd.DataFrame) -> pd.DataFrame:
    """Every calendar day of the months covered, with the city day's AQI where there is one."""
    first = days["date"].min().to_period("M").to_timestamp()
    last = days["date"].max().to_period("M").to_timestamp(how="end").normalize()
    grid = pd.DataFrame({"date": pd.date_range(first, last, freq="D")})
    keep = days[["date", "aqi", "level", "category", "category_en", "valid"]]
    out = grid.merge(keep, on="date", how="left")
    out["valid"] = out["valid"].fillna(False).astype(bool)
    out["aqi"] = out["aqi"].astype("Int64")
    out["category"] = out["category"].where(out["aqi"].notna())
    out["category_en"] = out["category_en"].where(out["aqi"].notna())
    return out


__all__ = ["HOURLY_COLUMNS", "STATION_DAY_COLUMNS", "CalendarData", "GoodDaySummary",
           "calendar_data", "default_good_day_target",
           "good_day_target", "hourly_table", "station_day_table"]
