"""Path, directory or stdin → a table of text cells with canonical column names.

Reading owns everything about the file as bytes and text: the encoding (UTF-8 with or
without BOM, GB18030/GBK), the delimiter, a title row above the header, header aliases and
the input kind. Cells stay text; :mod:`ecotarget.validate` turns them into typed values.
Every row keeps the line number it had in the original file.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.schemas import KINDS, Kind, alias_table, normalise_header

STDIN = "-"
_DELIMITERS = (",", "\t", ";")
_HEADER_SEARCH_LINES = 10


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

    @property
    def rows(self) -> int:
        return len(self.frame)


def expand_paths(paths: Sequence[str]) -> list[Source]:
    """Turn command-line paths into sources: files, every ``.csv`` of a directory, or stdin."""
    sources: list[Source] = []
    for name in paths:
        if name == STDIN:
            sources.append(Source(STDIN))
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in (".csv", ".tsv", ".txt", ".xlsx")
            )
            if not files:
                raise InputError(f"{name}: directory holds no .csv file")
            sources.extend(Source(str(p)) for p in files)
        elif path.exists():
            sources.append(Source(name))
        else:
            raise InputError(f"{name}: no such file or directory")
    return sources


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (BOM or not) and GB18030; return (text, encoding name)."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"{name}: cannot decode as {encoding}: {exc}") from exc
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary data, not a CSV text file (save it as CSV)")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: neither UTF-8 nor GBK/GB18030 (bad byte at offset {exc.start}); "
            "re-save it as UTF-8 CSV, or name the encoding with --encoding"
        ) from exc


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: starts with a UTF-8 mark but byte {exc.start} is not UTF-8; "
            "the file mixes encodings: re-save it as UTF-8"
        ) from exc


def read_table(source: Source, *, encoding: str | None = None, kind: Kind | None = None) -> RawTable:
    """Read one source into a :class:`RawTable`, detecting encoding, delimiter, header and kind."""
    if source.name.lower().endswith(".xlsx"):
        text, used = _xlsx_as_csv(source), "xlsx"
    else:
        text, used = decode(source.read(), source.name, encoding)
    if not text.strip():
        raise InputError(f"{source.name}: the file is empty")
    lines = text.splitlines()
    header_index, delimiter, detected, mapping = _find_header(lines, source.name, kind)
    header_cells = next(csv.reader([lines[header_index]], delimiter=delimiter))
    frame, line_numbers, malformed = _parse_body(lines, header_index, delimiter, len(header_cells))
    canonical: dict[str, str] = {}
    unknown: list[str] = []
    renamed = {}
    for position, cell in enumerate(header_cells):
        name = mapping.get(normalise_header(cell))
        column_key = frame.columns[position]
        if name is None or name in canonical:
            if cell.strip():
                unknown.append(cell)
            continue
        canonical[name] = cell
        renamed[column_key] = name
    frame = frame[list(renamed)].rename(columns=renamed)
    return RawTable(
        path=source.name, kind=detected, encoding=used, delimiter=delimiter,
        header=header_cells, frame=frame, lines=line_numbers, source_columns=canonical,
        unknown_columns=unknown, raw_lines=lines, malformed=malformed,
    )


def _find_header(
    lines: list[str], name: str, kind: Kind | None
) -> tuple[int, str, Kind, dict[str, str]]:
    best: tuple[int, int, str, Kind] | None = None
    for index, line in enumerate(lines[:_HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        delimiter = max(_DELIMITERS, key=line.count)
        cells = next(csv.reader([line], delimiter=delimiter), [])
        for candidate in (kind,) if kind else KINDS:
            score = _kind_score(candidate, cells)
            if score > 0 and (best is None or score > best[0]):
                best = (score, index, delimiter, candidate)
        if best is not None:
            break  # the first line that looks like a header is the header
    if best is None:
        wanted = f"a {kind} file" if kind else "any input kind"
        first = lines[0][:120] if lines else ""
        raise InputError(
            f"{name}: no header row recognised as {wanted} in the first {_HEADER_SEARCH_LINES} lines "
            f"(line 1: {first!r}). Expected e.g. 月份,指标,数值 (ledger); 时间,站点,PM2.5,… (air); "
            "断面名称,采样日期,溶解氧,… (water). Use --kind to force one."
        )
    _, index, delimiter, detected = best
    return index, delimiter, detected, _aliases(detected)


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


def _parse_body(
    lines: list[str], header_index: int, delimiter: str, width: int
) -> tuple[pd.DataFrame, np.ndarray, dict[int, str]]:
    """Parse the data lines as text: the fast C parser when every line is a plain row, else
    the csv module, which knows each row's line number and keeps malformed rows."""
    data_lines = lines[header_index + 1:]
    first_line = header_index + 2
    body = "\n".join(data_lines)
    if body and '"' not in body:
        try:
            frame = pd.read_csv(
                io.StringIO(body), sep=delimiter, header=None, dtype=str, na_filter=False,
                skip_blank_lines=False, engine="c", names=range(width), index_col=False,
            )
        except (pd.errors.ParserError, ValueError):
            frame = None
        if frame is not None and len(frame) == len(data_lines):
            widths = np.fromiter((line.count(delimiter) + 1 for line in data_lines), np.int64,
                                 len(data_lines))
            if (widths <= width).all():
                numbers = np.arange(first_line, first_line + len(frame))
                # a line of only delimiters and spaces is blank, as in the csv-module path
                blank = f"{delimiter} \t"
                keep = np.fromiter((bool(line.strip(blank)) for line in data_lines), bool,
                                   len(data_lines))
                return frame[keep].reset_index(drop=True), numbers[keep], {}
    return _parse_with_csv(body, first_line, delimiter, width)


def _parse_with_csv(
    body: str, first_line: int, delimiter: str, width: int
) -> tuple[pd.DataFrame, np.ndarray, dict[int, str]]:
    rows: list[list[str]] = []
    numbers: list[int] = []
    malformed: dict[int, str] = {}
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    next_line = first_line
    try:
        for row in reader:
            line = next_line
            next_line = first_line + reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > width:
                # kept and reported: a shifted row must never be read as if it were aligned
                malformed[len(rows)] = f"{len(row)} fields where the header has {width}"
                row = row[:width]
            rows.append(row + [""] * (width - len(row)))
            numbers.append(line)
    except csv.Error as exc:
        malformed[len(rows)] = f"unreadable from here on ({exc})"
        rows.append([""] * width)
        numbers.append(next_line)
    frame = pd.DataFrame(rows, columns=range(width), dtype=object)
    return frame, np.asarray(numbers, dtype=np.int64), malformed


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
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{source.name}: not a readable .xlsx workbook: {exc}") from exc
    sheet = book.worksheets[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if v is None else _cell_text(v) for v in row])
    return out.getvalue()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value))
