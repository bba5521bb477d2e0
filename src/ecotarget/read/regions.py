"""A regions file: which region each station (or water section) belongs to.

``ecotarget rank --regions FILE`` reads a CSV file of two columns, ``station,region``
(``站点,地区`` in Chinese; a section name stands in the station column for water), one
station per line. The encoding is detected as for every input (UTF-8 with or without BOM,
GB18030). A problem is an :class:`InputError` naming the file, line, column and value.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ecotarget.errors import InputError
from ecotarget.read.decode import decode

#: Header cells accepted for each column, compared after stripping and case folding.
STATION_HEADERS = ("station", "站点", "站点名称", "站点编码", "监测点位", "section", "断面",
                   "断面名称", "city", "城市")
REGION_HEADERS = ("region", "地区", "区域", "区县", "county", "城市分组", "group")


def read_regions(path: str) -> dict[str, str]:
    """The ``station → region`` mapping of a regions CSV file, in file order.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     name = os.path.join(d, "regions.csv")
    ...     _ = Path(name).write_text("station,region\\n2001A,平湖市\\n2002A,平湖市\\n",
    ...                               encoding="utf-8")
    ...     read_regions(name)
    {'2001A': '平湖市', '2002A': '平湖市'}
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the regions file: {exc.strerror}") from exc
    text, _ = decode(data, path)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise InputError(f"{path}: the regions file is empty; write a header station,region "
                         "and one station per line")
    header = [cell.strip().casefold() for cell in rows[0]]
    station_col = _column(header, STATION_HEADERS)
    region_col = _column(header, REGION_HEADERS)
    if station_col is None or region_col is None:
        raise InputError(f"{path}:1: the header {','.join(rows[0])!r} names no "
                         f"{'station' if station_col is None else 'region'} column; "
                         "write station,region (or 站点,地区)")
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines are allowed
        station = row[station_col].strip() if station_col < len(row) else ""
        region = row[region_col].strip() if region_col < len(row) else ""
        if not station:
            raise InputError(f"{path}:{line}: column {rows[0][station_col]!r}: "
                             f"value {station!r}: a station is needed on every line")
        if not region:
            raise InputError(f"{path}:{line}: column {rows[0][region_col]!r}: "
                             f"value {region!r}: station {station} has no region")
        if station in mapping and mapping[station] != region:
            raise InputError(f"{path}:{line}: column {rows[0][region_col]!r}: value "
                             f"{region!r}: station {station} is already in region "
                             f"{mapping[station]} (line {first_line[station]})")
        mapping.setdefault(station, region)
        first_line.setdefault(station, line)
    if not mapping:
        raise InputError(f"{path}: the regions file lists no station under its header")
    return mapping


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    wanted = {name.casefold() for name in names}
    return next((i for i, cell in enumerate(header) if cell in wanted), None)


__all__ = ["REGION_HEADERS", "STATION_HEADERS", "read_regions"]
