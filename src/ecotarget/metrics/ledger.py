"""Metrics over the ledger: reported monthly figures (DESIGN.md, the ledger kind).

Monthly figures combine as the indicator's nature says: flows are summed over the months of
the window; stocks take the latest month's figure (``aggregate: latest``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.params import Aggregate, LedgerIndicatorParams, LedgerRatioParams
from ecotarget.periods import Window, month_end, months_label
from ecotarget.report import Measurement
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.targets import Target

PERCENT_DECIMALS = 1  # percentages as bulletins report them (standards.md §2.8)


@dataclass(frozen=True)
class _Sum:
    value: float | None  # None: no row of these indicators in the window
    months: list[str]  # months that carried a row
    rows: int


def _rows(ctx: MetricContext, indicators: list[str], window: Window) -> pd.DataFrame:
    ledger = ctx.data.ledger
    assert ledger is not None
    months = window.months()
    return ledger[ledger["indicator"].isin(indicators) & ledger["period"].isin(months)]


def _combine(rows: pd.DataFrame, rule: Aggregate) -> _Sum:
    if rows.empty:
        return _Sum(None, [], 0)
    months = sorted(rows["period"].unique())
    if rule == "latest":
        latest = rows.sort_values("period").groupby("indicator", sort=False).tail(1)
        value = float(latest["value"].sum())
    else:
        value = float(rows["value"].sum())
    return _Sum(value, months, len(rows))


def _missing_months(ctx: MetricContext, groups: list[list[str]], window: Window,
                    wanted: list[str]) -> list[str]:
    """Months of ``wanted`` (shifted into ``window``'s year) where some group has no row."""
    missing = []
    for month in wanted:
        shifted = f"{window.year:04d}{month[4:]}"
        for group in groups:
            rows = _rows(ctx, group, window)
            if not (rows["period"] == shifted).any():
                missing.append(shifted)
                break
    return missing


def _no_ledger() -> Measurement:
    return Measurement(actual=None, how="no ledger input")


def ratio(target: Target, ctx: MetricContext) -> Measurement:
    """Numerator indicators ÷ denominator indicators × 100 over the window."""
    if ctx.data.ledger is None:
        return _no_ledger()
    params: LedgerRatioParams = target.params_as(LedgerRatioParams)
    current = _ratio_over(ctx, params, ctx.window)
    actual, num, den = current
    coverage = {"months": num.months, "first": num.months[0] if num.months else None,
                "last": num.months[-1] if num.months else None}
    detail: dict[str, object] = {"numerator": num.value, "denominator": den.value,
              "numerator_indicators": params.numerator,
              "denominator_indicators": params.denominator,
              "aggregate": params.aggregate, "denominator_aggregate": params.denominator_rule}
    how = (f"{_fmt(num.value)}/{_fmt(den.value)} · {months_label(num.months)}"
           if num.value is not None and den.value is not None else "")
    if num.value is None or den.value is None:
        missing_side = "numerator" if num.value is None else "denominator"
        return Measurement(None, how=f"no {missing_side} rows", coverage=coverage, detail=detail)
    if den.value == 0:
        return Measurement(None, how=how, coverage=coverage, detail=detail,
                           insufficient="the denominator is zero over the period")
    pace = None
    if params.pace and isinstance(target.target, (int, float)) and target.op in (">=", ">"):
        pace = round_half_even_scalar(float(target.target) * ctx.window.elapsed_share,
                                      PERCENT_DECIMALS)
        detail["pace_share"] = round(ctx.window.elapsed_share, 4)
        how += f" · pace {pace:g}%"
    baseline, insufficient = None, None
    if target.is_previous_year:
        baseline, insufficient, base_detail = _baseline_ratio(ctx, params, num.months)
        detail["previous_year"] = base_detail
    return Measurement(actual, how=how, baseline=baseline, insufficient=insufficient,
                       pace=pace, coverage=coverage, detail=detail)


def _ratio_over(ctx: MetricContext, params: LedgerRatioParams,
                window: Window) -> tuple[float | None, _Sum, _Sum]:
    num = _combine(_rows(ctx, params.numerator, window), params.aggregate)
    den = _combine(_rows(ctx, params.denominator, window), params.denominator_rule)
    if num.value is None or den.value is None or den.value == 0:
        return None, num, den
    return round_half_even_scalar(num.value / den.value * 100, PERCENT_DECIMALS), num, den


def _baseline_ratio(ctx: MetricContext, params: LedgerRatioParams, months: list[str]
                    ) -> tuple[float | None, str | None, dict[str, object]]:
    previous = ctx.window.previous_year()
    missing = _missing_months(ctx, [params.numerator, params.denominator], previous, months)
    actual, num, den = _ratio_over(ctx, params, previous)
    detail: dict[str, object] = {"numerator": num.value, "denominator": den.value,
                                 "months": num.months, "actual": actual, "missing_months": missing}
    if missing:
        return actual, f"the previous year lacks {', '.join(missing)}", detail
    if actual is None:
        return None, "no previous-year figure (zero or missing denominator)", detail
    return actual, None, detail


def total(target: Target, ctx: MetricContext) -> Measurement:
    """An indicator's figures over the window: summed (flows) or latest (stocks)."""
    if ctx.data.ledger is None:
        return _no_ledger()
    params: LedgerIndicatorParams = target.params_as(LedgerIndicatorParams)
    current = _combine(_rows(ctx, [params.indicator], ctx.window), params.aggregate)
    coverage = {"months": current.months}
    detail: dict[str, object] = {"indicator": params.indicator, "aggregate": params.aggregate,
                                 "rows": current.rows}
    if current.value is None:
        return Measurement(None, how=f"no rows of {params.indicator}", coverage=coverage,
                           detail=detail)
    how = months_label(current.months)
    pace = None
    if (not target.is_previous_year and isinstance(target.target, (int, float))
            and target.op in (">=", ">")):
        pace = round_half_even_scalar(float(target.target) * ctx.window.elapsed_share, 2)
        how = f"{_fmt(current.value)} of {_fmt(float(target.target))} · {how} · pace {pace:g}"
        remaining = max(0.0, float(target.target) - current.value)
        as_of = ctx.window.as_of
        months_left = 12 - as_of.month + (0 if as_of == month_end(as_of.year, as_of.month) else 1)
        outlook = {"remaining": remaining, "months_left": months_left,
                   "per_month_needed": round(remaining / months_left, 2) if months_left else None}
        return Measurement(current.value, how=how, pace=pace, coverage=coverage,
                           outlook=outlook, detail=detail)
    baseline, insufficient = None, None
    if target.is_previous_year:
        previous = ctx.window.previous_year()
        missing = _missing_months(ctx, [[params.indicator]], previous, current.months)
        base = _combine(_rows(ctx, [params.indicator], previous), params.aggregate)
        baseline = base.value
        detail["previous_year"] = {"value": base.value, "months": base.months,
                                   "missing_months": missing}
        if missing:
            insufficient = f"the previous year lacks {', '.join(missing)}"
        elif base.value is not None:
            how = f"{_fmt(current.value)} vs {_fmt(base.value)} · {how}"
    return Measurement(current.value, how=how, baseline=baseline, insufficient=insufficient,
                       coverage=coverage, detail=detail)


def latest(target: Target, ctx: MetricContext) -> Measurement:
    """The latest figure or grade of an indicator in the window."""
    if ctx.data.ledger is None:
        return _no_ledger()
    params: LedgerIndicatorParams = target.params_as(LedgerIndicatorParams)
    value, month = _latest_value(ctx, params.indicator, ctx.window)
    detail: dict[str, object] = {"indicator": params.indicator, "month": month}
    if value is None:
        return Measurement(None, how=f"no rows of {params.indicator}", detail=detail)
    how = f"{month}"
    baseline, insufficient = None, None
    if target.is_previous_year:
        baseline, base_month = _latest_value(ctx, params.indicator, ctx.window.previous_year())
        detail["previous_year"] = {"value": baseline, "month": base_month}
        if baseline is None:
            insufficient = "no figure in the same months of the previous year"
        else:
            how = f"{month} vs {base_month}"
    return Measurement(value, how=how, baseline=baseline, insufficient=insufficient,
                       coverage={"months": [month]}, detail=detail)


def _latest_value(ctx: MetricContext, indicator: str,
                  window: Window) -> tuple[float | str | None, str | None]:
    rows = _rows(ctx, [indicator], window)
    if rows.empty:
        return None, None
    row = rows.sort_values("period").iloc[-1]
    grade = row.get("grade")
    value: float | str = grade if isinstance(grade, str) else float(row["value"])
    return value, str(row["period"])


def milestone(target: Target, ctx: MetricContext) -> Measurement:
    """Done when the ledger reports value ≥ 1 for the deliverable by the as-of date."""
    if ctx.data.ledger is None:
        return _no_ledger()
    indicator = target.params["indicator"]
    ledger = ctx.data.ledger
    year_months = [m for m in ctx.window.months()] if ctx.window.explicit_period else [
        f"{ctx.window.year:04d}-{m:02d}" for m in range(1, ctx.window.as_of.month + 1)]
    rows = ledger[(ledger["indicator"] == indicator) & ledger["period"].isin(year_months)
                  & (ledger["value"] >= 1)]
    done = not rows.empty
    month = str(rows["period"].min()) if done else None
    days_left = (target.due - ctx.window.as_of).days if target.due else None
    how = (f"done {month}" if done else
           f"due {target.due}" + (f" ({days_left} days left)" if days_left and days_left > 0
                                  else ""))
    return Measurement(1.0 if done else 0.0, how=how, done=done,
                       detail={"indicator": indicator, "done_in": month})


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
