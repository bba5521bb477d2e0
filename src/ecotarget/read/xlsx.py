"""An Excel workbook's first sheet → CSV text, one line per sheet row."""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from typing import Any

from ecotarget.errors import InputError
from ecotarget.read.source import Source


def xlsx_as_csv(source: Source) -> str:
    """The first sheet of an ``.xlsx`` workbook as CSV text (needs the ``xlsx`` extra)."""
    try:
        import openpyxl
    except ImportError as exc:
        raise InputError(
            f"{source.name}: reading .xlsx needs the xlsx extra: pip install 'ecotarget[xlsx]' "
            "(or save the sheet as CSV)"
        ) from exc
    try:
        book = openpyxl.load_workbook(io.BytesIO(source.read()), read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{source.name}: not a readable .xlsx workbook: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in sheet.iter_rows():
            writer.writerow([_cell_text(cell) for cell in row])
    except Exception as exc:
        raise InputError(f"{source.name}: not a readable .xlsx workbook: {exc}") from exc
    finally:
        book.close()
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
