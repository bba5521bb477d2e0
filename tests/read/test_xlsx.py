"""Excel workbooks: the first sheet read as its CSV export would be."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ecotarget.errors import InputError
from ecotarget.read import Source, read_table
from ecotarget.validate import validate_table
from tests.read.helpers import cells

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
