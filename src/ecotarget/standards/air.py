"""Ambient-air assessment: HJ 663 validity, daily values and city values from stations.

* Natural days and hour labels (CNEMC end-of-hour labels; ``docs/standards.md`` §2).
* Daily values from hourly values with the GB 3095-2012 Table 4 / HJ 663-2013 §6.1
  validity gates: 24-h means need 20 valid hours; an O3 8-h window needs 6 valid
  hours; the O3 daily maximum 8-h needs 14 of its 17 windows unless it already exceeds
  the limit.
* City (county) values from stations, hourly-first or daily-first (HJ 663 prescribes the
  station mean but not the order, so both are offered), never the worst station.
* Percentiles (HJ 663 Appendix A), the composite index, month coverage and the period
  statistics a bureau reports live in :mod:`ecotarget.standards.air_statistics` and are
  re-exported here.

Pure functions: no I/O, inputs are never mutated, NaN means "no valid value".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.standards.air_statistics import (
    ANNUAL_MIN_VALID_DAYS,
    COMPOSITE_LIMITS_2012,
    COMPOSITE_LIMITS_2026_TRANSITION,
    AirStats,
    composite_index,
    min_valid_days_for_month,
    month_coverage,
    percentile,
    period_statistics,
)
from ecotarget.standards.frames import require_columns
from ecotarget.standards.rounding import round_half_even

# The period statistics are re-exported: consumers use ``standards.air`` as one engine.
__all__ = [
    "ANNUAL_MIN_VALID_DAYS",
    "COMPOSITE_LIMITS_2012",
    "COMPOSITE_LIMITS_2026_TRANSITION",
    "DECIMALS",
    "MIN_HOURS_24H",
    "O3_8H_LIMIT",
    "O3_MIN_WINDOWS",
    "O3_WINDOW_MIN_HOURS",
    "POLLUTANTS",
    "AirStats",
    "city_daily",
    "city_hourly",
    "composite_index",
    "daily_values",
    "min_valid_days_for_month",
    "month_coverage",
    "natural_day",
    "percentile",
    "period_statistics",
]

FloatArray = npt.NDArray[np.float64]

#: Hourly pollutant columns, in output order.
POLLUTANTS: tuple[str, ...] = ("pm25", "pm10", "so2", "no2", "co", "o3")
_MEANS_24H: tuple[str, ...] = ("pm25", "pm10", "so2", "no2", "co")

#: Reporting decimals (GB/T 8170 rounding, as bulletins report): CO 0.1 mg/m3, the others whole µg/m3.
DECIMALS: Mapping[str, int] = MappingProxyType(
    {"pm25": 0, "pm10": 0, "so2": 0, "no2": 0, "co": 1, "o3": 0, "o3_1h_max": 0, "o3_8h_max": 0}
)

# GB 3095-2012 Table 4 / HJ 663-2013 §6.1.2:
MIN_HOURS_24H = 20  # a 24-h mean needs >= 20 valid hourly values
O3_WINDOW_MIN_HOURS = 6  # an O3 8-h moving mean needs >= 6 valid hours in its window
O3_MIN_WINDOWS = 14  # the daily max 8-h needs >= 14 valid windows ending 08..24 ...
O3_8H_LIMIT = 160.0  # ... unless it already exceeds the grade-II limit (GB 3095 Table 1)
_O3_WINDOW = 8  # an 8-h moving mean covers the labelled hour and the previous 7 (CNEMC)
_HOURS = 24
_HOUR_NS = 3_600 * 10**9
_DAY_NS = _HOURS * _HOUR_NS




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
    require_columns(hourly, [*keys, "hour", *POLLUTANTS], "daily_values")
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
    ``min_stations`` such stations gives NaN (no standard fixes a minimum station count,
    ``docs/standards.md`` §2; default 1).  ``by`` names the station columns; a station-hour
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
    require_columns(hourly, [*by, "date", "hour", *POLLUTANTS], "city_hourly")
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
    averaging order is not fixed by HJ 663 (``docs/standards.md`` §2).
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
