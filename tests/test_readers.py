"""Reading hand-made exports: encodings, delimiters, header rows, aliases and line numbers.

Every test reads bytes as a person's export would hold them and checks what the reader made
of them: the detected encoding and delimiter, the canonical columns, the cells, and the line
number each row had in the original file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecotarget.errors import InputError
from ecotarget.readers import (
    RawTable,
    Source,
    _parse_fast,
    _parse_with_csv,
    decode,
    expand_paths,
    read_table,
)
from ecotarget.schemas import normalise_header
from ecotarget.validate import validate_table


def read(data: str | bytes, name: str = "in.csv", **kwargs: object) -> RawTable:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_table(Source(name, raw), **kwargs)  # type: ignore[arg-type]


def cells(table: RawTable) -> list[list[str]]:
    return table.frame.to_numpy().tolist()


# --- encodings -------------------------------------------------------------------------------


def test_gbk_with_chinese_headers_and_full_width_digits() -> None:
    table = read("月份,指标,数值,备注\n2025-01,培训期数,１２,第一期\n".encode("gbk"))
    assert (table.encoding, table.kind) == ("gb18030", "ledger")
    assert table.source_columns == {"period": "月份", "indicator": "指标", "value": "数值",
                                    "note": "备注"}
    validated = validate_table(table)
    assert validated.errors == []
    assert validated.frame["value"].tolist() == [12.0]
    assert validated.frame["note"].tolist() == ["第一期"]


def test_utf8_with_bom_keeps_the_first_header_cell_clean() -> None:
    table = read(codecs.BOM_UTF8 + "月份,指标,数值\n2025-01,培训期数,3\n".encode())
    assert table.encoding == "utf-8-sig"
    assert table.header == ["月份", "指标", "数值"]
    assert table.source_columns["period"] == "月份"


def test_utf8_without_bom() -> None:
    assert read("月份,指标,数值\n2025-01,培训期数,3\n").encoding == "utf-8"


def test_encoding_option_overrides_detection() -> None:
    data = "月份,指标,数值\n2025-01,培训期数,3\n".encode("gbk")
    assert read(data, encoding="gbk").encoding == "gbk"
    with pytest.raises(InputError) as caught:
        read(data, encoding="utf-8")
    assert str(caught.value) == "in.csv: cannot decode as utf-8: bad byte at line 1 (offset 0)"
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read(data, encoding="klingon")


def test_excel_unicode_text_is_utf16_and_tab_separated() -> None:
    data = codecs.BOM_UTF16_LE + "月份\t指标\t数值\r\n2025-01\t培训期数\t3\r\n".encode("utf-16-le")
    table = read(data, name="export.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert cells(table) == [["2025-01", "培训期数", "3"]]


def test_mixed_encodings_name_the_first_line_that_differs() -> None:
    utf8_then_gbk = ("月份,指标,数值\n2025-01,培训期数,3\n".encode()
                     + "2025-02,培训期数,2\n".encode("gbk"))
    with pytest.raises(InputError) as caught:
        read(utf8_then_gbk)
    assert str(caught.value).startswith(
        "in.csv: mixes encodings: lines 1–2 are UTF-8 but line 3 is not")
    with pytest.raises(InputError, match="lines 1–2 are UTF-8 but line 3 is not"):
        read(codecs.BOM_UTF8 + utf8_then_gbk)


def test_gbk_that_is_not_mixed_is_not_called_mixed() -> None:
    # ASCII lines before the first Chinese character are valid UTF-8 too: that is not mixing
    table = read("month,indicator,value\n2025-01,培训期数,3\n".encode("gbk"))
    assert table.encoding == "gb18030" and cells(table) == [["2025-01", "培训期数", "3"]]


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04" + b"\x00" * 20, "an Excel .xlsx workbook (zip data), not CSV text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "an old Excel .xls workbook"),
    (b"\x00\x01binary", "binary data, not a CSV text file (save it as CSV)"),
    (b"", "the file is empty"),
    (b" \n\r\n\t\n", "the file is empty"),
])
def test_unusable_bytes_say_what_they_are(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        read(data)


def test_decode_is_exposed_for_stdin_and_files() -> None:
    assert decode("数值".encode("gb18030"), "x") == ("数值", "gb18030")


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


# --- rows and their line numbers --------------------------------------------------------------


def test_line_numbers_survive_a_quoted_newline_and_blank_rows() -> None:
    text = ('月份,指标,数值,备注\r\n2025-01,培训期数,3,"第一行\r\n第二行"\r\n\r\n,,,\r\n'
            "2025-02,培训期数,x,\r\n")
    table = read(text)
    assert table.lines.tolist() == [2, 6]
    assert cells(table)[0] == ["2025-01", "培训期数", "3", "第一行\n第二行"]
    assert table.spans == {2: 2}
    assert table.original(2) == '2025-01,培训期数,3,"第一行\n第二行"'
    (error,) = validate_table(table).errors
    assert (error.line, error.value) == (6, "x")


def test_line_numbers_without_any_quotes_take_the_fast_path() -> None:
    table = read("月份,指标,数值\n\n2025-01,培训期数,3\n ,  ,\n2025-02,培训期数,2\n")
    assert table.lines.tolist() == [3, 5]


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c", "\x1c"])
def test_characters_that_str_splitlines_breaks_at_do_not_shift_lines(separator: str) -> None:
    table = read(f"月份,指标,数值,备注\n2025-01,培训期数,3,a{separator}b\n2025-02,培训期数,x,\n")
    assert table.lines.tolist() == [2, 3]
    assert cells(table)[0][3] == f"a{separator}b"


def test_rows_with_too_many_fields_are_kept_as_malformed() -> None:
    table = read("月份,指标,数值\n2025-01,培训期数,1,200\n2025-02,培训期数,2,,\n"
                 "2025-03,培训期数,3,x,y\n")
    assert table.lines.tolist() == [2, 3, 4]
    assert table.malformed == {
        0: "4 fields where the header has 3: a delimiter inside a value? quote the value or "
           "remove the extra delimiter",
        2: "5 fields where the header has 3: a delimiter inside a value? quote the value or "
           "remove the extra delimiter",
    }  # trailing empty fields (row 1) are harmless


def test_an_unclosed_quote_loses_no_following_row() -> None:
    table = read('月份,指标,数值,备注\n2025-01,培训期数,3,"第一期\n2025-02,培训期数,2,\n'
                 "2025-03,培训期数,1,\n")
    assert table.lines.tolist() == [2, 3, 4]
    assert cells(table)[1:] == [["2025-02", "培训期数", "2", ""], ["2025-03", "培训期数", "1", ""]]
    assert table.malformed[0].startswith('a quote (") opens a value that is never closed')


def test_a_quote_that_breaks_off_mid_file_loses_no_following_row() -> None:
    table = read('月份,指标,数值\n2025-01,a,"1\n2025-02,b,2\n2025-03,c,"3"x\n2025-04,d,4\n')
    assert table.lines.tolist() == [2, 3, 4, 5]
    assert table.malformed[0].startswith("a quoted value opened here runs over 3 lines")
    assert cells(table)[1] == ["2025-02", "b", "2"]


def test_a_truncated_last_line_is_malformed_only_without_a_final_line_break() -> None:
    cut = read("月份,指标,数值\n2025-01,培训期数,3\n2025-02,培训期")
    assert cut.malformed == {1: "cut short: 2 of 3 fields on the last line, and the file ends "
                                "without a line break; the file looks truncated: export it again"}
    assert read("月份,指标,数值\n2025-01,培训期数,3\n2025-02,培训期\n").malformed == {}
    # rows that are all short (optional trailing columns left off) are not a truncation
    assert read("月份,指标,数值,备注\n2025-01,培训期数,3\n2025-02,培训期数,2").malformed == {}


def test_a_value_longer_than_the_csv_modules_field_limit() -> None:
    long = "1" * 200_000
    table = read(f'月份,指标,数值,备注\n2025-01,培训期数,"{long}",\n2025-02,培训期数,"2\n3",\n')
    assert table.lines.tolist() == [2, 3]  # the csv path (a quoted newline) reads both
    assert table.malformed[0].startswith("unreadable (field larger than field limit")


CELL = st.one_of(
    st.text(alphabet='ab1 ,;\t"', max_size=5),
    st.sampled_from(['"a,b"', '"x""y"', ' "q"', "", " ", '"1"2', '5"', "1,234"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(CELL, max_size=5).map(",".join), min_size=1, max_size=6),
       st.integers(1, 4))
def test_fast_and_csv_paths_read_single_line_rows_alike(lines: list[str], width: int) -> None:
    """A row's cells and verdict must not depend on which parser read its file."""
    fast = _parse_fast(lines, 2, ",", width)
    if fast is None:
        return  # a quoted value spans lines: only the csv path reads it
    slow = _parse_with_csv(lines, 2, ",", width)
    assert fast.frame.to_numpy().tolist() == slow.frame.to_numpy().tolist()
    assert fast.lines.tolist() == slow.lines.tolist()
    assert sorted(fast.malformed) == sorted(slow.malformed)


