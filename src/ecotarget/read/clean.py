"""Text cells made safe to compare before validation: invisible characters and time zones.

Two things look right in a spreadsheet and still break a figure silently:

* **Invisible characters** in a name: a byte order mark pasted into ``培训期数``, a zero-width
  space inside a station code. The row is accepted but matches no target, so it is counted
  nowhere. Unicode format characters (category ``Cf``: BOM, zero-width space and joiners,
  bidirectional marks) are removed from the name and indicator columns, and counted in a
  note so that the file can be cleaned at its source.
* **Time-zone offsets**: ``2025-01-06T04:00:00+08:00`` or ``…Z``. The network's clock is
  China Standard Time (UTC+8, HJ 663-2013 counts hours in Beijing time), so every offset is
  converted to it and the offset dropped: ``2025-01-05T20:00:00Z`` is ``2025-01-06 04:00:00``.
  A file may mix offsets and plain times; each file that held an offset gets one note.

Both work on the distinct texts of a column, so a column of millions of cells costs a hash
pass, not a Python call per cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.table import RawTable

#: The columns whose text is a name compared with targets or other files.
NAME_COLUMNS = ("station", "station_name", "section", "indicator", "region", "waterbody")
#: The columns that hold a time or a date.
TIME_COLUMNS = ("time", "date")
#: China Standard Time, the clock of the national monitoring network.
CHINA_STANDARD_TIME = timezone(timedelta(hours=8))
_CLOCK_BEFORE_OFFSET = re.compile(r"\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:[zZ]|[+-]\d{1,2}(?::?\d{2})?)$")


def has_format_characters(text: str) -> bool:
    """Whether ``text`` holds an invisible format character (BOM, zero-width, bidi mark).

    >>> has_format_characters("培\\u200b训"), has_format_characters("培训")
    (True, False)
    """
    return not text.isascii() and any(unicodedata.category(c) == "Cf" for c in text)


def strip_format_characters(text: str) -> str:
    """``text`` without its format characters.

    >>> strip_format_characters("\\ufeff培训\\u200d期数")
    '培训期数'
    """
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def to_china_time(text: str) -> str | None:
    """A time with a UTC offset or ``Z`` as plain China Standard Time; None when ``text``
    has no offset (or is not a time ``datetime`` can read).

    Worked examples (UTC+8 is the network's clock):

    >>> to_china_time("2025-01-06T04:00:00+08:00")  # already CST: the offset is dropped
    '2025-01-06 04:00:00'
    >>> to_china_time("2025-01-05T20:00:00Z")  # 20:00 UTC + 8 h = 04:00 next day
    '2025-01-06 04:00:00'
    >>> to_china_time("2025-01-06 00:30-01:00")  # 00:30 at UTC-1 = 01:30 UTC = 09:30 CST
    '2025-01-06 09:30:00'
    >>> to_china_time("2025-01-06 04:00") is None  # a plain time is left alone
    True
    """
    stripped = text.strip()
    if _CLOCK_BEFORE_OFFSET.search(stripped) is None:
        return None  # "2025-01-06" ends in "-06", which is a day, not an offset
    candidate = stripped[:-1] + "+00:00" if stripped[-1] in "zZ" else stripped
    try:
        moment = datetime.fromisoformat(candidate.replace(" ", "T", 1))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(CHINA_STANDARD_TIME).replace(tzinfo=None).isoformat(" ")


def clean_table(table: RawTable) -> RawTable:
    """The table with format characters stripped from names and time-zone offsets converted
    to China Standard Time, each change counted in a note; the same table when none applies.
    """
    frame = table.frame
    notes = list(table.notes)
    changed: dict[str, pd.Series] = {}
    stripped: dict[str, int] = {}
    for name in NAME_COLUMNS:
        if name in frame:
            column, count = _map_distinct(frame[name], has_format_characters,
                                          strip_format_characters)
            if count:
                changed[name], stripped[name] = column, count
    if stripped:
        listed = tuple(Text("note.cells", {"column": table.source_columns.get(n, n), "n": count})
                       for n, count in stripped.items())
        notes.append(Text("note.invisible", {"columns": listed}))
    for name in TIME_COLUMNS:
        if name in frame:
            column, count = _map_distinct(frame[name], lambda t: to_china_time(t) is not None,
                                          lambda t: to_china_time(t) or t)
            if count:
                changed[name] = column
                notes.append(Text("note.utc_offset", {
                    "column": table.source_columns.get(name, name), "n": count,
                    "time_word": Text("word.times" if count > 1 else "word.time")}))
    if not changed:
        return table
    return replace(table, frame=frame.assign(**changed), notes=notes)


def _map_distinct(column: pd.Series, wanted: Callable[[str], bool],
                  convert: Callable[[str], str]) -> tuple[pd.Series, int]:
    """``convert`` applied to the cells for which ``wanted`` holds, once per distinct text;
    the number of cells changed."""
    categorical = isinstance(column.dtype, pd.CategoricalDtype)
    uniques = column.cat.categories if categorical else pd.Index(column.dropna().unique())
    hits = {text: convert(text) for text in uniques
            if isinstance(text, str) and wanted(text)}
    if not hits:
        return column, 0
    count = int(column.isin(list(hits)).sum())
    if categorical:
        mapped = [hits.get(c, c) for c in column.cat.categories]
        if len(set(mapped)) == len(mapped):
            return column.cat.rename_categories(mapped), count
        column = column.astype(object)
    hit = column.isin(list(hits))
    return column.mask(hit, column.map(hits)), count
