"""One source → a :class:`RawTable`: decode, find the header, parse the body.

The entry that chooses the path: a workbook is converted to CSV text first; a large plain
file takes the bulk path (:mod:`ecotarget.read.bulk`); a national network long file has a
reader of its own (:mod:`ecotarget.read.network`); every air table is finished by the
network adapter.
"""

from __future__ import annotations

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.read import bulk
from ecotarget.read.body import parse_body
from ecotarget.read.clean import clean_table
from ecotarget.read.decode import decode, split_lines
from ecotarget.read.header import find_header, map_columns
from ecotarget.read.network import adapt, find_long_header, read_long
from ecotarget.read.source import Source
from ecotarget.read.table import RawTable
from ecotarget.read.water_release import adapt_water
from ecotarget.read.xlsx import xlsx_as_csv
from ecotarget.schemas import Kind

#: columns of free text that a row may leave off at its end (nothing after them can shift)
OPTIONAL_TRAILING = frozenset({"note", "region"})


def required_fields(names: dict[int, str]) -> int:
    """How many leading fields every row must have: up to the last column that carries data.

    ``names`` maps header positions to column names (unknown columns are absent: ignored,
    so a row may leave them off too).

    >>> required_fields({0: "period", 1: "indicator", 2: "value", 3: "region", 4: "note"})
    3
    >>> required_fields({0: "time", 1: "station", 2: "pm25", 4: "co"})
    5
    """
    needed = [position for position, name in names.items() if name not in OPTIONAL_TRAILING]
    return max(needed) + 1 if needed else 1


def read_table(source: Source, *, encoding: str | None = None, kind: Kind | None = None,
               year: int | None = None) -> RawTable:
    """Read one source into a :class:`RawTable`, detecting encoding, delimiter, header and kind;
    names cleaned of invisible characters and times converted to China Standard Time
    (:mod:`ecotarget.read.clean`); a water table's times finished by
    :func:`~ecotarget.read.water_release.adapt_water` (``year``: that of times written
    without one, ``--year``).

    >>> table = read_table(Source("in.csv", "月份,指标,数值\\n2025-01,x,1\\n".encode("gbk")))
    >>> table.kind, table.encoding, table.frame.to_numpy().tolist()
    ('ledger', 'gb18030', [['2025-01', 'x', '1']])
    """
    return adapt_water(clean_table(_read(source, encoding, kind)), year)


def _read(source: Source, encoding: str | None, kind: Kind | None) -> RawTable:
    if source.name.lower().endswith(".xlsx"):
        text, used = xlsx_as_csv(source), "xlsx"
    else:
        # a large regular file is streamed from the disk: its bytes are never all held
        streamed = bulk.is_large_file(source)
        if streamed and (table := bulk.read_large(source, None, encoding, kind)) is not None:
            return adapt(table)
        data = source.read()
        large = bulk.is_large(data)
        if large and not streamed and (
                table := bulk.read_large(source, data, encoding, kind)) is not None:
            return adapt(table)
        text, used = decode(data, source.name, encoding)
        del data  # the text alone from here: the bytes would be a second copy of the file
        if large and used not in ("utf-8", "utf-8-sig"):
            # UTF-16, or GBK that the first 256 KiB did not show (streamed as UTF-8 and
            # refused): the bulk path reads the text re-encoded as UTF-8 (the same lines, so
            # the same line numbers) and reports the file's own encoding
            table = bulk.read_large(source, text.encode("utf-8"), None, kind, original=used)
            if table is not None:
                return adapt(table)
    if not text or text.isspace():
        raise InputError(Text("input.empty", {"path": source.name}))
    lines = split_lines(text)
    ends_with_newline = text.endswith(("\n", "\r"))
    del text  # the lines alone from here (peak memory: bench/memory.py)
    if kind in (None, "air") and (long := find_long_header(lines)) is not None:
        return read_long(source.name, used, lines, long, ends_with_newline=ends_with_newline)
    header = find_header(lines, source.name, kind)
    names, canonical, unknown = map_columns(header)
    body = parse_body(lines, header.end + 1, header.delimiter, len(header.cells),
                      ends_with_newline=ends_with_newline, required=required_fields(names))
    renamed = {body.frame.columns[position]: name for position, name in names.items()}
    frame = body.frame[list(renamed)].rename(columns=renamed)
    return adapt(RawTable(
        path=source.name, kind=header.kind, encoding=used, delimiter=header.delimiter,
        header=header.cells, frame=frame, lines=body.lines, source_columns=canonical,
        unknown_columns=unknown, raw_lines=lines, malformed=body.malformed, spans=body.spans,
    ))
