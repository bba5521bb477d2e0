"""Ledger metrics: ratios, totals, latest figures and milestones over reported monthly figures.

The ledger frame has one row per indicator and month: ``indicator``, ``period`` ('YYYY-MM'),
``value`` and, for graded indicators, ``grade``. Monthly figures combine as the indicator's
nature says: flows are summed over the months of the period; stocks take the latest month's
figure (``aggregate: latest``). Periods are given as first and last month, 'YYYY-MM', both
included; such strings sort in time order.

The functions take a frame and plain parameters, so they serve a county, a town or a single
month alike; the ``(Target, MetricContext)`` adapters the registry calls sit at the bottom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text, parts
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.through import ratio_sides
from ecotarget.params import Aggregate, LedgerIndicatorParams, LedgerRatioParams
from ecotarget.periods import Window, month_end, months_label
from ecotarget.report import Measurement
from ecotarget.standards.columns import text_between, text_isin
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.targets import Target

PERCENT_DECIMALS = 1  # percentages to 1 decimal, half to even (GB/T 8170; docs/standards.md §6)
MAX_INPUT_DECIMALS = 6  # a ledger figure is written with at most this many decimals


def input_decimals(values: np.ndarray) -> int:
    """The most decimals among ``values`` as written (their shortest exact form).

    A sum of such figures has no more decimals than that, so rounding it there removes the
    float noise of the addition (20,344.5 + 1,500 is not 21,844.499999999996).

    >>> input_decimals(np.array([1500.0, 120.5, 3.25])), input_decimals(np.array([7.0]))
    (2, 0)
    """
    for decimals in range(MAX_INPUT_DECIMALS):
        scaled = values * 10**decimals
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-6):
            return decimals
    return MAX_INPUT_DECIMALS


def exact_sum(values: pd.Series) -> float:
    """The sum of ledger figures, rounded to the most decimals among them (see above).

    >>> exact_sum(pd.Series([20344.4, 0.1, 1500.0]))
    21844.5
    """
    array = values.to_numpy(dtype=float)
    return round_half_even_scalar(float(array.sum()), input_decimals(array))


@dataclass(frozen=True)
class IndicatorTotal:
    """Indicators' monthly figures combined over a period."""

    value: float | None  # None: no row of these indicators in the period
    months: list[str]  # months that carried a row
    rows: int


@dataclass(frozen=True)
class LedgerRatio:
    """Numerator ÷ denominator × 100, with both sides as combined."""

    percent: float | None  # None: a side has no row, or the denominator is zero
    numerator: IndicatorTotal
    denominator: IndicatorTotal


@dataclass(frozen=True)
class LatestValue:
    """An indicator's last reported figure (or grade) in a period and its month."""

    value: float | str | None  # None: no row in the period
    month: str | None


@dataclass(frozen=True)
class MilestoneDone:
    """Whether a deliverable was reported done (value ≥ 1), and the first month it was."""

    done: bool
    month: str | None


def ledger_rows(ledger: pd.DataFrame, indicators: Sequence[str], start: str,
                end: str) -> pd.DataFrame:
    """The rows of ``indicators`` in the months ``start``..``end`` ('YYYY-MM', inclusive).

    >>> ledger = pd.DataFrame({"indicator": ["a", "a", "b"],
    ...                        "period": ["2025-01", "2025-03", "2025-02"], "value": [1, 2, 3]})
    >>> ledger_rows(ledger, ["a"], "2025-02", "2025-03")["value"].tolist()
    [2]
    """
    periods = ledger["period"]
    # Arrow masks: pandas' own isin, comparisons and & cost more than the selection itself
    # on a ledger of a few hundred rows, and every target reads its rows many times
    inside = text_isin(ledger["indicator"], indicators) & text_between(periods, start, end)
    return ledger.iloc[np.flatnonzero(inside)]


def combine(rows: pd.DataFrame, aggregate: Aggregate) -> IndicatorTotal:
    """Monthly rows as one figure: their sum, or (``latest``) each indicator's last month summed.

    >>> rows = pd.DataFrame({"indicator": ["stock", "stock", "flow"],
    ...                      "period": ["2025-01", "2025-02", "2025-01"], "value": [5.0, 7.0, 1.0]})
    >>> combine(rows, "sum").value, combine(rows, "latest").value
    (13.0, 8.0)
    """
    if rows.empty:
        return IndicatorTotal(None, [], 0)
    months = sorted(rows["period"].unique())
    if aggregate == "latest":
        latest = rows.sort_values("period").groupby("indicator", sort=False).tail(1)
        value = exact_sum(latest["value"])
    else:
        value = exact_sum(rows["value"])
    return IndicatorTotal(value, months, len(rows))


