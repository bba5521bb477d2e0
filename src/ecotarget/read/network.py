"""The national monitoring network's published files, read as they are (docs/standards.md §1).

A bureau's air data is usually the network's hourly release as mirrored everywhere:

* **long** — one file per day, ``date,hour,type,<one column per station code>``, one line
  per hour and type (AQI, PM2.5, PM2.5_24h, PM10, …, CO_24h);
* **wide** — one file per hour, one row per station: ``timepoint, stationcode,
  positionname, area, …, aqi, …, pm2_5, pm2_5_24h, …, co, co_24h``.

Both are recognised from their header (:func:`detect_layout`). A long file is turned into
ecotarget's station-hour rows here (:func:`read_long`, one vectorised pivot); a wide file
already has one row per station-hour and goes through the ordinary alias path, finished by
:func:`adapt`. Either way the rows carry the network's end-of-hour labels
(``2025-01-02 00:00`` is hour 24 of 2025-01-01) and its published values — the hourly AQI
in ``aqi`` and the trailing 24-h means in ``pm25_24h … co_24h`` — beside the hourly
concentrations. The published values never enter a figure: they are only compared with
ecotarget's own. The O3 8-h columns are never read: their meaning changed between years
(docs/standards.md §1), so O3 statistics are recomputed from the hourly O3.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.header import HEADER_SEARCH_LINES, header_record
from ecotarget.read.long_cells import LEAD, LongCells, long_cells
from ecotarget.read.table import Problem, RawTable
from ecotarget.schemas import missing_marker_spellings, normalise_header

Layout = Literal["long", "wide"]
LONG = "network-long"  # RawTable.layout of a long-format (daily) network file
WIDE = "network-wide"  # RawTable.layout of a wide-format (hourly) network file
LAYOUTS = (LONG, WIDE)

#: The hourly concentrations, in ecotarget's canonical names (CO mg/m³, the rest µg/m³).
HOURLY = ("pm25", "pm10", "so2", "no2", "co", "o3")
#: Hourly value → the network's published trailing 24-h mean of it.
PUBLISHED_24H: dict[str, str] = {"pm25": "pm25_24h", "pm10": "pm10_24h", "so2": "so2_24h",
                                 "no2": "no2_24h", "co": "co_24h"}
#: The published values kept beside the hourly ones, for the comparison only.
PUBLISHED = ("aqi", *PUBLISHED_24H.values())
#: How the comparison names each published value (the network's own type names).
PUBLISHED_LABELS: dict[str, str] = {"aqi": "AQI", "pm25_24h": "PM2.5_24h",
                                    "pm10_24h": "PM10_24h", "so2_24h": "SO2_24h",
                                    "no2_24h": "NO2_24h", "co_24h": "CO_24h"}

# A long file's types (folded by normalise_header) → canonical column; None: never read.
_LONG_TYPES: dict[str, str | None] = {
    "aqi": "aqi", "pm2.5": "pm25", "pm2.5_24h": "pm25_24h", "pm10": "pm10",
    "pm10_24h": "pm10_24h", "so2": "so2", "so2_24h": "so2_24h", "no2": "no2",
    "no2_24h": "no2_24h", "o3": "o3", "co": "co", "co_24h": "co_24h",
    # O3_24h is published for nothing ecotarget reports; the 8-h columns changed meaning
    # between years (docs/standards.md §1): O3 statistics come from the hourly O3 instead.
    "o3_24h": None, "o3_8h": None, "o3_8h_24h": None,
}
_OUTPUT = (*HOURLY, *PUBLISHED)  # the value columns of a long file's station-hour rows
_O3_8H_HEADERS = frozenset({"o3_8h", "o3_8h_24h"})
# the network's O3 8-h columns are not read: their meaning changed between years
O3_8H_NOTE = Text("note.o3_8h")
_WIDE_STATION = frozenset({"stationcode", "positionname"})
_WIDE_VALUES = frozenset({"aqi", "pm2_5", "pm2_5_24h", "pm10", "so2", "no2", "co", "o3"})
_DATE = re.compile(r"\d{8}")
_HOUR = re.compile(r"\d{1,2}")
_SHOWN = 5  # names listed in a note before "…"
# Every spelling of the missing markers (NA, Na, N/A …), for a hash look-up per cell
_MARKER_SPELLINGS = sorted(missing_marker_spellings())


# --- layouts ----------------------------------------------------------------------------------

def detect_layout(cells: Sequence[str]) -> Layout | None:
    """Which network layout a header row is, if any.

    >>> detect_layout(["date", "hour", "type", "1001A", "1002A"])
    'long'
    >>> detect_layout(["timepoint", "stationcode", "positionname", "aqi", "pm2_5"])
    'wide'
    >>> detect_layout(["时间", "站点", "PM2.5"]) is None
    True
    """
    names = [normalise_header(cell) for cell in cells]
    if names[:3] == ["date", "hour", "type"] and any(names[3:]):
        return "long"
    present = set(names)
    if "timepoint" in present and present & _WIDE_STATION and present & _WIDE_VALUES:
        return "wide"
    return None


@dataclass(frozen=True)
class LongHeader:
    """Where a long-format header is: its first and last line (0-based), delimiter, cells."""

    index: int
    end: int
    delimiter: str
    cells: list[str]


def find_long_header(lines: list[str]) -> LongHeader | None:
    """The long-format header among the first lines (title rows above it are skipped).

    The ordinary header search cannot find it: ``date,hour,type`` names no pollutant, the
    pollutants are row labels.

    >>> find_long_header(["全国城市空气质量", "date,hour,type,1001A", "20250101,0,AQI,35"])
    LongHeader(index=1, end=1, delimiter=',', cells=['date', 'hour', 'type', '1001A'])
    """
    for index in range(min(len(lines), HEADER_SEARCH_LINES)):
        if "type" not in lines[index][:200].lower():
            continue  # the cheap test first: most files are not network files
        record = header_record(lines, index)
        if record is not None and detect_layout(record[0]) == "long":
            cells, end, delimiter = record
            return LongHeader(index, end, delimiter, cells)
    return None


# --- the long layout ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _TypedLines:
    """A long file's data lines by type, and which of them are read."""

    labels: pd.Series  # the type as written, stripped
    column: pd.Series  # canonical column of each line; NaN: unknown type; None: never read
    time: np.ndarray  # each line's "YYYY-MM-DD HH:00" ("" without a usable hour)
    numbers: np.ndarray  # each line's 1-based line number
    malformed: np.ndarray  # whether the line is malformed
    rows: np.ndarray  # positions of the lines that are read


