"""What validation produces: the accepted rows of one input and one error per rejected row.

:class:`Problems` is the collector every check reports to; :class:`ValidatedTable` is the
result the rest of ecotarget reads.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.table import RawTable
from ecotarget.schemas import Kind

LINE = "_line"  # the original line number travels with each accepted row
# With the large-file reader, each accepted row's index into ValidatedTable.distinct_times:
# per-timestamp work (natural days) is then done once per distinct timestamp
TIME_CODE = "_time_code"
_VALUE_CHARS = 200  # a raw value longer than this is shown cut, with its length


@dataclass(frozen=True, slots=True)  # slots: a file can have millions of rejected rows
class RowError:
    """One rejected row: where, which cell, what was there, and why (a catalogue Text,
    rendered in the run's language; :attr:`message` is its English text)."""

    path: str
    line: int
    column: str
    value: str | Text  # a Text when cut: its length said in the run's language
    text: Text

    @property
    def message(self) -> str:
        """Why the row was rejected, in English (the JSON's ``message``)."""
        return self.text.render("en")

    def said(self, lang: str) -> str:
        """Why the row was rejected, in ``lang``."""
        return self.text.render(lang)

    def value_said(self, lang: str) -> str:
        """The value as written, or cut with its length said in ``lang``."""
        return self.value.render(lang) if isinstance(self.value, Text) else self.value

    def quoted_value(self, lang: str) -> str:
        """The value in quotes (``'-5'``), as a message names it.

        >>> RowError("a.csv", 2, "pm10", "-5", Text("row.required")).quoted_value("zh")
        "'-5'"
        >>> cut = RowError("a.csv", 2, "pm10", _shown("x" * 300), Text("row.required"))
        >>> cut.quoted_value("zh")[-14:], cut.quoted_value("en")[-20:]
        ("x'…（共 300 个字符）", "x'… (300 characters)")
        """
        quoted = _quoted(self.value)
        return quoted.render(lang) if isinstance(quoted, Text) else quoted

    def as_dict(self) -> dict[str, object]:
        """The error as a plain mapping (for JSON output): ``message`` in English, as it
        always was, and ``message_zh`` in Chinese."""
        return error_dicts([self])[0]


def error_dicts(errors: Iterable[RowError]) -> list[dict[str, object]]:
    """Each error as :meth:`RowError.as_dict` gives it. The rows of one problem share its
    Text (a whole column in the wrong unit, a million unreadable cells), so each Text is
    rendered once per language, not once per row."""
    rendered: dict[int, tuple[str, str]] = {}  # id of a Text → (English, Chinese)
    out = []
    for error in errors:
        texts = rendered.get(id(error.text))
        if texts is None:  # the error holds its Text: the id stays its own for the loop
            texts = rendered[id(error.text)] = (error.text.render("en"),
                                                error.text.render("zh"))
        out.append({"path": error.path, "line": error.line, "column": error.column,
                    "value": error.value_said("en"), "message": texts[0],
                    "message_zh": texts[1]})
    return out


@dataclass
class ValidatedTable:
    """The accepted rows of one input, typed, and the account of the rest."""

    path: str
    kind: Kind
    encoding: str
    rows_read: int
    frame: pd.DataFrame
    errors: list[RowError] = field(default_factory=list)
    rejected_positions: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    subkind: str | None = None  # air: "hourly" or "daily"
    notes: list[Text] = field(default_factory=list)
    raw: RawTable | None = None
    distinct_times: pd.Series | None = None  # the timestamps TIME_CODE indexes, if any
    # ledger: accepted rows whose indicator no target uses (a subset of the accepted rows)
    rows_unused: int = 0
    # water release: accepted samples whose 站点情况 is not 正常 (maintenance, stopped …):
    # part of the accepted rows, left out of ``frame`` and so of every figure
    rows_not_assessed: int = 0
    # what the user should act on although no row is rejected (also listed under notes)
    warnings: list[Text] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        """Rows with at least one problem (one :class:`RowError` each)."""
        return len(self.rejected_positions)

    @property
    def rows_accepted(self) -> int:
        """Rows that passed every check: ``rows_read - rows_rejected``."""
        return self.rows_read - self.rows_rejected


@dataclass(frozen=True)
class ValidationContext:
    """What validation needs to know beyond the file itself: the targets' ledger indicators.

    ``grades``: indicator → the grades of its scale, lowest first (a set is listed sorted).
    ``indicators``: every ledger indicator some target reads; None when not known, and then
    no indicator is reported as unused. ``milestones``: indicators reported as done (1) or
    not (0). ``sections``: water section name → its ``level``, ``waterbody`` and
    ``target_class`` (1..6) from the targets file's ``sections:``, used where a water file
    lacks them.
    """

    grades: Mapping[str, Collection[str]] = field(default_factory=dict)
    indicators: frozenset[str] | None = None
    milestones: frozenset[str] = frozenset()
    sections: Mapping[str, Mapping[str, str | int | None]] = field(default_factory=dict)


#: A problem's message: one Text for all its rows, or a function of the row position.
Message = Text | Callable[[int], Text]


class Problems:
    """Collects (row position, column, message): one :class:`RowError` per rejected row.

    The first problem found names the row's column and value; further problems of the same
    row in other columns are appended to its message ("; also …"), so that one pass shows
    everything to fix in a row while the account stays one error per rejected row.
    """

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.first: dict[int, RowError] = {}
        # further problems of a row, and their columns; only rows with more than one problem
        # have entries, so that a million rejected rows cost a million RowErrors and no more
        self._more: dict[int, list[Text]] = {}
        self._more_columns: dict[int, set[str]] = {}
        self._final: set[int] = set()

    def add(self, mask: np.ndarray | pd.Series, column: str, message: Message,
            values: pd.Series | None = None, *, only_if_clean: bool = False,
            final: bool = False, restate: bool = False) -> None:
        """Reject the rows where ``mask`` is true.

        ``message`` is one text for all, or a function of the row position (for messages
        that name another line or a corrected value). ``only_if_clean``: a consequence of
        other problems (a row left without any value) is reported only when nothing else
        is. ``final``: the row cannot be read at all, so its cells' problems mean nothing.
        ``restate``: this message replaces one found earlier in the same column (a cell's
        problem seen anew as the whole column's).
        """
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        raw = self.table.frame[column] if values is None and column in self.table.frame else values
        # the raw cells and line numbers of these rows only, taken at once
        cells = ([None] * len(positions) if raw is None
                 else raw.iloc[positions].to_numpy(dtype=object).tolist())
        # a long network file spreads one station-hour over several lines: each column
        # knows the line its cells came from
        lines = self.table.column_lines.get(column, self.table.lines)[positions].tolist()
        for pos, cell, line, header in zip(positions.tolist(), cells, lines,
                                           self._headers(column, positions), strict=True):
            text = message if isinstance(message, Text) else message(pos)
            seen = self.first.get(pos)
            if seen is not None and restate and header == seen.column:
                self.first[pos] = replace(seen, text=text)
                continue
            if seen is not None and restate and header in self._more_columns.get(pos, ()):
                self._more[pos] = [_cell(header, cell, text) if m.params["column"] == header
                                   else m for m in self._more[pos]]
                continue
            if seen is not None:
                if (only_if_clean or pos in self._final or header == seen.column
                        or header in self._more_columns.get(pos, ())):
                    continue
                self._more_columns.setdefault(pos, set()).add(header)
                self._more.setdefault(pos, []).append(_cell(header, cell, text))
                continue
            self.first[pos] = RowError(self.table.path, line, header, _shown(cell), text)
            if final:
                self._final.add(pos)

    def _headers(self, column: str, positions: np.ndarray) -> list[str]:
        """The header each rejected cell is reported under: the file's own spelling, and
        in a long network file the station too (a station's cell, not the hour's)."""
        header = self.table.source_columns.get(column, column)
        if (self.table.layout == "network-long" and "station" in self.table.frame
                and column in self.table.column_lines):
            stations = self.table.frame["station"].iloc[positions].tolist()
            return [f"{header} @ {station}" for station in stations]
        return [header] * len(positions)

    def positions(self) -> np.ndarray:
        """The positions of the rejected rows, in ascending order."""
        return np.asarray(sorted(self.first), dtype=np.int64)

    def errors(self) -> list[RowError]:
        """Every rejected row's error, in line order, further problems appended."""
        out = []
        for pos, error in self.first.items():
            more = self._more.get(pos)
            if more:
                error = replace(error, text=Text("row.also", {"items": (error.text, *more)}))
            out.append(error)
        return sorted(out, key=lambda e: e.line)


def _cell(header: str, cell: object, text: Text) -> Text:
    """A further problem of a row: ``pm10 '-5': must be ≥ 0 …``."""
    return Text("row.cell", {"column": header, "value": _quoted(_shown(cell)), "problem": text})


def _shown(value: object) -> str | Text:
    """A cell as a message shows it: cut after :data:`_VALUE_CHARS` characters, with its
    length (``value.cut``: said in the reader's language)."""
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    if len(text) > _VALUE_CHARS:
        return Text("value.cut", {"start": text[:_VALUE_CHARS], "length": f"{len(text):,}"})
    return text


def _quoted(shown: str | Text) -> str | Text:
    """A shown value in quotes: ``'-5'``, or the cut start in quotes and then its length."""
    if isinstance(shown, Text):
        return Text(shown.key, {**shown.params, "start": repr(shown.params["start"])})
    return repr(shown)
