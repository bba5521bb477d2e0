"""Path, directory or stdin → a table of text cells with canonical column names.

Reading owns everything about the file as bytes and text: the encoding (UTF-8 with or
without BOM, GB18030/GBK, UTF-16 with BOM), the delimiter, a title row above the header, a
header split over two rows (a merged group heading above sub-headings), header aliases and
the input kind. Cells stay text; :mod:`ecotarget.validate` turns them into typed values.
Every row keeps the line number it had in the original file, and no data line is dropped:
a line that cannot be read as a row is kept as a *malformed* row, which validation rejects
with the reason.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.schemas import KINDS, MODELS, Kind, alias_table, column_rules, normalise_header

STDIN = "-"
_DELIMITERS = (",", "\t", ";")
# Separators people use by mistake; never read, only named in the message when the header
# splits into known columns on one of them.
_WRONG_DELIMITERS = ("|", "，", "、", ":", "/")
_HEADER_SEARCH_LINES = 10
_HEADER_MAX_CHARS = 100_000  # a longer line is not a header (and would trip csv's field limit)
_HEADER_MAX_LINES = 5  # a header cell with line breaks (Excel's wrapped text) spans lines
_SHOWN_CHARS = 120
_INPUT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
# str.splitlines also breaks at these, the CSV parsers do not: they must not shift line numbers
_EXOTIC_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# a three-byte UTF-8 sequence, as every Chinese character is in UTF-8
_UTF8_CJK = re.compile(rb"[\xe0-\xef][\x80-\xbf]{2}")


@dataclass(frozen=True)
class Source:
    """An input before reading: a name to show and, for stdin, its bytes."""

    name: str
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        try:
            return Path(self.name).read_bytes()
        except IsADirectoryError as exc:
            raise InputError(f"{self.name}: is a directory") from exc
        except OSError as exc:
            raise InputError(f"{self.name}: cannot read: {exc.strerror}") from exc


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
    malformed: dict[int, str] = field(default_factory=dict)  # row position → structural problem
    spans: dict[int, int] = field(default_factory=dict)  # first line → lines, when a row spans >1
    # "network-long" / "network-wide": a national monitoring network file (ecotarget.network)
    layout: str | None = None
    notes: list[str] = field(default_factory=list)  # what the reader left unread, and why
    # canonical name → the line each row's cell came from, where a row's cells come from
    # several lines (a network long file: one line per hour and pollutant); else ``lines``
    column_lines: dict[str, np.ndarray] = field(default_factory=dict)
    reread: Callable[[], list[str]] | None = None  # the original lines, for a large file

    @property
    def rows(self) -> int:
        return len(self.frame)

    def original(self, line: int) -> str:
        """The original text of the row starting on ``line`` (several lines when it spans)."""
        if self.raw_lines is None and self.reread is not None:
            self.raw_lines = self.reread()  # a large file kept no text: read it again, once
        if self.raw_lines is None or not 0 < line <= len(self.raw_lines):
            return ""
        return "\n".join(self.raw_lines[line - 1:line - 1 + self.spans.get(line, 1)])


def expand_paths(paths: Sequence[str]) -> list[Source]:
    """Turn command-line paths into sources: files, every ``.csv`` of a directory, or stdin."""
    sources: list[Source] = []
    for name in paths:
        if name == STDIN:
            sources.append(Source(STDIN))
            continue
        path = Path(name)
        if path.is_dir():
            # Excel leaves "~$name.xlsx" lock files beside an open workbook, editors leave
            # dot files: reading them would fail a cron run while someone has a file open.
            files = sorted(
                p for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in _INPUT_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
            if not files:
                raise InputError(f"{name}: directory holds no .csv, .tsv, .txt or .xlsx file")
            sources.extend(Source(str(p)) for p in files)
        elif path.exists():
            sources.append(Source(name))
        else:
            raise InputError(f"{name}: no such file or directory")
    return sources


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (BOM or not), GB18030 and UTF-16 with a BOM.

    Returns (text, encoding name). Anything else is an :class:`InputError` that says what
    the bytes look like and what to do.
    """
    if encoding:
        return _decode_as(data, name, encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export: UTF-16 with a BOM, tab-separated
        return _decode_as(data, name, "utf-16")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(f"{name}: an Excel .xlsx workbook (zip data), not CSV text: name it "
                         "*.xlsx to read it as a workbook, or save the sheet as CSV")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(f"{name}: an old Excel .xls workbook, not CSV text: save it as .xlsx "
                         "or CSV")
    if b"\x00" in data:
        raise InputError(f"{name}: binary data, not a CSV text file (save it as CSV)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _mixed(name, data, exc.start + 3) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _utf8_lines_before(data, exc.start):
            raise _mixed(name, data, exc.start) from exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: neither UTF-8 nor GBK/GB18030 (bad byte at line "
            f"{_line_of_byte(data, exc.start)}, offset {exc.start}); re-save it as UTF-8 CSV, "
            "or name the encoding with --encoding"
        ) from exc


def _decode_as(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise InputError(f"{name}: unknown encoding {encoding!r} (try utf-8 or gb18030)") from exc
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"  # the mark is not part of the first header cell
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: cannot decode as {encoding}: bad byte at line "
            f"{_line_of_byte(data, exc.start)} (offset {exc.start})"
        ) from exc
    if "\x00" in text:
        raise InputError(f"{name}: binary data, not a CSV text file (save it as CSV)")
    return text, codec


def _utf8_lines_before(data: bytes, bad: int) -> bool:
    """Whether whole lines of Chinese text before byte ``bad`` decoded as UTF-8.

    A GBK file almost always fails UTF-8 at its first Chinese character; a file with a
    complete line of UTF-8 Chinese before the failure mixes two encodings (rows appended
    from another export), and reading it all as GBK would turn the UTF-8 part into mojibake.
    """
    first = _UTF8_CJK.search(data, 0, bad)
    return first is not None and data.find(b"\n", first.end(), bad) != -1


def _mixed(name: str, data: bytes, bad: int) -> InputError:
    line = _line_of_byte(data, bad)
    return InputError(
        f"{name}: mixes encodings: lines 1–{line - 1} are UTF-8 but line {line} is not "
        f"(byte offset {bad}; GBK?); re-save the whole file in one encoding (UTF-8), or name "
        "one with --encoding"
    )


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _split_lines(text: str) -> list[str]:
    """Lines as the CSV parsers see them: broken at \\n, \\r\\n and \\r only."""
    if _EXOTIC_BREAKS.search(text) is None:
        return text.splitlines()  # the fast C split agrees with the parsers here
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True)
class _Header:
    start: int  # index of its first line
    end: int  # index of its last line (a wrapped cell or a two-row header spans lines)
    delimiter: str
    kind: Kind
    cells: list[str]


def read_table(source: Source, *, encoding: str | None = None, kind: Kind | None = None) -> RawTable:
    """Read one source into a :class:`RawTable`, detecting encoding, delimiter, header and kind."""
    from ecotarget import network  # the national network's layouts: their own module

    if source.name.lower().endswith(".xlsx"):
        text, used = _xlsx_as_csv(source), "xlsx"
    else:
        data = source.read()
        large = len(data) >= LARGE_FILE_BYTES
        if large and (table := _read_large(source, data, encoding, kind)) is not None:
            return network.adapt(table)
        text, used = decode(data, source.name, encoding)
        if large and used not in ("utf-8", "utf-8-sig"):
            # GBK from Excel, UTF-16: the bulk path reads the text re-encoded as UTF-8 (the
            # same lines, so the same line numbers) and reports the file's own encoding
            del data
            table = _read_large(source, text.encode("utf-8"), None, kind, original=used)
            if table is not None:
                return network.adapt(table)
    if not text or text.isspace():
        raise InputError(f"{source.name}: the file is empty")
    lines = _split_lines(text)
    if kind in (None, "air") and (long := network.find_long_header(lines)) is not None:
        return network.read_long(source.name, used, lines, long,
                                 ends_with_newline=text.endswith(("\n", "\r")))
    header = _find_header(lines, source.name, kind)
    width = len(header.cells)
    body = _parse_body(lines, header.end + 1, header.delimiter, width,
                       ends_with_newline=text.endswith(("\n", "\r")))
    names, canonical, unknown = _map_columns(header)
    renamed = {body.frame.columns[position]: name for position, name in names.items()}
    frame = body.frame[list(renamed)].rename(columns=renamed)
    return network.adapt(RawTable(
        path=source.name, kind=header.kind, encoding=used, delimiter=header.delimiter,
        header=header.cells, frame=frame, lines=body.lines, source_columns=canonical,
        unknown_columns=unknown, raw_lines=lines, malformed=body.malformed, spans=body.spans,
    ))


def _map_columns(header: _Header) -> tuple[dict[int, str], dict[str, str], list[str]]:
    """Header cells → (position → canonical name, canonical name → cell, unknown cells).

    The first cell that names a column wins; a later cell with the same meaning is unknown.
    """
    mapping = _aliases(header.kind)
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


# --- the header -------------------------------------------------------------------------------


def _find_header(lines: list[str], name: str, kind: Kind | None) -> _Header:
    kinds: tuple[Kind, ...] = (kind,) if kind else KINDS
    limit = min(len(lines), _HEADER_SEARCH_LINES)
    records = [_header_record(lines, index) for index in range(limit)]
    # the first line that looks like a header is the header (title rows above it are skipped)
    for index, record in enumerate(records):
        if record is None:
            continue
        cells, end, delimiter = record
        found = _best_kind(cells, kinds)
        if found is not None:
            return _Header(index, end, delimiter, found, cells)
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
        found = _best_kind(merged, kinds)
        if found is not None:
            return _Header(index, lower[1], upper[2], found, merged)
    wanted = f"a {kind} file" if kind else "any input kind"
    first = lines[0] if lines else ""
    shown = repr(first[:_SHOWN_CHARS]) + (f" … ({len(first):,} characters)"
                                          if len(first) > _SHOWN_CHARS else "")
    raise InputError(
        f"{name}: no header row recognised as {wanted} in the first {_HEADER_SEARCH_LINES} lines "
        f"(line 1: {shown}){_delimiter_hint(lines[:limit], kinds)}. Expected e.g. 月份,指标,数值 "
        "(ledger); 时间,站点,PM2.5,… (air); 断面名称,采样日期,溶解氧,… (water). "
        "Use --kind to force one."
    )


def _header_record(lines: list[str], index: int) -> tuple[list[str], int, str] | None:
    """The cells of the header candidate starting at line ``index``, its last line, delimiter."""
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


def _best_kind(cells: Iterable[str], kinds: Iterable[Kind]) -> Kind | None:
    cells = list(cells)
    best: tuple[int, Kind] | None = None
    for candidate in kinds:
        score = _kind_score(candidate, cells)
        if score > 0 and (best is None or score > best[0]):
            best = (score, candidate)
    return best[1] if best else None


def _delimiter_hint(lines: list[str], kinds: tuple[Kind, ...]) -> str:
    for number, line in enumerate(lines, start=1):
        if len(line) > _HEADER_MAX_CHARS:
            continue
        for separator in _WRONG_DELIMITERS:
            if separator in line and _best_kind(line.split(separator), kinds):
                return (f"; line {number} is separated by {separator!r}, which is not read: "
                        "save the file with commas (CSV), tabs or semicolons")
    return ""


@functools.cache
def _aliases(kind: Kind) -> dict[str, str]:
    if kind == "water":
        from ecotarget.standards.water import ZH_ITEM_NAMES

        return alias_table("water", ZH_ITEM_NAMES)
    return alias_table(kind)


_KEY_COLUMNS: dict[Kind, tuple[set[str], ...]] = {
    # each set: at least one of its names must be present
    "ledger": ({"period"}, {"indicator"}, {"value"}),
    "air": ({"time", "date"}, {"pm25", "pm10", "so2", "no2", "co", "o3", "o3_8h"}),
    "water": ({"section"}, {"date"}),
}


def _kind_score(kind: Kind, cells: Iterable[str]) -> int:
    table = _aliases(kind)
    names = {table.get(normalise_header(cell)) for cell in cells} - {None}
    if not all(names & group for group in _KEY_COLUMNS[kind]):
        return 0
    if kind == "water" and not names - {"section", "date", "level", "waterbody", "region",
                                        "target_class", "source", "volume"}:
        return 0
    return len(names)


# --- the body ---------------------------------------------------------------------------------


@dataclass
class _Body:
    frame: pd.DataFrame  # columns 0..width-1, text cells
    lines: np.ndarray
    malformed: dict[int, str] = field(default_factory=dict)
    spans: dict[int, int] = field(default_factory=dict)


def _parse_body(lines: list[str], start: int, delimiter: str, width: int, *,
                ends_with_newline: bool) -> _Body:
    """Parse the data lines as text: the fast C parser when every line is one row (quoted
    cells included), else the csv module, which knows each row's line number, follows
    quoted cells over line breaks and recovers from broken quoting line by line."""
    data_lines = lines[start:]
    first_line = start + 1  # the 1-based line number of data_lines[0]
    if not data_lines:
        return _Body(pd.DataFrame(columns=range(width), dtype=object), np.zeros(0, np.int64))
    body = _parse_fast(data_lines, first_line, delimiter, width)
    if body is None:
        body = _parse_with_csv(data_lines, first_line, delimiter, width)
    if not ends_with_newline:
        _flag_truncated(body, data_lines, first_line, delimiter, width)
    return body


def _parse_fast(data_lines: list[str], first_line: int, delimiter: str,
                width: int) -> _Body | None:
    # One spare column catches a row with one field too many; a row with more makes the C
    # parser fail (→ csv path). A ParserWarning means pandas dropped cells: fail as well.
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(
                io.StringIO("\n".join(data_lines)), sep=delimiter, header=None, dtype=str,
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
    malformed = {pos: _too_many(_fields(data_lines[pos], delimiter), width) for pos in over}
    numbers = np.arange(first_line, first_line + len(frame), dtype=np.int64)
    if blank.any():
        keep = ~blank
        new_position = np.cumsum(keep) - 1
        malformed = {int(new_position[pos]): text for pos, text in malformed.items()}
        frame, numbers = frame[keep].reset_index(drop=True), numbers[keep]
    return _Body(frame, numbers, malformed)


def _too_many(fields: int, width: int) -> str:
    return (f"{fields} fields where the header has {width}: a delimiter inside a value? "
            "quote the value or remove the extra delimiter")


def _fields(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), []))
    except csv.Error:
        return line.count(delimiter) + 1


