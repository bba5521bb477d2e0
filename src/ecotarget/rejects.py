"""Rejected rows written back in their original form, with a ``reason`` column."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import IO

from ecotarget.validate import ValidatedTable


def write_rejects(tables: Sequence[ValidatedTable], stream: IO[str], lang: str = "en") -> None:
    """Each input's header plus ``reason``, then its rejected rows as they were: each
    original line byte for byte (of the file's text), the reason (in ``lang``) appended as
    one more field.

    Rows of files with different headers are separated by a blank line and a new header,
    so that each block can be fixed and fed back on its own: delete the ``reason`` column,
    correct the cells, and the rows validate like any other input.
    """
    first = True
    for table in tables:
        raw = table.raw
        if not table.errors or raw is None or (raw.raw_lines is None and raw.reread is None):
            continue
        delimiter = raw.delimiter
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        if not first:
            stream.write("\n")
        first = False
        width = len(raw.header)
        writer.writerow([*raw.header, "reason"])
        originals = raw.originals(error.line for error in table.errors)
        for error in table.errors:
            # several lines when a quoted cell spans them; the text exactly as it was
            original = originals.get(error.line, "")
            reason = _quoted(f"{error.column}: {error.said(lang)}", delimiter)
            cells = _cells(original, delimiter)
            # a short row gets the empty fields it lacks, so that the reason lands in its
            # column; broken quoting or too many fields: the reason follows as one more field
            missing = width - len(cells) if cells is not None and len(cells) < width else 0
            stream.write(original + delimiter * (missing + 1) + reason + "\n")


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
