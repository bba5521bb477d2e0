from __future__ import annotations

from pathlib import Path

import pytest

from ecotarget.errors import TargetsFileError
from ecotarget.registry import METRICS
from ecotarget.targets import load_targets
from tests.conftest import TARGETS

TOTAL = """\
  - id: trainings
    section: tasks
    name: 各类培训
    name_en: Trainings
    clause: 组织各类培训20期以上
    metric: ledger.total
    params: {indicator: 培训期数}
    op: ">="
    target: 20
    unit: 期
"""


def test_bundled_targets_carry_every_target_of_the_plan() -> None:
    spec = load_targets(TARGETS).spec
    ids = {t.id for t in spec.targets}
    assert spec.plan.year == 2025 and spec.plan.region == "平湖市"
    for expected in ("air_good_day_rate", "pm25_mean", "water_sections_class3",
                     "water_national_improvement", "drinking_water_compliance",
                     "industrial_solid_waste_utilization", "hazardous_waste_disposal",
                     "hazardous_waste_landfill", "soil_safe_use", "reduction_cod",
                     "reduction_nh3n", "reduction_nox", "reduction_voc", "complaints",
                     "radiation_accidents", "major_incidents", "major_opinion_events",
                     "public_satisfaction", "permit_quality_review", "permit_report_review",
                     "provincial_race_grade", "air_projects", "central_inspection_feedback",
                     "central_inspection_complaints", "key_unit_coverage", "trainings",
                     "eco_classroom"):
        assert expected in ids
    milestones = [t for t in spec.targets if t.metric == "ledger.milestone"]
    assert len(milestones) == 9 and all(t.due is not None for t in milestones)
    assert {t.section for t in spec.targets} == {"headline", "tasks", "milestones"}


def test_a_valid_file_loads(write_targets) -> None:
    loaded = load_targets(write_targets(TOTAL))
    (target,) = loaded.spec.targets
    assert target.op == ">=" and target.target == 20 and target.params == {"indicator": "培训期数"}


def _problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(TargetsFileError) as info:
        load_targets(path)
    return [problem.render(lang) for problem in info.value.problems]


def test_bad_op_is_located_by_line_and_field(write_targets) -> None:
    path = write_targets(TOTAL.replace('op: ">="', 'op: "=>"'))
    (problem,) = _problems(path)
    # line 1 plan, 2 targets:, 3 "- id", ..., 10 op
    assert problem == f"{path}:10: targets[0].op: must be one of >=, <=, ==, <, > (got '=>')"


def test_every_problem_is_reported_once(write_targets) -> None:
    bad = TOTAL.replace("metric: ledger.total", "metric: ledger.totl").replace(
        "unit: 期", "unit: 期\n    colour: red")
    problems = _problems(write_targets(bad + TOTAL.replace("trainings", "second")
                                       .replace("section: tasks", "section: other")))
    text = "\n".join(problems)
    # a near miss is answered with the closest names, not the whole list
    assert ("targets[0].metric: unknown metric 'ledger.totl'; closest known: ledger.total, "
            "ledger.ratio, ledger.milestone\n") in text
    assert "targets[0].colour: unknown field" in text
    assert "targets[1].section:" in text
    assert len(problems) == 3


def test_params_are_checked_against_the_metric(write_targets) -> None:
    path = write_targets(TOTAL.replace("{indicator: 培训期数}", "{indicatr: 培训期数}"))
    (problem,) = _problems(path)
    assert problem.endswith(":9: targets[0].params: indicator: missing (required); indicatr: "
                            "unknown field")


def test_an_unknown_metric_far_from_any_lists_every_metric(write_targets) -> None:
    (problem,) = _problems(write_targets(TOTAL.replace("metric: ledger.total", "metric: foo")))
    assert problem.endswith(f":8: targets[0].metric: unknown metric 'foo'; known metrics: "
                            f"{', '.join(sorted(METRICS))}")


def test_grade_target_must_be_on_the_scale(write_targets) -> None:
    grade = TOTAL.replace("ledger.total", "ledger.latest").replace(
        "{indicator: 培训期数}", "{indicator: 档次, scale: [D, C, B, A]}")
    assert load_targets(write_targets(grade.replace("target: 20", "target: B"))).spec
    (problem,) = _problems(write_targets(grade.replace("target: 20", "target: E")))
    assert "not a number, previous_year, or a grade" in problem


def test_milestone_needs_a_due_date(write_targets) -> None:
    milestone = TOTAL.replace("ledger.total", "ledger.milestone").replace("target: 20", "target: 1")
    (problem,) = _problems(write_targets(milestone.replace('op: ">="', 'op: "=="')))
    assert "needs a due date" in problem


def test_duplicate_ids_refused(write_targets) -> None:
    (problem,) = _problems(write_targets(TOTAL + TOTAL))
    assert "duplicate target id 'trainings'" in problem


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the targets file is empty"),
        (b"- just\n- a list\n", "must be a mapping"),
        (b"plan: {year: 2025\n", "YAML syntax error"),
        (b"\x00\x01\x02binary", "binary data"),
        (b"\xff\xfe\xfa", "not a UTF-8 text file"),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(content)
    (problem,) = _problems(path)
    assert expected in problem and str(path) in problem


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("plan:\n  year: 2025\n  region: [unclosed\ntargets: []\n", encoding="utf-8")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:4: YAML syntax error")


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path / "nope.yaml")
    assert "cannot read the targets file" in problem
