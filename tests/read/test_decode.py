"""Decoding hand-made exports: detected encodings, mixed encodings and bytes that are not text."""

from __future__ import annotations

import codecs
import re

import pytest

from ecotarget.errors import InputError
from ecotarget.read import decode
from ecotarget.validate import validate_table
from tests.read.helpers import cells, read

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
    with pytest.raises(InputError, match="--encoding klingon: not a text encoding"):
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
