"""An Excel workbook's first sheet → CSV text, one line per sheet row."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from decimal import Decimal
from typing import Any

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.read.source import Source

#: Excel's last row: a row beyond it was not written by Excel.
MAX_ROWS = 1_048_576
#: Cells read from one sheet (ten years of hourly rows of 20 stations hold about 16 M).
MAX_CELLS = 50_000_000
#: The unpacked size of all of a workbook's parts.
MAX_UNCOMPRESSED = 2 * 2**30
_HEAD_ROWS = 10  # the rows the header is looked for in (read.header.HEADER_SEARCH_LINES)


def xlsx_as_csv(source: Source) -> str:
    """The first sheet of an ``.xlsx`` workbook as CSV text (needs the ``xlsx`` extra)."""
    try:
        import openpyxl
    except ImportError as exc:
        raise InputError(Text("input.xlsx_extra", {"path": source.name})) from exc
    data = source.read()
    _check_sizes(data, source.name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise _unreadable(source.name, exc) from exc
    try:
        return _sheet_as_csv(book.worksheets[0], source.name)
    except InputError:
        raise
    except Exception as exc:
        raise _unreadable(source.name, exc) from exc
    finally:
        book.close()


def _unreadable(name: str, exc: Exception) -> InputError:
    # the library's own words on the damage stay as it says them
    return InputError(Text("input.xlsx_unreadable", {"path": name, "problem": str(exc)}))


def _check_sizes(data: bytes, name: str) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_UNCOMPRESSED` bytes (a
    5 KB zip can hold gigabytes of XML), before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:  # the commonest damage: said in the run's language
        raise InputError(Text("input.xlsx_not_zip", {"path": name})) from exc
    if total > MAX_UNCOMPRESSED:
        raise InputError(Text("input.xlsx_unpacks", {"path": name, "total": f"{total:,}",
                                                     "limit": f"{MAX_UNCOMPRESSED:,}"}))


def _sheet_as_csv(sheet: Any, name: str) -> str:
    """The rows that hold values, one CSV line per sheet row (so line = sheet row). The
    declared dimension is not trusted (one cell at XFD1048576 declares 17 billion cells):
    rows are read as stored, empty rows only written before a row with values, and the
    cells counted against :data:`MAX_CELLS`."""
    sheet.reset_dimensions()  # read-only mode would pad every row to the declared width
    rows: list[tuple[int, list[str]]] = []
    cells = 0
    for number, row in enumerate(sheet.iter_rows(), start=1):
        texts = [_cell_text(cell) for cell in row]
        while texts and texts[-1] == "":
            texts.pop()  # a cell formatted but empty at XFD is no column
        if number > MAX_ROWS:  # 30 M empty rows of a 700 KB file would take minutes
            raise InputError(Text("input.xlsx_rows", {"path": name,
                                                      "limit": f"{MAX_ROWS:,}"}))
        if not texts:
            continue
        cells += len(texts)
        if cells > MAX_CELLS:
            raise InputError(Text("input.xlsx_cells", {
                "path": name, "limit": f"{MAX_CELLS:,}", "row": f"{number:,}"}))
        rows.append((number, texts))
    # every row as wide as the widest of the first rows (the header's): a row whose last
    # cells are empty is whole in a sheet, and must not read as a row with fields missing
    width = max((len(texts) for number, texts in rows if number <= _HEAD_ROWS), default=0)
    if width * len(rows) > MAX_CELLS:
        raise InputError(Text("input.xlsx_grid", {
            "path": name, "rows": f"{len(rows):,}", "columns": f"{width:,}",
            "limit": f"{MAX_CELLS:,}"}))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    line = 1
    for number, texts in rows:
        out.write("\n" * (number - line))  # the empty rows between: line = sheet row
        writer.writerow(texts + [""] * (width - len(texts)))
        line = number + 1
    return out.getvalue()


def _cell_text(cell: Any) -> str:
    """A cell as the text a CSV export would hold, on one line (so line = sheet row)."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) and "%" in str(getattr(cell, "number_format", "")):
        # a cell formatted as a percentage holds the fraction: 0.993 is shown as 99.3%
        return f"{(Decimal(repr(value)) * 100).normalize():f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "hour") and hasattr(value, "date") and not (
            value.hour or value.minute or value.second):
        return str(value.date())  # a date typed into Excel comes back as midnight
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text
