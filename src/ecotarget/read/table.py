"""The reader's result: one input file as text cells under canonical column names."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.schemas import Kind

#: Why the reader could not split a row into cells: a catalogue Text, or English text (the
#: hours of a national network file rejected whole)
Problem = str | Text


@dataclass
class RawTable:
    """One input file as text cells under canonical column names."""

    path: str
    kind: Kind
    encoding: str
    delimiter: str
    header: list[str]
    frame: pd.DataFrame  # object/str columns, canonical names; one row per data line
    lines: np.ndarray  # 1-based line number in the original file of each row
    source_columns: dict[str, str]  # canonical name → header cell it came from
    unknown_columns: list[str] = field(default_factory=list)
    raw_lines: list[str] | None = None  # original text lines, for --rejects
    malformed: dict[int, Problem] = field(default_factory=dict)  # row position → structural problem
    spans: dict[int, int] = field(default_factory=dict)  # first line → lines, when a row spans >1
    # "network-long" / "network-wide": a national monitoring network file (ecotarget.read.network)
    layout: str | None = None
    notes: list[Text] = field(default_factory=list)  # what the reader left unread, and why
    # canonical name → the line each row's cell came from, where a row's cells come from
    # several lines (a network long file: one line per hour and pollutant); else ``lines``
    column_lines: dict[str, np.ndarray] = field(default_factory=dict)
    # a large file keeps no text: the original lines of the given numbers, read again
    reread: Callable[[Collection[int]], dict[int, str]] | None = None

    @property
    def rows(self) -> int:
        """The number of data rows read."""
        return len(self.frame)

    def original(self, line: int) -> str:
        """The original text of the row starting on ``line`` (several lines when it spans)."""
        return self.originals([line]).get(line, "")

    def originals(self, lines: Iterable[int]) -> dict[int, str]:
        """The original text of the rows starting on ``lines``, by line number; a large
        file is read again for these lines only, in one pass, holding no other line."""
        wanted = sorted(set(lines))
        if self.raw_lines is None:
            return self.reread(wanted) if self.reread is not None else {}
        raw = self.raw_lines
        return {line: "\n".join(raw[line - 1:line - 1 + self.spans.get(line, 1)])
                for line in wanted if 0 < line <= len(raw)}

    def released(self, lines: Iterable[int]) -> RawTable:
        """This table without its rows, keeping the original text of ``lines`` only.

        Validation has typed the cells into its own columns; what is left for later is the
        header, the notes and the original lines of rejected rows (``--rejects``). Holding
        the cells and every line of the text besides the validated frame would cost about
        the size of the file again, through the whole check.
        """
        emptied = replace(self, frame=self.frame.iloc[:0].copy(), lines=self.lines[:0].copy(),
                          column_lines={})
        if self.raw_lines is None:
            return emptied  # a large file keeps no text: ``reread`` reads the lines again
        kept = self.originals(lines)
        return replace(emptied, raw_lines=None, spans={},
                       reread=lambda wanted: {n: kept[n] for n in wanted if n in kept})
