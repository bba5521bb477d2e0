"""Statuses, margins and reasons, applied to measurements built by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from ecotarget.catalogue import Text
from ecotarget.evaluate import evaluate
from ecotarget.periods import make_window
from ecotarget.report import Measurement, Report
from ecotarget.targets import Target

OCT = make_window(2025, as_of=dt.date(2025, 10, 31), period=None)
YEAR_END = make_window(2025, as_of=dt.date(2025, 12, 31), period=None)


def target(**overrides: object) -> Target:
    fields: dict[str, object] = {
        "id": "t", "section": "headline", "name": "n", "name_en": "n", "clause": "c",
        "metric": "ledger.total", "params": {"indicator": "x"}, "op": ">=", "target": 90}
    fields.update(overrides)
    return Target.model_validate(fields)


@pytest.mark.parametrize(
    ("measurement", "window", "status"),
    [
        (Measurement(None), OCT, "no_data"),
        (Measurement(None, insufficient=Text("reason.zero_denominator")), OCT, "insufficient_data"),
        (Measurement(95.0, insufficient=Text("reason.month_valid_days", {"month": "2025-02", "valid": 20, "required": 25})), OCT, "insufficient_data"),
        (Measurement(95.0), OCT, "met"),
        (Measurement(85.0), OCT, "not_met"),
        # a count behind the year's target but on pace is on track (not met: 78 < 90);
        # behind pace is at risk; reaching the year's target is met whatever the pace
        (Measurement(78.0, pace=74.96), OCT, "on_track"),
        (Measurement(74.96, pace=74.96), OCT, "on_track"),
        (Measurement(90.0, pace=74.96), OCT, "met"),
        (Measurement(70.0, pace=74.96), OCT, "at_risk"),
        (Measurement(70.0, pace=90.0), YEAR_END, "not_met"),
        # air-style outlook: reachable and projection
        (Measurement(92.0, reachable=True, projected_pass=True), OCT, "met"),
        (Measurement(92.0, reachable=True, projected_pass=False), OCT, "at_risk"),
        (Measurement(88.0, reachable=True, projected_pass=True), OCT, "at_risk"),
        (Measurement(80.0, reachable=False, projected_pass=False), OCT, "not_met"),
        (Measurement(88.0, reachable=None, projected_pass=None), YEAR_END, "not_met"),
    ],
)
def test_statuses(measurement: Measurement, window: object, status: str) -> None:
    assert evaluate(target(), measurement, window).status == status  # type: ignore[arg-type]


def test_previous_year_compares_with_the_baseline() -> None:
    falling = target(op="<", target="previous_year")
    assert evaluate(falling, Measurement(354.0, baseline=393.0), OCT).status == "met"
    result = evaluate(falling, Measurement(400.0, baseline=393.0), OCT)
    assert result.status == "not_met" and result.margin == -7 and result.target_value == 393
    assert evaluate(falling, Measurement(354.0), OCT).status == "insufficient_data"


def test_margin_direction() -> None:
    assert evaluate(target(op="<=", target=26), Measurement(28.0), OCT).margin == -2
    assert evaluate(target(op="==", target=0), Measurement(1.0), OCT).margin == -1
    assert evaluate(target(), Measurement(95.5), OCT).margin == 5.5


def test_exit_codes_follow_fail_on() -> None:
    met = evaluate(target(), Measurement(95.0), OCT)
    risky = evaluate(target(), Measurement(70.0, pace=74.96), OCT)
    report = Report("0", "t.yaml", {}, OCT.as_of, (OCT.start, OCT.end), [], [met, risky], [])
    assert report.exit_code("not_met") == 0
    assert report.exit_code("at_risk") == 1
    assert report.exit_code("never") == 0
    assert report.summary["at_risk"] == 1 and report.summary["met"] == 1


def test_reasons_name_the_projection() -> None:
    behind = Measurement(89.8, reachable=True, projected_pass=True, outlook={"projected": 91.2})
    assert evaluate(target(), behind, OCT).reason.render("en") == (
        "behind so far; the projection (91.2) reaches the target if the rest of the year is "
        "like last year's")
    worse = Measurement(89.0, reachable=True, projected_pass=False, outlook={"projected": 88.5})
    assert evaluate(target(), worse, OCT).reason.render("en") == (
        "behind so far, and the projection (88.5) misses it too")
    ahead = Measurement(91.0, reachable=True, projected_pass=False, outlook={"projected": 89.5})
    assert evaluate(target(), ahead, OCT).reason.render("en") == (
        "met so far, but the projection (89.5) misses it")


@pytest.mark.parametrize(
    ("measurement", "status", "reason"),
    [
        (Measurement(1.0, done=True, done_in="2025-05"), "met", "done 2025-05"),
        (Measurement(0.0, done=False), "at_risk", "not done; due 2025-12-15 (45 days left)"),
        (Measurement(None), "no_data", "no ledger input"),
    ],
)
def test_a_deadline_is_judged_by_done_and_days_left(measurement: Measurement, status: str,
                                                     reason: str) -> None:
    due = dt.date(2025, 12, 15)
    deliverable = Measurement(measurement.actual, done=measurement.done,
                              done_in=measurement.done_in, deadline=due)
    result = evaluate(target(op="==", target=1), deliverable, OCT)
    assert (result.status, result.reason.render("en"), result.margin) == (status, reason, None)


def test_the_target_compares_grades_on_its_scale() -> None:
    graded = target(metric="ledger.latest", params={"indicator": "x", "scale": ["D", "C", "B", "A"]},
                    target="B")
    assert graded.passes("A") and not graded.passes("C") and not graded.passes("Z")
    assert graded.margin("A", "B") == 1.0 and graded.margin(3.0, "B") is None
    lower = target(metric="ledger.latest", params={"indicator": "x", "scale": ["D", "C", "B", "A"]},
                   op="<=", target="B")
    assert lower.margin("A", "B") == -1.0 and lower.operator(1.0, 2.0)
