"""Air quality index: HJ 633-2012 and HJ 633-2026, as data plus vectorised functions.

The two editions differ only in the PM2.5 and PM10 breakpoint columns (HJ 633-2026
Table 3 vs HJ 633-2012 Table 1) and in two special rules (O3 8-h above 800 and the
hourly SO2 1-h above 800).  Every observation is read under the edition in force on
its own date: HJ 633-2026 took effect on 2026-03-01, so a 2026 calendar year holds
both.

Calculation, in the order the standards give it:

1. round the concentration (GB/T 8170, half to even): CO to 0.1 mg/m3, the others
   to whole µg/m3 (GB/T 8170; ``docs/standards.md`` §1);
2. interpolate linearly between the neighbouring breakpoints (HJ 633 formula (1));
3. round the sub-index **up** to an integer (HJ 633-2026 §4.2.6; 2012 practice);
4. AQI = max of the sub-indices present; primary pollutants are those whose IAQI
   equals the AQI when AQI > 50, ties all listed (HJ 633 §5.2).

Everything here is pure: no I/O, inputs are never mutated, NaN means "no value".
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.standards.aqi_tables import (
    BREAKPOINTS,
    CATEGORIES,
    EDITION_2026_FROM,
    EDITIONS,
    IAQI_LEVELS,
    POLLUTANT_NAMES,
    AqiCategory,
    Edition,
)
from ecotarget.standards.columns import text_from_codes
from ecotarget.standards.frames import require_columns
from ecotarget.standards.rounding import round_half_even

# The tables live in aqi_tables; they are re-exported here, where consumers import them.
__all__ = [
    "BREAKPOINTS",
    "CATEGORIES",
    "EDITIONS",
    "EDITION_2026_FROM",
    "IAQI_LEVELS",
    "POLLUTANT_NAMES",
    "AqiCategory",
    "CategoryArrays",
    "Edition",
    "category_for",
    "daily_aqi",
    "editions_for",
    "hourly_aqi",
    "iaqi",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Special-rule thresholds and substitutes (HJ 633-2012 Table 1 notes 2 and 3; HJ 633-2026).
_SO2_1H_STOP = 800.0  # HJ 633-2012 Table 1 note 2 / HJ 633-2026 real-time rule
_O3_8H_STOP = 800.0  # HJ 633-2012 Table 1 note 3 / HJ 633-2026 daily rule
_SO2_1H_OVER_IAQI_2026 = 200.0  # HJ 633-2026: SO2 1-h > 800 -> IAQI 200
_O3_8H_OVER_IAQI_2026 = 300.0  # HJ 633-2026: O3 8-h > 800 -> IAQI 300
_IAQI_CAP = 500.0  # above the top breakpoint: IAQI 500 ("爆表"), docs/standards.md §1

# Upper AQI bound of levels I..V; an AQI above 300 is level VI.
_LEVEL_UPPER = np.array([c.aqi_max for c in CATEGORIES[:-1]], dtype=np.float64)
_ZH = np.array(["", *(c.zh for c in CATEGORIES)], dtype=object)
_EN = np.array(["", *(c.en for c in CATEGORIES)], dtype=object)

_DAILY_INPUTS = ("pm25", "pm10", "so2", "no2", "co", "o3_1h_max", "o3_8h_max")
_HOURLY_INPUTS = ("pm25", "pm10", "so2", "no2", "co", "o3")


class CategoryArrays(NamedTuple):
    """Category of each AQI: ``level`` (Int64, <NA> for NaN), ``zh`` / ``en`` ("" for NaN)."""

    level: pd.arrays.IntegerArray
    zh: npt.NDArray[np.object_]
    en: npt.NDArray[np.object_]
    good_day: BoolArray


def editions_for(dates: npt.ArrayLike | pd.Series | pd.Index) -> npt.NDArray[np.str_]:
    """The HJ 633 edition in force on each date: ``"2026"`` from 2026-03-01, else ``"2012"``.

    Timezone-aware timestamps are read at their local wall-clock date.
    Missing dates (NaT) raise ``ValueError``: the edition cannot be chosen.

    >>> editions_for(pd.Series(pd.to_datetime(["2026-02-28", "2026-03-01"]))).tolist()
    ['2012', '2026']
    """
    if isinstance(dates, pd.Series | pd.Index):
        idx = pd.DatetimeIndex(pd.to_datetime(dates))
    else:
        idx = pd.DatetimeIndex(pd.to_datetime(np.atleast_1d(np.asarray(dates))))
    if idx.tz is not None:
        idx = idx.tz_localize(None)
    if idx.isna().any():
        raise ValueError("cannot choose the HJ 633 edition for a missing date (NaT)")
    new = np.asarray(idx >= pd.Timestamp(EDITION_2026_FROM), dtype=bool)
    return np.where(new, "2026", "2012")


def _concentration_decimals(table_key: str) -> int:
    # CO is reported in mg/m3 to 0.1; every other pollutant to whole µg/m3 (docs/standards.md §1).
    return 1 if table_key.startswith("co") else 0


def _table(table_key: str, edition: Edition) -> tuple[FloatArray, FloatArray, bool]:
    """Breakpoints and levels of one column (trimmed where it stops) and whether it stops."""
    if edition not in BREAKPOINTS:
        raise ValueError(f"unknown HJ 633 edition {edition!r}; expected one of {EDITIONS}")
    try:
        column = BREAKPOINTS[edition][table_key]
    except KeyError:
        known = ", ".join(BREAKPOINTS[edition])
        raise ValueError(f"unknown IAQI table {table_key!r}; expected one of {known}") from None
    bps = [float(b) for b in column if b is not None]
    levels = np.asarray(IAQI_LEVELS[: len(bps)], dtype=np.float64)
    return np.asarray(bps, dtype=np.float64), levels, len(bps) < len(IAQI_LEVELS)


def iaqi(table_key: str, conc: npt.ArrayLike, edition: Edition) -> FloatArray:
    """Individual air quality index of concentrations ``conc`` on one breakpoint column.

    The concentration is first rounded half-to-even (CO to 0.1 mg/m3, others to whole
    µg/m3), then interpolated and rounded **up**.  Above the last breakpoint of a full
    column the IAQI is capped at 500; above the end of a column that stops
    (``so2_1h`` > 800, ``o3_8h`` > 800) the result is NaN and the caller applies the
    edition's special rule.  NaN, infinite or negative concentrations give NaN.

    >>> iaqi("pm25_24h", [35.4, 35.5, 75, 501, -1, float("nan")], "2012").tolist()
    [50.0, 52.0, 100.0, 500.0, nan, nan]
    >>> iaqi("pm25_24h", [75], "2026").tolist(), iaqi("co_24h", [2.5], "2012").tolist()
    ([114.0], [63.0])
    """
    bps, _, stops = _table(table_key, edition)
    decimals = _concentration_decimals(table_key)
    raw = np.asarray(conc, dtype=np.float64)
    c = round_half_even(raw, decimals)
    ok = np.isfinite(raw) & (raw >= 0)
    # Rounded concentrations sit on a grid (whole µg/m3, 0.1 mg/m3 for CO), so every IAQI
    # the table can give is precomputed once per grid step and looked up here.
    table = _iaqi_grid(table_key, edition)
    step = 10**decimals
    inside = ok & (c <= bps[-1])
    index = np.where(inside, np.round(np.where(inside, c, 0.0) * step), 0).astype(np.intp)
    value = table[index]
    value = np.where(ok & ~inside, np.nan if stops else _IAQI_CAP, value)
    return np.where(ok, value, np.nan)


@functools.cache
def _iaqi_grid(table_key: str, edition: Edition) -> FloatArray:
    """IAQI of every grid concentration 0, 1/10^d, … up to the last breakpoint (read-only)."""
    bps, levels, _ = _table(table_key, edition)
    step = 10 ** _concentration_decimals(table_key)
    c = np.arange(round(bps[-1] * step) + 1, dtype=np.float64) / step
    # Segment j holds bps[j-1] < c <= bps[j]; c == 0 falls in the first segment.
    j = np.clip(np.searchsorted(bps, c, side="left"), 1, len(bps) - 1)
    lo_bp, hi_bp = bps[j - 1], bps[j]
    lo_i, hi_i = levels[j - 1], levels[j]
    value = (hi_i - lo_i) / (hi_bp - lo_bp) * (c - lo_bp) + lo_i
    # Snap float noise before the ceiling: an exact 50 computed as 50.00000000001 is 50.
    grid: FloatArray = np.ceil(np.round(value, 9))
    grid.flags.writeable = False
    return grid


def category_for(aqi: npt.ArrayLike) -> CategoryArrays:
    """Level (1..6), Chinese and English category and good-day flag of each AQI.

    The bands are HJ 633 Table 2: 0-50, 51-100, 101-150, 151-200, 201-300, > 300.
    A (non-integer) AQI between two bands belongs to the higher one.

    >>> cats = category_for([50, 51, 100, 101, 300, 301, float("nan")])
    >>> cats.level.tolist(), cats.zh.tolist()[-3:]
    ([1, 2, 2, 3, 5, 6, <NA>], ['重度污染', '严重污染', ''])
    """
    a = np.asarray(aqi, dtype=np.float64)
    nan = np.isnan(a)
    level = np.searchsorted(_LEVEL_UPPER, np.nan_to_num(a), side="left") + 1
    level = np.where(nan, 0, level)
    return CategoryArrays(
        level=pd.arrays.IntegerArray(level.astype(np.int64), nan),
        zh=_ZH[level],
        en=_EN[level],
        good_day=(level >= 1) & (level <= 2),
    )


def _edition_array(
    frame: pd.DataFrame,
    column: str,
    edition: Edition | None,
    shift: pd.Timedelta | None = None,
) -> npt.NDArray[np.str_]:
    if edition is not None:
        if edition not in EDITIONS:
            raise ValueError(f"unknown HJ 633 edition {edition!r}; expected one of {EDITIONS}")
        return np.full(len(frame), edition)
    if column not in frame.columns:
        raise ValueError(f"column {column!r} is needed to choose the edition (or pass edition=)")
    times = pd.to_datetime(frame[column])
    return editions_for(times if shift is None else times - shift)


def _edition_column(editions: npt.NDArray[np.str_], index: pd.Index) -> pd.Series:
    """The edition of each row as a text column (built from codes, see ``standards.columns``)."""
    codes = np.zeros(len(editions), dtype=np.int8)
    for code, edition in enumerate(EDITIONS):
        codes[editions == edition] = code
    return text_from_codes(EDITIONS, codes, index)


def _iaqi_by_edition(
    table_key: str, conc: FloatArray, editions: npt.NDArray[np.str_]
) -> FloatArray:
    """IAQI with each element read under its own edition's table."""
    if BREAKPOINTS["2012"][table_key] == BREAKPOINTS["2026"][table_key]:
        return iaqi(table_key, conc, "2012")
    return np.where(
        editions == "2026", iaqi(table_key, conc, "2026"), iaqi(table_key, conc, "2012")
    )


