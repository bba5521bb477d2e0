"""Rejected rows written back in their original form, with a ``reason`` column."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import IO

from ecotarget.validate import ValidatedTable


def write_rejects(tables: Sequence[ValidatedTable], stream: IO[str]) -> None:
    """Each input's header plus ``reason``, then its rejected rows as they were.

    Rows of files with different headers are separated by a blank line and a new header,
    so that each block can be fixed and fed back on its own: delete the ``reason`` column,
    correct the cells, and the rows validate like any other input.
    """
    first = True
    for table in tables:
        raw = table.raw
        if not table.errors or raw is None or raw.raw_lines is None:
            continue
        delimiter = raw.delimiter
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        if not first:
            stream.write("\n")
        first = False
        width = len(raw.header)
        writer.writerow([*raw.header, "reason"])
        for error in table.errors:
            original = raw.original(error.line)  # several lines when a quoted cell spans them
            reason = f"{error.column}: {error.message}"
            cells = _cells(original, delimiter)
            if cells is not None and len(cells) <= width:
                writer.writerow([*cells, *[""] * (width - len(cells)), reason])
            else:
                # broken quoting or too many fields: the text exactly as it was, so that
                # nothing of it is lost; the reason follows as one more (quoted) field
                stream.write(original + delimiter + _quoted(reason, delimiter) + "\n")


def _cells(text: str, delimiter: str) -> list[str] | None:
    """The cells of one original row, or None when its quoting is broken."""
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True,
                               skipinitialspace=True))
    except csv.Error:
        return None
    if len(rows) != 1:
        return None if rows else []
    return rows[0]


def _quoted(text: str, delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow([text])
    return out.getvalue()
