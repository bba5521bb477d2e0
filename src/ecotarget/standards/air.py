"""Ambient-air assessment: HJ 663 validity, daily values, city values and period statistics.

* Natural days and hour labels (CNEMC end-of-hour labels; standards.md §1.6, §1.7).
* Daily values from hourly values with the GB 3095 Table 4 / HJ 663 §6.1 validity gates
  (standards.md §2.3): 24-h means need 20 valid hours; an O3 8-h window needs 6 valid
  hours; the O3 daily maximum 8-h needs 14 of its 17 windows unless it already exceeds
  the limit.
* City (county) values from stations, hourly-first or daily-first (§2.2, UNCONFIRMED
  which, so both are offered), never the worst station.
* Percentiles (HJ 663 Appendix A), the composite index (§2.6), month coverage and the
  period statistics a bureau reports (§2.4-§2.6, §6).

Pure functions: no I/O, inputs are never mutated, NaN means "no valid value".
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.standards.aqi import CATEGORIES, POLLUTANT_NAMES, category_for
from ecotarget.standards.rounding import round_half_even, round_half_even_scalar

FloatArray = npt.NDArray[np.float64]

#: Hourly pollutant columns, in output order.
POLLUTANTS: tuple[str, ...] = ("pm25", "pm10", "so2", "no2", "co", "o3")
_MEANS_24H: tuple[str, ...] = ("pm25", "pm10", "so2", "no2", "co")

#: Reporting decimals (standards.md §2.8, LIKELY): CO to 0.1 mg/m3, the others whole µg/m3.
DECIMALS: Mapping[str, int] = MappingProxyType(
    {"pm25": 0, "pm10": 0, "so2": 0, "no2": 0, "co": 1, "o3": 0, "o3_1h_max": 0, "o3_8h_max": 0}
)

# GB 3095-2012 Table 4 / HJ 663-2013 §6.1.2 (standards.md §2.3, CONFIRMED):
MIN_HOURS_24H = 20  # a 24-h mean needs >= 20 valid hourly values
O3_WINDOW_MIN_HOURS = 6  # an O3 8-h moving mean needs >= 6 valid hours in its window
O3_MIN_WINDOWS = 14  # the daily max 8-h needs >= 14 valid windows ending 08..24 ...
O3_8H_LIMIT = 160.0  # ... unless it already exceeds the grade-II limit (GB 3095 Table 1)
_O3_WINDOW = 8  # an 8-h moving mean covers the labelled hour and the previous 7 (CNEMC)
_HOURS = 24
_HOUR_NS = 3_600 * 10**9
_DAY_NS = _HOURS * _HOUR_NS

#: Annual mean and annual percentiles need >= 324 valid days (GB 3095 Table 4, CONFIRMED).
ANNUAL_MIN_VALID_DAYS = 324
_MONTH_MIN_VALID_DAYS = 27  # GB 3095 Table 4: monthly mean >= 27 daily values ...
_FEBRUARY_MIN_VALID_DAYS = 25  # ... February >= 25 (CONFIRMED)

#: Composite-index S_i: GB 3095-2012 grade II annual limits for SO2, NO2, PM10, PM2.5, the
#: 24-h CO limit and the 8-h O3 limit (城市环境空气质量排名技术规定; standards.md §2.6, CONFIRMED).
COMPOSITE_LIMITS_2012: Mapping[str, float] = MappingProxyType(
    {"so2": 60.0, "no2": 40.0, "pm10": 70.0, "pm25": 35.0, "co": 4.0, "o3": 160.0}
)
#: UNCONFIRMED (standards.md §2.6, §8 item 2): S_i after 2026-03-01 as one repository uses
#: them, the GB 3095-2026 transition annual limits PM2.5 30 and PM10 60, the rest unchanged.
COMPOSITE_LIMITS_2026_TRANSITION: Mapping[str, float] = MappingProxyType(
    {**COMPOSITE_LIMITS_2012, "pm10": 60.0, "pm25": 30.0}
)
_COMPOSITE_KEYS: tuple[str, ...] = ("so2", "no2", "pm10", "pm25", "co", "o3")


# ---------------------------------------------------------------------------------------------
# Natural days
# ---------------------------------------------------------------------------------------------


def natural_day(times: pd.Series, hour_label: Literal["end", "start"] = "end") -> pd.DataFrame:
    """Natural day and hour number (1..24; hour h covers clock h-1..h) of each time label.

    ``"end"`` (the national network, CNEMC): the value labelled 16:00 is the mean of
    15:00-16:00, hour 16 of that day, and 00:00 of D+1 is hour 24 of day D.
    ``"start"``: the value labelled 15:00 covers 15:00-16:00, hour 16.  Labels must be
    whole hours and not missing (``ValueError`` otherwise).  Same index as ``times``.

    >>> t = pd.Series(pd.to_datetime(["2025-01-01 16:00", "2025-01-02 00:00"]))
    >>> natural_day(t)
            date  hour
    0 2025-01-01    16
    1 2025-01-01    24
    >>> natural_day(pd.Series(pd.to_datetime(["2025-01-02 00:00"])), "start")
            date  hour
    0 2025-01-02     1
    """
    if hour_label not in ("end", "start"):
        raise ValueError(f"hour_label must be 'end' or 'start', not {hour_label!r}")
    stamps = pd.to_datetime(times).to_numpy(dtype="datetime64[ns]")
    if np.isnat(stamps).any():
        raise ValueError("natural_day: missing time label (NaT)")
    # an end label covers the hour before it: 00:00 of D+1 is hour 24 of D. Integer
    # nanoseconds, in place where possible: a year of 1,700 stations is 15 million labels,
    # and each new array of them costs more in fresh memory than in arithmetic.
    covered = stamps.view(np.int64) - (_HOUR_NS if hour_label == "end" else 0)
    within = covered % _DAY_NS  # floor modulo: right before 1970 as well
    if (within % _HOUR_NS).any():
        raise ValueError("natural_day: time labels must be whole hours")
    covered -= within  # the day's midnight
    within //= _HOUR_NS
    within += 1  # hour number 1..24
    return pd.DataFrame({"date": covered.view("datetime64[ns]"), "hour": within},
                        index=times.index, copy=False)


# ---------------------------------------------------------------------------------------------
# Daily values
# ---------------------------------------------------------------------------------------------


def _check_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs column(s) {', '.join(missing)}")


def _grid(values: FloatArray, cell: npt.NDArray[np.int64], groups: int) -> FloatArray:
    """Scatter one pollutant's hourly values into a (groups, 24) array, NaN where absent.

    Infinite values are not measurements and count as missing hours."""
    grid = np.full(groups * _HOURS, np.nan)
    grid[cell] = np.where(np.isfinite(values), values, np.nan)
    return grid.reshape(groups, _HOURS)


def _o3_8h(o3: FloatArray, window_min_hours: int) -> tuple[FloatArray, npt.NDArray[np.int64]]:
    """Daily max of the valid 8-h moving means ending at hours 8..24, and the count of
    valid windows, from a (days, 24) O3 array."""
    present = ~np.isnan(o3)
    filled = np.where(present, o3, 0.0)
    n_windows = _HOURS - _O3_WINDOW + 1  # 17 windows, ending at hours 8..24
    total = np.zeros((o3.shape[0], n_windows))
    count = np.zeros((o3.shape[0], n_windows), dtype=np.int64)
    # Eight shifted adds instead of a (days, 17, 8) view: same sums, 1/8 of the memory.
    for k in range(_O3_WINDOW):
        total += filled[:, k : k + n_windows]
        count += present[:, k : k + n_windows]
    ok = count >= window_min_hours
    means = np.full_like(total, np.nan)
    np.divide(total, count, out=means, where=ok)
    return np.fmax.reduce(means, axis=1), ok.sum(axis=1)


def daily_values(
    hourly: pd.DataFrame,
    *,
    by: Sequence[str] = ("station",),
    min_hours: int = MIN_HOURS_24H,
    o3_window_min_hours: int = O3_WINDOW_MIN_HOURS,
    o3_min_windows: int = O3_MIN_WINDOWS,
    o3_8h_limit: float = O3_8H_LIMIT,
    rounded: bool = True,
) -> pd.DataFrame:
    """Daily values of each (``*by``, ``date``) from hourly values, with the validity gates.

    ``hourly`` has ``*by``, ``date``, ``hour`` (1..24, see :func:`natural_day`) and
    ``pm25 pm10 so2 no2 co o3``; NaN is a missing hour and hours may be absent rows.
    A (``*by``, ``date``, ``hour``) appearing twice raises ``ValueError``.

    Returns one row per (``*by``, ``date``), sorted, with:

    * ``pm25 pm10 so2 no2 co``: 24-h means over the valid hours, NaN with fewer than
      ``min_hours`` valid hours;
    * ``o3_1h_max``: the largest hourly O3 (NaN if none);
    * ``o3_8h_max``: the largest 8-h moving mean of the windows ending at hours 8..24 of
      the day (hours h-7..h, a window needs ``o3_window_min_hours``); NaN with fewer than
      ``o3_min_windows`` valid windows unless the maximum, rounded to whole µg/m3 as it
      would be reported, exceeds ``o3_8h_limit`` (HJ 663 §6.1.2);
    * ``hours_pm25 ... hours_o3`` (valid hours) and ``o3_windows`` (valid windows).

    With ``rounded`` the published values are rounded half-to-even after the gates
    (whole µg/m3, CO 0.1 mg/m3).  Vectorised: one (days, 24) array per pollutant.

    >>> h = pd.DataFrame({"date": pd.Timestamp("2025-01-01"), "hour": range(1, 25),
    ...     "pm25": 40.5, "pm10": 60.0, "so2": 5.0, "no2": 20.0, "co": 0.65, "o3": 50.0})
    >>> daily_values(h, by=())[["date", "pm25", "co", "o3_8h_max", "hours_pm25", "o3_windows"]]
            date  pm25   co  o3_8h_max  hours_pm25  o3_windows
    0 2025-01-01  40.0  0.6       50.0          24          17
    """
    keys = [*by, "date"]
    _check_columns(hourly, [*keys, "hour", *POLLUTANTS], "daily_values")
    grouped = hourly.groupby(keys, sort=True, dropna=False, observed=True)
    group = grouped.ngroup().to_numpy(dtype=np.int64)
    groups = grouped.ngroups
    out = grouped.size().index.to_frame(index=False)

    hour = hourly["hour"].to_numpy(dtype=np.float64, na_value=np.nan)
    if len(hour) and not ((hour >= 1) & (hour <= _HOURS) & (hour == np.round(hour))).all():
        raise ValueError("daily_values: hour must be an integer 1..24 (see natural_day)")
    cell = (group * _HOURS + hour.astype(np.int64) - 1).astype(np.int64, copy=False)
    if len(cell) and np.bincount(cell, minlength=groups * _HOURS).max() > 1:
        raise ValueError(f"daily_values: an hour appears twice for the same {', '.join(keys)}")

    counts: dict[str, npt.NDArray[np.int64]] = {}
    for name in _MEANS_24H:
        grid = _grid(hourly[name].to_numpy(np.float64, na_value=np.nan), cell, groups)
        present = ~np.isnan(grid)
        n = present.sum(axis=1)
        mean = np.full(groups, np.nan)
        np.divide(np.where(present, grid, 0.0).sum(axis=1), n, out=mean, where=n >= min_hours)
        out[name] = mean
        counts[name] = n

    o3 = _grid(hourly["o3"].to_numpy(np.float64, na_value=np.nan), cell, groups)
    counts["o3"] = (~np.isnan(o3)).sum(axis=1)
    out["o3_1h_max"] = np.fmax.reduce(o3, axis=1)
    o3_8h, windows = _o3_8h(o3, o3_window_min_hours)
    # "Already exceeds the limit" compares the value as it would be reported (GB/T 8170).
    exceeds = round_half_even(o3_8h) > o3_8h_limit
    out["o3_8h_max"] = np.where((windows >= o3_min_windows) | exceeds, o3_8h, np.nan)

    if rounded:
        for name in (*_MEANS_24H, "o3_1h_max", "o3_8h_max"):
            out[name] = round_half_even(out[name].to_numpy(), DECIMALS[name])
    for name in POLLUTANTS:
        out[f"hours_{name}"] = counts[name]
    out["o3_windows"] = windows
    return out


# ---------------------------------------------------------------------------------------------
# City (county) values from stations
# ---------------------------------------------------------------------------------------------


def city_hourly(
    hourly: pd.DataFrame, *, by: Sequence[str] = ("station",), min_stations: int = 1,
    check_unique: bool = True,
) -> pd.DataFrame:
    """City hourly values: the mean over stations of each hour's values (HJ 663 §2.2).

    Each pollutant is averaged over the stations that have a value that hour; fewer than
    ``min_stations`` such stations gives NaN (a minimum station count is UNCONFIRMED,
    standards.md §8 item 4, default 1).  ``by`` names the station columns; a station-hour
    appearing twice raises ``ValueError`` (``check_unique=False`` skips that check for a
    caller that has already refused duplicates).  The mean is not rounded: the daily values built
    from it are.  Columns ``date hour pm25 pm10 so2 no2 co o3``.

    >>> h = pd.DataFrame({"station": ["A", "B"], "date": pd.Timestamp("2025-01-01"),
    ...     "hour": 1, "pm25": [30.0, float("nan")], "pm10": [50.0, 70.0], "so2": 5.0,
    ...     "no2": 20.0, "co": 0.5, "o3": 60.0})
    >>> city_hourly(h)[["hour", "pm25", "pm10"]]
       hour  pm25  pm10
    0     1  30.0  60.0
    """
    _check_columns(hourly, [*by, "date", "hour", *POLLUTANTS], "city_hourly")
    if check_unique and hourly.duplicated(subset=[*by, "date", "hour"]).any():
        raise ValueError(f"city_hourly: a station-hour appears twice ({', '.join(by)})")
    if hourly.empty:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"),
                             "hour": pd.Series(dtype=np.int64),
                             **{p: pd.Series(dtype=np.float64) for p in POLLUTANTS}})
    # The hours of a period form a dense range, so each (date, hour) is an index into it and
    # the means are two bincounts per pollutant: no hashing or sorting of millions of rows.
    # hours since 1970 of each (date, hour): days * 24 + hour - 1, in one array
    cell = hourly["date"].to_numpy(dtype="datetime64[ns]").view(np.int64) // _DAY_NS
    cell *= _HOURS
    cell += hourly["hour"].to_numpy(dtype=np.int64)
    cell -= 1
    first = int(cell.min())
    cell -= first
    size = int(cell.max()) + 1
    rows = np.bincount(cell, minlength=size)
    slots = np.flatnonzero(rows)
    out: dict[str, object] = {
        "date": pd.to_datetime((slots + first) // _HOURS, unit="D"),
        "hour": (slots + first) % _HOURS + 1,
    }
    filled = np.empty(len(cell))  # one buffer for every pollutant's values, NaN as 0
    for name in POLLUTANTS:
        values = hourly[name].to_numpy(dtype=np.float64, na_value=np.nan)
        missing = np.isnan(values)
        np.copyto(filled, values)
        filled[missing] = 0.0
        total = np.bincount(cell, weights=filled, minlength=size)[slots]
        # stations with a value: the hour's rows less its missing values (few, so cheap)
        count = (rows - np.bincount(cell[missing], minlength=size))[slots]
        mean = np.full(len(slots), np.nan)
        np.divide(total, count, out=mean, where=(count >= min_stations) & (count > 0))
        out[name] = mean
    return pd.DataFrame(out)


def city_daily(
    hourly: pd.DataFrame,
    *,
    by: Sequence[str] = ("station",),
    aggregation: Literal["hourly_first", "daily_first"] = "hourly_first",
    min_stations: int = 1,
    min_hours: int = MIN_HOURS_24H,
    o3_window_min_hours: int = O3_WINDOW_MIN_HOURS,
    o3_min_windows: int = O3_MIN_WINDOWS,
    o3_8h_limit: float = O3_8H_LIMIT,
    rounded: bool = True,
    check_unique: bool = True,
) -> pd.DataFrame:
    """City (county) daily values from its stations' hourly values; never the worst station.

    ``hourly_first`` (default; reportedly CNEMC's procedure): :func:`city_hourly`, then
    :func:`daily_values` on the city series, so the columns are those of
    :func:`daily_values` without ``by``.  ``daily_first``: each station's (unrounded)
    daily values, averaged over the stations with a valid value (at least
    ``min_stations``), then rounded as :func:`daily_values` would; the count columns are
    ``stations_pm25 ... stations_o3_8h_max`` (stations with a valid daily value).  The
    averaging order is UNCONFIRMED (standards.md §2.2, §8 item 4).
    """

    def daily(frame: pd.DataFrame, keys: Sequence[str], round_values: bool) -> pd.DataFrame:
        return daily_values(
            frame,
            by=keys,
            min_hours=min_hours,
            o3_window_min_hours=o3_window_min_hours,
            o3_min_windows=o3_min_windows,
            o3_8h_limit=o3_8h_limit,
            rounded=round_values,
        )

    if aggregation == "hourly_first":
        city = city_hourly(hourly, by=by, min_stations=min_stations, check_unique=check_unique)
        return daily(city, (), rounded)
    if aggregation != "daily_first":
        raise ValueError(
            f"aggregation must be 'hourly_first' or 'daily_first', not {aggregation!r}"
        )
    stations = daily(hourly, by, False)
    columns = [*_MEANS_24H, "o3_1h_max", "o3_8h_max"]
    grouped = stations.groupby("date", sort=True)[columns]
    n = grouped.count()
    out = grouped.mean().where(n >= min_stations)
    if rounded:
        for name in columns:
            out[name] = round_half_even(out[name].to_numpy(), DECIMALS[name])
    out = out.join(n.add_prefix("stations_"))
    return out.reset_index()


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------


def percentile(values: npt.ArrayLike | pd.Series, p: float) -> float:
    """The p-th percentile by HJ 663 Appendix A; NaN ignored, NaN when no values.

    Sorted X(1) <= ... <= X(n); k = 1 + (n - 1) p / 100; s = floor(k);
    m = X(s) + (X(s+1) - X(s)) (k - s).  Equals ``numpy.percentile(method="linear")``.

    >>> percentile([1, 2, 3, 4, float("nan")], 90)
    3.7
    """
    if not 0 <= p <= 100:
        raise ValueError(f"percentile p must be in 0..100, not {p}")
    x = np.asarray(values, dtype=np.float64)
    x = np.sort(x[~np.isnan(x)])
    n = len(x)
    if n == 0:
        return math.nan
    # Snap k so that an integer k computed with float noise reads exactly X(k).
    k = round(1 + (n - 1) * p / 100, 9)
    s = math.floor(k)
    if s >= n:
        return float(x[-1])
    return float(x[s - 1] + (x[s] - x[s - 1]) * (k - s))


def composite_index(
    c: Mapping[str, float],
    *,
    limits: Mapping[str, float] = COMPOSITE_LIMITS_2012,
    weights: Mapping[str, float] | None = None,
) -> tuple[float, dict[str, float]]:
    """Ambient-air composite index (环境空气质量综合指数) and its single indices.

    ``c`` has ``so2 no2 pm10 pm25`` (period means), ``co`` (P95 of daily means) and
    ``o3`` (P90 of daily max 8-h).  Each term w_i C_i / S_i is rounded to 2 decimals
    half-to-even, then the terms are summed and rounded to 2 decimals (standards.md §2.6:
    reproduces the published Heyuan 1.73 and Naiman 3.14).  Weights default to 1; the
    weighted variant is UNCONFIRMED.  Any NaN concentration makes the index NaN.

    >>> composite_index({"so2": 3, "no2": 13, "pm10": 16, "pm25": 13, "co": 0.9, "o3": 87})[0]
    1.73
    """
    missing = [k for k in _COMPOSITE_KEYS if k not in c or k not in limits]
    if missing:
        raise ValueError(f"composite_index needs concentrations and limits for {missing}")
    w = weights or {}
    unknown = sorted(set(w) - set(_COMPOSITE_KEYS))
    if unknown:
        raise ValueError(f"composite_index: unknown weight key(s) {unknown}")
    terms = {
        k: round_half_even_scalar(w.get(k, 1.0) * float(c[k]) / float(limits[k]), 2)
        for k in _COMPOSITE_KEYS
    }
    total = math.fsum(terms.values())
    return round_half_even_scalar(total, 2), terms


def min_valid_days_for_month(year: int, month: int) -> int:
    """Valid days a monthly mean needs: 27, February 25 (GB 3095-2012 Table 4).

    >>> min_valid_days_for_month(2024, 2), min_valid_days_for_month(2025, 3)
    (25, 27)
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month}")
    return _FEBRUARY_MIN_VALID_DAYS if month == 2 else _MONTH_MIN_VALID_DAYS