def read_long(path: str, encoding: str, lines: list[str], header: LongHeader, *,
              ends_with_newline: bool) -> RawTable:
    """A long-format file as station-hour rows of text cells (a :class:`RawTable`).

    Columns ``time station pm25 pm10 so2 no2 co o3`` and the published ``aqi pm25_24h
    pm10_24h so2_24h no2_24h co_24h`` (those of them the file has). ``time`` is
    ``YYYY-MM-DD HH:00`` from ``date`` and ``hour``, the network's end-of-hour label.

    Each row's line is that of the hour's PM2.5 line (else its first pollutant line);
    ``column_lines`` holds, per column, the line each cell came from. A station-hour with
    every cell empty is no row (a national file has many). A malformed pollutant line (cut
    short, too many fields) rejects every station-hour of its hour — a cut line's last
    figure may be cut too, and the hour is not whole; a malformed line of a published value
    only loses that value (noted). Lines of types that are never read are noted.
    """
    cells = long_cells(lines, header.end + 1, header.delimiter, len(header.cells),
                       ends_with_newline=ends_with_newline)
    notes: list[Text] = []
    codes, positions = _station_columns(header.cells, cells, notes)
    typed = _typed_lines(cells, notes)
    columns = [position - LEAD for position in positions]
    values = (cells.codes if columns == list(range(cells.codes.shape[1]))
              else cells.codes[:, columns])
    rows = typed.rows
    keys, hours = pd.factorize(pd.Series(typed.time[rows], dtype=object))
    row_column = typed.column.to_numpy(dtype=object)[rows]
    twice = pd.DataFrame({"k": keys, "c": row_column}).duplicated().to_numpy()
    bad_hour = _bad_hours(typed, keys, hours, row_column, twice, cells.malformed)

    grids, line_of = _pivot(values, cells.empty, rows, keys, row_column, twice,
                            typed.numbers, len(hours))
    row_line = _row_lines(line_of, bad_hour, len(hours))
    frame, hour_of_row = _station_hours(hours, codes, grids, cells.texts)
    rejected = np.flatnonzero(np.isin(hour_of_row, list(bad_hour)))
    problems: dict[int, Problem] = {int(pos): bad_hour[int(hour_of_row[pos])][1]
                                    for pos in rejected}
    first_label = {name: str(typed.labels.iat[int(rows[row_column == name][0])])
                   for name in grids}
    return RawTable(
        path=path, kind="air", encoding=encoding, delimiter=header.delimiter,
        header=header.cells, frame=frame, lines=row_line[hour_of_row],
        source_columns={"time": "date/hour", "station": "station columns", **first_label},
        raw_lines=lines, malformed=problems, spans=cells.spans, layout=LONG, notes=notes,
        column_lines={name: np.where(at > 0, at, row_line)[hour_of_row]
                      for name, at in line_of.items()},
    )


