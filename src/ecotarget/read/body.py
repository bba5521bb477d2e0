"""The lines below the header → rows of text cells, each with the line it starts on.

No data line is dropped: a line that cannot be read as a row (too many fields, broken
quoting, a last line cut short) is kept as a *malformed* row with the reason, which
validation then rejects.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from re import escape as re_escape

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.table import Problem


@dataclass
class Body:
    """The data rows of a file as text cells, and where each came from."""

    frame: pd.DataFrame  # columns 0..width-1, text cells
    lines: np.ndarray  # 1-based line number of each row
    malformed: dict[int, Problem] = field(default_factory=dict)  # row position → problem
    spans: dict[int, int] = field(default_factory=dict)  # first line → lines, when a row spans >1


def parse_body(lines: list[str], start: int, delimiter: str, width: int, *,
               ends_with_newline: bool, required: int | None = None) -> Body:
    """Parse the data lines as text: the fast C parser when every line is one row (quoted
    cells included), else the csv module, which knows each row's line number, follows
    quoted cells over line breaks and recovers from broken quoting line by line.

    >>> body = parse_body(["a,b", "1,2", "", "3"], 1, ",", 2, ends_with_newline=True)
    >>> body.frame.to_numpy().tolist(), body.lines.tolist(), str(body.malformed[1])[:29]
    ([['1', '2'], ['3', '']], [2, 4], '1 field, the header has 2: ev')

    ``required``: how many leading fields a row must have (default: all of them). Columns
    after it hold only optional text (a note, a region), which a hand-written row may leave
    off: nothing after them can shift. ``2025-11,危险废物利用量,1500`` under a five-column
    ledger header is then a whole row:

    >>> parse_body(["a,b,note", "1,2"], 1, ",", 3, ends_with_newline=True,
    ...            required=2).malformed
    {}
    """
    data_lines = lines[start:]  # a list of its own: ``lines`` keeps every original line
    first_line = start + 1  # the 1-based line number of data_lines[0]
    if not data_lines:
        return Body(pd.DataFrame(columns=range(width), dtype=object), np.zeros(0, np.int64))
    too_long = _set_aside_long_lines(data_lines)
    body = parse_fast(data_lines, first_line, delimiter, width)
    if body is None:
        body = parse_with_csv(data_lines, first_line, delimiter, width)
    if too_long:
        _flag_long(body, too_long, first_line)
    if not ends_with_newline:
        _flag_truncated(body, data_lines, first_line, delimiter, width)
    _flag_short(body, data_lines, first_line, delimiter, width if required is None else required)
    return body


#: No row of a monitoring export comes near a million characters (a water row of a hundred
#: items is a few thousand). A longer line is rejected unread: the parsers would hold several
#: copies of it (peak memory within 3× the file's size) and take time beyond its length.
LINE_MAX_CHARS = 2**20
_STAND_IN_CHARS = 200  # of a line too long to read, what the parsers see


def _set_aside_long_lines(data_lines: list[str]) -> dict[int, int]:
    """Replace each line longer than :data:`LINE_MAX_CHARS` by a short stand-in; their
    positions in ``data_lines`` → their lengths.

    The stand-in is the line's start without quotes (one that opened a quoted cell would take
    the next lines into it) and with "…" (never a blank row, which would not be a row):
    the row keeps its place, and a network file the type of its line.

    >>> lines = ["1,2", "a," + "x" * LINE_MAX_CHARS]
    >>> _set_aside_long_lines(lines), [line[:6] for line in lines], len(lines[1])
    ({1: 1048578}, ['1,2', 'a,xxxx'], 201)
    """
    if max(map(len, data_lines)) <= LINE_MAX_CHARS:
        return {}
    long = {index: len(line) for index, line in enumerate(data_lines)
            if len(line) > LINE_MAX_CHARS}
    for index in long:
        data_lines[index] = data_lines[index][:_STAND_IN_CHARS].replace('"', "") + "…"
    return long


def _flag_long(body: Body, too_long: dict[int, int], first_line: int) -> None:
    """Reject the row each too-long line stood in (or was part of, inside a quoted cell)."""
    for index, length in too_long.items():
        line = first_line + index
        position = int(np.searchsorted(body.lines, line, side="right")) - 1
        if position < 0:
            continue
        start = int(body.lines[position])
        if line < start + body.spans.get(start, 1):
            body.malformed[position] = Text("row.too_long", {
                "length": f"{length:,}", "limit": f"{LINE_MAX_CHARS:,}"})


def _too_few(fields: int, width: int) -> Text:
    return Text("row.too_few", {"fields": fields, "width": width,
                                "field_word": Text("word.fields" if fields != 1 else "word.field")})


def _flag_short(body: Body, data_lines: list[str], first_line: int, delimiter: str,
                width: int) -> None:
    # width: the fields a row must have (the header's, less optional trailing text columns)
    """Reject a row with fewer fields than the header: ``A，35`` written with a full-width
    comma leaves the row one field short, and padding it would shift every later value
    into the next column (CO read from the O3 cell). Counting delimiters finds the
    candidates in one vectorised pass (a quoted delimiter only adds to the count); the
    csv module counts the few candidates exactly."""
    if width <= 1 or not len(body.lines):
        return
    starts = body.lines - first_line
    texts = pd.Series([data_lines[i] for i in starts], dtype=object)
    candidates = np.flatnonzero(texts.str.count(re_escape(delimiter)).to_numpy() < width - 1)
    for position in candidates:
        if int(position) in body.malformed or int(body.lines[position]) in body.spans:
            continue  # already rejected, or a quoted cell spans lines (its fields are read)
        fields = _fields(data_lines[starts[position]], delimiter)
        if fields < width:
            body.malformed[int(position)] = _too_few(fields, width)


def parse_fast(data_lines: list[str], first_line: int, delimiter: str,
               width: int) -> Body | None:
    """Pandas' C parser over lines that are one row each; None when that does not hold
    (a quoted cell spans lines, a row has two or more fields too many)."""
    # A line with many fields too many goes to the csv path before the C parser sees it: the
    # C parser builds every column of the widest line for every row (one cell at column
    # XFD of a sheet of a million rows: 17 billion cells), the csv module reads it in time
    # linear in its length. A quoted delimiter only adds to the count, so none is missed.
    if max((line.count(delimiter) for line in data_lines), default=0) > width + 1:
        return None
    # One spare column catches a row with one field too many; a row with more makes the C
    # parser fail (→ csv path). A ParserWarning means pandas dropped cells: fail as well.
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(
                _JoinedLines(data_lines), sep=delimiter, header=None, dtype=str,
                na_filter=False, skip_blank_lines=False, skipinitialspace=True, engine="c",
                names=range(width + 1), index_col=False, quotechar='"', doublequote=True,
            )
        except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError, OverflowError):
            return None
    if len(frame) != len(data_lines):
        return None  # a quoted cell spans lines: only the csv path knows the line numbers
    spare = frame.pop(width).to_numpy(dtype=object)  # type: ignore[arg-type]  # int labels
    # rows with a non-blank cell beyond the header (a trailing ",," or "," is harmless)
    over = [int(pos) for pos in np.flatnonzero(spare != "") if str(spare[pos]).strip()]
    # a row of empty cells (",,,", as Excel writes a blank row) is not a row
    blank = spare == ""
    for column in frame.columns:
        candidates = np.flatnonzero(blank)
        if not len(candidates):
            break
        cells = frame[column]
        if len(candidates) < len(frame):
            cells = cells.iloc[candidates]  # few rows are still blank after the first column
        blank[candidates] = (cells == "").to_numpy()
    malformed: dict[int, Problem] = {
        pos: _too_many(_fields(data_lines[pos], delimiter), width) for pos in over}
    numbers = np.arange(first_line, first_line + len(frame), dtype=np.int64)
    if blank.any():
        keep = ~blank
        new_position = np.cumsum(keep) - 1
        malformed = {int(new_position[pos]): text for pos, text in malformed.items()}
        frame, numbers = frame[keep].reset_index(drop=True), numbers[keep]
    return Body(frame, numbers, malformed)


class _JoinedLines(io.TextIOBase):
    """The lines joined by "\\n" as a file for pandas' C parser, a block at a time.

    ``io.StringIO("\\n".join(lines))`` holds the text twice more, the second time at four
    bytes a character: five times the file on top of the lines. This holds one block.

    >>> reader = _JoinedLines(["a,b", "1,2", "3,4"])
    >>> reader.read(4), reader.read(4), reader.read(4), reader.read(4)
    ('a,b\\n', '1,2\\n', '3,4\\n', '')
    """

    _BLOCK = 2**18  # characters per read when pandas asks for everything

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self._lines = lines
        self._next = 0

    def readable(self) -> bool:
        """It is read from."""
        return True

    def read(self, size: int | None = -1) -> str:
        """At least ``size`` characters (whole lines), "" at the end."""
        want = self._BLOCK if size is None or size < 0 else max(size, 1)
        start = stop = self._next
        taken = 0
        while stop < len(self._lines) and taken < want:
            taken += len(self._lines[stop]) + 1
            stop += 1
        self._next = stop
        return "\n".join(self._lines[start:stop]) + "\n" if stop > start else ""



def _too_many(fields: int, width: int) -> Text:
    return Text("row.too_many", {"fields": fields, "width": width})


def _fields(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), []))
    except csv.Error:
        return line.count(delimiter) + 1





def parse_with_csv(data_lines: list[str], first_line: int, delimiter: str,
                   width: int) -> Body:
    """The csv module over the lines: rows that span lines keep their first line's number,
    and broken quoting is reported on its line, reading resuming on the next one."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    malformed: dict[int, Problem] = {}
    spans: dict[int, int] = {}

    def keep(row: list[str], index: int, span: int, problem: Text | None = None) -> None:
        if problem is None and not any(row):
            return  # blank line (skipinitialspace has emptied cells of spaces)
        if problem is None and len(row) > width and any(c.strip() for c in row[width:]):
            # kept and reported: a shifted row must never be read as if it were aligned
            problem = _too_many(len(row), width)
        if problem is not None:
            malformed[len(rows)] = problem
        if span > 1:
            spans[first_line + index] = span
        rows.append(row[:width] + [""] * (width - len(row)))
        numbers.append(first_line + index)

    total = len(data_lines)
    start = 0
    while start < total:
        reader = csv.reader(_with_breaks(data_lines, start), delimiter=delimiter, strict=True,
                            skipinitialspace=True)
        done = 0  # lines consumed by complete rows since `start`
        try:
            for row in reader:
                keep(row, start + done, reader.line_num - done)
                done = reader.line_num
            break
        except csv.Error as exc:
            index = start + done  # the line the broken row starts on
            spanned = reader.line_num - done
            if str(exc).startswith("unexpected end of data"):
                keep([], index, 1, Text("row.open_quote"))
            elif spanned <= 1:
                # Broken quoting within one line ('"1"2'): read it as the C parser does, so
                # that a row's verdict does not depend on which parser read its file.
                try:
                    row = next(csv.reader([data_lines[index]], delimiter=delimiter,
                                          skipinitialspace=True), [])
                except csv.Error as lax:
                    keep([], index, 1, Text("row.unreadable", {"reason": str(lax)}))
                else:
                    keep(row, index, 1)
            else:
                keep([], index, 1, Text("row.quote_spans", {"lines": spanned,
                                                            "reason": str(exc)}))
            start = index + 1  # resume on the next line: no following row is lost
    frame = pd.DataFrame(rows, columns=range(width), dtype=object)
    return Body(frame, np.asarray(numbers, dtype=np.int64), malformed, spans)