def indicator_total(ledger: pd.DataFrame, indicator: str, start: str, end: str,
                    aggregate: Aggregate = "sum") -> IndicatorTotal:
    """One indicator's figures over ``start``..``end``: summed (flows) or latest (stocks).

    >>> ledger = pd.DataFrame({"indicator": ["cases", "cases", "cases"],
    ...                        "period": ["2025-01", "2025-02", "2025-04"], "value": [3.0, 4.0, 9.0]})
    >>> total = indicator_total(ledger, "cases", "2025-01", "2025-03")
    >>> total.value, total.months, total.rows
    (7.0, ['2025-01', '2025-02'], 2)
    """
    return combine(ledger_rows(ledger, [indicator], start, end), aggregate)


def ledger_ratio(ledger: pd.DataFrame, numerators: Sequence[str], denominators: Sequence[str],
                 start: str, end: str, aggregate: Aggregate = "sum",
                 denominator_aggregate: Aggregate | None = None) -> LedgerRatio:
    """Numerator indicators ÷ denominator indicators × 100 over ``start``..``end``.

    The percentage is rounded half to even to 1 decimal. The denominator combines by
    ``denominator_aggregate`` when given, else by ``aggregate``.

    >>> ledger = pd.DataFrame({"indicator": ["used", "made", "used", "made"],
    ...                        "period": ["2025-01", "2025-01", "2025-02", "2025-02"],
    ...                        "value": [9.0, 10.0, 8.0, 10.0]})
    >>> ledger_ratio(ledger, ["used"], ["made"], "2025-01", "2025-02").percent
    85.0
    >>> ledger_ratio(ledger, ["used"], ["made"], "2025-01", "2025-02", "sum", "latest").percent
    170.0
    """
    numerator = combine(ledger_rows(ledger, numerators, start, end), aggregate)
    denominator = combine(ledger_rows(ledger, denominators, start, end),
                          denominator_aggregate or aggregate)
    if numerator.value is None or denominator.value is None or denominator.value == 0:
        return LedgerRatio(None, numerator, denominator)
    percent = round_half_even_scalar(numerator.value / denominator.value * 100, PERCENT_DECIMALS)
    return LedgerRatio(percent, numerator, denominator)


def latest_value(ledger: pd.DataFrame, indicator: str, start: str, end: str) -> LatestValue:
    """The last figure of ``indicator`` in ``start``..``end``: its grade when it has one.

    >>> ledger = pd.DataFrame({"indicator": ["score", "score", "score"],
    ...                        "period": ["2025-02", "2025-05", "2025-09"], "value": [88.0, 91.5, 93.0]})
    >>> latest_value(ledger, "score", "2025-01", "2025-06")
    LatestValue(value=91.5, month='2025-05')
    """
    rows = ledger_rows(ledger, [indicator], start, end)
    if rows.empty:
        return LatestValue(None, None)
    row = rows.sort_values("period").iloc[-1]
    grade = row.get("grade")
    value: float | str = grade if isinstance(grade, str) else float(row["value"])
    return LatestValue(value, str(row["period"]))


def milestone_done(ledger: pd.DataFrame, indicator: str, start: str, end: str) -> MilestoneDone:
    """Whether ``indicator`` reports a value ≥ 1 in ``start``..``end``, and first when.

    >>> ledger = pd.DataFrame({"indicator": ["plan", "plan", "plan"],
    ...                        "period": ["2025-01", "2025-03", "2025-04"], "value": [0.0, 1.0, 1.0]})
    >>> milestone_done(ledger, "plan", "2025-01", "2025-12")
    MilestoneDone(done=True, month='2025-03')
    >>> milestone_done(ledger, "plan", "2025-01", "2025-02").done
    False
    """
    rows = ledger_rows(ledger, [indicator], start, end)
    rows = rows[rows["value"] >= 1]
    if rows.empty:
        return MilestoneDone(False, None)
    return MilestoneDone(True, str(rows["period"].min()))


def missing_months(ledger: pd.DataFrame, groups: Sequence[Sequence[str]], start: str, end: str,
                   wanted: Sequence[str]) -> list[str]:
    """Months of ``wanted`` in which some group of indicators has no row in ``start``..``end``.

    >>> ledger = pd.DataFrame({"indicator": ["a", "b", "a"],
    ...                        "period": ["2024-01", "2024-01", "2024-02"], "value": [1, 1, 1]})
    >>> missing_months(ledger, [["a"], ["b"]], "2024-01", "2024-12", ["2024-01", "2024-02"])
    ['2024-02']
    """
    missing = []
    for month in wanted:
        for group in groups:
            rows = ledger_rows(ledger, group, start, end)
            if not (rows["period"] == month).any():
                missing.append(month)
                break
    return missing


# --- the adapters the registry calls: a target and the check's context --------------------------