def _parse_with_csv(data_lines: list[str], first_line: int, delimiter: str,
                    width: int) -> _Body:
    rows: list[list[str]] = []
    numbers: list[int] = []
    malformed: dict[int, str] = {}
    spans: dict[int, int] = {}

    def keep(row: list[str], index: int, span: int, problem: str | None = None) -> None:
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
                keep([], index, 1, 'a quote (") opens a value that is never closed; the lines '
                     "below are read as rows of their own: fix the quote (or is the file cut "
                     "off?)")
            elif spanned <= 1:
                # Broken quoting within one line ('"1"2'): read it as the C parser does, so
                # that a row's verdict does not depend on which parser read its file.
                try:
                    row = next(csv.reader([data_lines[index]], delimiter=delimiter,
                                          skipinitialspace=True), [])
                except csv.Error as lax:
                    keep([], index, 1, f"unreadable ({lax}); fix the quoting or delimiters")
                else:
                    keep(row, index, 1)
            else:
                keep([], index, 1, f"a quoted value opened here runs over {spanned} lines and "
                     f"then breaks ({exc}): fix the quotes; the lines below were read one by one")
            start = index + 1  # resume on the next line: no following row is lost
    frame = pd.DataFrame(rows, columns=range(width), dtype=object)
    return _Body(frame, np.asarray(numbers, dtype=np.int64), malformed, spans)


