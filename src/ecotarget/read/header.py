"""Finding the header among a file's first lines, its delimiter, and the input kind.

A title row above the header (Excel's merged title) is skipped; a header cell wrapped over
several lines and a header split over two rows (a merged group heading above sub-headings)
are read as one header. The kind (ledger, air, water) is the one whose aliases the header's
cells name best.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.schemas import KINDS, Kind, alias_table, normalise_header

#: The header is looked for in this many lines at the top of a file.
HEADER_SEARCH_LINES = 10
_DELIMITERS = (",", "\t", ";")
# Separators people use by mistake; never read, only named in the message when the header
# splits into known columns on one of them.
_WRONG_DELIMITERS = ("|", "，", "、", ":", "/")
_HEADER_MAX_CHARS = 100_000  # a longer line is not a header (and would trip csv's field limit)
_HEADER_MAX_LINES = 5  # a header cell with line breaks (Excel's wrapped text) spans lines
_SHOWN_CHARS = 120

_KEY_COLUMNS: dict[Kind, tuple[set[str], ...]] = {
    # each set: at least one of its names must be present
    "ledger": ({"period"}, {"indicator"}, {"value"}),
    "air": ({"time", "date"}, {"pm25", "pm10", "so2", "no2", "co", "o3", "o3_8h"}),
    "water": ({"section"}, {"date"}),
}


@dataclass(frozen=True)
class Header:
    """A header found: its lines, delimiter, the kind it names and its cells."""

    start: int  # index of its first line
    end: int  # index of its last line (a wrapped cell or a two-row header spans lines)
    delimiter: str
    kind: Kind
    cells: list[str]


#: A header candidate: its cells, the index of its last line, its delimiter.
HeaderRecord = tuple[list[str], int, str]


def find_header(lines: list[str], name: str, kind: Kind | None) -> Header:
    """The header among the first :data:`HEADER_SEARCH_LINES` lines, else an :class:`InputError`.

    The first line that names the columns of a kind (``kind`` alone when given) is the
    header; failing that, two rows read together (a merged group heading above its
    sub-headings).

    >>> find_header(["2025 年台账", "月份,指标,数值", "1,x,2"], "in.csv", None).start
    1
    """
    kinds: tuple[Kind, ...] = (kind,) if kind else KINDS
    limit = min(len(lines), HEADER_SEARCH_LINES)
    records = [header_record(lines, index) for index in range(limit)]
    # the first line that looks like a header is the header (title rows above it are skipped)
    for index, record in enumerate(records):
        if record is None:
            continue
        cells, end, delimiter = record
        found = best_kind(cells, kinds)
        if found is not None:
            return Header(index, end, delimiter, found, cells)
    two_rows = _two_row_header(records, limit, kinds)
    if two_rows is not None:
        return two_rows
    wanted = (Text("input.wanted_kind", {"kind": Text(f"kind.{kind}")}) if kind
              else Text("input.wanted_any"))
    first = lines[0] if lines else ""
    shown: Text | str = repr(first)
    if len(first) > _SHOWN_CHARS:
        shown = Text("value.cut", {"start": repr(first[:_SHOWN_CHARS]) + " ",
                                   "length": f"{len(first):,}"})
    long_lines = [i + 1 for i in range(limit) if len(lines[i]) > _HEADER_MAX_CHARS]
    if long_lines:  # a header longer than this was never read as one: say so, not "no header"
        line = long_lines[0]
        raise InputError(Text("input.long_line", {
            "path": name, "line": line, "length": f"{len(lines[line - 1]):,}",
            "limit": f"{_HEADER_MAX_CHARS:,}", "lines": HEADER_SEARCH_LINES}))
    raise InputError(Text("input.no_header", {
        "path": name, "wanted": wanted, "lines": HEADER_SEARCH_LINES, "shown": shown,
        "hint": _delimiter_hint(lines[:limit], kinds)}))


def _two_row_header(records: list[HeaderRecord | None], limit: int,
                    kinds: tuple[Kind, ...]) -> Header | None:
    # Excel's merged group heading: "时间,站点,浓度,," above ",,PM2.5,PM10": each column is
    # named by its lower cell, or by the upper one where the lower is empty
    for index, upper in enumerate(records):
        if upper is None or upper[1] + 1 >= limit:
            continue
        lower = records[upper[1] + 1]
        if lower is None or lower[2] != upper[2]:
            continue
        width = max(len(upper[0]), len(lower[0]))
        top = upper[0] + [""] * (width - len(upper[0]))
        bottom = lower[0] + [""] * (width - len(lower[0]))
        merged = [b if b.strip() else t for t, b in zip(top, bottom, strict=True)]
        found = best_kind(merged, kinds)
        if found is not None:
            return Header(index, lower[1], upper[2], found, merged)
    return None


def header_record(lines: list[str], index: int) -> HeaderRecord | None:
    """The cells of the header candidate starting at line ``index``, its last line, delimiter.

    >>> header_record(['时间;"站点', '名称";PM2.5'], 0)
    (['时间', '站点\\n名称', 'PM2.5'], 1, ';')
    """
    line = lines[index]
    if not line.strip() or len(line) > _HEADER_MAX_CHARS:
        return None
    text, end = line, index
    # a quoted cell with a line break (wrapped header text) continues on the next line
    while text.count('"') % 2 and end + 1 < len(lines) and end - index < _HEADER_MAX_LINES:
        end += 1
        text += "\n" + lines[end]
    if text.count('"') % 2:
        text, end = line, index
    delimiter = max(_DELIMITERS, key=text.count)
    try:
        cells = next(csv.reader(io.StringIO(text), delimiter=delimiter, skipinitialspace=True), [])
    except csv.Error:
        return None
    return cells, end, delimiter


def best_kind(cells: Iterable[str], kinds: Iterable[Kind]) -> Kind | None:
    """The kind whose columns the cells name best; None when they name none's key columns.

    >>> best_kind(["时间", "站点", "PM2.5"], ("ledger", "air", "water"))
    'air'
    """
    cells = list(cells)
    best: tuple[int, Kind] | None = None
    for candidate in kinds:
        score = _kind_score(candidate, cells)
        if score > 0 and (best is None or score > best[0]):
            best = (score, candidate)
    return best[1] if best else None


def _delimiter_hint(lines: list[str], kinds: tuple[Kind, ...]) -> Text | str:
    for number, line in enumerate(lines, start=1):
        if len(line) > _HEADER_MAX_CHARS:
            continue
        for separator in _WRONG_DELIMITERS:
            if separator in line and best_kind(line.split(separator), kinds):
                return Text("input.delimiter_hint", {"line": number,
                                                     "separator": repr(separator)})
    return ""


@functools.cache
def aliases(kind: Kind) -> dict[str, str]:
    """Folded header cell (:func:`normalise_header`) → canonical column name, for ``kind``."""
    if kind == "water":
        # The water item names pull in the whole water standard, which air and ledger runs
        # never need: a start-up cost of ~60 ms (measured with python -X importtime)
        from ecotarget.standards.water import ZH_ITEM_NAMES

        return alias_table("water", ZH_ITEM_NAMES)
    return alias_table(kind)


def _kind_score(kind: Kind, cells: Iterable[str]) -> int:
    table = aliases(kind)
    names = {table.get(normalise_header(cell)) for cell in cells} - {None}
    if not all(names & group for group in _KEY_COLUMNS[kind]):
        return 0
    if kind == "water" and not names - {"section", "date", "level", "waterbody", "region",
                                        "target_class", "source", "volume",
                                        "published_class", "status", "province", "basin"}:
        return 0
    return len(names)


def map_columns(header: Header) -> tuple[dict[int, str], dict[str, str], list[str]]:
    """Header cells → (position → canonical name, canonical name → cell, unknown cells).

    The first cell that names a column wins; a later cell with the same meaning is unknown.
    """
    mapping = aliases(header.kind)
    names: dict[int, str] = {}
    canonical: dict[str, str] = {}
    unknown: list[str] = []
    for position, cell in enumerate(header.cells):
        name = mapping.get(normalise_header(cell))
        if name is None or name in canonical:
            if cell.strip():
                unknown.append(cell)
            continue
        canonical[name] = cell
        names[position] = name
    return names, canonical, unknown
