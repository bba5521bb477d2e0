"""HJ 663 period statistics: percentiles, the composite index, month coverage, period figures.

The daily values and the daily AQI these work from are built by
:mod:`ecotarget.standards.air` and :mod:`ecotarget.standards.aqi`; the rules are written
out in ``docs/standards.md`` §2.

Pure functions: no I/O, inputs are never mutated, NaN means "no valid value".
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.standards.aqi import category_for
from ecotarget.standards.aqi_tables import CATEGORIES, POLLUTANT_NAMES
from ecotarget.standards.frames import require_columns
from ecotarget.standards.rounding import round_half_even_scalar

FloatArray = npt.NDArray[np.float64]

#: Annual mean and annual percentiles need >= 324 valid days (GB 3095-2012 Table 4).
ANNUAL_MIN_VALID_DAYS = 324
_MONTH_MIN_VALID_DAYS = 27  # GB 3095 Table 4: monthly mean >= 27 daily values ...
_FEBRUARY_MIN_VALID_DAYS = 25  # ... February >= 25

#: Composite-index S_i: GB 3095-2012 grade II annual limits for SO2, NO2, PM10, PM2.5, the
#: 24-h CO limit and the 8-h O3 limit (城市环境空气质量排名技术规定; docs/standards.md §2).
COMPOSITE_LIMITS_2012: Mapping[str, float] = MappingProxyType(
    {"so2": 60.0, "no2": 40.0, "pm10": 70.0, "pm25": 35.0, "co": 4.0, "o3": 160.0}
)
#: UNCONFIRMED (no published S_i after 2026-03-01; docs/standards.md §2): as one repository
#: uses them, the GB 3095-2026 transition annual limits PM2.5 30 and PM10 60, the rest unchanged.
COMPOSITE_LIMITS_2026_TRANSITION: Mapping[str, float] = MappingProxyType(
    {**COMPOSITE_LIMITS_2012, "pm10": 60.0, "pm25": 30.0}
)
_COMPOSITE_KEYS: tuple[str, ...] = ("so2", "no2", "pm10", "pm25", "co", "o3")


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
    half-to-even, then the terms are summed and rounded to 2 decimals (``docs/standards.md``
    §2: reproduces the published Heyuan 1.73 and Naiman 3.14).  Weights default to 1; the
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
    # (year, month) pairs, not pandas Periods: a Period's bounds cost more than the rule
    have = Counter(zip(days.year.tolist(), days.month.tolist(), strict=True))
    rows = []
    for year, month in _months(lo, hi):
        month_days = calendar.monthrange(year, month)[1]
        first = max(pd.Timestamp(year, month, 1), lo)
        last = min(pd.Timestamp(year, month, month_days), hi)
        in_period = (last - first).days + 1
        rule = min_valid_days_for_month(year, month)
        required = -(-in_period * rule // month_days)  # integer ceiling, no float error
        valid = have[(year, month)]
        rows.append(
            {
                "month": f"{year:04d}-{month:02d}",
                "days_in_period": in_period,
                "valid_days": valid,
                "required": required,
                "ok": valid >= required,
            }
        )
    return pd.DataFrame(
        rows, columns=["month", "days_in_period", "valid_days", "required", "ok"]
    ).astype({"month": "str", "ok": bool})


def _months(lo: pd.Timestamp, hi: pd.Timestamp) -> list[tuple[int, int]]:
    """Every (year, month) from ``lo``'s month to ``hi``'s, in order.

    >>> _months(pd.Timestamp(2024, 11, 30), pd.Timestamp(2025, 2, 1))
    [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    """
    first, last = lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month - 1
    return [(count // 12, count % 12 + 1) for count in range(first, last + 1)]


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


def _primary_counts(primary_pollutants: pd.Series) -> dict[str, int]:
    """Days on which each pollutant is primary, from comma-joined display names."""
    counts = dict.fromkeys(POLLUTANT_NAMES, 0)
    for names in primary_pollutants.fillna("").astype(str).str.split(","):
        for name in names:
            if name in counts:
                counts[name] += 1
    return counts


def _mean_of_present(values: FloatArray) -> float:
    """Arithmetic mean of the non-NaN values; NaN when there are none."""
    present = values[~np.isnan(values)]
    return float(present.mean()) if len(present) else math.nan


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
    0.1 mg/m3, the O3 P90 to whole µg/m3 (HJ 663-2013 Table 1; ``docs/standards.md`` §2); the composite
    index uses those reported values and ``composite_limits`` (S_i after 2026-03-01 is
    UNCONFIRMED: pass :data:`COMPOSITE_LIMITS_2026_TRANSITION` to use the transition
    limits).
    """
    require_columns(
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

    primary_counts = _primary_counts(v.loc[aqi > 100, "primary_pollutants"])

    def col(name: str) -> FloatArray:
        return v[name].to_numpy(np.float64, na_value=np.nan)

    def mean(name: str) -> float:
        return _mean_of_present(col(name))

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