def _floats(frame: pd.DataFrame, column: str) -> FloatArray:
    return frame[column].to_numpy(dtype=np.float64, na_value=np.nan)


# Comma-joined display names for every subset of the six pollutants (bit i = POLLUTANT_NAMES[i]),
# so that naming is one table lookup per row instead of a Python loop.
_NAME_SETS = np.array(
    [",".join(n for i, n in enumerate(POLLUTANT_NAMES) if mask >> i & 1) for mask in range(64)],
    dtype=object,
)


def _name_sets(flags: BoolArray, index: pd.Index) -> pd.Series:
    """Display-name strings from an (n, 6) boolean matrix in POLLUTANT_NAMES order."""
    codes = np.zeros(flags.shape[0], dtype=np.intp)
    for i in range(len(POLLUTANT_NAMES)):
        codes |= flags[:, i].astype(np.intp) << i
    return text_from_codes(_NAME_SETS, codes, index)


def _combine(
    sub: FloatArray, owners: Sequence[int], index: pd.Index
) -> tuple[FloatArray, pd.Series, pd.Series, pd.Series, pd.Series, pd.Series]:
    """AQI, level, categories and primary/over-standard names from the IAQIs in use.

    ``sub`` is (n, k): the sub-indices that enter the AQI (NaN where absent or excluded);
    ``owners[j]`` is the POLLUTANT_NAMES position of column j.
    """
    n = sub.shape[0]
    aqi = np.fmax.reduce(sub, axis=1) if sub.shape[1] else np.full(n, np.nan)
    primary = np.zeros((n, len(POLLUTANT_NAMES)), dtype=bool)
    over = np.zeros_like(primary)
    with np.errstate(invalid="ignore"):
        is_max = (sub == aqi[:, None]) & (aqi[:, None] > 50)
        is_over = sub > 100
    for j, owner in enumerate(owners):
        primary[:, owner] |= is_max[:, j]
        over[:, owner] |= is_over[:, j]
    cats = category_for(aqi)
    level = cats.level.to_numpy(dtype=np.int64, na_value=0)  # 0: no AQI, category ""
    return (
        aqi,
        pd.Series(cats.level, index=index),
        text_from_codes(_ZH, level, index),
        text_from_codes(_EN, level, index),
        _name_sets(primary, index),
        _name_sets(over, index),
    )


