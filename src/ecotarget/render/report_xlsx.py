"""The monthly report as an Excel workbook (``ecotarget report --output FILE.xlsx``).

One sheet per section of the report, real numbers in cells, status colours, frozen
headers, and native charts for the monthly series, all read from a
:class:`~ecotarget.tables.monthly.MonthlyReport`. Not built yet: :func:`render_report_xlsx`
raises :class:`NotImplementedError`, which the command line reports as a usage error.
"""

from __future__ import annotations

from typing import IO

from ecotarget.errors import UsageError
from ecotarget.tables.monthly import MonthlyReport


def render_report_xlsx(report: MonthlyReport, lang: str) -> bytes:
    """The workbook of ``report`` in ``lang`` as the bytes of an .xlsx file."""
    raise NotImplementedError("the monthly report's workbook is not built yet; "
                              "use --output FILE.html")


def write_report_xlsx(report: MonthlyReport, stream: IO[str], lang: str) -> None:
    """Write the workbook to the file behind ``stream``; a terminal or pipe is refused."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None or stream.isatty():
        raise UsageError("--format xlsx writes a workbook: give --output FILE.xlsx")
    data = render_report_xlsx(report, lang)
    stream.flush()
    buffer.write(data)
    buffer.flush()


__all__ = ["render_report_xlsx", "write_report_xlsx"]