def _with_breaks(lines: list[str], start: int) -> Iterator[str]:
    # the line breaks go back in, so that a quoted value keeps the one it contains
    for index in range(start, len(lines)):
        yield lines[index] + "\n"


def _flag_truncated(body: _Body, data_lines: list[str], first_line: int, delimiter: str,
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
        body.malformed[last] = (
            f"cut short: {fields} of {expected} fields on the last line, and the file ends "
            "without a line break; the file looks truncated: export it again"
        )


# --- large files ------------------------------------------------------------------------------

#: Files at least this large take the bulk path when they are plain UTF-8 CSV: Arrow's
#: multithreaded CSV reader parses the numeric columns straight into floats and the text
#: columns into dictionaries (a year of hourly rows holds a few thousand distinct station
#: names and timestamps, not millions of strings). Anything unusual falls back to the
#: general path, which reads every file and names every problem line.
LARGE_FILE_BYTES = 16 * 2**20
_HEAD_BYTES = 256 * 2**10
_BLOCK_BYTES = 16 * 2**20  # Arrow's parse unit: large enough to keep the dictionaries few
_NA_VALUES = ["", "-", "--", "—", "——", "–", "NA", "na", "N/A", "n/a", "/", "无", "nan", "NaN",
              "null", "NULL", "#N/A"]
_LONE_CR = re.compile(rb"\r(?!\n)")
_NOT_A_NUMBER = re.compile(r"In CSV column #(\d+): CSV conversion error to double")


def _read_large(source: Source, data: bytes, encoding: str | None,
                kind: Kind | None, *, original: str | None = None) -> RawTable | None:
    """The bulk path for a large, plain UTF-8 file; None whenever the general path is needed
    (another encoding, quotes, odd line breaks, a row with the wrong number of cells).
    ``original``: ``data`` is the file's text re-encoded as UTF-8 from this encoding."""
    if encoding not in (None, "utf-8", "utf8") or b"\x00" in data or b'"' in data:
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    if b"\r" in data and _LONE_CR.search(data):
        return None  # a lone carriage return is a line break the CSV parser would not count
    # Bytes that are not UTF-8 make Arrow raise (it checks text columns): the general path
    # then detects the encoding, so no separate pass over the whole file is needed here.
    try:  # an incremental decoder tolerates a character cut at the end of the head
        head = codecs.getincrementaldecoder("utf-8-sig" if bom else "utf-8")().decode(
            data[:_HEAD_BYTES], final=len(data) <= _HEAD_BYTES)
        head_lines = _split_lines(head)[:-1]  # the last line may be cut by the head's limit
        from ecotarget import network

        if network.find_long_header(head_lines) is not None:
            return None  # the national network's long layout has a reader of its own
        header = _find_header(head_lines, source.name, kind)
    except (UnicodeDecodeError, InputError):
        return None  # another encoding, or no header: the general path finds out and says so
    rules = column_rules(MODELS[header.kind])
    names, canonical, unknown = _map_columns(header)
    numeric = {pos for pos, name in names.items()
               if name in rules and rules[name].kind in ("number", "int")}
    skip = header.end + 1
    frame = _arrow_csv(data, header.delimiter, skip, len(header.cells), list(names), numeric)
    if frame is None:
        return None
    # without quotes every line below the head is one row, an empty line a row of empty cells
    numbers = np.arange(skip + 1, skip + 1 + len(frame), dtype=np.int64)
    ends_with_newline = data.endswith(b"\n")
    blank = _blank_rows(frame)
    if not ends_with_newline and len(frame) and not blank[-1] and (
            frame.iloc[-1].isna().any() or (frame.iloc[-1] == "").any()):
        return None  # perhaps cut off mid-row: the general path decides
    if blank.any():
        frame, numbers = frame[~blank].reset_index(drop=True), numbers[~blank]
    frame = frame.rename(columns=names)

    used = original or ("utf-8-sig" if bom else "utf-8")

    def reread() -> list[str]:
        return _split_lines(source.read().decode(used))

    return RawTable(
        path=source.name, kind=header.kind, encoding=used,
        delimiter=header.delimiter, header=header.cells, frame=frame, lines=numbers,
        source_columns=canonical, unknown_columns=unknown, reread=reread,
    )


def _arrow_csv(data: bytes, delimiter: str, skip: int, width: int, wanted: list[int],
               numeric: set[int]) -> pd.DataFrame | None:
    """The wanted columns: numeric ones as float64, the rest as categoricals of their exact
    text. A numeric column with a cell that is not a plain number ("1,234", a typo) is read
    as text instead, and validation names the cell. None: the general path must read it."""
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    text = pa.dictionary(pa.int32(), pa.string())
    types = {str(pos): (pa.float64() if pos in numeric else text) for pos in wanted}
    # The C library's allocator: on the benchmark machine Arrow's default (mimalloc) made a
    # 1,700-station check take 5.7-6.4 s against 4.6-5.1 s (bench/README.md).
    pool = pa.system_memory_pool()
    for _ in range(len(numeric) + 1):
        try:
            table = pa_csv.read_csv(
                pa.py_buffer(data),
                read_options=pa_csv.ReadOptions(
                    skip_rows=skip, column_names=[str(pos) for pos in range(width)],
                    block_size=_BLOCK_BYTES),
                parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char=False,
                                                  ignore_empty_lines=False),
                convert_options=pa_csv.ConvertOptions(
                    column_types=types, include_columns=list(types), null_values=_NA_VALUES,
                    strings_can_be_null=False),
                memory_pool=pool,
            )
            frame: pd.DataFrame = table.unify_dictionaries(memory_pool=pool).to_pandas(
                memory_pool=pool, self_destruct=True)
        except pa.ArrowException as exc:  # also: a row with too many or too few cells, bad
            failed = _NOT_A_NUMBER.search(str(exc))  # UTF-8: the general path names them
            if failed is None or types.get(failed.group(1)) != pa.float64():
                return None
            types[failed.group(1)] = text
            continue
        return frame.set_axis([int(name) for name in frame.columns], axis=1)
    return None


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows with no cell at all; the float columns narrow the candidates cheaply first."""
    for name in frame.columns:  # a text column that is never empty rules every row out
        column = frame[name]
        if (isinstance(column.dtype, pd.CategoricalDtype)
                and "" not in column.cat.categories and not column.hasnans):
            return np.zeros(len(frame), dtype=bool)
    blank = np.ones(len(frame), dtype=bool)
    ordered = sorted(frame.columns, key=lambda name: frame[name].dtype != np.float64)
    for name in ordered:
        candidates = np.flatnonzero(blank)
        if not len(candidates):
            break
        column = frame[name]
        cells = column if len(candidates) == len(frame) else column.iloc[candidates]
        if isinstance(cells.dtype, pd.CategoricalDtype):
            codes = cells.cat.codes.to_numpy()
            empty = (codes == cells.cat.categories.get_indexer(pd.Index([""]))[0]) | (codes < 0)
        else:
            empty = cells.isna().to_numpy()
        blank[candidates] = empty
    return blank


# --- xlsx -------------------------------------------------------------------------------------


def _xlsx_as_csv(source: Source) -> str:
    try:
        import openpyxl
    except ImportError as exc:
        raise InputError(
            f"{source.name}: reading .xlsx needs the xlsx extra: pip install 'ecotarget[xlsx]' "
            "(or save the sheet as CSV)"
        ) from exc
    try:
        book = openpyxl.load_workbook(io.BytesIO(source.read()), read_only=True, data_only=True)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{source.name}: not a readable .xlsx workbook: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in sheet.iter_rows():
            writer.writerow([_cell_text(cell) for cell in row])
    except Exception as exc:
        raise InputError(f"{source.name}: not a readable .xlsx workbook: {exc}") from exc
    finally:
        book.close()
    return out.getvalue()


def _cell_text(cell: Any) -> str:
    """A cell as the text a CSV export would hold, on one line (so line = sheet row)."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) and "%" in str(getattr(cell, "number_format", "")):
        # a cell formatted as a percentage holds the fraction: 0.993 is shown as 99.3%
        return f"{(Decimal(repr(value)) * 100).normalize():f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "hour") and hasattr(value, "date") and not (
            value.hour or value.minute or value.second):
        return str(value.date())  # a date typed into Excel comes back as midnight
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text