def _span(window: Window) -> tuple[str, str]:
    """A window's first and last month, 'YYYY-MM'."""
    return f"{window.start:%Y-%m}", f"{window.end:%Y-%m}"


def _same_months_a_year_earlier(window: Window, months: Sequence[str]) -> list[str]:
    return [f"{window.year - 1:04d}{month[4:]}" for month in months]


def _no_ledger() -> Measurement:
    return Measurement(actual=None, how=Text("how.no_input", {"kind": Text("kind.ledger")}))


def measure_ratio(target: Target, ctx: MetricContext) -> Measurement:
    """``ledger.ratio``: numerator indicators ÷ denominator indicators × 100 over the window."""
    if ctx.data.ledger is None:
        return _no_ledger()
    params: LedgerRatioParams = target.params_as(LedgerRatioParams)
    # the ratio reads its two sides' rows alone: a monthly series measures it many times
    ledger = ctx.ledger_of([*params.numerator, *params.denominator])
    # months after the last month both sides reach, reported by one side only; the window
    # of the target ends at that last month, so the ratio never runs over them
    year = ctx.window.year
    unmatched = ctx.memo(("ratio_sides", tuple(params.numerator), tuple(params.denominator), year),
                         lambda: ratio_sides(ledger, params.numerator, params.denominator, year))[1]
    found = ledger_ratio(ledger, params.numerator, params.denominator, *_span(ctx.window),
                         params.aggregate, params.denominator_rule)
    num, den = found.numerator, found.denominator
    coverage = {"months": num.months, "first": num.months[0] if num.months else None,
                "last": num.months[-1] if num.months else None}
    detail: dict[str, object] = {"numerator": num.value, "denominator": den.value,
              "numerator_indicators": params.numerator,
              "denominator_indicators": params.denominator,
              "aggregate": params.aggregate, "denominator_aggregate": params.denominator_rule,
              "unmatched_months": list(unmatched)}
    if num.value is None or den.value is None:
        missing_side = "numerator" if num.value is None else "denominator"
        return Measurement(None, how=Text("how.no_side_rows", {"side": Text(f"word.{missing_side}")}),
                           coverage=coverage, detail=detail)
    ratio = f"{_fmt(num.value)}/{_fmt(den.value)}"
    how = parts(ratio, months_label(num.months))
    if den.value == 0:
        return Measurement(None, how=how, coverage=coverage, detail=detail,
                           insufficient=Text("reason.zero_denominator"))
    pace = None
    if params.pace and isinstance(target.target, (int, float)) and target.op in (">=", ">"):
        pace = round_half_even_scalar(float(target.target) * ctx.window.elapsed_share,
                                      PERCENT_DECIMALS)
        detail["pace_share"] = round(ctx.window.elapsed_share, 4)
        how = parts(ratio, months_label(num.months), Text("how.pace_percent", {"pace": f"{pace:g}"}))
    baseline, insufficient = None, None
    if target.is_previous_year:
        baseline, insufficient, base_detail = _baseline_ratio(ctx, ledger, params, num.months)
        detail["previous_year"] = base_detail
    return Measurement(found.percent, how=how, baseline=baseline, insufficient=insufficient,
                       pace=pace, coverage=coverage, detail=detail)


def _baseline_ratio(ctx: MetricContext, ledger: pd.DataFrame, params: LedgerRatioParams,
                    months: list[str]) -> tuple[float | None, Text | None, dict[str, object]]:
    """The previous year's ratio over the same months (``ledger``: the two sides' rows)."""
    previous = ctx.window.previous_year()
    wanted = _same_months_a_year_earlier(ctx.window, months)
    missing = missing_months(ledger, [params.numerator, params.denominator],
                             *_span(previous), wanted)
    found = ledger_ratio(ledger, params.numerator, params.denominator, *_span(previous),
                         params.aggregate, params.denominator_rule)
    actual = found.percent
    detail: dict[str, object] = {"numerator": found.numerator.value,
                                 "denominator": found.denominator.value,
                                 "months": found.numerator.months, "actual": actual,
                                 "missing_months": missing}
    if missing:
        return actual, Text("reason.previous_year_lacks", {"months": tuple(missing)}), detail
    if actual is None:
        return None, Text("reason.no_previous_ratio"), detail
    return actual, None, detail


