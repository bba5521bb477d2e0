"""Ledger metrics on small hand-made ledgers; every expected figure is worked out in a comment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ecotarget.pipeline import CheckOptions, check
from ecotarget.report import Result
from ecotarget.targets import load_targets

TARGETS = """\
plan: {year: 2025, region: 测试县, issuer: 测试局}
targets:
  - {id: util, section: headline, name: 利用率, name_en: Utilisation, clause: c, metric: ledger.ratio,
     params: {numerator: [利用量], denominator: [产生量, 往年贮存量]}, op: ">=", target: 99, unit: "%"}
  - {id: soil, section: headline, name: 土壤, name_en: Soil, clause: c, metric: ledger.ratio,
     params: {numerator: [安全利用面积], denominator: [污染面积], aggregate: latest},
     op: ">=", target: 100, unit: "%"}
  - {id: cut, section: headline, name: 减排, name_en: Reduction, clause: c, metric: ledger.ratio,
     params: {numerator: [减排量], denominator: [减排任务量], denominator_aggregate: latest, pace: true},
     op: ">=", target: 100, unit: "%"}
  - {id: landfill, section: headline, name: 填埋, name_en: Landfill, clause: c, metric: ledger.ratio,
     params: {numerator: [填埋量], denominator: [产生量]}, op: "<", target: previous_year, unit: "%"}
  - {id: zero_den, section: tasks, name: 审核, name_en: Review, clause: c, metric: ledger.ratio,
     params: {numerator: [审核数], denominator: [应审核数]}, op: ">=", target: 100, unit: "%"}
  - {id: complaints, section: headline, name: 信访, name_en: Complaints, clause: c,
     metric: ledger.total, params: {indicator: 信访件数}, op: "<", target: previous_year}
  - {id: incidents, section: headline, name: 事件, name_en: Incidents, clause: c,
     metric: ledger.total, params: {indicator: 事件起数}, op: "==", target: 0}
  - {id: projects, section: tasks, name: 项目, name_en: Projects, clause: c,
     metric: ledger.total, params: {indicator: 项目数}, op: ">=", target: 12}
  - {id: grade, section: tasks, name: 档次, name_en: Grade, clause: c, metric: ledger.latest,
     params: {indicator: 档次, scale: [D, C, B, A]}, op: ">=", target: B}
  - {id: score, section: headline, name: 满意度, name_en: Satisfaction, clause: c,
     metric: ledger.latest, params: {indicator: 满意度}, op: ">", target: previous_year}
  - {id: early, section: milestones, name: 早, name_en: Early, clause: c, metric: ledger.milestone,
     params: {indicator: 早完成}, op: "==", target: 1, due: 2025-03-31}
  - {id: done, section: milestones, name: 已完成, name_en: Done, clause: c, metric: ledger.milestone,
     params: {indicator: 已完成}, op: "==", target: 1, due: 2025-12-31}
  - {id: near, section: milestones, name: 临近, name_en: Near, clause: c, metric: ledger.milestone,
     params: {indicator: 临近完成}, op: "==", target: 1, due: 2025-08-15}
  - {id: later, section: milestones, name: 年底, name_en: Later, clause: c, metric: ledger.milestone,
     params: {indicator: 年底完成}, op: "==", target: 1, due: 2025-12-31}
