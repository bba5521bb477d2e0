"""Cells as people write them: numbers, missing markers and months.

Each test validates a small hand-made input (or one column) and checks the exact verdict.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ecotarget import schemas
from ecotarget.validate import MISSING_MARKERS, parse_numbers, parse_periods
from tests.validate.helpers import errors, validate

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


@pytest.mark.parametrize("marker", ["---", "None", "NONE", "未测", "未监测"])
def test_the_water_engines_markers_are_missing_everywhere(marker: str) -> None:
    values, missing, invalid = parse_numbers(pd.Series([marker], dtype="str"))
    assert math.isnan(values.iat[0]) and missing.iat[0] and not invalid.iat[0]


def test_there_is_one_list_of_missing_markers() -> None:
    assert MISSING_MARKERS is schemas.MISSING_MARKERS
    assert all(marker == marker.lower() for marker in MISSING_MARKERS)
    assert schemas.missing_marker_spellings() >= MISSING_MARKERS


def test_cells_to_clean_are_read_together_as_one_column() -> None:
    # "-0%" is cleaned to "-0"; pandas reads "-0" as the integer 0 among integers but as
    # the float -0.0 beside a cell it cannot read ("—", a missing cell): each distinct
    # text is cleaned once, and the set read together is the column's, missing cells too
    def signs(cells: list[str | None]) -> list[bool]:
        return [math.copysign(1.0, v) < 0 for v in parse_numbers(pd.Series(cells))[0].tolist()]

    assert signs(["-0%", "-0%", "5%"]) == [False, False, False]
    assert signs(["-0%", "—"])[0] is True
    assert signs(["-0%", None])[0] is True
