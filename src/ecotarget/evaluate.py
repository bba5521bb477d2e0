"""Actual versus target → status, margin and the reason shown beside them.

A measurement is judged by its target's comparison (:meth:`Target.passes`), by the pace a
pro-rata target should have reached by now, by whether the rest of the year can still reach
it, and by the year-end projection. A deliverable (a measurement with a ``deadline``) is
judged by whether it is done and how close its due date is.
"""

from __future__ import annotations

import datetime as dt

from ecotarget.periods import Window
from ecotarget.report import Measurement, Result, Status
from ecotarget.targets import Target

MILESTONE_WARNING_DAYS = 60


def evaluate(target: Target, measured: Measurement, window: Window) -> Result:
    """Judge one measurement against its target."""
    goal = measured.baseline if target.is_previous_year else target.target
    if measured.deadline is not None:
        status, reason = deadline_status(measured, measured.deadline, window)
    else:
        status, reason = measured_status(target, measured, window, goal)
    no_margin = measured.deadline is not None or status == "insufficient_data"
    return Result(
        id=target.id, name=target.name, name_en=target.name_en, section=target.section,
        metric=target.metric, unit=target.unit, op=target.op, target=target.target,
        target_value=goal, actual=measured.actual, status=status,
        margin=None if no_margin else target.margin(measured.actual, goal), how=measured.how,
        reason=reason, clause=target.clause, due=target.due, coverage=measured.coverage,
        outlook=measured.outlook, detail=measured.detail,
    )


def measured_status(target: Target, m: Measurement, window: Window,
                    goal: float | str | None) -> tuple[Status, str]:
    """Status and reason of a measured figure against ``goal``."""
    if m.actual is None:
        return ("insufficient_data", m.insufficient) if m.insufficient else (
            "no_data", "no input carries this indicator for the period")
    if m.insufficient:
        return "insufficient_data", m.insufficient
    if goal is None:
        return "insufficient_data", "no baseline figure for the previous year"
    passes = target.passes(m.actual, goal)
    if m.pace is not None and not passes:
        return pace_status(target, m.actual, m.pace, window)
    if m.reachable is False:
        return "not_met", "cannot be reached even if every remaining day is good"
    if m.projected_pass is not None and not window.is_final:
        return projection_status(passes, m.projected_pass, m.outlook.get("projected"))
    if not passes and m.reachable and not window.is_final:
        return "at_risk", "behind so far: the rest of the year must do better than the year so far"
    return ("met", "target met") if passes else ("not_met", "target missed")


def pace_status(target: Target, actual: float | str, pace: float,
                window: Window) -> tuple[Status, str]:
    """A figure short of its target, judged against the pro-rata figure due by now."""
    if window.is_final:
        return "not_met", "the year is over and the target was not reached"
    if target.passes(actual, pace):
        return "met", f"on pace ({_num(pace)} expected by {window.end})"
    return "at_risk", f"behind pace: {_num(pace)} expected by {window.end}"


def projection_status(passes: bool, projected_pass: bool, projected: object) -> tuple[Status, str]:
    """The year so far (``passes``) and its year-end projection, before the year is over."""
    if passes and projected_pass:
        return "met", "met so far, and the projection keeps it met"
    shown = f" ({_num(float(projected))})" if isinstance(projected, (int, float)) else ""
    if passes:
        return "at_risk", f"met so far, but the projection{shown} misses it"
    if projected_pass:
        return "at_risk", (f"behind so far; the projection{shown} reaches the target if the "
                           "rest of the year is like last year's")
    if shown:
        return "at_risk", f"behind so far, and the projection{shown} misses it too"
    return "at_risk", "behind so far: the rest of the year must do better than the year so far"


def deadline_status(m: Measurement, due: dt.date, window: Window) -> tuple[Status, str]:
    """A deliverable: done, on schedule, close to its due date, or overdue."""
    if m.actual is None and m.done is None:
        return "no_data", "no ledger input"
    if m.done:
        return "met", "done"
    days = (due - window.as_of).days
    if days < 0:
        return "not_met", f"not done; was due {due.isoformat()}"
    if days <= MILESTONE_WARNING_DAYS:
        return "at_risk", f"not done; due {due.isoformat()} ({days} days left)"
    return "met", f"on schedule; due {due.isoformat()}"


def _num(value: float) -> str:
    return f"{value:.1f}" if value % 1 else f"{value:.0f}"
