"""Which quoted lines the bulk reader may read: cells wrapped whole in quotes, one line a row.

R's ``write.csv``, pandas' ``QUOTE_ALL`` and Excel (for a cell with a comma) quote cells:
``"1001A","平湖",35``. Arrow's CSV reader reads such a line as the general path does, and
keeps one line one row (line numbers for messages and ``--rejects``) as long as no quoted
cell holds a line break. Anything else with a quote (a doubled quote inside a cell, a quote
inside an unquoted cell, a space before an opening quote, a cell that spans lines) is left
to the general path, whose parsers name every problem line.

The rule, checked a block at a time with a few vectorised passes: on each line the quotes
alternate, opening at the start of a cell (after the delimiter or at the line's start) and
closing at its end (before the delimiter or the line break), and each line has an even
number of them.
"""

from __future__ import annotations

import numpy as np

_QUOTE = ord('"')
_LF = ord("\n")
_CR = ord("\r")


class QuoteCheck:
    """The rule above over a stream's consecutive blocks (a line may be cut between two).

    >>> check = QuoteCheck(",")
    >>> check.simple(b'"a","b,c",3\\n"d'), check.simple(b'",,"e"\\n'), check.finished()
    (True, True, True)
    >>> QuoteCheck(",").simple(b'a,"x""y",3\\n')  # a doubled quote: the general path
    False
    >>> QuoteCheck(",").simple(b'a,"x\\n')  # a quoted cell going on to the next line
    False
    """

    def __init__(self, delimiter: str, *, before: bytes = b"") -> None:
        # before: the stream's last byte before the first block checked (b"": none, the
        # block starts the file); the blocks before it held no quote
        self._delimiter = ord(delimiter)
        self._carried = 0  # quotes so far on the line the last block ended in
        self._before = before[0] if before else _LF  # the byte before the next block
        self._closing_at_end = False  # the last block ended in a closing quote
        self._first = not before

    def simple(self, block: bytes) -> bool:
        """Whether ``block`` (the stream's next bytes) keeps the rule."""
        data = np.frombuffer(block, dtype=np.uint8)
        if self._first:
            self._first = False
            if block.startswith(b"\xef\xbb\xbf"):
                data = data[3:]  # the byte order mark is not a cell's first character
        if not len(data):
            return True
        if self._closing_at_end and not self._ends_cell(data[0]):
            return False
        quotes = np.flatnonzero(data == _QUOTE)
        breaks = np.flatnonzero(data == _LF)
        # quotes before each line break, and the number of each quote within its line
        before_break = np.searchsorted(quotes, breaks)
        line_of = np.searchsorted(breaks, quotes)  # 0: the line carried from the last block
        line_start = np.concatenate(([0], before_break))[line_of]
        within = np.arange(len(quotes)) - line_start + np.where(line_of == 0, self._carried, 0)
        per_line = np.diff(np.concatenate(([0], before_break)))
        if len(per_line):
            per_line[0] += self._carried
        if (per_line % 2).any():
            return False
        opening = within % 2 == 0
        previous = np.where(quotes > 0, data[np.maximum(quotes - 1, 0)], self._before)
        if not np.isin(previous[opening], (self._delimiter, _LF)).all():
            return False
        closing = quotes[~opening]
        inside = closing[closing < len(data) - 1]
        if not all(self._ends_cell(byte) for byte in np.unique(data[inside + 1])):
            return False
        self._closing_at_end = bool(len(closing)) and int(closing[-1]) == len(data) - 1
        self._carried = (len(quotes) - int(before_break[-1]) if len(breaks)
                         else self._carried + len(quotes))
        self._before = int(data[-1])
        return True

    def finished(self) -> bool:
        """At the end of the stream: whether its last line closed every quote it opened."""
        return self._carried % 2 == 0

    def _ends_cell(self, byte: int) -> bool:
        return int(byte) in (self._delimiter, _CR, _LF)
