"""Actual versus target → status, margin, pace and the reason shown beside them.

A measurement is judged by its target's comparison (:meth:`Target.passes`), by the pace a
pro-rata target should have reached by its data's last day, by whether the rest of the year
can still reach it, and by the year-end projection. A deliverable (a measurement with a
``deadline``) is judged by whether it is done and how close its due date is.

The statuses, best first: ``met`` (the year's target is reached, or a ratio or
concentration meets it to date with an outlook that keeps it), ``on_track`` (not reached
yet, but on its pro-rata pace, or a milestone not yet due and not in its last 60 days),
``at_risk``, ``not_met``, ``insufficient_data``, ``no_data``.
"""

from __future__ import annotations

import datetime as dt

from ecotarget.catalogue import Text
from ecotarget.periods import Window
from ecotarget.report import Measurement, Result, Status, no_negative_zero
from ecotarget.targets import Target

MILESTONE_WARNING_DAYS = 60

Verdict = tuple[Status, Text]


def evaluate(target: Target, measured: Measurement, window: Window, *,
             data_through: dt.date | None = None, blocked: Text | None = None) -> Result:
    """Judge one measurement against its target.

    ``blocked``: why the data cannot be judged however the figure looks (the as-of date
    lies past the target's data, or a ratio month is reported on one side only); the
    result is then ``insufficient_data`` with that reason.
    """
    goal = measured.baseline if target.is_previous_year else target.target
    if measured.deadline is not None:
        status, reason = deadline_status(measured, measured.deadline, window)
    else:
        status, reason = measured_status(target, measured, window, goal)
    # a deliverable reported done stays done, whatever months are missing after it
    if blocked is not None and not measured.done:
        # a shortfall the measurement names itself (days, sections) is the more precise why
        status, reason = "insufficient_data", measured.insufficient or blocked
    judged = measured.deadline is None and status != "insufficient_data"
    margin = target.margin(measured.actual, goal) if judged else None
    pace_target = pace_margin = None
    if judged and measured.pace is not None and status in ("on_track", "at_risk"):
        pace_target = measured.pace
        pace_margin = target.margin(measured.actual, measured.pace)
    return Result(
        id=target.id, name=target.name, name_en=target.name_en, section=target.section,
        metric=target.metric, unit=target.unit, unit_en=target.unit_en, op=target.op,
        target=target.target,
        target_value=goal, actual=measured.actual, status=status,
        margin=no_negative_zero(margin), how=measured.how,
        reason=reason, clause=target.clause, due=target.due, coverage=measured.coverage,
        outlook=measured.outlook, detail=measured.detail, pace_target=pace_target,
        pace_margin=no_negative_zero(pace_margin), data_through=data_through,
    )


def measured_status(target: Target, m: Measurement, window: Window,
                    goal: float | str | None) -> Verdict:
    """Status and reason of a measured figure against ``goal``."""
    if m.actual is None:
        return ("insufficient_data", m.insufficient) if m.insufficient else (
            "no_data", Text("reason.no_data"))
    if m.insufficient:
        return "insufficient_data", m.insufficient
    if goal is None:
        return "insufficient_data", Text("reason.no_baseline")
    passes = target.passes(m.actual, goal)
    if m.pace is not None and not passes:
        return pace_status(target, m.actual, m.pace, window)
    if m.reachable is False:
        return "not_met", Text("reason.unreachable")
    if m.projected_pass is not None and not window.is_final:
        return projection_status(passes, m.projected_pass, m.outlook.get("projected"))
    if not passes and m.reachable and not window.is_final:
        return "at_risk", Text("reason.behind")
    return ("met", Text("reason.met")) if passes else ("not_met", Text("reason.not_met"))


def pace_status(target: Target, actual: float | str, pace: float, window: Window) -> Verdict:
    """A figure short of its year's target, judged against the pro-rata figure due by now.

    On pace is ``on_track`` (not ``met``: the year's target is not reached yet).
    """
    if window.is_final:
        return "not_met", Text("reason.year_over")
    params = {"pace": float(pace), "date": window.end}
    if target.passes(actual, pace):
        return "on_track", Text("reason.on_pace", params)
    return "at_risk", Text("reason.behind_pace", params)


def projection_status(passes: bool, projected_pass: bool, projected: object) -> Verdict:
    """The year so far (``passes``) and its year-end projection, before the year is over."""
    if passes and projected_pass:
        return "met", Text("reason.projection_keeps")
    figure = {"projected": float(projected)} if isinstance(projected, (int, float)) else None
    if figure is None:
        return "at_risk", Text("reason.behind")
    if passes:
        return "at_risk", Text("reason.projection_misses", figure)
    if projected_pass:
        return "at_risk", Text("reason.projection_reaches", figure)
    return "at_risk", Text("reason.projection_misses_too", figure)


def deadline_status(m: Measurement, due: dt.date, window: Window) -> Verdict:
    """A deliverable: done, on track, close to its due date, or overdue.

    Done in any month of the plan year up to the period's end is ``met``, however early.
    Otherwise the due date is compared with the period's end (``window.end``): due on or
    before it → ``not_met``; due within :data:`MILESTONE_WARNING_DAYS` after it →
    ``at_risk``; later → ``on_track``. With the period ending 2025-10-31: due 2025-12-31 is
    61 days away (on track), due 2025-12-30 is 60 (at risk), due 2025-10-31 is overdue.
    """
    if m.actual is None and m.done is None:
        return "no_data", Text("reason.no_ledger")
    if m.done:
        return "met", Text("reason.done", {"month": m.done_in or ""})
    days = (due - window.end).days
    if days <= 0:
        return "not_met", Text("reason.overdue", {"due": due})
    if days <= MILESTONE_WARNING_DAYS:
        return "at_risk", Text("reason.due_soon", {"due": due, "days": days})
    return "on_track", Text("reason.on_schedule", {"due": due, "warning": MILESTONE_WARNING_DAYS})