WRITTEN_CELL = st.one_of(st.text(alphabet='ab1,;\t"\n中-%', min_size=1, max_size=6)
                         .filter(lambda s: not s.startswith(" ")), st.just(""))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(WRITTEN_CELL, min_size=1, max_size=5), max_size=8),
       st.sampled_from([",", "\t", ";"]))
def test_no_row_is_lost_and_every_line_number_is_right(rows: list[list[str]],
                                                       delimiter: str) -> None:
    """Whatever the cells hold (delimiters, quotes, line breaks), every written row that is
    not blank comes back once, with the line number it starts on in the file."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["月份", "指标", "数值", "备注"])
    expected: list[int] = []
    line = 2
    for row in rows:
        before = out.tell()
        writer.writerow(row)
        written = out.getvalue()[before:]
        if any(row):
            expected.append(line)
        line += written.count("\n")
    table = read(out.getvalue())
    assert table.lines.tolist() == expected
    validated = validate_table(table)
    assert validated.rows_read == len(expected)
    assert validated.rows_accepted + validated.rows_rejected == validated.rows_read
    assert sorted([*validated.frame["_line"], *(e.line for e in validated.errors)]) == expected


# --- sources ---------------------------------------------------------------------------------


def test_directories_skip_excel_lock_files_and_dot_files(tmp_path: Path) -> None:
    (tmp_path / "ledger.csv").write_text("月份,指标,数值\n", encoding="utf-8")
    (tmp_path / "~$ledger.xlsx").write_bytes(b"\x00lock")
    (tmp_path / ".~lock.ledger.csv#").write_bytes(b"lock")
    (tmp_path / ".hidden.csv").write_bytes(b"x")
    (tmp_path / "notes.md").write_text("x")
    assert [Path(s.name).name for s in expand_paths([str(tmp_path)])] == ["ledger.csv"]
    (tmp_path / "ledger.csv").unlink()
    with pytest.raises(InputError, match=r"directory holds no \.csv, \.tsv, \.txt or \.xlsx file"):
        expand_paths([str(tmp_path)])


# --- xlsx ------------------------------------------------------------------------------------


def test_xlsx_is_read_when_openpyxl_is_installed(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["平湖市2025年台账"])
    sheet.append(["月份", "指标", "数值", "备注"])
    sheet.append([dt.datetime(2025, 1, 1), "达标率", 0.993, "第一行\n第二行"])
    sheet["C3"].number_format = "0.0%"  # shown as 99.3% in Excel: the sheet means a percentage
    sheet.append(["2025-02", "达标率", "99.1%", None])
    sheet.append(["2025-03", "培训期数", 3.0, None])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    table = read_table(Source(str(path)))
    assert (table.encoding, table.kind) == ("xlsx", "ledger")
    assert table.lines.tolist() == [3, 4, 5]  # sheet rows, the wrapped cell kept on its row
    assert cells(table) == [["2025-01-01", "达标率", "99.3%", "第一行 第二行"],
                            ["2025-02", "达标率", "99.1%", ""],
                            ["2025-03", "培训期数", "3", ""]]
    validated = validate_table(table)
    assert validated.errors == []
    assert validated.frame["period"].tolist() == ["2025-01", "2025-02", "2025-03"]


def test_xlsx_without_openpyxl_names_the_extra(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # `import openpyxl` now fails
    with pytest.raises(InputError) as caught:
        read_table(Source(str(path)))
    assert str(caught.value) == (
        f"{path}: reading .xlsx needs the xlsx extra: pip install 'ecotarget[xlsx]' "
        "(or save the sheet as CSV)")


def test_a_damaged_xlsx_is_an_input_error(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04not really a zip")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook"):
        read_table(Source(str(path)))