def daily_aqi(
    days: pd.DataFrame,
    *,
    edition: Edition | None = None,
    o3_1h_in_daily_2012: bool = True,
    strict_valid_day: bool = False,
) -> pd.DataFrame:
    """Daily AQI report (HJ 633 §5) from daily values; returns a new frame on the same index.

    ``days`` has ``date`` (needed when ``edition`` is None) and the daily values
    ``pm25 pm10 so2 no2 co`` (24-h means), ``o3_1h_max`` and ``o3_8h_max``; NaN means the
    value is missing or failed validity.  The daily report always reads SO2, NO2 and CO
    against their 24-h columns (HJ 633-2012 Table 1 note 1).

    Indicators entering the AQI:

    * 2012: the five 24-h means, the O3 8-h maximum and, when ``o3_1h_in_daily_2012``
      (HJ 633-2012 §5.1 lists it; whether bulletins use it is unconfirmed), the
      O3 1-h maximum.  O3 8-h > 800: no 8-h IAQI (``iaqi_o3_8h`` NaN) and O3 enters
      through its 1-h IAQI even when ``o3_1h_in_daily_2012`` is False (note 3).
    * 2026: the five 24-h means and the O3 8-h maximum; O3 8-h > 800 gives IAQI 300.

    ``iaqi_o3_1h`` is always filled when ``o3_1h_max`` is present, for information (the
    O3 1-h exceedance is of interest on its own), even on rows where it does not enter
    the AQI; ``aqi``, ``primary_pollutants`` and ``over_standard`` use only the
    indicators that enter the AQI.

    A day lacking some indicators gets its AQI from the rest (``docs/standards.md`` §1);
    ``valid`` is True when there is an AQI.  With ``strict_valid_day`` a day is valid only
    when all five 24-h means and ``o3_8h_max`` are present (the AQI is still shown).

    >>> days = pd.DataFrame({"date": pd.to_datetime(["2026-02-28", "2026-03-01"]),
    ...     "pm25": [75.0, 75.0], "pm10": [40.0, 40.0], "so2": [5.0, 5.0], "no2": [20.0, 20.0],
    ...     "co": [0.6, 0.6], "o3_1h_max": [90.0, 90.0], "o3_8h_max": [80.0, 80.0]})
    >>> daily_aqi(days)[["edition", "aqi", "category", "primary_pollutants"]]
      edition    aqi category primary_pollutants
    0    2012  100.0        良              PM2.5
    1    2026  114.0     轻度污染              PM2.5
    """
    require_columns(days, _DAILY_INPUTS, "daily_aqi")
    editions = _edition_array(days, "date", edition)
    is_2012 = editions == "2012"

    sub = {
        "pm25": _iaqi_by_edition("pm25_24h", _floats(days, "pm25"), editions),
        "pm10": _iaqi_by_edition("pm10_24h", _floats(days, "pm10"), editions),
        "so2": _iaqi_by_edition("so2_24h", _floats(days, "so2"), editions),
        "no2": _iaqi_by_edition("no2_24h", _floats(days, "no2"), editions),
        "co": _iaqi_by_edition("co_24h", _floats(days, "co"), editions),
        "o3_1h": _iaqi_by_edition("o3_1h", _floats(days, "o3_1h_max"), editions),
    }
    o3_8h = _floats(days, "o3_8h_max")
    o3_8h_over = np.isfinite(o3_8h) & (round_half_even(o3_8h) > _O3_8H_STOP)
    iaqi_8h = _iaqi_by_edition("o3_8h", o3_8h, editions)  # NaN where > 800
    sub["o3_8h"] = np.where(o3_8h_over & ~is_2012, _O3_8H_OVER_IAQI_2026, iaqi_8h)

    # The O3 1-h IAQI enters the AQI on 2012 rows when the switch is on, and on 2012 rows
    # whose 8-h value is above the end of its column (note 3); never on 2026 rows.
    o3_1h_used = is_2012 & (o3_1h_in_daily_2012 | o3_8h_over)
    used = np.column_stack(
        [
            sub["pm25"],
            sub["pm10"],
            sub["so2"],
            sub["no2"],
            sub["co"],
            sub["o3_8h"],
            np.where(o3_1h_used, sub["o3_1h"], np.nan),
        ]
    )
    aqi, level, zh, en, primary, over = _combine(used, (0, 1, 2, 3, 4, 5, 5), days.index)

    valid = ~np.isnan(aqi)
    if strict_valid_day:
        needed = np.column_stack(
            [_floats(days, c) for c in ("pm25", "pm10", "so2", "no2", "co", "o3_8h_max")]
        )
        valid &= ~np.isnan(needed).any(axis=1)

    out = pd.DataFrame(index=days.index)
    out["edition"] = _edition_column(editions, days.index)
    for name in ("pm25", "pm10", "so2", "no2", "co", "o3_1h", "o3_8h"):
        out[f"iaqi_{name}"] = sub[name]
    out["aqi"] = aqi
    out["level"] = level
    out["category"] = zh
    out["category_en"] = en
    out["primary_pollutants"] = primary
    out["over_standard"] = over
    out["valid"] = valid
    return out


