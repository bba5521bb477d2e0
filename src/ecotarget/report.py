"""What a check returns: plain value objects that every renderer reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["met", "at_risk", "not_met", "insufficient_data", "no_data"]
STATUSES: tuple[Status, ...] = ("met", "at_risk", "not_met", "insufficient_data", "no_data")
SEVERITY: dict[str, int] = {"no_data": 0, "insufficient_data": 0, "met": 0, "at_risk": 1,
                            "not_met": 2}


@dataclass(frozen=True)
class Measurement:
    """What a metric found, before it is compared with the target.

    ``actual`` is None when no valid data exist. ``insufficient`` names why the data do not
    suffice (validity counts, missing months, a zero denominator) while ``actual`` may still
    be shown. ``pace`` is the pro-rata figure a count or annual ratio should have reached by
    now; ``outlook`` carries what the rest of the year must deliver. ``deadline`` marks a
    deliverable (a milestone): it is judged by ``done`` against that date, not by comparing
    ``actual`` with the target, and it has no margin.
    """

    actual: float | str | None
    how: str = ""
    baseline: float | str | None = None  # the previous_year figure, when the target is that
    insufficient: str | None = None
    pace: float | None = None
    done: bool | None = None  # milestones
    deadline: dt.date | None = None  # set for a deliverable judged by its due date
    reachable: bool | None = None  # False when even a perfect rest of the year cannot reach it
    projected_pass: bool | None = None  # year-end projection meets the target
    coverage: dict[str, Any] = field(default_factory=dict)
    outlook: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """One target's verdict."""

    id: str
    name: str
    name_en: str
    section: str
    metric: str
    unit: str
    op: str
    target: float | str
    target_value: float | str | None  # the number compared with (the baseline for previous_year)
    actual: float | str | None
    status: Status
    margin: float | None
    how: str
    reason: str
    clause: str
    due: dt.date | None = None
    coverage: dict[str, Any] = field(default_factory=dict)
    outlook: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    breakdown: dict[str, Any] | None = None  # check --by: {by, rows[]}; None when not asked


@dataclass(frozen=True)
class InputSummary:
    """One input's account of rows: ``rows_read = rows_accepted + rows_rejected``.

    ``rows_out_of_period``, ``rows_other_stations`` and ``rows_unused`` count accepted rows
    that no figure uses (dated outside the plan year and its baseline; other stations of a
    national network file; a ledger indicator no target reads): each is part of
    ``rows_accepted``, and a row may be in more than one of them.
    """

    path: str
    kind: str
    encoding: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rows_out_of_period: int = 0
    # accepted rows of a national network file at stations other than the region's
    rows_other_stations: int = 0
    rows_unused: int = 0  # accepted ledger rows whose indicator no target reads
    subkind: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """The whole answer of ``ecotarget check``."""

    version: str
    targets_file: str
    plan: dict[str, Any]
    as_of: dt.date
    period: tuple[dt.date, dt.date]
    inputs: list[InputSummary]
    results: list[Result]
    row_errors: list[dict[str, Any]]
    air_standard: str = "auto"

    @property
    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for result in self.results:
            counts[result.status] += 1
        return counts

    def exit_code(self, fail_on: str) -> int:
        """0 when no result reaches the ``fail_on`` status, else 1 (``never``: always 0)."""
        if fail_on == "never":
            return 0
        threshold = SEVERITY[fail_on]
        return int(any(SEVERITY[r.status] >= threshold for r in self.results))