"""

LEDGER = """\
period,indicator,value,note
2025-01,利用量,"9,900",
2025-01,产生量,"10,000",
2025-01,往年贮存量,0,
2025-02,利用量,9850.5,
2025-02,产生量,9900,
2025-02,往年贮存量,100,
2025-01,安全利用面积,80,
2025-01,污染面积,100,
2025-06,安全利用面积,100,
2025-06,污染面积,100,
2025-01,减排量,10,
2025-01,减排任务量,100,
2025-06,减排量,30,
2025-06,减排任务量,120,
2025-01,填埋量,5,
2025-06,填埋量,3,
2024-01,填埋量,10,
2024-06,填埋量,10,
2024-01,产生量,2000,
2024-06,产生量,1000,
2025-06,产生量,0,
2025-06,利用量,0,
2025-03,审核数,0,
2025-03,应审核数,0,
2024-01,信访件数,20,
2024-02,信访件数,25,
2024-03,信访件数,30,
2024-04,信访件数,15,
2024-05,信访件数,10,
2024-06,信访件数,20,
2025-01,信访件数,18,
2025-02,信访件数,20,
2025-03,信访件数,31,
2025-04,信访件数,10,
2025-05,信访件数,12,
2025-06,信访件数,19,
2025-01,事件起数,0,
2025-05,事件起数,1,
2025-02,项目数,3,
2025-05,项目数,2,
2025-03,档次,C,
2025-06,档次,B,
2024-06,满意度,91.5,
2025-06,满意度,91.2,
2025-05,已完成,1,
"""


@pytest.fixture
def results(tmp_path: Path) -> dict[str, Result]:
    targets = tmp_path / "targets.yaml"
    targets.write_text(TARGETS, encoding="utf-8")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    report = check([str(ledger)], load_targets(targets),
                   CheckOptions(as_of=dt.date(2025, 6, 30), today=dt.date(2025, 7, 5)))
    return {r.id: r for r in report.results}


def test_ratio_sums_flows(results: dict[str, Result]) -> None:
    # (9,900 + 9,850.5) / (10,000 + 0 + 9,900 + 100 + 0) × 100 = 19,750.5 / 20,000 = 98.7525 → 98.8
    util = results["util"]
    assert util.actual == 98.8 and util.status == "not_met"
    assert util.detail["numerator"] == 19750.5 and util.detail["denominator"] == 20000
    assert util.margin == pytest.approx(-0.2)


def test_ratio_of_stocks_takes_the_latest_month(results: dict[str, Result]) -> None:
    # latest (June): 100 / 100 = 100 %; a sum would give 180 / 200 = 90 %
    assert results["soil"].actual == 100.0 and results["soil"].status == "met"


def test_ratio_with_an_annual_denominator_is_judged_on_pace(results: dict[str, Result]) -> None:
    # (10 + 30) / 120 (latest assigned) = 33.3 %; pace by 30 June = 100 × 181/365 = 49.6 %
    cut = results["cut"]
    assert cut.actual == 33.3 and cut.status == "at_risk"
    assert "pace 49.6%" in cut.how.render("en")


def test_previous_year_ratio_needs_every_month_of_the_baseline(results: dict[str, Result]) -> None:
    # 2025: landfill rows in Jan and Jun → the baseline must have 2024-01 and 2024-06 for both
    # groups; it has them: (10 + 10) / (2,000 + 1,000) = 0.667 % → 0.7; 2025: 8 / 10,000
    # (Jan产生量 10,000 + Feb 9,900 + Jun 0 = 19,900) = 0.0402 % → 0.0 < 0.7 → met
    landfill = results["landfill"]
    assert landfill.target_value == 0.7 and landfill.actual == 0.0
    assert landfill.status == "met"


def test_zero_denominator_is_insufficient_not_an_error(results: dict[str, Result]) -> None:
    zero = results["zero_den"]
    assert zero.status == "insufficient_data" and zero.actual is None
    assert "denominator is zero" in zero.reason.render("en")


def test_total_against_the_previous_year(results: dict[str, Result]) -> None:
    # 2025 Jan–Jun: 18+20+31+10+12+19 = 110; 2024 Jan–Jun: 20+25+30+15+10+20 = 120 → falling
    complaints = results["complaints"]
    assert (complaints.actual, complaints.target_value, complaints.status) == (110, 120, "met")
    assert complaints.margin == 10


def test_any_incident_misses_a_zero_target(results: dict[str, Result]) -> None:
    assert results["incidents"].actual == 1 and results["incidents"].status == "not_met"


def test_count_behind_its_pace_is_at_risk(results: dict[str, Result]) -> None:
    # 3 + 2 = 5 projects; pace by 30 June = 12 × 181/365 = 5.95 → behind
    projects = results["projects"]
    assert projects.actual == 5 and projects.status == "at_risk"


def test_grade_on_an_ordered_scale(results: dict[str, Result]) -> None:
    assert results["grade"].actual == "B" and results["grade"].status == "met"
    assert results["grade"].margin == 0


def test_latest_against_the_previous_year(results: dict[str, Result]) -> None:
    score = results["score"]
    assert (score.actual, score.target_value, score.status) == (91.2, 91.5, "not_met")


@pytest.mark.parametrize(
    ("target_id", "status"),
    [("early", "not_met"),  # due 31 March, not done
     ("done", "met"),  # reported done in May
     ("near", "at_risk"),  # due 15 August: 46 days after 30 June
     ("later", "on_track")],  # due 31 December: not yet in its last 60 days
)
def test_milestones(results: dict[str, Result], target_id: str, status: str) -> None:
    assert results[target_id].status == status


def test_milestone_exactly_sixty_days_before_due_is_at_risk(tmp_path: Path) -> None:
    targets = tmp_path / "t.yaml"
    targets.write_text(TARGETS, encoding="utf-8")
    ledger = tmp_path / "l.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    loaded = load_targets(targets)

    def status(as_of: dt.date) -> str:
        report = check([str(ledger)], loaded, CheckOptions(as_of=as_of, today=dt.date(2026, 1, 1)))
        return next(r.status for r in report.results if r.id == "near")

    assert status(dt.date(2025, 6, 16)) == "at_risk"  # 60 days before 15 August
    assert status(dt.date(2025, 6, 15)) == "on_track"  # 61 days before
    # the ledger ends in June: whether it was done in July or August is not known
    assert status(dt.date(2025, 8, 16)) == "insufficient_data"


def test_previous_year_missing_months_named(tmp_path: Path) -> None:
    targets = tmp_path / "t.yaml"
    targets.write_text(TARGETS, encoding="utf-8")
    ledger = tmp_path / "l.csv"
    ledger.write_text("\n".join(line for line in LEDGER.splitlines()
                                if not line.startswith("2024-02,信访")) + "\n", encoding="utf-8")
    report = check([str(ledger)], load_targets(targets),
                   CheckOptions(as_of=dt.date(2025, 6, 30), today=dt.date(2025, 7, 5)))
    complaints = next(r for r in report.results if r.id == "complaints")
    assert complaints.status == "insufficient_data"
    assert complaints.reason.render("en") == "the previous year lacks 2024-02"
    assert complaints.actual == 110  # the actual is still shown


def test_period_option_evaluates_one_quarter(tmp_path: Path) -> None:
    targets = tmp_path / "t.yaml"
    targets.write_text(TARGETS, encoding="utf-8")
    ledger = tmp_path / "l.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    report = check([str(ledger)], load_targets(targets),
                   CheckOptions(period=(dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
                                today=dt.date(2025, 7, 5)))
    complaints = next(r for r in report.results if r.id == "complaints")
    # Q2 2025: 10 + 12 + 19 = 41; Q2 2024: 15 + 10 + 20 = 45
    assert (complaints.actual, complaints.target_value) == (41, 45)
    assert report.period == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