def _typed_lines(long: LongCells, notes: list[Text]) -> _TypedLines:
    """Each line's type and hour; notes the lines that are not read, and why."""
    cells = long.lead  # date, hour, type
    numbers = np.asarray(long.lines, dtype=np.int64)
    labels = pd.Series(cells[:, 2] if len(cells) else [], dtype=object).astype(str).str.strip()
    folded = labels.map(normalise_header)
    column = folded.map(_LONG_TYPES)  # NaN: unknown type; None: a type never read
    known = folded.isin(list(_LONG_TYPES)).to_numpy()
    read = column.notna().to_numpy()
    malformed = np.zeros(len(cells), dtype=bool)
    malformed[list(long.malformed)] = True
    time = _hour_labels(cells)
    hourly = column.isin(HOURLY).to_numpy()
    # a malformed line of a published value, or one without a usable hour, is not read
    unread = malformed & ~(hourly & (time != ""))
    _note_lines(notes, unread, numbers, labels,
                [long.malformed.get(int(p), "") for p in np.flatnonzero(unread)])
    read = read & ~unread
    ignored = set(folded[known & column.isna().to_numpy()])
    if ignored & _O3_8H_HEADERS:
        notes.append(O3_8H_NOTE)
    if "o3_24h" in ignored:
        notes.append(Text("note.o3_24h"))
    unknown = ~known & (labels != "").to_numpy()
    if unknown.any():
        names = sorted(set(labels[unknown]))
        notes.append(Text("note.unknown_types", {"types": _listed(names)}))
    return _TypedLines(labels, column, time, numbers, malformed, np.flatnonzero(read))


def _bad_hours(typed: _TypedLines, keys: np.ndarray, hours: pd.Index, row_column: np.ndarray,
               twice: np.ndarray, problems: dict[int, Problem]) -> dict[int, tuple[int, Text]]:
    """Hour → (line shown, problem) for the hours rejected whole: a type given twice, or a
    malformed pollutant line."""
    rows, numbers, labels = typed.rows, typed.numbers, typed.labels
    bad_hour: dict[int, tuple[int, Text]] = {}
    for pos in rows[twice]:  # rare: the same type twice in one hour
        key = int(keys[np.searchsorted(rows, pos)])
        first = rows[(keys == key) & (row_column == typed.column.iat[pos]) & ~twice][0]
        bad_hour.setdefault(key, (int(numbers[pos]), Text("row.given_twice", {
            "type": labels.iat[pos], "hour": hours[key], "first": int(numbers[first]),
            "second": int(numbers[pos])})))
    for pos in rows[typed.malformed[rows]]:
        key = int(keys[np.searchsorted(rows, pos)])
        bad_hour.setdefault(key, (int(numbers[pos]), Text("row.hour_line", {
            "type": labels.iat[pos], "hour": hours[key], "line": int(numbers[pos]),
            "problem": problems[int(pos)]})))
    return bad_hour


