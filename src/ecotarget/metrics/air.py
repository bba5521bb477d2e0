"""Air metrics over city days: the good-day rate, the PM2.5 mean, coverage and the outlook.

Every function takes a frame of days with their AQI (see
:func:`ecotarget.dataset.city_days_with_aqi`: ``date aqi valid pm25 …``) and plain
parameters, so it answers for any frame: a county's days, one station's, one month's.
The period statistics follow HJ 663-2013; :mod:`ecotarget.metrics.air_targets` turns them
into the registry's measurements of a target.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, cast

import pandas as pd

from ecotarget.catalogue import Text, joined
from ecotarget.periods import Window
from ecotarget.standards import air as engine
from ecotarget.standards.rounding import round_half_even_scalar

PERCENT_DECIMALS = 1
GOOD_AQI = 100  # a good (优良) day: AQI ≤ 100 (HJ 633-2012 Table 2)

Passes = Callable[[float, float], bool]  # (actual, goal) → whether the goal is met


# --- the period's days ------------------------------------------------------------------------

def days_between(days: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The days dated ``start`` … ``end`` (both included)."""
    dates = days["date"]
    return days[(dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))]


def valid_days(days: pd.DataFrame) -> pd.DataFrame:
    """The days with a valid AQI (HJ 663-2013 §6.1: enough valid hours)."""
    return days[days["valid"].fillna(False).astype(bool)]


def good_day_rate(days: pd.DataFrame, start: dt.date, end: dt.date) -> float | None:
    """Days with AQI ≤ 100 ÷ valid days × 100, one decimal (HJ 663-2013; docs/standards.md §2).

    The denominator is the valid days, not the calendar days; None without a valid day.

    >>> days = pd.DataFrame({"date": pd.date_range("2025-03-01", periods=4),
    ...                      "aqi": [45, 120, 80, 300], "valid": [True, True, True, False]})
    >>> good_day_rate(days, dt.date(2025, 3, 1), dt.date(2025, 3, 4))
    66.7
    >>> good_day_rate(days, dt.date(2025, 3, 4), dt.date(2025, 3, 4)) is None
    True
    """
    valid = valid_days(days_between(days, start, end))
    if valid.empty:
        return None
    good = int((valid["aqi"].to_numpy(dtype=float, na_value=math.nan) <= GOOD_AQI).sum())
    return round_half_even_scalar(good / len(valid) * 100, PERCENT_DECIMALS)


def pm25_mean(days: pd.DataFrame, start: dt.date, end: dt.date) -> float | None:
    """Mean of the valid days' PM2.5, a whole µg/m³ rounded half to even (HJ 663-2013 Table 1).

    None without a valid day with PM2.5.

    >>> days = pd.DataFrame({"date": pd.date_range("2025-03-01", periods=4),
    ...                      "pm25": [30.0, 31.0, None, 90.0], "valid": [True, True, True, False]})
    >>> pm25_mean(days, dt.date(2025, 3, 1), dt.date(2025, 3, 4))
    30.0
    """
    values = valid_days(days_between(days, start, end))["pm25"].dropna()
    if values.empty:
        return None
    return round_half_even_scalar(float(values.mean()), 0)


# --- coverage -------------------------------------------------------------------------------------

def coverage(valid_dates: pd.Series, window: Window) -> dict[str, Any]:
    """Valid days per month against HJ 663 (27 a month, February 25, pro rata for a month in
    progress) and the year's 324 when the window is the whole year.

    ``insufficient`` names every shortfall, or is None.
    """
    months = engine.month_coverage(valid_dates, start=window.start, end=window.end)
    short = months[~months["ok"]]
    problems = [Text("reason.month_valid_days",
                     {"month": r.month, "valid": r.valid_days, "required": r.required})
                for r in short.itertuples()]
    valid = int(pd.DatetimeIndex(valid_dates).normalize().nunique())
    whole_year = window.start == window.year_start and window.end == window.year_end
    if whole_year and valid < engine.ANNUAL_MIN_VALID_DAYS:
        problems.append(Text("reason.year_valid_days",
                             {"valid": valid, "required": engine.ANNUAL_MIN_VALID_DAYS}))
    return {"valid_days": valid,
            "calendar_days": (window.end - window.start).days + 1,
            "months": months.to_dict("records"),
            "insufficient": joined(problems)}


# --- the rest of the year ---------------------------------------------------------------------

def days_left(window: Window) -> tuple[int, list[tuple[int, int]]]:
    """Days left in the year after the window, and (month, days left in it) pairs.

    An explicit period has no rest: it is judged as it stands.
    """
    if window.explicit_period or window.end >= window.year_end:
        return 0, []
    first = pd.Timestamp(window.end) + pd.Timedelta(days=1)
    rest = pd.date_range(first, pd.Timestamp(window.year_end), freq="D")
    per_month = rest.month.value_counts().sort_index()
    return len(rest), [(int(cast(int, m)), int(n)) for m, n in per_month.items()]


def previous_year_months(days: pd.DataFrame, year: int, months: list[tuple[int, int]]
                         ) -> pd.DataFrame | None:
    """The previous year's valid days in the given months, or None when any month has none."""
    previous = days[days["date"].dt.year == year - 1]
    wanted = [m for m, _ in months]
    chosen = previous[previous["date"].dt.month.isin(wanted) & previous["valid"].astype(bool)]
    if set(chosen["date"].dt.month) != set(wanted):
        return None
    return cast(pd.DataFrame, chosen)