def hourly_aqi(hours: pd.DataFrame, *, edition: Edition | None = None) -> pd.DataFrame:
    """The hourly AQI the national network publishes (``docs/standards.md`` §1); a new frame.

    ``hours`` has ``time`` (end-of-hour label; only used to choose the edition when
    ``edition`` is None, by the natural day the hour belongs to, so 2026-03-01 00:00 is
    still 2012), the hourly values ``pm25 pm10 so2 no2 co o3`` and optionally
    ``so2_24h`` (the trailing 24-h SO2 mean).  PM2.5 and PM10 1-h values are read against
    the 24-h columns (there are no 1-h PM columns; HJ 633-2026 §4.2.3, and what the
    network publishes under both editions); SO2, NO2, CO and O3 against the 1-h columns.
    The O3 8-h value is not part of it.  SO2 1-h > 800: 2012 takes the IAQI of
    ``so2_24h`` (NaN when absent, Table 1 note 2); 2026 gives IAQI 200.

    Output columns: ``edition``, ``iaqi_pm25 iaqi_pm10 iaqi_so2 iaqi_no2 iaqi_co iaqi_o3``,
    ``aqi``, ``level``, ``category``, ``category_en``, ``primary_pollutants``.

    >>> hours = pd.DataFrame({"time": pd.to_datetime(["2025-06-01 15:00"]), "pm25": [20.0],
    ...     "pm10": [40.0], "so2": [5.0], "no2": [30.0], "co": [0.5], "o3": [170.0]})
    >>> hourly_aqi(hours)[["aqi", "primary_pollutants"]]
        aqi primary_pollutants
    0  63.0                 O3
    """
    require_columns(hours, _HOURLY_INPUTS, "hourly_aqi")
    # An end-of-hour label covers the hour before it: the value labelled 2026-03-01 00:00 is
    # 23:00-24:00 of 2026-02-28 and is read under the edition of that natural day.
    editions = _edition_array(hours, "time", edition, shift=pd.Timedelta(hours=1))

    so2 = _floats(hours, "so2")
    so2_sub = _iaqi_by_edition("so2_1h", so2, editions)  # NaN where > 800
    so2_over = np.isfinite(so2) & (round_half_even(so2) > _SO2_1H_STOP)
    if "so2_24h" in hours.columns:
        so2_24h_sub = _iaqi_by_edition("so2_24h", _floats(hours, "so2_24h"), editions)
    else:
        so2_24h_sub = np.full(len(hours), np.nan)
    so2_sub = np.where(
        so2_over,
        np.where(editions == "2026", _SO2_1H_OVER_IAQI_2026, so2_24h_sub),
        so2_sub,
    )
    sub = {
        "pm25": _iaqi_by_edition("pm25_24h", _floats(hours, "pm25"), editions),
        "pm10": _iaqi_by_edition("pm10_24h", _floats(hours, "pm10"), editions),
        "so2": so2_sub,
        "no2": _iaqi_by_edition("no2_1h", _floats(hours, "no2"), editions),
        "co": _iaqi_by_edition("co_1h", _floats(hours, "co"), editions),
        "o3": _iaqi_by_edition("o3_1h", _floats(hours, "o3"), editions),
    }
    used = np.column_stack(list(sub.values()))
    aqi, level, zh, en, primary, _over = _combine(used, range(6), hours.index)

    out = pd.DataFrame(index=hours.index)
    out["edition"] = _edition_column(editions, hours.index)
    for name, values in sub.items():
        out[f"iaqi_{name}"] = values
    out["aqi"] = aqi
    out["level"] = level
    out["category"] = zh
    out["category_en"] = en
    out["primary_pollutants"] = primary
    return out
