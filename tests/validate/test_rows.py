"""Rows: plausibility, ledger values, every problem of a row at once, and the row models
as the one source of truth.

Each test validates a small hand-made input and checks the exact verdict: which rows are
accepted with which values, which are rejected with which line, column, value and message.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ecotarget.read import Source, read_table
from ecotarget.schemas import AirRow
from ecotarget.validate import ValidationContext, validate_table
from tests.validate.helpers import errors, validate

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


def test_a_whole_co_column_in_micrograms_is_one_message_for_the_column() -> None:
    # 800, 1200, 900 above 60 mg/m³: 3 of 4 known values, more than half, so the column is
    # µg/m³ and 45 is too (45 µg/m³, not 45 mg/m³); median of 45, 800, 900, 1200 = 850
    table = validate("时间,站点,CO\n2025-01-01 01:00,平湖,800\n2025-01-01 02:00,平湖,1200\n"
                     "2025-01-01 03:00,平湖,900\n2025-01-01 04:00,平湖,45\n"
                     "2025-01-01 05:00,平湖,\n")
    message = ("the CO column looks like µg/m³ (3 of 4 values above 60, median 850): CO is in "
               "mg/m³, divide the column by 1000")
    assert errors(table) == [(2, "CO", "800", message), (3, "CO", "1200", message),
                             (4, "CO", "900", message), (5, "CO", "45", message)]
    assert table.rows_accepted == 1 and table.notes == []  # the empty hour is accepted


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
        (3, "数值", "E", "not a grade on this indicator's scale (A, B, C, D) nor a number"),
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
        "digits (e.g. 12.5), or leave it empty or '-' when missing; also CO '800': the CO "
        "column looks like µg/m³ (1 of 1 values above 60, median 800): CO is in mg/m³, divide "
        "the column by 1000")


def test_a_malformed_row_shows_its_original_text_and_nothing_else() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,1,200\n2025-02,培训期数,2\n")
    assert errors(table) == [(2, "月份", "2025-01,培训期数,1,200", (
        "malformed row: 4 fields where the header has 3: a delimiter inside a value? quote the "
        "value or remove the extra delimiter"))]
    assert table.frame["value"].tolist() == [2.0]


def test_a_huge_value_is_shown_cut_with_its_length() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数," + "1" * 300 + "x\n")
    (error,) = table.errors
    # 301 characters: the first 200 shown, and the length said in the reader's language
    assert error.value_said("en") == "1" * 200 + "… (301 characters)"
    assert error.value_said("zh") == "1" * 200 + "…（共 301 个字符）"
    assert error.as_dict()["value"] == "1" * 200 + "… (301 characters)"


def test_the_account_holds_and_header_only_files_say_so() -> None:
    table = validate("月份,指标,数值\n")
    assert (table.rows_read, table.rows_accepted, table.rows_rejected) == (0, 0, 0)
    assert [n.render("en") for n in table.notes] == ["no data rows below the header"]
    assert [n.render("zh") for n in table.notes] == ["表头下没有数据行"]


# --- the models are the one source of truth --------------------------------------------------

BOUNDED = ["pm25", "pm10", "so2", "no2", "co", "o3", "o3_8h"]


@pytest.mark.slow  # a property test: many generated cases
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
    path = tmp_path / "air.csv"
    path.write_text("时间,站点,PM2.5,O3\n2025-01-01 01:00,A,30,50\n2025-01-01 02:00,A,,\n"
                    "2025-01-01 03:00,A,—,-\n", encoding="utf-8")
    table = validate_table(read_table(Source(str(path))))
    assert (table.rows_read, table.rows_accepted, table.rows_rejected) == (3, 3, 0)
    assert table.frame["pm25"].isna().sum() == 2


def test_a_file_of_midnight_hours_is_still_hourly(tmp_path) -> None:
    path = tmp_path / "air.csv"
    path.write_text("时间,站点,PM2.5,O3\n2025-01-02 00:00,A,30,50\n", encoding="utf-8")
    assert validate_table(read_table(Source(str(path)))).subkind == "hourly"
    path.write_text("日期,站点,PM2.5,O3\n2025-01-02,A,30,50\n", encoding="utf-8")
    assert validate_table(read_table(Source(str(path)))).subkind == "daily"
