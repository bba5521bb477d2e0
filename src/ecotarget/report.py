"""What a check returns: plain value objects that every renderer reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from ecotarget.catalogue import Text

#: the ``how`` of a measurement that has nothing to say
NO_HOW = Text("how.none")

Status = Literal["met", "on_track", "at_risk", "not_met", "insufficient_data", "no_data"]
#: every status, in the order every output lists them
STATUSES: tuple[Status, ...] = ("met", "on_track", "at_risk", "not_met", "insufficient_data",
                                "no_data")
# on_track is no failure: the year's target is not reached yet, but the figure is on pace
SEVERITY: dict[str, int] = {"no_data": 0, "insufficient_data": 0, "met": 0, "on_track": 0,
                            "at_risk": 1, "not_met": 2}


def no_negative_zero(value: float | None) -> float | None:
    """``-0.0`` becomes ``0.0`` (a margin of zero has no side); other values pass.

    >>> no_negative_zero(-0.0), no_negative_zero(-1.5), no_negative_zero(None)
    (0.0, -1.5, None)
    """
    return 0.0 if value == 0 else value


def kind_dates(kinds: dict[str, dt.date]) -> tuple[Text, ...]:
    """``台账 2025-11``, ``空气 2025-10-31`` …: each input kind and its last date (a ledger
    reports months, so its month).

    >>> [t.render("en") for t in kind_dates({"ledger": dt.date(2025, 11, 30),
    ...                                      "air": dt.date(2025, 10, 31)})]
    ['ledger 2025-11', 'air 2025-10-31']
    """
    return tuple(Text("kind.dated", {"kind": Text(f"kind.{kind}"),
                                     "date": f"{day:%Y-%m}" if kind == "ledger" else day})
                 for kind, day in kinds.items())


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
    how: Text = NO_HOW
    baseline: float | str | None = None  # the previous_year figure, when the target is that
    insufficient: Text | None = None
    pace: float | None = None
    done: bool | None = None  # milestones
    done_in: str | None = None  # milestones: the first month reported done, 'YYYY-MM'
    deadline: dt.date | None = None  # set for a deliverable judged by its due date
    reachable: bool | None = None  # False when even a perfect rest of the year cannot reach it
    projected_pass: bool | None = None  # year-end projection meets the target
    coverage: dict[str, Any] = field(default_factory=dict)
    outlook: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """One target's verdict.

    ``margin`` is measured against the year's target (``target_value``); ``pace_target``
    and ``pace_margin`` are the pro-rata figure due by ``data_through`` and the distance
    from it, set when that pace decided the status. ``reason`` says why, in either language.
    """

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
    how: Text
    reason: Text
    clause: str
    due: dt.date | None = None
    pace_target: float | None = None
    pace_margin: float | None = None
    data_through: dt.date | None = None  # the last day (a ledger month: its last day) judged
    unit_en: str | None = None  # the unit's English name; None: as ``unit``
    coverage: dict[str, Any] = field(default_factory=dict)
    outlook: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    breakdown: dict[str, Any] | None = None  # check --by: {by, rows[]}; None when not asked


@dataclass(frozen=True)
class InputSummary:
    """One input's account of rows: ``rows_read = rows_accepted + rows_rejected``.

    ``rows_out_of_period``, ``rows_other_stations``, ``rows_unused`` and
    ``rows_not_assessed`` count accepted rows that no figure uses (dated outside the plan
    year and its baseline; other stations of a national network file; a ledger indicator no
    target reads; a water release's samples whose station did not run normally): each is
    part of ``rows_accepted``, and a row may be in more than one of them.
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
    # accepted samples of a water release whose 站点情况 is not 正常 (in no figure)
    rows_not_assessed: int = 0
    subkind: str | None = None
    notes: tuple[Text, ...] = ()


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
    # each input kind's last date ('ledger': its last month's last day), and what the
    # reader must be told about the data (the CLI prints them on stderr)
    data_through: dict[str, dt.date] = field(default_factory=dict)
    warnings: tuple[Text, ...] = ()

    def kind_dates(self) -> tuple[Text, ...]:
        """Each input kind and its last date (see :func:`kind_dates`)."""
        return kind_dates(self.data_through)

    @property
    def kinds_differ(self) -> bool:
        """Whether the input kinds end in different months (the header then names each)."""
        return len({(d.year, d.month) for d in self.data_through.values()}) > 1

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
