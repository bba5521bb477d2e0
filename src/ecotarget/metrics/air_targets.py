"""The registry's air metrics: a target and the check's context → a :class:`Measurement`.

A thin layer over :mod:`ecotarget.metrics.air`: it picks the target's AQI edition and
window, measures the city days there, and adds coverage, outlook and detail.
"""

from __future__ import annotations

from ecotarget.catalogue import Text, parts
from ecotarget.metrics import air
from ecotarget.metrics.context import MetricContext
from ecotarget.params import AirParams
from ecotarget.report import Measurement
from ecotarget.standards import air as engine
from ecotarget.targets import Target


def good_day_rate(target: Target, ctx: MetricContext) -> Measurement:
    """Days with AQI ≤ 100 ÷ valid days × 100 over the window (HJ 663; docs/standards.md §2)."""
    if ctx.data.air_daily is None:
        return Measurement(None, how=Text("how.no_input", {"kind": Text("kind.air")}))
    window = ctx.window
    days = ctx.city_days(ctx.edition_for(target.params_as(AirParams).standard))
    now = air.days_between(days, window.start, window.end)
    actual = air.good_day_rate(days, window.start, window.end)
    if actual is None:
        return Measurement(None, how=Text("how.no_valid_day"))
    stats = engine.period_statistics(now)
    coverage = air.coverage(air.valid_days(now)["date"], window)
    outlook, reachable, projected = air.good_day_outlook(
        stats.good_days, stats.valid_days, _goal(target), days, window,
        target.operator)
    detail = {"stats": air.stats_detail(stats), "drivers": air.drivers(now),
              "edition": air.editions(now)}
    allowance = None
    if outlook.get("allowance") is not None and outlook["days_left"]:
        allowance = Text("how.allowance", {"allowance": outlook["allowance"],
                                           "left": outlook["days_left"]})
    how = parts(Text("how.good_days", {"good": stats.good_days, "valid": stats.valid_days}),
                window.label(), allowance)
    return Measurement(actual, how=how, insufficient=coverage.pop("insufficient"),
                       reachable=reachable, projected_pass=projected, coverage=coverage,
                       outlook=outlook, detail=detail)


def pm25_mean(target: Target, ctx: MetricContext) -> Measurement:
    """Mean of the valid daily PM2.5 values, a whole µg/m³ (HJ 663-2013 Table 1;
    rounding: docs/standards.md §6)."""
    if ctx.data.air_daily is None:
        return Measurement(None, how=Text("how.no_input", {"kind": Text("kind.air")}))
    window = ctx.window
    days = ctx.city_days(ctx.edition_for(target.params_as(AirParams).standard))
    now = air.days_between(days, window.start, window.end)
    actual = air.pm25_mean(days, window.start, window.end)
    values = air.valid_days(now)[["date", "pm25"]].dropna()
    if actual is None:
        return Measurement(None, how=Text("how.no_valid_pm25"))
    stats = engine.period_statistics(now)
    coverage = air.coverage(values["date"], window)
    outlook, reachable, projected = air.pm25_outlook(float(values["pm25"].sum()), len(values),
                                                     _goal(target), days, window)
    detail = {"stats": air.stats_detail(stats), "pm25_mean_exact": round(stats.pm25_mean_exact, 3),
              "edition": air.editions(now)}
    rest = (Text("how.rest_max", {"max": f"{outlook['max_mean_remaining']:g}"})
            if outlook.get("max_mean_remaining") is not None else None)
    how = parts(Text("how.mean_days", {"days": len(values)}), window.label(), rest)
    return Measurement(actual, how=how, insufficient=coverage.pop("insufficient"),
                       reachable=reachable, projected_pass=projected, coverage=coverage,
                       outlook=outlook, detail=detail)


def _goal(target: Target) -> float | None:
    return float(target.target) if isinstance(target.target, (int, float)) else None


__all__ = ["good_day_rate", "pm25_mean"]
