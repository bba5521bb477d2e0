"""The check report as an Excel workbook: the CSV's columns, numbers as numbers, the header
frozen, each status on its colour, columns as wide as their contents.

A workbook is bytes, not text: :func:`render_xlsx` writes to the binary buffer under the
text stream it is given (a file opened by :mod:`ecotarget.cli.output`), so it fits the
report renderer registry. The command line refuses ``--format xlsx`` without ``--output``.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from rich.cells import cell_len

from ecotarget.catalogue import Text
from ecotarget.errors import UsageError
from ecotarget.render.common import STATUS_FILL
from ecotarget.render.flat import CSV_COLUMNS, report_rows
from ecotarget.render.safe import spreadsheet_row
from ecotarget.report import Report

MAX_COLUMN_WIDTH = 60  # a long reason wraps in Excel rather than making a column a page wide


def workbook_bytes(report: Report) -> bytes:
    """The workbook of ``report`` as the bytes of an .xlsx file."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "check"
    sheet.append(list(CSV_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    status_at = CSV_COLUMNS.index("status") + 1
    # a name or text that would start a formula stays text (render.safe): openpyxl would
    # otherwise store "=HYPERLINK(…)" as a live formula
    rows = [spreadsheet_row(row) for row in report_rows(report)]
    for row in rows:
        # dates as ISO text, as in the CSV; numbers stay int or float so Excel can sum them
        sheet.append([v.isoformat() if isinstance(v, dt.date) else (None if v == "" else v)
                      for v in row])
        status = sheet.cell(row=sheet.max_row, column=status_at)
        status.fill = PatternFill("solid", start_color=STATUS_FILL[str(status.value)])
    sheet.freeze_panes = "A2"  # the header stays in view
    for index, name in enumerate(CSV_COLUMNS, start=1):
        values = [name, *(str(r[index - 1]) for r in rows)]
        width = max(cell_len(v) for v in values) + 2  # a CJK character is two wide here too
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_COLUMN_WIDTH)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_xlsx(report: Report, stream: IO[str]) -> None:
    """Write the workbook to the file behind ``stream``; a terminal or pipe is refused."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None or stream.isatty():
        raise UsageError(Text("output.workbook", {"fmt": "xlsx"}))
    data = workbook_bytes(report)
    stream.flush()
    buffer.write(data)
    buffer.flush()


__all__ = ["STATUS_FILL", "render_xlsx", "workbook_bytes"]