def month_coverage(
    dates_valid: pd.Series, *, start: datetime.date, end: datetime.date
) -> pd.DataFrame:
    """Valid days per calendar month of [``start``, ``end``] against the monthly rule.

    ``dates_valid`` holds the dates of valid days (duplicates count once; dates outside
    the period are ignored).  One row per month: ``month`` ("YYYY-MM"),
    ``days_in_period`` (days of that month inside the period), ``valid_days``,
    ``required`` and ``ok``.  A whole month requires 27 (February 25).  A month cut by
    the period (a year to date ending mid-month) requires the rule pro rata, rounded up:
    ceil(days_in_period x rule / days_in_month), so 15 days of a 30-day month need
    ceil(13.5) = 14.  GB 3095 states only the whole-month rule; the pro-rata reading is
    ecotarget's, for judging a month in progress.

    >>> cov = month_coverage(pd.Series(pd.date_range("2025-02-01", "2025-02-25")),
    ...     start=datetime.date(2025, 2, 1), end=datetime.date(2025, 3, 15))
    >>> cov.to_dict("records")[0]
    {'month': '2025-02', 'days_in_period': 28, 'valid_days': 25, 'required': 25, 'ok': True}
    >>> cov.to_dict("records")[1]["required"]
    14
    """
    if end < start:
        raise ValueError(f"month_coverage: end {end} is before start {start}")
    days = pd.DatetimeIndex(pd.to_datetime(dates_valid)).dropna().normalize().unique()
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    days = days[(days >= lo) & (days <= hi)]
    have = pd.Series(1, index=days).groupby(days.to_period("M")).sum()
    rows = []
    for period in pd.period_range(lo, hi, freq="M"):
        first = max(period.start_time.normalize(), lo)
        last = min(period.end_time.normalize(), hi)
        in_period = (last - first).days + 1
        month_days = calendar.monthrange(period.year, period.month)[1]
        rule = min_valid_days_for_month(period.year, period.month)
        required = -(-in_period * rule // month_days)  # integer ceiling, no float error
        valid = int(have.get(period, 0))
        rows.append(
            {
                "month": f"{period.year:04d}-{period.month:02d}",
                "days_in_period": in_period,
                "valid_days": valid,
                "required": required,
                "ok": valid >= required,
            }
        )
    return pd.DataFrame(
        rows, columns=["month", "days_in_period", "valid_days", "required", "ok"]
    ).astype({"month": "str", "ok": bool})


@dataclass(frozen=True)
class AirStats:
    """Period air statistics over the valid days (see :func:`period_statistics`)."""

    valid_days: int
    good_days: int
    good_day_rate: float  # good / valid * 100, unrounded; NaN without a valid day
    heavy_days: int  # AQI > 200
    days_by_category: dict[str, int]  # all six 类别 in level order
    primary_counts: dict[str, int]  # display name -> non-good days with it as primary
    pollutant_days: dict[str, int]  # valid days with a value of each pollutant
    pm25_mean: float  # whole µg/m3, half-to-even
    pm25_mean_exact: float
    pm10_mean: float
    so2_mean: float
    no2_mean: float
    co_p95: float  # mg/m3, 1 decimal
    o3_8h_p90: float  # whole µg/m3
    composite_index: float
    composite_terms: dict[str, float]


def period_statistics(
    days: pd.DataFrame,
    *,
    composite_limits: Mapping[str, float] = COMPOSITE_LIMITS_2012,
    composite_weights: Mapping[str, float] | None = None,
) -> AirStats:
    """Statistics of a period from daily AQI rows joined with the daily values.

    ``days`` has ``aqi``, ``level``, ``primary_pollutants``, ``valid`` (from
    :func:`~ecotarget.standards.aqi.daily_aqi`) and ``pm25 pm10 so2 no2 co o3_8h_max``.
    Only valid days count.  Means are rounded half-to-even to whole µg/m3, the CO P95 to
    0.1 mg/m3, the O3 P90 to whole µg/m3 (standards.md §2.4, §2.8, §6); the composite
    index uses those reported values and ``composite_limits`` (S_i after 2026-03-01 is
    UNCONFIRMED: pass :data:`COMPOSITE_LIMITS_2026_TRANSITION` to use the transition
    limits).
    """
    _check_columns(
        days,
        ["aqi", "primary_pollutants", "valid", "pm25", "pm10", "so2", "no2", "co", "o3_8h_max"],
        "period_statistics",
    )
    valid_mask = days["valid"].fillna(False).to_numpy(dtype=bool)
    v = days.loc[valid_mask]
    aqi = v["aqi"].to_numpy(np.float64, na_value=np.nan)
    n = int(valid_mask.sum())
    good = int((aqi <= 100).sum())
    zh = category_for(aqi).zh
    by_category = {c.zh: int((zh == c.zh).sum()) for c in CATEGORIES}

    primary_lists = v.loc[aqi > 100, "primary_pollutants"].fillna("").astype(str).str.split(",")
    primary_counts = dict.fromkeys(POLLUTANT_NAMES, 0)
    for names in primary_lists:
        for name in names:
            if name in primary_counts:
                primary_counts[name] += 1

    def col(name: str) -> FloatArray:
        return v[name].to_numpy(np.float64, na_value=np.nan)

    def mean(name: str) -> float:
        x = col(name)
        x = x[~np.isnan(x)]
        return float(x.mean()) if len(x) else math.nan

    pm25_exact = mean("pm25")
    stats = {
        "pm25": round_half_even_scalar(pm25_exact, 0),
        "pm10": round_half_even_scalar(mean("pm10"), 0),
        "so2": round_half_even_scalar(mean("so2"), 0),
        "no2": round_half_even_scalar(mean("no2"), 0),
        "co": round_half_even_scalar(percentile(col("co"), 95), 1),
        "o3": round_half_even_scalar(percentile(col("o3_8h_max"), 90), 0),
    }
    # A NaN statistic (no valid value of that pollutant) makes its term and the index NaN.
    total, terms = composite_index(stats, limits=composite_limits, weights=composite_weights)

    return AirStats(
        valid_days=n,
        good_days=good,
        good_day_rate=good / n * 100 if n else math.nan,
        heavy_days=int((aqi > 200).sum()),
        days_by_category=by_category,
        primary_counts=primary_counts,
        pollutant_days={
            p: int((~np.isnan(col(p))).sum())
            for p in ("pm25", "pm10", "so2", "no2", "co", "o3_8h_max")
        },
        pm25_mean=stats["pm25"],
        pm25_mean_exact=pm25_exact,
        pm10_mean=stats["pm10"],
        so2_mean=stats["so2"],
        no2_mean=stats["no2"],
        co_p95=stats["co"],
        o3_8h_p90=stats["o3"],
        composite_index=total,
        composite_terms=terms,
    )