def _pivot(values: np.ndarray, empty: int, rows: np.ndarray, keys: np.ndarray,
           row_column: np.ndarray, twice: np.ndarray, numbers: np.ndarray, hour_count: int
           ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Per value column: the hour × station grid of cell codes (``empty``: no line of the
    type that hour), and the line of each hour's cells."""
    grids: dict[str, np.ndarray] = {}
    line_of: dict[str, np.ndarray] = {}
    for name in _OUTPUT:
        mine = (row_column == name) & ~twice
        if not mine.any():
            continue
        grid = np.full((hour_count, values.shape[1]), empty, dtype=values.dtype)
        grid[keys[mine]] = values[rows[mine]]  # one assignment per type: the pivot
        grids[name] = grid
        at = np.zeros(hour_count, dtype=np.int64)
        at[keys[mine]] = numbers[rows[mine]]
        line_of[name] = at
    return grids, line_of


def _row_lines(line_of: dict[str, np.ndarray], bad_hour: dict[int, tuple[int, Text]],
               hour_count: int) -> np.ndarray:
    """The line each hour's rows show: PM2.5's, else another pollutant's, else the bad one."""
    row_line = np.zeros(hour_count, dtype=np.int64)
    for name in reversed(_OUTPUT):  # PM2.5 last, so it wins; then the other pollutants
        if name in line_of:
            row_line = np.where(line_of[name] > 0, line_of[name], row_line)
    for key, (line, _) in bad_hour.items():
        row_line[key] = line  # a rejected hour shows the line that is wrong
    return row_line


def _station_hours(hours: pd.Index, codes: list[str], grids: dict[str, np.ndarray],
                   texts: pd.Index) -> tuple[pd.DataFrame, np.ndarray]:
    """The grids (codes into ``texts``) as station-hour rows of categorical text cells,
    without those whose every cell is missing; and the hour (its position in ``hours``) of
    each row."""
    hour_count, station_count = len(hours), len(codes)
    hour_of_row = np.repeat(np.arange(hour_count), station_count)
    # time first: a rejected hour's error then names the date/hour, not a station column
    frame = pd.DataFrame({
        "time": pd.Categorical.from_codes(hour_of_row, categories=pd.Index(hours, dtype=object)),
        "station": pd.Categorical.from_codes(np.tile(np.arange(station_count), hour_count),
                                             categories=pd.Index(codes, dtype=object)),
        **{name: pd.Categorical.from_codes(grid.ravel(), categories=texts)
           for name, grid in grids.items()},
    })
    keep = ~_all_missing(frame[list(grids)])
    return frame[keep].reset_index(drop=True), hour_of_row[keep]


def _station_columns(header: list[str], cells: LongCells, notes: list[Text]
                     ) -> tuple[list[str], list[int]]:
    """The station codes of a long header and their column positions (the first of a code
    written twice). Columns without a name are ignored — noted when they hold values."""
    codes: list[str] = []
    positions: list[int] = []
    unnamed: list[int] = []
    seen: set[str] = set()
    twice: list[str] = []
    for position, cell in enumerate(header[LEAD:], start=LEAD):
        code = cell.strip()
        if not code:
            unnamed.append(position)
        elif code in seen:
            twice.append(code)
        else:
            seen.add(code)
            codes.append(code)
            positions.append(position)
    if unnamed and len(cells.lines):
        filled = ~cells.all_missing([position - LEAD for position in unnamed])
        if filled.any():
            notes.append(Text("note.unnamed_columns", {"n": len(unnamed),
                                                       "lines": int(filled.sum())}))
    if twice:
        notes.append(Text("note.codes_twice", {"codes": _listed(sorted(set(twice)))}))
    return codes, positions


def _hour_labels(cells: np.ndarray) -> np.ndarray:
    """``YYYY-MM-DD HH:00`` from ``date`` (20250101) and ``hour`` (0…23), per line.

    Another date form keeps its text before ``HH:00`` and a non-numeric hour stays as
    written: validation reads what is a time and rejects the rest (hour 24 included). A
    line without a date or an hour gives "", a missing time.
    """
    if not len(cells):
        return np.zeros(0, dtype=object)
    date = pd.Series(cells[:, 0], dtype=object).astype(str).str.strip()
    hour = pd.Series(cells[:, 1], dtype=object).astype(str).str.strip()
    numeric = hour.str.fullmatch(_HOUR)
    compact = date.str.fullmatch(_DATE)
    day = date.where(~compact, date.str[:4] + "-" + date.str[4:6] + "-" + date.str[6:8])
    label = (day + " " + hour.str.zfill(2) + ":00").where(numeric, date + " " + hour)
    return label.where((date != "") & (hour != ""), "").to_numpy(dtype=object)


def _all_missing(cells: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty or a missing marker (—, -, NA …).

    A hash look-up per cell, no string operation: a national file has half a million
    cells. A marker with spaces around it is not seen here; its row is then kept, and
    validation reads the cell as missing all the same.
    """
    missing = np.ones(len(cells), dtype=bool)
    for name in cells.columns:
        missing &= cells[name].isin(_MARKER_SPELLINGS).to_numpy()
    return missing


def _note_lines(notes: list[Text], mask: np.ndarray, numbers: np.ndarray, labels: pd.Series,
                problems: list[Problem]) -> None:
    """Note malformed lines that are not read (a published value's, or without an hour)."""
    if not mask.any():
        return
    lines = numbers[mask].tolist()
    types = labels[mask].tolist()
    shown: tuple[Text, ...] = tuple(
        Text("note.line_type", {"line": line, "kind": kind or Text("note.no_type")})
        for line, kind in zip(lines[:_SHOWN], types[:_SHOWN], strict=True))
    if len(lines) > _SHOWN:
        shown = (*shown, Text("note.lines_more", {"n": len(lines)}))
    notes.append(Text("note.malformed_lines", {
        "lines": shown, "problem": problems[0],
        "line_word": Text("word.lines" if len(lines) > 1 else "word.line")}))


def _listed(names: Sequence[str]) -> tuple[str | Text, ...]:
    """The first names, and how many in all when there are more (joined per language)."""
    more = (Text("note.in_all", {"n": len(names)}),) if len(names) > _SHOWN else ()
    return (*names[:_SHOWN], *more)


# --- the wide layout (and every air table) ----------------------------------------------------

def adapt(table: RawTable) -> RawTable:
    """Finish an air table read by the ordinary alias path; a new table when anything changes.

    * a wide network file is marked ``network-wide`` and its ``o3_8h`` column dropped (it is
      not to be trusted, docs/standards.md §1; its ``o3_8h_24h`` is an unknown column already);
    * a file whose only station column is ``positionname`` (the name, not the code) uses
      it as the station.
    """
    if table.kind != "air":
        return table
    wide = detect_layout(table.header) == "wide"
    frame = table.frame
    source = dict(table.source_columns)
    unknown = list(table.unknown_columns)
    notes = list(table.notes)
    if "station" not in frame and "station_name" in frame:
        frame = frame.rename(columns={"station_name": "station"})
        source["station"] = source.pop("station_name")
    if wide:
        if "o3_8h" in frame:
            frame = frame.drop(columns="o3_8h")
            unknown.append(source.pop("o3_8h"))
        if any(normalise_header(cell) in _O3_8H_HEADERS for cell in table.header):
            notes.append(O3_8H_NOTE)
    if frame is table.frame and not wide:
        return table
    return replace(table, frame=frame, source_columns=source, unknown_columns=unknown,
                   notes=notes, layout=WIDE if wide else table.layout)

