"""The monthly report's model on a small hand-made input (tests/tables/monthly_inputs.py):
every series worked out by hand, and every figure the same as ``check``'s."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.pipeline import CheckOptions, check, monthly_report
from ecotarget.render.json import jsonable, report_document
from ecotarget.tables.monthly import MonthlyReport
from ecotarget.targets import load_targets
from tests.tables.monthly_inputs import write_inputs


@pytest.fixture(scope="module")
def inputs(monthly_inputs: tuple[Path, Path]) -> tuple[Path, Path]:
    return monthly_inputs


@pytest.fixture(scope="module")
def monthly(march_report: MonthlyReport) -> MonthlyReport:
    return march_report


def test_the_report_is_the_checks_report(inputs: tuple[Path, Path],
                                         monthly: MonthlyReport) -> None:
    # "no second computation": the model holds the Report that check --format json renders
    data, targets = inputs
    result = CliRunner().invoke(cli, ["check", str(data), "--targets", str(targets),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    ours = json.loads(json.dumps(jsonable(report_document(monthly.report))))
    assert ours["results"] == document["results"]
    assert ours["summary"] == document["summary"] == {
        "met": 2, "on_track": 2, "at_risk": 1, "not_met": 0, "insufficient_data": 0,
        "no_data": 0}


def test_behind_lists_every_target_not_met_worst_first(monthly: MonthlyReport) -> None:
    # pm25 at risk (45 > 35), then the two counts on track; good days and the milestone met
    assert [r.id for r in monthly.behind] == ["pm25", "trainings", "classroom"]


def test_air_series_month_by_month(monthly: MonthlyReport) -> None:
    assert monthly.months == ("2025-01", "2025-02", "2025-03")
    good = monthly.air.good_day
    assert good is not None
    # own month: 28/31 = 90.3, 28/28 = 100.0, 26/31 = 83.9; to date 28/31, 56/59 = 94.9,
    # 82/90 = 91.1 (the check's figure)
    assert [m.value for m in good.months] == [90.3, 100.0, 83.9]
    assert [m.to_date for m in good.months] == [90.3, 94.9, 91.1]
    assert [m.status for m in good.months] == ["met", "met", "not_met"]
    assert {m.target for m in good.months} == {90.0}
    pm25 = monthly.air.pm25
    assert pm25 is not None
    assert [m.value for m in pm25.months] == [46.0, 40.0, 50.0]
    # to date: 1420/31 = 45.8 → 46; 2540/59 = 43.05 → 43; 4080/90 = 45.3 → 45
    assert [m.to_date for m in pm25.months] == [46.0, 43.0, 45.0]


def test_the_allowance_burns_down(monthly: MonthlyReport) -> None:
    # a year of 365 valid days may have 36 non-good days (329/365 = 90.1 %). End of
    # January: 28 good of 31, 334 days left; 329 good needed → 362 − x ≥ 329 → 33.
    # February: 56 of 59, 306 left → 56 + 306 − x ≥ 329 → 33. March: 82 of 90, 275 left →
    # 28. Pro rata: 36 × 334/365 = 32.9, 36 × 306/365 = 30.2, 36 × 275/365 = 27.1.
    air = monthly.air
    assert air.year_allowance == 36
    assert [(a.non_good_days, a.allowance, a.pro_rata) for a in air.allowance] == [
        (3, 33, 32.9), (0, 33, 30.2), (5, 28, 27.1)]
    # the last month's allowance is the check's outlook
    assert air.allowance[-1].allowance == air.results[0].outlook["allowance"]


def test_days_per_category_and_the_calendar(monthly: MonthlyReport) -> None:
    january = monthly.air.categories[0]
    assert (january.valid_days, january.days["良"], january.days["轻度污染"]) == (31, 28, 3)
    days = {d.date: d for d in monthly.air.days}
    assert len(days) == 90
    bad = days[dt.date(2025, 1, 1)]
    assert (bad.aqi, bad.level, bad.category, bad.primary) == (132, 3, "轻度污染", "PM2.5")
    assert days[dt.date(2025, 2, 1)].aqi == 57
    assert days[dt.date(2025, 2, 1)].category_en == "Good"


def test_ledger_counts_against_their_pace(monthly: MonthlyReport) -> None:
    series = {s.target_id: s for s in monthly.ledger}
    trainings = series["trainings"]
    assert [m.value for m in trainings.months] == [2.0, 1.0, 3.0]
    assert [m.to_date for m in trainings.months] == [2.0, 3.0, 6.0]
    assert [m.pace for m in trainings.months] == [1.02, 1.94, 2.96]
    assert trainings.goal == 12.0 and trainings.unit_en == "sessions"
    (milestone,) = monthly.milestones
    assert (milestone.due, milestone.done_in, milestone.status) == (
        dt.date(2025, 6, 30), "2025-02", "met")


def test_inputs_and_no_water(monthly: MonthlyReport) -> None:
    assert [(i.kind, i.rows_read, i.last_date) for i in monthly.inputs] == [
        ("air", 90, dt.date(2025, 3, 31)), ("ledger", 9, dt.date(2025, 3, 31))]
    assert monthly.rejected == ()
    assert monthly.water.sections == () and monthly.water.cwqi is None


def test_compare_to_lists_exactly_the_changes(monthly: MonthlyReport) -> None:
    # as of 2025-02-28: good days 56/59 = 94.9, PM2.5 43, trainings 3, classroom 0 (at risk:
    # 0 < 1.94); as of 2025-03-31: 91.1, 45, 6, 4 (on track: 4 ≥ 2.96); the milestone was
    # done in February both times
    comparison = monthly.comparison
    assert comparison is not None
    assert comparison.as_of == dt.date(2025, 2, 28)
    assert [(c.target_id, c.what, c.before, c.after, c.better)
            for c in comparison.changes] == [
        ("classroom", "status", "at_risk", "on_track", True),
        ("good", "actual", 94.9, 91.1, False),
        ("pm25", "actual", 43.0, 45.0, False),
        ("trainings", "actual", 3.0, 6.0, True),
        ("classroom", "actual", 0.0, 4.0, True)]


def test_compare_to_matches_a_check_as_of_that_date(inputs: tuple[Path, Path],
                                                   monthly: MonthlyReport) -> None:
    data, targets = inputs
    before = check([str(data)], load_targets(targets),
                   CheckOptions(as_of=dt.date(2025, 2, 28)))
    assert monthly.comparison is not None
    assert [dataclasses.replace(r, detail={}) for r in monthly.comparison.before.results] == [
        dataclasses.replace(r, detail={}) for r in before.results]


def test_an_explicit_period_has_no_allowance(inputs: tuple[Path, Path]) -> None:
    # --period 2025-02: judged as it stands; no rest of the year to allow non-good days in
    data, targets = inputs
    monthly = monthly_report([str(data)], load_targets(targets),
                             CheckOptions(period=(dt.date(2025, 2, 1), dt.date(2025, 2, 28))))
    assert monthly.months == ("2025-02",)
    assert monthly.air.allowance == ()
    assert monthly.air.good_day is not None
    assert [m.value for m in monthly.air.good_day.months] == [100.0]


def test_rejected_rows_are_grouped_by_problem(tmp_path: Path) -> None:
    # two unreadable values of 数值 (lines 2 and 3): one problem, two rows, line 2 shown
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值\n2025-01,培训期数,abc\n2025-02,培训期数,x\n"
                      "2025-03,培训期数,2\n", encoding="utf-8")
    (tmp_path / "inputs").mkdir()
    _, targets = write_inputs(tmp_path / "inputs")
    monthly = monthly_report([str(ledger)], load_targets(targets))
    (group,) = monthly.rejected
    assert (group.column, group.count, group.example_line, group.example_value) == (
        "数值", 2, 2, "abc")
    assert group.message == monthly.report.row_errors[0]["message"]
    assert group.message_zh == monthly.report.row_errors[0]["message_zh"] != group.message
    (account,) = monthly.inputs
    assert (account.rows_read, account.rows_accepted, account.rows_rejected) == (3, 1, 2)
