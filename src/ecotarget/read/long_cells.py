"""A national long file's data lines, compactly: each line's date, hour and type as text, and
its station cells as codes into their distinct texts.

A national daily file has 360 lines of 1,700 station cells: 600,000 cells and a few hundred
distinct texts. A text object per cell costs about fifteen times the file; a code costs four
bytes. A plain file (no quote, one row per line, each as wide as the header) is split a line
at a time straight into this form; any other goes through
:func:`~ecotarget.read.body.parse_body`, which names every problem line, and is then encoded
a column at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ecotarget.read.body import LINE_MAX_CHARS, parse_body
from ecotarget.read.table import Problem
from ecotarget.schemas import missing_marker_spellings

#: The columns before the stations: date, hour, type.
LEAD = 3


@dataclass
class LongCells:
    """The data rows of a long file: lead text, station cell codes, and where each came from."""

    lead: np.ndarray  # rows × 3 text cells: date, hour, type
    codes: np.ndarray  # rows × stations: codes into ``texts`` (the columns after the lead)
    texts: pd.Index  # the distinct texts of the station cells, "" among them
    empty: int  # the code of "" (0)
    lines: np.ndarray  # 1-based line number of each row
    malformed: dict[int, Problem] = field(default_factory=dict)  # row position → problem
    spans: dict[int, int] = field(default_factory=dict)  # first line → lines, when a row spans >1

    def all_missing(self, columns: Sequence[int]) -> np.ndarray:
        """Rows whose every cell in the station ``columns`` (0 = the first after the lead) is
        empty or a missing marker (—, -, NA …)."""
        missing = np.isin(np.asarray(self.texts, dtype=object),
                          [*missing_marker_spellings(), ""])
        rows: np.ndarray = missing[self.codes[:, list(columns)]].all(axis=1)
        return rows


def long_cells(lines: list[str], start: int, delimiter: str, width: int, *,
               ends_with_newline: bool) -> LongCells:
    """The lines from ``start`` (0-based) of a long file whose header has ``width`` cells.

    >>> cells = long_cells(["date,hour,type,A,B", "20250101,1,PM2.5,30,", "20250101,1,CO,0.5,—"],
    ...                    1, ",", 5, ends_with_newline=True)
    >>> texts = cells.texts.to_numpy()
    >>> cells.lead[:, 2].tolist(), texts[cells.codes].tolist(), cells.lines.tolist()
    (['PM2.5', 'CO'], [['30', ''], ['0.5', '—']], [2, 3])
    """
    if ends_with_newline:  # a last line cut short: parse_body says so
        cells = _split(lines, start, delimiter, width)
        if cells is not None:
            return cells
    body = parse_body(lines, start, delimiter, width, ends_with_newline=ends_with_newline)
    frame = body.frame
    codes = np.empty((len(frame), max(width - LEAD, 0)), dtype=np.int32)
    known: dict[str, int] = {"": 0}
    for position in range(LEAD, width):  # a column's text objects at a time, not all
        codes[:, position - LEAD] = [known.setdefault(cell, len(known))
                                     for cell in frame[position].to_numpy(dtype=object)]
    lead = frame.iloc[:, :LEAD].to_numpy(dtype=object)
    return LongCells(lead, codes, pd.Index(list(known), dtype=object), 0, body.lines,
                     body.malformed, body.spans)


def _split(lines: list[str], start: int, delimiter: str, width: int) -> LongCells | None:
    """The lines split at the delimiter, one at a time; None when only parse_body reads them
    as they are (a quote, a space after a delimiter, a blank line, a row of another width, a
    line too long to read)."""
    count = len(lines) - start
    lead = np.empty((count, LEAD), dtype=object)
    codes = np.empty((count, max(width - LEAD, 0)), dtype=np.int32)
    known: dict[str, int] = {"": 0}  # the distinct texts, by code
    spaced = delimiter + " "
    for row, line in enumerate(lines[start:]):
        if len(line) > LINE_MAX_CHARS or '"' in line or spaced in line:
            return None
        cells = line.split(delimiter)
        if len(cells) != width:
            return None
        lead[row] = cells[:LEAD]
        codes[row] = [known.setdefault(cell, len(known)) for cell in cells[LEAD:]]
    numbers = np.arange(start + 1, start + 1 + count, dtype=np.int64)
    # a row of empty cells (",,,", as Excel writes a blank row) is not a row
    blank = (lead == "").all(axis=1) & (codes == 0).all(axis=1)
    if blank.any():
        lead, codes, numbers = lead[~blank], codes[~blank], numbers[~blank]
    return LongCells(lead, codes, pd.Index(list(known), dtype=object), 0, numbers)
