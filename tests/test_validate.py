"""Validation: values as people write them, plausibility, duplicates, and the row account.

Each test validates a small hand-made input and checks the exact verdict: which rows are
accepted with which values, which are rejected with which line, column, value and message.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ecotarget.cli import cli
from ecotarget.read import Source, read_table
from ecotarget.schemas import AirRow
from ecotarget.validate import (
    MISSING_MARKERS,
    ValidatedTable,
    ValidationContext,
    parse_numbers,
    parse_periods,
    validate_table,
)
from tests.conftest import TARGETS


def validate(text: str, context: ValidationContext | None = None) -> ValidatedTable:
    return validate_table(read_table(Source("in.csv", text.encode("utf-8"))), context)


def errors(table: ValidatedTable) -> list[tuple[int, str, str, str]]:
    return [(e.line, e.column, e.value, e.message) for e in table.errors]


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


# --- numbers as people write them ------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("12.5", 12.5), (" 7 ", 7.0), ("1,234", 1234.0), ("1,234,567.5", 1234567.5),
    ("１２", 12.0), ("１，２３４．５", 1234.5), ("99.1%", 99.1), ("９９．１％", 99.1),
    ("12 %", 12.0), ("−5", -5.0), ("－5", -5.0), ("+3", 3.0), (".5", 0.5),
])
def test_numbers_as_written(text: str, value: float) -> None:
    values, missing, invalid = parse_numbers(pd.Series([text], dtype="str"))
    assert values.tolist() == [value]
    assert not missing.iat[0] and not invalid.iat[0]


@pytest.mark.parametrize("text", ["1,23", "12.5mg", "inf", "1e400", "nan%", "1.2.3", "abc",
                                  "#DIV/0!"])
def test_not_numbers(text: str) -> None:
    values, missing, invalid = parse_numbers(pd.Series([text], dtype="str"))
    assert math.isnan(values.iat[0]) and invalid.iat[0] and not missing.iat[0]


@pytest.mark.parametrize("marker", ["", "-", "--", "—", "——", "–", "NA", "na", "N/A", "n/a",
                                    "#N/A", "/", "无", "NaN", "NULL", "－", "  —  "])
def test_every_missing_marker_is_missing_never_zero(marker: str) -> None:
    values, missing, invalid = parse_numbers(pd.Series([marker, "5"], dtype="str"))
    assert math.isnan(values.iat[0]) and values.iat[1] == 5.0
    assert missing.tolist() == [True, False] and invalid.tolist() == [False, False]


def test_missing_markers_cover_the_issue_list() -> None:
    assert {"", "-", "--", "—", "na", "/", "无"} <= MISSING_MARKERS


def test_missing_air_values_stay_missing_in_the_accepted_rows() -> None:
    table = validate("时间,站点,PM2.5,PM10,CO\n2025-01-01 01:00,平湖,—,60,无\n"
                     "2025-01-01 02:00,平湖,NA,/,0.8\n")
    assert table.errors == []
    frame = table.frame
    assert frame["pm25"].isna().all() and frame["co"].isna().tolist() == [True, False]
    assert frame["pm10"].tolist()[0] == 60.0 and math.isnan(frame["pm10"].tolist()[1])
    assert not (frame[["pm25", "pm10", "co"]] == 0).to_numpy().any()


def test_every_missing_marker_in_a_ledger_value_is_rejected_as_required() -> None:
    markers = ["", "-", "--", "—", "NA", "/", "无"]
    rows = "".join(f"2025-0{i + 1},指标{i},{m}\n" for i, m in enumerate(markers))
    table = validate("月份,指标,数值\n" + rows)
    assert [(e.line, e.value) for e in table.errors] == [
        (i + 2, m) for i, m in enumerate(markers)]
    assert {e.message for e in table.errors} == {
        "is required: write the month's figure (0 when none)"}
    assert table.rows_accepted == 0


def test_excel_error_values_are_named() -> None:
    table = validate("时间,站点,PM2.5\n2025-01-01 01:00,平湖,#DIV/0!\n")
    assert errors(table) == [(2, "PM2.5", "#DIV/0!", "an Excel error value: fix the formula in "
                              "the sheet, or leave the cell empty")]


@pytest.mark.parametrize(("text", "period"), [
    ("2025-01", "2025-01"), ("2025/1", "2025-01"), ("2025年3月", "2025-03"), ("202511", "2025-11"),
    ("2025-01-01", "2025-01"), ("2025/1/1", "2025-01"), ("2025-02-01 00:00:00", "2025-02"),
])
def test_periods(text: str, period: str) -> None:
    periods, _, invalid = parse_periods(pd.Series([text], dtype="str"))
    assert periods.tolist() == [period] and not invalid.iat[0]


@pytest.mark.parametrize("text", ["2025-13", "2025-01-15", "25-01", "January"])
def test_not_periods(text: str) -> None:
    _, _, invalid = parse_periods(pd.Series([text], dtype="str"))
    assert invalid.iat[0]


# --- plausibility ----------------------------------------------------------------------------


def test_negative_concentration_is_rejected_with_the_hint() -> None:
    table = validate("时间,站点,PM2.5,CO\n2025-01-01 01:00,平湖,-99,0.8\n2025-01-01 02:00,平湖,35,0.8\n")
    assert errors(table) == [(2, "PM2.5", "-99", (
        "must be ≥ 0: a concentration cannot be negative (if the export marks a missing hour "
        "with -99 or -1, leave the cell empty or write -)"))]
    assert table.frame["pm25"].tolist() == [35.0]


def test_co_in_micrograms_is_rejected_with_the_hint() -> None:
    table = validate("时间,站点,CO(mg/m³)\n2025-01-01 01:00,平湖,800\n2025-01-01 02:00,平湖,0.8\n")
    assert errors(table) == [(2, "CO(mg/m³)", "800", (
        "above 60: CO is in mg/m³ and this looks like µg/m³ (divide by 1000)"))]
    assert table.notes == []


def test_a_whole_co_column_in_micrograms_gets_a_note() -> None:
    table = validate("时间,站点,CO\n2025-01-01 01:00,平湖,800\n2025-01-01 02:00,平湖,1200\n"
                     "2025-01-01 03:00,平湖,900\n")
    assert table.rows_rejected == 3
    assert table.notes == ["CO: the column looks like µg/m³ (median 900); CO is in mg/m³: "
                           "divide by 1000"]


def test_too_high_for_a_pollutant() -> None:
    table = validate("时间,站点,PM2.5\n2025-01-01 01:00,平湖,35000\n")
    assert errors(table) == [(2, "PM2.5", "35000", "above 3000: implausibly high for this "
                              "pollutant; check the unit and the decimal point")]


def test_a_fraction_among_percentages_is_rejected() -> None:
    table = validate("月份,指标,数值\n2025-01,达标率,99.1%\n2025-02,达标率,0.993\n"
                     "2025-03,达标率,1\n2025-04,达标率,0\n2025-05,达标率,98.5\n"
                     "2025-01,系数,0.993\n")
    assert errors(table) == [
        (3, "数值", "0.993", "looks like a fraction: this indicator's other values are "
                             "percentages (e.g. 99.1%); write 99.3% if that is what it means"),
        (4, "数值", "1", "looks like a fraction: this indicator's other values are "
                         "percentages (e.g. 99.1%); write 100% if that is what it means"),
    ]
    # 0 is 0 either way, 98.5 is a percentage, and 系数 never carries a % sign
    accepted = dict(zip(table.frame["period"] + " " + table.frame["indicator"],
                        table.frame["value"], strict=True))
    assert accepted == {"2025-01 达标率": 99.1, "2025-04 达标率": 0.0, "2025-05 达标率": 98.5,
                        "2025-01 系数": 0.993}


def test_grades_are_text_on_a_targets_scale() -> None:
    context = ValidationContext(grades={"档次": frozenset({"A", "B", "C", "D"})})
    table = validate("月份,指标,数值\n2025-01,档次,B\n2025-02,档次,E\n2025-03,培训期数,B\n", context)
    assert errors(table) == [
        (3, "数值", "E", "not a grade on this indicator's scale nor a number"),
        (4, "数值", "B", "not a number (text is accepted only as a grade on a target's scale)"),
    ]
    assert table.frame["grade"].tolist() == ["B"]


# --- every problem, every row ----------------------------------------------------------------


def test_all_problems_of_a_row_in_one_pass() -> None:
    table = validate("时间,站点,PM2.5,PM10,CO\n2025-01-01 01:00,平湖,-1,abc,800\n")
    (error,) = table.errors
    assert (error.line, error.column, error.value) == (2, "PM2.5", "-1")
    assert error.message == (
        "must be ≥ 0: a concentration cannot be negative (if the export marks a missing hour "
        "with -99 or -1, leave the cell empty or write -); also PM10 'abc': not a number: write "
        "digits (e.g. 12.5), or leave it empty or '-' when missing; also CO '800': above 60: "
        "CO is in mg/m³ and this looks like µg/m³ (divide by 1000)")


def test_a_malformed_row_shows_its_original_text_and_nothing_else() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,1,200\n2025-02,培训期数,2\n")
    assert errors(table) == [(2, "月份", "2025-01,培训期数,1,200", (
        "malformed row: 4 fields where the header has 3: a delimiter inside a value? quote the "
        "value or remove the extra delimiter"))]
    assert table.frame["value"].tolist() == [2.0]


def test_a_huge_value_is_shown_cut_with_its_length() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数," + "1" * 300 + "x\n")
    (error,) = table.errors
    assert error.value == "1" * 200 + "… (301 characters)"


def test_the_account_holds_and_header_only_files_say_so() -> None:
    table = validate("月份,指标,数值\n")
    assert (table.rows_read, table.rows_accepted, table.rows_rejected) == (0, 0, 0)
    assert table.notes == ["no data rows below the header"]


# --- duplicates ------------------------------------------------------------------------------


def test_identical_duplicates_keep_the_first() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,3\n2025-02,培训期数,2\n2025-01,培训期数,3\n"
                     "2025-01,培训期数,3.0\n")
    assert errors(table) == [(4, "指标", "培训期数", "duplicate of line 2"),
                             (5, "指标", "培训期数", "duplicate of line 2")]
    assert table.frame["_line"].tolist() == [2, 3]


def test_conflicting_duplicates_are_all_rejected() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,3\n2025-01,培训期数,4\n2025-02,培训期数,2\n"
                     "2025-03,培训期数,1\n2025-03,培训期数,1\n2025-03,培训期数,5\n")
    assert errors(table) == [
        (2, "指标", "培训期数", "conflicting duplicates (lines 2, 3): keep one and fix the others"),
        (3, "指标", "培训期数", "conflicting duplicates (lines 2, 3): keep one and fix the others"),
        (5, "指标", "培训期数",
         "conflicting duplicates (lines 5, …, 7: 3 rows): keep one and fix the others"),
        (6, "指标", "培训期数",
         "conflicting duplicates (lines 5, …, 7: 3 rows): keep one and fix the others"),
        (7, "指标", "培训期数",
         "conflicting duplicates (lines 5, …, 7: 3 rows): keep one and fix the others"),
    ]
    assert table.frame["_line"].tolist() == [4]


def test_same_station_and_hour_is_a_duplicate_other_stations_are_not() -> None:
    table = validate("时间,站点,PM2.5\n2025-01-01 01:00,A,35\n2025-01-01 01:00,B,40\n"
                     "2025-01-01 01:00,A,35\n2025-01-01 01:00,B,41\n")
    assert errors(table) == [
        (3, "时间", "2025-01-01 01:00", "conflicting duplicates (lines 3, 5): keep one and fix "
                                        "the others"),
        (4, "时间", "2025-01-01 01:00", "duplicate of line 2"),
        (5, "时间", "2025-01-01 01:00", "conflicting duplicates (lines 3, 5): keep one and fix "
                                        "the others"),
    ]


def test_a_file_pasted_twice_is_checked_as_a_whole_not_group_by_group() -> None:
    hours = pd.date_range("2025-01-01 01:00", periods=20_000, freq="h").strftime("%Y-%m-%d %H:%M")
    body = "\n".join(f"{h},平湖,{i % 90}" for i, h in enumerate(hours))
    table = validate("时间,站点,PM2.5\n" + body + "\n" + body + "\n")
    assert table.rows_read == 40_000 and table.rows_rejected == 20_000
    assert table.errors[0].message == "duplicate of line 2"
    assert table.errors[-1].line == 40_001
    assert table.errors[-1].message == "duplicate of line 20001"


# --- through the command line ----------------------------------------------------------------


def test_out_of_period_rows_are_counted_not_rejected(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值\n2022-05,培训期数,9\n2024-03,培训期数,1\n2025-01,培训期数,3\n"
                      "2030-01,培训期数,7\n2025-02,培训期数,x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(ledger), "--targets", str(TARGETS),
                                      "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)["inputs"]
    assert (summary["rows_read"], summary["rows_accepted"], summary["rows_rejected"],
            summary["rows_out_of_period"]) == (5, 4, 1, 2)
    trainings = next(r for r in json.loads(result.stdout)["results"] if r["id"] == "trainings")
    # 2022 and 2030 are not counted; 2024 is the baseline year, outside the 2025 sum
    assert (trainings["actual"], trainings["detail"]["rows"]) == (3, 1)


def test_rejects_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "ledger.csv"
    source.write_text(
        "平湖市台账,,,\n月份,指标,数值,备注\n2025-01,培训期数,3,\n2025-02,培训期数,two,打字错误\n"
        '2025-13,培训期数,1,"多行\n备注"\n2025-04,培训期数,2,多,余\n', encoding="gbk")
    rejects = tmp_path / "rejects.csv"
    result = CliRunner().invoke(cli, ["validate", str(source), "--targets", str(TARGETS),
                                      "--rejects", str(rejects)])
    assert result.exit_code == 1
    written = rejects.read_text(encoding="utf-8")
    assert written.splitlines() == [
        "月份,指标,数值,备注,reason",
        "2025-02,培训期数,two,打字错误,数值: not a number (text is accepted only as a grade on a "
        "target's scale)",
        '2025-13,培训期数,1,"多行',
        '备注",月份: not a month: write YYYY-MM (e.g. 2025-03)',
        "2025-04,培训期数,2,多,余,月份: malformed row: 5 fields where the header has 4: a "
        "delimiter inside a value? quote the value or remove the extra delimiter",
    ]
    # the bureau fixes the cells, deletes the reason column, and feeds the file back
    fixed = written.replace("two", "2").replace("2025-13", "2025-03").replace("多,余", "多余")
    frame = pd.read_csv(pd.io.common.StringIO(fixed), dtype=str, keep_default_na=False)
    refed = tmp_path / "fixed.csv"
    frame.drop(columns="reason").to_csv(refed, index=False)
    again = CliRunner().invoke(cli, ["validate", str(refed), "--targets", str(TARGETS),
                                     "--format", "json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["inputs"][0]["rows_accepted"] == 3


def test_rich_markup_in_inputs_is_printed_literally(tmp_path: Path) -> None:
    air = tmp_path / "[blue]air.csv"
    air.write_text("时间,站点,PM2.5,[bold]备注[/bold]\n"
                   "2025-01-01 01:00,[red]x[/red],[red]x[/red],\n"
                   "2025-01-01 02:00,[red]x[/red],35,[green]note[/green],extra\n", encoding="utf-8")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值,备注\n2025-01,培训期数,[b]3[/b],[red]x[/red]\n"
                      "2025-02,培训期数,1,[red]x[/red],extra\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(air), str(ledger), "--targets",
                                      str(TARGETS)], env={"COLUMNS": "400"})
    assert result.exit_code == 1
    out = result.stdout
    assert f"│ {air} " in out  # the file name with its brackets
    assert "[bold]备注[/bold]" in out  # an ignored header cell
    assert "│ [red]x[/red] " in out  # the value of a cell
    # malformed rows show their original text: the station name and the note as written
    assert "2025-01-01 02:00,[red]x[/red],35,[green]note[/green],extra" in out
    assert "2025-01,培训期数,[b]3[/b],[red]x[/red]" not in out  # not a malformed row
    assert "│ [b]3[/b] " in out
    assert "2025-02,培训期数,1,[red]x[/red],extra" in out


# --- the models are the one source of truth --------------------------------------------------

BOUNDED = ["pm25", "pm10", "so2", "no2", "co", "o3", "o3_8h"]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(BOUNDED), st.one_of(
    st.floats(min_value=-100, max_value=12_000, allow_nan=False),
    st.sampled_from([0.0, -0.0, -1e-9, 60.0, 60.000001, 3000.0, 3000.5, 6000.0, 10_000.0])))
def test_the_vectorised_bounds_agree_with_the_row_model(column: str, value: float) -> None:
    """A value the row model refuses is rejected, and one it takes is accepted."""
    try:
        AirRow.model_validate({column: value})
        model_ok = True
    except ValidationError:
        model_ok = False
    header = {"pm25": "PM2.5", "o3_8h": "O3-8h"}.get(column, column.upper())
    table = validate(f"时间,站点,{header}\n2025-01-01 01:00,平湖,{value!r}\n")
    assert (table.rows_rejected == 0) == model_ok, errors(table)


def test_an_air_row_with_every_pollutant_missing_is_a_missing_hour_not_a_rejection(tmp_path) -> None:
    from ecotarget.read import Source, read_table
    from ecotarget.validate import validate_table

    path = tmp_path / "air.csv"
    path.write_text("时间,站点,PM2.5,O3\n2025-01-01 01:00,A,30,50\n2025-01-01 02:00,A,,\n"
                    "2025-01-01 03:00,A,—,-\n", encoding="utf-8")
    table = validate_table(read_table(Source(str(path))))
    assert (table.rows_read, table.rows_accepted, table.rows_rejected) == (3, 3, 0)
    assert table.frame["pm25"].isna().sum() == 2


def test_a_file_of_midnight_hours_is_still_hourly(tmp_path) -> None:
    from ecotarget.read import Source, read_table
    from ecotarget.validate import validate_table

    path = tmp_path / "air.csv"
    path.write_text("时间,站点,PM2.5,O3\n2025-01-02 00:00,A,30,50\n", encoding="utf-8")
    assert validate_table(read_table(Source(str(path)))).subkind == "hourly"
    path.write_text("日期,站点,PM2.5,O3\n2025-01-02,A,30,50\n", encoding="utf-8")
    assert validate_table(read_table(Source(str(path)))).subkind == "daily"
