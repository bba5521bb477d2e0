"""Finding the header: delimiters, title rows, two-row and wrapped headers, aliases and kinds."""

from __future__ import annotations

import pytest

from ecotarget.errors import InputError
from ecotarget.schemas import normalise_header
from ecotarget.validate import validate_table
from tests.read.helpers import cells, read

# --- delimiters, title rows, header rows -----------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiters_are_detected(delimiter: str) -> None:
    text = delimiter.join(["时间", "站点", "PM2.5", "CO"]) + "\n"
    text += delimiter.join(["2025-01-01 01:00", "平湖", "35", "0.8"]) + "\n"
    table = read(text)
    assert (table.kind, table.delimiter) == ("air", delimiter)
    assert cells(table) == [["2025-01-01 01:00", "平湖", "35", "0.8"]]


def test_title_row_above_the_header_as_excel_exports_a_merged_title() -> None:
    table = read("平湖市2025年生态环境工作台账,,,\n,,,\n月份,指标,数值,备注\n"
                 "2025-01,培训期数,3,\n2025-02,培训期数,2,\n")
    assert table.header == ["月份", "指标", "数值", "备注"]
    assert table.lines.tolist() == [4, 5]


def test_two_row_header_with_a_merged_group_heading() -> None:
    table = read("监测时间,站点,污染物浓度,,\n,,PM2.5,PM10,CO\n2025-01-01 01:00,平湖,35,60,0.8\n")
    assert table.kind == "air"
    assert table.header == ["监测时间", "站点", "PM2.5", "PM10", "CO"]
    assert list(table.frame.columns) == ["time", "station", "pm25", "pm10", "co"]
    assert table.lines.tolist() == [3]


def test_header_cell_wrapped_over_two_lines() -> None:
    table = read('时间,"PM2.5\n(μg/m³)",CO\n2025-01-01 01:00,35,0.8\n2025-01-01 02:00,x,0.8\n')
    assert list(table.frame.columns) == ["time", "pm25", "co"]
    assert table.lines.tolist() == [3, 4]
    (error,) = validate_table(table).errors
    assert (error.line, error.column, error.value) == (4, "PM2.5\n(μg/m³)", "x")


def test_wrong_delimiter_is_named() -> None:
    with pytest.raises(InputError) as caught:
        read("月份|指标|数值\n2025-01|培训期数|3\n")
    assert "line 1 is separated by '|', which is not read" in str(caught.value)
    with pytest.raises(InputError, match="line 1 is separated by '，'"):
        read("月份，指标，数值\n2025-01，培训期数，3\n")


def test_no_header_message_shows_the_first_line_cut_and_its_length() -> None:
    with pytest.raises(InputError) as caught:
        read("x" * 500 + "\n")
    assert f"(line 1: '{'x' * 120}' … (500 characters))" in str(caught.value)


# --- header aliases --------------------------------------------------------------------------


@pytest.mark.parametrize(("cell", "folded"), [
    (" PM2.5 (μg/m³) ", "pm2.5"),
    ("ＰＭ２.５（μg/m³）", "pm2.5"),
    ("PM2.5 µg/m³", "pm2.5"),  # micro sign, not Greek mu: NFKC makes them one
    ("pm2.5_ug/m3", "pm2.5"),
    ("一氧化碳【mg/m3】", "一氧化碳"),
    ("CO(mg/m³)", "co"),
    ("CO mg/m3", "co"),
    ("SO₂浓度", "so2"),
    ("  NO2  [μg/m3]", "no2"),
    ("O3-8H", "o3-8h"),
    ("监 测 时 间", "监测时间"),
    ("\ufeff月份", "月份"),
    ("优良率%", "优良率"),
])
def test_normalise_header(cell: str, folded: str) -> None:
    assert normalise_header(cell) == folded


def test_aliases_with_units_case_and_spacing_map_to_canonical_columns() -> None:
    table = read("监测时间 , 站点名称 ,ＰＭ２.５（μg/m³）,Pm10 [ug/m3],so₂,NO2浓度,"
                 "一氧化碳【mg/m3】,O3-8H,备注\n2025-01-01,平湖,35,60,8,20,0.8,100,\n")
    assert list(table.frame.columns) == ["time", "station", "pm25", "pm10", "so2", "no2", "co",
                                         "o3_8h"]
    assert table.unknown_columns == ["备注"]
    assert table.source_columns["pm25"] == "ＰＭ２.５（μg/m³）"


def test_english_ledger_aliases() -> None:
    table = read("Month,Indicator,Value,Remark\n2025-01,培训期数,3,x\n")
    assert list(table.frame.columns) == ["period", "indicator", "value", "note"]


def test_kind_forces_the_header_reading() -> None:
    with pytest.raises(InputError, match="no header row recognised as a water file"):
        read("月份,指标,数值\n2025-01,培训期数,3\n", kind="water")
