"""Workbooks built to make a reader work without end: each ends in a clear exit 2, or is
read by the rows that hold values, in seconds."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.errors import InputError
from ecotarget.read import Source, read_table
from ecotarget.read import xlsx as xlsx_reader
from tests.conftest import TARGETS

openpyxl = pytest.importorskip("openpyxl")
DEBUG = {"ECOTARGET_DEBUG": "1"}


def ledger_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["月份", "指标", "数值"])
    sheet.append(["2025-01", "培训期数", 3])
    sheet.append(["2025-02", "培训期数", 2])
    book.save(path)
    return path


def with_rows(path: Path, rows_xml: str) -> Path:
    """The workbook with raw <row> elements appended to its sheet, as a hostile tool writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", rows_xml.encode() + b"</sheetData>")
            out.writestr(info, data)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_one_cell_at_xfd1048576_is_read_in_seconds(tmp_path: Path) -> None:
    """A declared dimension of A1:XFD1048576 (17 billion cells) is not trusted: the three
    rows with values are read, and the far cell's row is rejected (16,384 fields)."""
    path = with_rows(ledger_book(tmp_path / "far.xlsx"),
                     '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["validate", str(path), "--targets", str(TARGETS),
                                      "--format", "json"], env=DEBUG)
    assert time.monotonic() - started < 60
    assert result.exit_code == 1, result.output
    assert '"rows_read": 3' in result.stdout and '"line": 1048576' in result.stdout


def test_a_value_beyond_excels_last_row_is_refused(tmp_path: Path) -> None:
    path = with_rows(ledger_book(tmp_path / "deep.xlsx"),
                     '<row r="30000000"><c r="A30000000" t="inlineStr"><is><t>x</t></is></c></row>')
    with pytest.raises(InputError) as error:
        read_table(Source(str(path)))
    assert str(error.value) == (f"{path}: rows beyond Excel's last row 1,048,576: not a "
                                "workbook Excel wrote; save the sheet as CSV")


def test_too_many_cells_and_too_much_xml_are_exit_2(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = ledger_book(tmp_path / "book.xlsx")
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 5)  # 3 + 3 cells: the second row passes it
    with pytest.raises(InputError, match=r"book.xlsx: more than 5 cells \(at row 2\)"):
        read_table(Source(str(path)))
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 50_000_000)
    monkeypatch.setattr(xlsx_reader, "MAX_UNCOMPRESSED", 1000)
    result = CliRunner().invoke(cli, ["check", str(path), "--targets", str(TARGETS), "--lang",
                                      "en"], env=DEBUG)
    assert result.exit_code == 2
    assert "book.xlsx: the workbook unpacks to" in result.stderr
    assert "more than 1,000: save the sheet as CSV (or split it)" in result.stderr


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    """3 GiB of zeros deflate to about 3 MB: refused from the zip's directory alone."""
    path = ledger_book(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book, \
            book.open("xl/media/zeros.bin", "w", force_zip64=True) as member:
        block = b"\0" * 2**24
        for _ in range(3 * 2**30 // len(block)):
            member.write(block)
    result = CliRunner().invoke(cli, ["check", str(path), "--targets", str(TARGETS), "--lang",
                                      "en"], env=DEBUG)
    assert result.exit_code == 2
    assert "more than 2,147,483,648: save the sheet as CSV" in result.stderr
