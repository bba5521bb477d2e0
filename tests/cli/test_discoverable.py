"""What the command line tells a user about inputs: each target's ledger indicators, the
warnings for unused indicators, and where the list of rejected rows is."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from ecotarget.catalogue import Text
from ecotarget.cli.main import cli
from ecotarget.cli.options import report_rejected_rows
from ecotarget.render.aqi import render_calendar
from ecotarget.tables.aqi import CalendarData
from ecotarget.validate import RowError
from tests.conftest import TARGETS

ENV = {"COLUMNS": "150", "NO_COLOR": "1"}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=ENV, catch_exceptions=False)


# --- ecotarget targets ------------------------------------------------------------------------

def test_targets_json_lists_each_targets_indicators() -> None:
    document = json.loads(run("targets", "--targets", str(TARGETS), "--format", "json").output)
    by_id = {t["id"]: t for t in document["targets"]}
    assert by_id["hazardous_waste_disposal"]["indicators"] == [
        {"role": "numerator", "indicator": "危险废物利用量"},
        {"role": "numerator", "indicator": "危险废物处置量"},
        {"role": "denominator", "indicator": "危险废物产生量"},
        {"role": "denominator", "indicator": "危险废物往年贮存量"},
    ]
    assert by_id["trainings"]["indicators"] == [{"role": "indicator", "indicator": "培训期数"}]
    assert by_id["trainings"]["unit"] == "期"
    assert by_id["air_good_day_rate"]["indicators"] == []
    # 46 distinct: 危险废物产生量 is read by two targets and listed once
    assert len(document["ledger_indicators"]) == 46
    assert document["ledger_indicators"].count("危险废物产生量") == 1


def test_targets_table_lists_indicators_and_units() -> None:
    out = run("targets", "--targets", str(TARGETS)).output
    assert "│ 分子 危险废物利用量" in out and "│ 分母 危险废物产生量" in out
    assert "│ 培训期数" in out and "│ 1 完成 / 0 未完成" in out and "档 D、C、B、A" in out
    english = run("targets", "--targets", str(TARGETS), "--lang", "en").output
    assert "ledger indicators" in english and "numerator 危险废物利用量" in english
    assert "1 done / 0 not yet" in english and "(air monitoring data)" in english


# --- check: warnings and the rejected-rows summary --------------------------------------------

LEDGER = ("月份,指标,数值\n2025-01,培训期数,2\n2025-02,培训次数,3\n2025-03,培训期数,-5\n"
          "2025-04,培训期数,abc\n")


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.csv"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def test_an_unused_indicator_is_a_warning_and_rows_unused(ledger: Path) -> None:
    result = run("check", "--lang", "en", str(ledger), "--targets", str(TARGETS),
                 "--format", "json")
    (summary,) = json.loads(result.stdout)["inputs"]
    # read 4 = accepted 2 + rejected 2; of the accepted, 1 (培训次数) is unused
    assert (summary["rows_read"], summary["rows_accepted"], summary["rows_rejected"],
            summary["rows_unused"]) == (4, 2, 2, 1)
    assert result.stderr.splitlines()[0] == (
        f"ecotarget: warning: {ledger}: 指标 '培训次数' (1 row) is used by no target and counts "
        "for nothing; closest known: 培训期数")
    chinese = run("check", str(ledger), "--targets", str(TARGETS), "--format", "json")
    assert chinese.stderr.splitlines()[0] == (
        f"ecotarget: 警告：{ledger}: 指标 '培训次数'（1 行）没有目标使用，不计入任何指标；"
        "最接近的已知指标：培训期数")


def test_the_summary_points_to_the_json_only_when_json_is_the_output(ledger: Path) -> None:
    head = "ecotarget: 2 rows rejected and not counted"
    rows = [f"  {ledger}:4: 数值: '-5': must be ≥ 0: a ledger figure is a quantity, count or "
            "score, never negative",
            f"  {ledger}:5: 数值: 'abc': not a number (text is accepted only as a grade on a "
            "target's scale)"]
    as_json = run("check", "--lang", "en", str(ledger), "--targets", str(TARGETS),
                  "--format", "json")
    assert as_json.stderr.splitlines()[1:] == [
        f"{head} (all listed under row_errors in the JSON)", *rows]
    as_table = run("check", "--lang", "en", str(ledger), "--targets", str(TARGETS))
    assert as_table.stderr.splitlines()[1:] == [
        f"{head} (ecotarget validate lists them all)", *rows]


def test_the_summary_names_the_rejects_file(ledger: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "fix.csv"
    result = run("check", "--lang", "en", str(ledger), "--targets", str(TARGETS), "--format", "json",
                 "--rejects", str(rejects))
    assert result.stderr.splitlines()[1] == (
        "ecotarget: 2 rows rejected and not counted (all listed under row_errors in the JSON "
        f"and in {rejects})")
    assert rejects.exists()


def test_one_problem_of_a_whole_column_is_one_line(tmp_path: Path) -> None:
    air = tmp_path / "air.csv"
    hours = "".join(f"2025-01-01 {h:02d}:00,甲,35,{800 + h}\n" for h in range(1, 21))
    air.write_text("时间,站点,PM2.5,CO(mg/m³)\n" + hours, encoding="utf-8")
    result = run("check", "--lang", "en", str(air), "--targets", str(TARGETS),
                 "--fail-on", "never")
    # 801 … 820: 20 of 20 above 60, median (810 + 811) / 2 = 810.5
    assert result.stderr == (
        "ecotarget: 20 rows rejected and not counted (ecotarget validate lists them all)\n"
        f"  {air}: CO(mg/m³): 20 rows, lines 2–21: the CO(mg/m³) column looks like µg/m³ "
        "(20 of 20 values above 60, median 810.5): CO is in mg/m³, divide the column by 1000\n")


def test_a_station_column_not_recognised_is_one_line(tmp_path: Path) -> None:
    air = tmp_path / "air.csv"
    air.write_text("时间,测站编号,PM2.5\n2025-01-01 01:00,A1,35\n2025-01-01 01:00,A2,40\n"
                   "2025-01-01 02:00,A1,30\n2025-01-01 02:00,A2,31\n", encoding="utf-8")
    result = run("check", "--lang", "en", str(air), "--targets", str(TARGETS),
                 "--fail-on", "never")
    assert result.stderr == (
        "ecotarget: 4 rows rejected and not counted (ecotarget validate lists them all)\n"
        f"  {air}: 时间: 4 rows, lines 2–5: no station column: is 测站编号 your station? "
        "(rows share a time; name the column 站点)\n")


def test_rows_with_one_problem_are_grouped(tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text("月份,指标,数值\n" + "".join(f"2025-01,培训期数{i},x\n" for i in range(7)),
                    encoding="utf-8")
    lines = run("check", "--lang", "en", str(path), "--targets", str(TARGETS)).stderr.splitlines()
    rejected = [line for line in lines if not line.startswith("ecotarget: warning")]
    assert rejected[0] == ("ecotarget: 7 rows rejected and not counted (ecotarget validate "
                           "lists them all)")
    # 7 rows of one problem in one column: one line
    assert rejected[1:] == [f"  {path}: 数值: 7 rows, lines 2–8: not a number (text is "
                            "accepted only as a grade on a target's scale)"]


def test_problems_beyond_the_first_five_are_counted_in_rows(
        capsys: pytest.CaptureFixture[str]) -> None:
    # 6 distinct problems (lines 2-7) and 3 more rows of the first: 5 groups shown, covering
    # 4 + 1 + 1 + 1 + 1 = 8 rows; 1 row (line 7) is left, "… and 1 more"
    def problem(n: int) -> Text:
        return Text("row.duplicate_of", {"line": n})

    errors = [RowError("a.csv", line, "数值", "x", problem(line)) for line in range(2, 8)]
    errors += [RowError("a.csv", line, "数值", "x", problem(2)) for line in (8, 9, 10)]
    report_rejected_rows(len(errors), errors, "rows", lang="en")
    assert capsys.readouterr().err == (
        "ecotarget: 9 rows rejected and not counted (ecotarget validate lists them all)\n"
        "  a.csv: 数值: 4 rows, lines 2–10: duplicate of line 2\n"
        "  a.csv:3: 数值: 'x': duplicate of line 3\n"
        "  a.csv:4: 数值: 'x': duplicate of line 4\n"
        "  a.csv:5: 数值: 'x': duplicate of line 5\n"
        "  a.csv:6: 数值: 'x': duplicate of line 6\n"
        "  … and 1 more\n")
    report_rejected_rows(len(errors), errors, "rows", lang="zh")
    assert capsys.readouterr().err == (
        "ecotarget: 拒收 9 行，未计入（全部可用 ecotarget validate 列出）\n"
        "  a.csv：数值：4 行，第 2–10 行：与第 2 行重复\n"
        "  a.csv:3: 数值: 'x': 与第 3 行重复\n"
        "  a.csv:4: 数值: 'x': 与第 4 行重复\n"
        "  a.csv:5: 数值: 'x': 与第 5 行重复\n"
        "  a.csv:6: 数值: 'x': 与第 6 行重复\n"
        "  … 另有 1 行\n")


# --- aqi --calendar: the day of month above each AQI ------------------------------------------

def test_calendar_cells_show_the_day_of_month_above_the_aqi() -> None:
    # March 2025 starts on a Saturday: the first week holds 1 and 2 under 六 and 日
    days = pd.DataFrame({
        "date": pd.date_range("2025-03-01", "2025-03-31"),
        "aqi": pd.array([40, 80, 120, None] + [60] * 27, dtype="Int64"),
        "category": ["优", "良", "轻度污染", None] + ["良"] * 27,
        "valid": [True, True, True, False] + [True] * 27,
    })
    plain = io.StringIO()
    render_calendar(CalendarData(days=days, months=((2025, 3),), summary=None),
                    Console(file=plain, no_color=True, width=100))
    lines = plain.getvalue().splitlines()
    assert lines[1] == " 一    二    三    四    五    六    日  "
    assert lines[2] == " " * 30 + "  1日   2日"
    assert lines[3] == " " * 30 + " 40优  80良"
    assert lines[4] == "  3日   4日   5日   6日   7日   8日   9日"
    assert lines[5] == "120轻   ·    60良  60良  60良  60良  60良"  # the 4th: no valid AQI
    assert lines[12] == " 31日" + " " * 36
    assert lines[13] == " 60良" + " " * 36
