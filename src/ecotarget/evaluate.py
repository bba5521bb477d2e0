"""Actual versus target → status and margin (DESIGN.md, "Statuses and exit codes")."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable

from ecotarget.periods import Window
from ecotarget.report import Measurement, Result, Status
from ecotarget.targets import Target

COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, "<=": operator.le, "==": operator.eq, "<": operator.lt, ">": operator.gt,
}
MILESTONE_WARNING_DAYS = 60


def evaluate(target: Target, measured: Measurement, window: Window) -> Result:
    """Judge one measurement against its target."""
    goal = measured.baseline if target.is_previous_year else target.target
    status, reason = _status(target, measured, window, goal)
    return Result(
        id=target.id, name=target.name, name_en=target.name_en, section=target.section,
        metric=target.metric, unit=target.unit, op=target.op, target=target.target,
        target_value=goal, actual=measured.actual, status=status,
        margin=None if target.metric == "ledger.milestone" or status == "insufficient_data"
        else _margin(target, measured.actual, goal), how=measured.how, reason=reason,
        clause=target.clause, due=target.due, coverage=measured.coverage,
        outlook=measured.outlook, detail=measured.detail,
    )


def _status(target: Target, m: Measurement, window: Window,
            goal: float | str | None) -> tuple[Status, str]:
    if target.metric == "ledger.milestone":
        return _milestone(target, m, window)
    if m.actual is None:
        return ("insufficient_data", m.insufficient) if m.insufficient else (
            "no_data", "no input carries this indicator for the period")
    if m.insufficient:
        return "insufficient_data", m.insufficient
    if goal is None:
        return "insufficient_data", "no baseline figure for the previous year"
    passes = compares(target, m.actual, goal)
    if m.pace is not None and not passes:
        if window.is_final:
            return "not_met", "the year is over and the target was not reached"
        if compares(target, m.actual, m.pace):
            return "met", f"on pace ({_num(m.pace)} expected by {window.end})"
        return "at_risk", f"behind pace: {_num(m.pace)} expected by {window.end}"
    if m.reachable is False:
        return "not_met", "cannot be reached even if every remaining day is good"
    if m.projected_pass is not None and not window.is_final:
        if passes and m.projected_pass:
            return "met", "met so far, and the projection keeps it met"
        projected = m.outlook.get("projected")
        shown = f" ({_num(float(projected))})" if isinstance(projected, (int, float)) else ""
        if passes:
            return "at_risk", f"met so far, but the projection{shown} misses it"
        if m.projected_pass:
            return "at_risk", (f"behind so far; the projection{shown} reaches the target if the "
                               "rest of the year is like last year's")
        if shown:
            return "at_risk", f"behind so far, and the projection{shown} misses it too"
        return "at_risk", "behind so far: the rest of the year must do better than the year so far"
    if not passes and m.reachable and not window.is_final:
        return "at_risk", "behind so far: the rest of the year must do better than the year so far"
    return ("met", "target met") if passes else ("not_met", "target missed")


def _milestone(target: Target, m: Measurement, window: Window) -> tuple[Status, str]:
    if m.actual is None and m.done is None:
        return "no_data", "no ledger input"
    due = target.due or window.year_end
    if m.done:
        return "met", "done"
    days = (due - window.as_of).days
    if days < 0:
        return "not_met", f"not done; was due {due.isoformat()}"
    if days <= MILESTONE_WARNING_DAYS:
        return "at_risk", f"not done; due {due.isoformat()} ({days} days left)"
    return "met", f"on schedule; due {due.isoformat()}"


def compares(target: Target, actual: float | str, goal: float | str) -> bool:
    """Apply the target's operator, ranking grades on the target's scale."""
    scale = target.params.get("scale")
    if scale and (isinstance(actual, str) or isinstance(goal, str)):
        rank = {grade: i for i, grade in enumerate(scale)}
        if actual not in rank or goal not in rank:
            return False
        return COMPARE[target.op](rank[actual], rank[goal])
    if isinstance(actual, str) or isinstance(goal, str):
        return False
    return COMPARE[target.op](actual, goal)


def _margin(target: Target, actual: float | str | None, goal: float | str | None) -> float | None:
    """How far the actual is on the good side of the goal (negative: the bad side)."""
    if not isinstance(actual, (int, float)) or not isinstance(goal, (int, float)):
        scale = target.params.get("scale")
        if scale and actual in scale and goal in scale:
            diff = scale.index(actual) - scale.index(goal)
            return float(-diff if target.op in ("<=", "<") else diff)
        return None
    if math.isnan(actual):
        return None
    diff = float(actual) - float(goal)
    if target.op in ("<=", "<"):
        diff = -diff
    elif target.op == "==":
        diff = -abs(diff)
    return round(diff, 6)


def _num(value: float) -> str:
    return f"{value:.1f}" if value % 1 else f"{value:.0f}"