def _with_breaks(lines: list[str], start: int) -> Iterator[str]:
    # the line breaks go back in, so that a quoted value keeps the one it contains
    for index in range(start, len(lines)):
        yield lines[index] + "\n"


def _flag_truncated(body: Body, data_lines: list[str], first_line: int, delimiter: str,
                    width: int) -> None:
    """A last line with fewer fields than the one above it, in a file that ends without a
    line break, is a file cut off in the middle of a row: its figures must not count."""
    last = len(body.lines) - 1
    last_line = first_line + len(data_lines) - 1
    if last < 0 or int(body.lines[last]) != last_line or last in body.malformed:
        return
    if len(data_lines) == 1:
        expected = width
    elif data_lines[-2].strip():
        expected = min(width, _fields(data_lines[-2], delimiter))
    else:
        return  # a blank line above: nothing to compare with
    fields = _fields(data_lines[-1], delimiter)
    if fields < expected:
        body.malformed[last] = Text("row.cut_short", {"fields": fields, "expected": expected})
    elif (shortest := _shortest_last_field(data_lines[-_COMPARED - 1:-1], delimiter)) is not None:
        value = _last_field(data_lines[-1], delimiter)
        if len(value) < shortest:  # "…,16" where the column holds 160, 152, 170
            body.malformed[last] = Text("row.maybe_cut", {"value": repr(value),
                                                          "shortest": shortest})


_COMPARED = 50  # lines above the last one whose last field gives the column's usual width


def _last_field(line: str, delimiter: str) -> str:
    try:
        row = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
    except csv.Error:
        return line.rsplit(delimiter, 1)[-1]
    return row[-1].strip() if row else ""


def _shortest_last_field(lines: list[str], delimiter: str) -> int | None:
    """The shortest last field of ``lines`` (blank lines left out); None below 3 lines,
    too few to say what is usual.

    >>> _shortest_last_field(["a,160", "b,152", "", "c,1700"], ",")
    3
    """
    widths = [len(_last_field(line, delimiter)) for line in lines if line.strip()]
    return min(widths) if len(widths) >= 3 else None
