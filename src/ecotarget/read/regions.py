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

from ecotarget.catalogue import Text
from ecotarget.errors import InputError, os_reason
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
        raise InputError(Text("regions.unreadable", {"path": path,
                                                      "reason": os_reason(exc)})) from exc
    text, _ = decode(data, path)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise InputError(Text("regions.empty", {"path": path}))
    header = [cell.strip().casefold() for cell in rows[0]]
    station_col = _column(header, STATION_HEADERS)
    region_col = _column(header, REGION_HEADERS)
    if station_col is None or region_col is None:
        raise InputError(Text("regions.no_column", {
            "path": path, "header": repr(",".join(rows[0])),
            "what": Text("regions.station" if station_col is None else "regions.region")}))
    mapping: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines are allowed
        station = row[station_col].strip() if station_col < len(row) else ""
        region = row[region_col].strip() if region_col < len(row) else ""
        if not station:
            raise InputError(Text("regions.no_station", {
                "path": path, "line": line, "column": repr(rows[0][station_col]),
                "value": repr(station)}))
        if not region:
            raise InputError(Text("regions.no_region", {
                "path": path, "line": line, "column": repr(rows[0][region_col]),
                "value": repr(region), "station": station}))
        if station in mapping and mapping[station] != region:
            raise InputError(Text("regions.two_regions", {
                "path": path, "line": line, "column": repr(rows[0][region_col]),
                "value": repr(region), "station": station, "region": mapping[station],
                "first": first_line[station]}))
        mapping.setdefault(station, region)
        first_line.setdefault(station, line)
    if not mapping:
        raise InputError(Text("regions.no_rows", {"path": path}))
    return mapping


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    wanted = {name.casefold() for name in names}
    return next((i for i, cell in enumerate(header) if cell in wanted), None)


__all__ = ["REGION_HEADERS", "STATION_HEADERS", "read_regions"]
