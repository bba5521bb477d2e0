"""Inputs a user can get right: unused ledger indicators, negative figures, grades and
milestones, station headers, and a CO column in the wrong unit, each with its exact message.
"""

from __future__ import annotations

from ecotarget.pipeline import validation_context
from ecotarget.targets import load_targets
from ecotarget.validate import ValidationContext
from tests.conftest import TARGETS
from tests.validate.helpers import errors, validate

CONTEXT = ValidationContext(
    grades={"赛马比拼档次": ("D", "C", "B", "A")},
    indicators=frozenset({"培训期数", "环保学堂期数", "赛马比拼档次", "规划完成"}),
    milestones=frozenset({"规划完成"}),
)

# --- indicators no target uses ----------------------------------------------------------------


def test_an_unused_indicator_is_warned_with_the_closest_names_and_counted() -> None:
    # 培训次数 vs 培训期数: 培训 and 数 match, 3 of 4 characters each, ratio 2·3/8 = 0.75;
    # vs 环保学堂期数: 期数 only, 2·2/10 = 0.4 < 0.5, not listed
    table = validate("月份,指标,数值\n2025-01,培训次数,2\n2025-02,培训次数,1\n"
                     "2025-01,培训期数,3\n2025-01,无人用,5\n", CONTEXT)
    assert table.rows_rejected == 0 and table.rows_accepted == 4
    assert table.rows_unused == 3  # 2 × 培训次数 + 1 × 无人用: a subset of the accepted rows
    assert [w.render("en") for w in table.warnings] == [
        "指标 '培训次数' (2 rows) is used by no target and counts for nothing; "
        "closest known: 培训期数",
        "指标 '无人用' (1 row) is used by no target and counts for nothing; "
        "ecotarget targets lists the indicators the targets use",
    ]
    assert [w.render("zh") for w in table.warnings] == [
        "指标 '培训次数'（2 行）没有目标使用，不计入任何指标；最接近的已知指标：培训期数",
        "指标 '无人用'（1 行）没有目标使用，不计入任何指标；可用 ecotarget targets 查看目标所用的指标",
    ]
    assert table.notes == table.warnings  # validate lists them with the notes


def test_rejected_rows_are_not_counted_as_unused() -> None:
    table = validate("月份,指标,数值\n2025-01,培训次数,abc\n2025-02,培训次数,1\n", CONTEXT)
    assert (table.rows_rejected, table.rows_unused) == (1, 1)
    assert [w.render("en") for w in table.warnings] == [
        "指标 '培训次数' (1 row) is used by no target and counts for nothing; closest known: "
        "培训期数"]


def test_without_known_indicators_nothing_is_unused() -> None:
    table = validate("月份,指标,数值\n2025-01,培训次数,2\n")
    assert (table.rows_unused, table.warnings) == (0, [])


def test_the_bundled_targets_know_every_sample_indicator() -> None:
    context = validation_context(load_targets(TARGETS).spec)
    assert context.indicators is not None and "培训期数" in context.indicators
    assert "危险废物产生量" in context.indicators and "化学需氧量减排任务量" in context.indicators
    assert context.grades == {"赛马比拼档次": ("D", "C", "B", "A")}
    assert len(context.milestones) == 9 and "年度生物多样性调查及报告完成" in context.milestones


# --- values -----------------------------------------------------------------------------------


def test_a_negative_figure_is_rejected() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,-5\n2025-02,培训期数,0\n", CONTEXT)
    assert errors(table) == [(2, "数值", "-5", "must be ≥ 0: a ledger figure is a quantity, "
                                               "count or score, never negative")]
    assert table.frame["value"].tolist() == [0.0]


def test_a_grade_off_the_scale_lists_the_scale_lowest_first() -> None:
    table = validate("月份,指标,数值\n2025-01,赛马比拼档次,B档\n2025-02,赛马比拼档次,A\n", CONTEXT)
    assert errors(table) == [(2, "数值", "B档", "not a grade on this indicator's scale "
                                                "(D, C, B, A) nor a number")]
    assert table.frame["grade"].tolist() == ["A"]


def test_milestone_words_are_read_as_one_and_zero() -> None:
    # 是 完成 已完成 → 1; 否 未完成 → 0; full-width １ folds to 1
    table = validate("月份,指标,数值\n2025-01,规划完成,否\n2025-02,规划完成,未完成\n"
                     "2025-03,规划完成,完成\n2025-04,规划完成,已完成\n2025-05,规划完成,是\n"
                     "2025-06,规划完成,１\n2025-07,规划完成,0\n", CONTEXT)
    assert errors(table) == []
    assert table.frame["value"].tolist() == [0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0]


def test_a_milestone_value_that_is_not_done_or_not_says_what_to_write() -> None:
    hint = "write 1 (done) or 0 (not yet); 是/完成 and 否/未完成 are read as 1 and 0"
    table = validate("月份,指标,数值\n2025-01,规划完成,2\n2025-02,规划完成,0.5\n"
                     "2025-03,规划完成,进行中\n2025-04,规划完成,\n2025-05,规划完成,-1\n", CONTEXT)
    assert errors(table) == [
        (2, "数值", "2", f"not a milestone value: {hint}"),
        (3, "数值", "0.5", f"not a milestone value: {hint}"),
        (4, "数值", "进行中", f"not a milestone value: {hint}"),
        (5, "数值", "", f"is required: {hint}"),
        (6, "数值", "-1", f"not a milestone value: {hint}"),
    ]


def test_milestone_words_mean_nothing_for_other_indicators() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,是\n", CONTEXT)
    assert errors(table) == [(2, "数值", "是", "not a number (text is accepted only as a grade "
                                              "on a target's scale)")]


# --- station headers --------------------------------------------------------------------------

HOURS = "2025-01-01 01:00,甲,35\n2025-01-01 01:00,乙,40\n"


def test_station_header_aliases() -> None:
    for header in ("监测点位", "点位名称", "站点名称", "测点"):
        table = validate(f"时间,{header},PM2.5\n{HOURS}")
        assert table.rows_rejected == 0, header
        assert table.frame["station"].tolist() == ["甲", "乙"]


def test_an_unrecognised_station_column_is_named_instead_of_duplicates() -> None:
    table = validate(f"时间,监测站位,PM2.5\n{HOURS}2025-01-01 02:00,甲,30\n")
    message = "no station column: is 监测站位 your station? (rows share a time; name the column 站点)"
    assert errors(table) == [(2, "时间", "2025-01-01 01:00", message),
                             (3, "时间", "2025-01-01 01:00", message)]


def test_no_column_at_all_says_to_add_one() -> None:
    table = validate("时间,PM2.5\n2025-01-01 01:00,35\n2025-01-01 01:00,40\n")
    message = ("no station column, and rows share a time: add a 站点 column naming the station "
               "of each row")
    assert [e[3] for e in errors(table)] == [message, message]


def test_with_a_station_column_conflicts_stay_conflicts() -> None:
    table = validate("时间,站点,PM2.5\n2025-01-01 01:00,甲,35\n2025-01-01 01:00,甲,40\n")
    assert [e[3] for e in errors(table)] == [
        "conflicting duplicates (lines 2, 3): keep one and fix the others"] * 2