def measure_total(target: Target, ctx: MetricContext) -> Measurement:
    """``ledger.total``: an indicator's figures over the window, summed or latest."""
    if ctx.data.ledger is None:
        return _no_ledger()
    params: LedgerIndicatorParams = target.params_as(LedgerIndicatorParams)
    ledger = ctx.ledger_of([params.indicator])  # its rows alone: a series measures it often
    current = indicator_total(ledger, params.indicator, *_span(ctx.window), params.aggregate)
    coverage: dict[str, object] = {"months": current.months}
    detail: dict[str, object] = {"indicator": params.indicator, "aggregate": params.aggregate,
                                 "rows": current.rows}
    if current.value is None:
        return Measurement(None, how=Text("how.no_rows_of", {"indicator": params.indicator}),
                           coverage=coverage,
                           detail=detail)
    if (not target.is_previous_year and isinstance(target.target, (int, float))
            and target.op in (">=", ">")):
        return _total_with_pace(float(target.target), current, ctx.window, coverage, detail)
    how = parts(months_label(current.months))
    baseline: float | str | None = None
    insufficient: Text | None = None
    if target.is_previous_year:
        previous = ctx.window.previous_year()
        missing = missing_months(ledger, [[params.indicator]], *_span(previous),
                                 _same_months_a_year_earlier(ctx.window, current.months))
        base = indicator_total(ledger, params.indicator, *_span(previous), params.aggregate)
        baseline = base.value
        detail["previous_year"] = {"value": base.value, "months": base.months,
                                   "missing_months": missing}
        if missing:
            insufficient = Text("reason.previous_year_lacks", {"months": tuple(missing)})
        elif base.value is not None:
            how = parts(Text("how.versus", {"current": _fmt(current.value),
                                            "base": _fmt(base.value)}), months_label(current.months))
    return Measurement(current.value, how=how, baseline=baseline, insufficient=insufficient,
                       coverage=coverage, detail=detail)


def _total_with_pace(goal: float, current: IndicatorTotal, window: Window,
                     coverage: dict[str, object], detail: dict[str, object]) -> Measurement:
    """A count to reach by year end: the pro-rata pace and what each month left must add."""
    assert current.value is not None
    pace = round_half_even_scalar(goal * window.elapsed_share, 2)
    how = parts(Text("how.of_goal", {"current": _fmt(current.value), "goal": _fmt(goal)}),
                months_label(current.months), Text("how.pace", {"pace": f"{pace:g}"}))
    remaining = max(0.0, goal - current.value)
    as_of = window.as_of
    months_left = 12 - as_of.month + (0 if as_of == month_end(as_of.year, as_of.month) else 1)
    outlook = {"remaining": remaining, "months_left": months_left,
               "per_month_needed": round(remaining / months_left, 2) if months_left else None}
    return Measurement(current.value, how=how, pace=pace, coverage=coverage, outlook=outlook,
                       detail=detail)


def measure_latest(target: Target, ctx: MetricContext) -> Measurement:
    """``ledger.latest``: the latest figure or grade of an indicator in the window."""
    if ctx.data.ledger is None:
        return _no_ledger()
    params: LedgerIndicatorParams = target.params_as(LedgerIndicatorParams)
    found = latest_value(ctx.data.ledger, params.indicator, *_span(ctx.window))
    detail: dict[str, object] = {"indicator": params.indicator, "month": found.month}
    if found.value is None:
        return Measurement(None, how=Text("how.no_rows_of", {"indicator": params.indicator}),
                           detail=detail)
    how = parts(f"{found.month}")
    baseline: float | str | None = None
    insufficient: Text | None = None
    if target.is_previous_year:
        base = latest_value(ctx.data.ledger, params.indicator, *_span(ctx.window.previous_year()))
        baseline = base.value
        detail["previous_year"] = {"value": base.value, "month": base.month}
        if base.value is None:
            insufficient = Text("reason.no_previous_figure")
        else:
            how = parts(Text("how.versus", {"current": found.month, "base": base.month}))
    return Measurement(found.value, how=how, baseline=baseline, insufficient=insufficient,
                       coverage={"months": [found.month]}, detail=detail)


def measure_milestone(target: Target, ctx: MetricContext) -> Measurement:
    """``ledger.milestone``: done when the ledger reports value ≥ 1 in the plan year by the
    period's end.

    Done before the period counts as done (a deliverable stays delivered): the months run
    from January to the month of the window's end, with or without ``--period``.
    """
    deadline = target.due or ctx.window.year_end
    if ctx.data.ledger is None:
        return Measurement(actual=None, how=Text("how.no_input", {"kind": Text("kind.ledger")}),
                           deadline=deadline)
    indicator = target.params["indicator"]
    window = ctx.window
    found = milestone_done(ctx.data.ledger, indicator, f"{window.year:04d}-01",
                           f"{window.end:%Y-%m}")
    days_left = (deadline - window.end).days
    how = (Text("how.done", {"month": found.month}) if found.done else
           Text("how.due_left", {"due": deadline, "days": days_left}) if days_left > 0 else
           Text("how.due", {"due": deadline}))
    return Measurement(1.0 if found.done else 0.0, how=how, done=found.done,
                       done_in=found.month, deadline=deadline,
                       detail={"indicator": indicator, "done_in": found.month})


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
