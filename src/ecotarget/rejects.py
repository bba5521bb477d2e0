"""Rejected rows written back in their original form, with a ``reason`` column."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import IO

from ecotarget.validate import ValidatedTable


def write_rejects(tables: Sequence[ValidatedTable], stream: IO[str]) -> None:
    """Each input's header plus ``reason``, then its rejected lines as they were.

    Rows of files with different headers are separated by a blank line and a new header,
    so that each block can be fixed and fed back on its own.
    """
    first = True
    for table in tables:
        if not table.errors or table.raw is None or table.raw.raw_lines is None:
            continue
        lines = table.raw.raw_lines
        delimiter = table.raw.delimiter
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        if not first:
            stream.write("\n")
        first = False
        writer.writerow([*table.raw.header, "reason"])
        for error in table.errors:
            original = lines[error.line - 1] if 0 < error.line <= len(lines) else ""
            cells = next(csv.reader(io.StringIO(original), delimiter=delimiter), [])
            cells += [""] * (len(table.raw.header) - len(cells))
            reason = f"{error.column}: {error.message}"
            writer.writerow([*cells, reason])