def _rate(good: float, valid: float) -> float:
    return round_half_even_scalar(good / valid * 100, PERCENT_DECIMALS) if valid else math.nan


def good_day_outlook(good: int, valid: int, goal: float | None, days: pd.DataFrame,
                     window: Window, passes: Passes
                     ) -> tuple[dict[str, Any], bool | None, bool | None]:
    """(outlook, reachable, projected pass) of a good-day rate of ``good``/``valid`` so far.

    ``allowance``: the most non-good days the rest of the year may have, every remaining
    day counted valid, such that the year's rate still ``passes`` the goal. The projection
    takes the previous year's share of good days in the months left (``days``: all city
    days with AQI), else the year so far.
    """
    left, months = days_left(window)
    outlook: dict[str, Any] = {"days_left": left}
    if goal is None:
        return outlook, None, None
    allowance = next((x for x in range(left, -1, -1)
                      if passes(_rate(good + left - x, valid + left), goal)), None)
    reachable = allowance is not None
    outlook.update({
        "allowance": allowance if reachable else None,
        "good_days_needed": (left - allowance) if allowance is not None else None,
        "good_share_needed": (round_half_even_scalar((left - allowance) / left * 100, 1)
                              if allowance is not None and left else None),
        "good_share_so_far": _rate(good, valid),
    })
    if not left:
        return outlook, None, None
    before = previous_year_months(days, window.year, months)
    if before is None:
        # without last year, at risk means the rest of the year must beat the year so far
        outlook["projection_basis"] = "the year so far continues (no previous-year data)"
        return outlook, reachable, passes(_rate(good, valid), goal)
    share = before.groupby(before["date"].dt.month)["aqi"].apply(lambda s: (s <= GOOD_AQI).mean())
    extra_good = sum(float(share[m]) * n for m, n in months)
    projected_rate = _rate(good + extra_good, valid + left)
    outlook["projected"] = projected_rate
    outlook["projection_basis"] = f"{window.year - 1} months {months[0][0]}–{months[-1][0]}"
    return outlook, reachable, passes(projected_rate, goal)


def pm25_outlook(total: float, n: int, goal: float | None, days: pd.DataFrame,
                 window: Window) -> tuple[dict[str, Any], bool | None, bool | None]:
    """(outlook, reachable, projected pass) of a PM2.5 mean of ``total``/``n`` so far.

    ``max_mean_remaining``: the highest mean the rest of the year may have for the year's
    reported (rounded) mean to stay at or below ``goal``.
    """
    left, months = days_left(window)
    outlook: dict[str, Any] = {"days_left": left}
    if goal is None:
        return outlook, None, None
    if not left:
        return outlook, None, None
    # the reported mean is rounded half-to-even to an integer: goal + 0.5 still reports as
    # the goal when the goal is even, so the bound is (goal + 0.5)(n + left) - total
    bound = ((goal + 0.5) * (n + left) - total) / left
    if goal % 2:  # an odd goal: x.5 rounds up, so stay strictly below
        bound -= 1e-9
    outlook["max_mean_remaining"] = math.floor(bound * 10) / 10
    reachable = bound >= 0
    before = previous_year_months(days, window.year, months)
    if before is None:
        return {**outlook, "projection_basis": "the year so far continues (no previous-year "
                "data)"}, reachable, round_half_even_scalar(total / n, 0) <= goal
    month_means = before.groupby(before["date"].dt.month)["pm25"].mean()
    projected = round_half_even_scalar(
        (total + sum(float(month_means[m]) * k for m, k in months)) / (n + left), 0)
    outlook["projected"] = projected
    outlook["projection_basis"] = f"{window.year - 1} months {months[0][0]}–{months[-1][0]}"
    return outlook, reachable, projected <= goal


# --- detail -------------------------------------------------------------------------------------

def stats_detail(stats: engine.AirStats) -> dict[str, Any]:
    """The period statistics shown beside an air figure."""
    keys = ("valid_days", "good_days", "heavy_days", "days_by_category", "pm25_mean",
            "pm10_mean", "so2_mean", "no2_mean", "co_p95", "o3_8h_p90", "composite_index",
            "composite_terms", "primary_counts")
    data = asdict(stats)
    out = {k: data[k] for k in keys}
    out["good_day_rate"] = round(stats.good_day_rate, 4)
    return out


def drivers(days: pd.DataFrame) -> dict[str, Any]:
    """What drove the non-good days: primary pollutants and the worst months."""
    bad = valid_days(days)
    bad = bad[bad["aqi"] > GOOD_AQI]
    per_month = bad.groupby(bad["date"].dt.strftime("%Y-%m")).size().sort_values(
        ascending=False)
    return {"non_good_days": len(bad),
            "worst_months": [{"month": m, "non_good_days": int(n)}
                             for m, n in per_month.head(3).items()],
            "non_good_dates": [d.date().isoformat() for d in bad["date"].head(60)]}


def editions(days: pd.DataFrame) -> dict[str, int]:
    """Days read under each HJ 633 edition."""
    return {str(k): int(v) for k, v in days["edition"].value_counts().sort_index().items()}


__all__ = ["coverage", "days_between", "days_left", "drivers", "editions", "good_day_outlook",
           "good_day_rate", "pm25_mean", "pm25_outlook", "previous_year_months",
           "stats_detail", "valid_days"]
