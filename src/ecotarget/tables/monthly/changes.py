"""``ecotarget report --compare-to P``: what moved between two checks of the same inputs.

A status moved when the two checks judge a target differently; a figure moved when its
``actual`` differs. Each change says whether it goes the target's way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ecotarget.report import Report, Result
from ecotarget.tables.monthly.model import Change, Comparison

#: how far a status is from the target; insufficient_data and no_data have no place on it
STATUS_RANK = {"met": 0, "on_track": 1, "at_risk": 2, "not_met": 3}


def status_better(before: str, after: str) -> bool | None:
    """Whether moving from status ``before`` to ``after`` is a move towards the target.

    >>> status_better("at_risk", "met"), status_better("on_track", "not_met")
    (True, False)
    >>> status_better("met", "insufficient_data") is None
    True
    """
    if before not in STATUS_RANK or after not in STATUS_RANK:
        return None
    return STATUS_RANK[after] < STATUS_RANK[before]


def figure_better(op: str, before: float | str | None, after: float | str | None,
                  goal: float | str | None = None) -> bool | None:
    """Whether a figure's move from ``before`` to ``after`` goes the way ``op`` wants.

    Up is better for ``>=`` and ``>``, down for ``<=`` and ``<``; for ``==`` closer to the
    goal is better. None when either figure is not a number.

    >>> figure_better(">=", 89.8, 90.1), figure_better("<=", 27.0, 28.0)
    (True, False)
    >>> figure_better("==", 2.0, 1.0, goal=0.0), figure_better(">=", "B", "A") is None
    (True, True)
    """
    if not isinstance(before, (int, float)) or not isinstance(after, (int, float)):
        return None
    if op in (">=", ">"):
        return after > before
    if op in ("<=", "<"):
        return after < before
    if isinstance(goal, (int, float)):
        return abs(after - goal) < abs(before - goal)
    return None


def changes(before: Report, after: Report) -> tuple[Change, ...]:
    """The statuses that moved, then the figures that moved, each in the targets' order.

    Targets present in only one report are left out (the same targets file gives both).
    """
    earlier = {r.id: r for r in before.results}
    pairs: Sequence[tuple[Result, Result]] = [(earlier[r.id], r) for r in after.results
                                              if r.id in earlier]
    statuses = [Change(target_id=a.id, name=a.name, name_en=a.name_en, what="status",
                       before=b.status, after=a.status, better=status_better(b.status, a.status))
                for b, a in pairs if b.status != a.status]
    figures = [Change(target_id=a.id, name=a.name, name_en=a.name_en, what="actual",
                      before=b.actual, after=a.actual,
                      better=figure_better(a.op, b.actual, a.actual, a.target_value))
               for b, a in pairs if b.actual != a.actual]
    return (*statuses, *figures)


def comparison(label: str, before: Report, after: Report) -> Comparison:
    """The comparison with the check ``before`` (of period ``label``)."""
    as_of: dt.date = before.as_of
    return Comparison(label=label, as_of=as_of, before=before, changes=changes(before, after))


__all__ = ["STATUS_RANK", "changes", "comparison", "figure_better", "status_better"]
