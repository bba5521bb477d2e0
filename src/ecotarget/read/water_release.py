"""The national automatic water-station release, read as it is exported (docs/standards.md §3).

The release has one row per section per 4-hour sample: ``省份, 流域, 断面名称, 监测时间,
水质类别, 水温, pH, 溶氧量 (or 溶解氧), 电导率, 浊度, 高锰酸盐指数, 氨氮, 总磷, 总氮, 叶绿素α,
藻密度, 站点情况``. Its header is recognised by the ordinary alias path (``溶氧量`` is an
alias of dissolved oxygen, units in brackets are dropped); this module finishes the table:

* ``监测时间`` is written in three ways, all turned into ``YYYY-MM-DD HH:MM`` here: a date-time
  text (kept); ``MM-DD HH:MM`` without a year, the year taken from ``--year`` or else from
  the file's name (a date such as ``20250701`` or a year such as ``2025``); an Excel serial
  number (days since 1899-12-30, the fraction the time of day), which is what a CSV holds
  when the cell was not formatted as a date, and what a workbook cell without date
  formatting holds (a formatted one arrives as a date-time already).
* a table with the release's own columns (``水质类别`` or ``站点情况``) is marked
  :data:`RELEASE`: validation then keeps each sample's time, reads ``站点情况`` and the
  published class, and reads a value with a trailing data flag as missing.

Every water table passes here; only the cells in those forms change, so a manual file with
dates is read as before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import PurePath

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.read.table import RawTable

#: RawTable.layout of the national automatic water-station release.
RELEASE = "water-release"
#: The release's own columns: either marks a table as the release.
RELEASE_COLUMNS = ("published_class", "status")

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year slip)
# serials of 1990-01-01 and 2100-01-01: a plain number outside them is no date of a release
# (a compact date 20250701 is far above, a year 2025 far below)
_SERIAL_RANGE = (32874.0, 73051.0)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})[-/](\d{1,2})\s+(\d{1,2}):(\d{2})(?::\d{2})?$")
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.年]?(0[1-9]|1[0-2])[-_.月]?"
                        r"(0[1-9]|[12]\d|3[01])(?!\d)")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# a month-day more than half a year after the date in the file's name belongs to the year
# before: a file of 2025-01-02 holds the samples of 12-31 (2024) too
_HALF_YEAR = dt.timedelta(days=183)


def year_in_name(name: str) -> tuple[int | None, dt.date | None]:
    """The year, and the date when there is one, that a file's name states.

    >>> year_in_name("data/水质自动监测_20250701.csv")
    (2025, datetime.date(2025, 7, 1))
    >>> year_in_name("release-2025.xlsx"), year_in_name("export.csv")
    ((2025, None), (None, None))
    """
    stem = PurePath(name).name
    if (found := _NAME_DATE.search(stem)) is not None:
        try:
            day = dt.date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            day = None
        if day is not None:
            return day.year, day
    if (year := _NAME_YEAR.search(stem)) is not None:
        return int(year[1]), None
    return None, None


def serial_time(text: str) -> str | None:
    """An Excel serial number as ``YYYY-MM-DD HH:MM`` (to the nearest minute); None for any
    other text.

    45839 is 2025-07-01; a 4-hour step is 1/6 of a day, written 45839.1666666667:

    >>> serial_time("45839"), serial_time("45839.1666666667"), serial_time("45839.9999999")
    ('2025-07-01 00:00', '2025-07-01 04:00', '2025-07-02 00:00')
    >>> serial_time("20250701"), serial_time("2025"), serial_time("07-01 04:00")
    (None, None, None)
    """
    if not _SERIAL.match(text):
        return None
    number = float(text)
    if not _SERIAL_RANGE[0] <= number < _SERIAL_RANGE[1]:
        return None
    minutes = round(number * 24 * 60)
    return f"{_EXCEL_EPOCH + dt.timedelta(minutes=minutes):%Y-%m-%d %H:%M}"


def month_day_time(text: str, year: int, name_date: dt.date | None = None) -> str | None:
    """``MM-DD HH:MM`` in ``year`` as ``YYYY-MM-DD HH:MM``; None for any other text.

    With the date of the file's name, a month-day more than half a year after it is taken in
    the year before (a file of 2025-01-02 holding 12-31 20:00). A day that does not exist
    (02-30) is kept as written, for validation to reject.

    >>> month_day_time("07-01 04:00", 2025), month_day_time("7/1 4:00", 2025)
    ('2025-07-01 04:00', '2025-07-01 04:00')
    >>> month_day_time("12-31 20:00", 2025, dt.date(2025, 1, 2))
    '2024-12-31 20:00'
    >>> month_day_time("02-30 04:00", 2025), month_day_time("2025-07-01 04:00", 2025)
    ('02-30 04:00', None)
    """
    found = _MONTH_DAY.match(text)
    if found is None:
        return None
    month, day, hour, minute = (int(part) for part in found.groups())
    try:
        moment = dt.datetime(year, month, day, hour, minute)
        if name_date is not None and moment.date() - name_date > _HALF_YEAR:
            moment = moment.replace(year=year - 1)
    except ValueError:
        return text
    return f"{moment:%Y-%m-%d %H:%M}"


def adapt_water(table: RawTable, year: int | None = None) -> RawTable:
    """Finish a water table: its times in full, and the release marked; others unchanged.

    ``year``: the year of ``MM-DD HH:MM`` times (``--year``); None: the file's name gives it.
    Raises :class:`InputError` when such times have no year from either.
    """
    if table.kind != "water" or "date" not in table.frame:
        return table
    release = any(column in table.frame for column in RELEASE_COLUMNS)
    column = table.frame["date"].astype(object)
    texts = pd.Series(pd.unique(column.dropna()), dtype=object).astype(str).str.strip()
    serials = {text: shown for text in texts if (shown := serial_time(text)) is not None}
    month_days = [text for text in texts if _MONTH_DAY.match(text)]
    converted = dict(serials)
    notes = list(table.notes)
    header = table.source_columns.get("date", "date")
    if month_days:
        name_year, name_date = year_in_name(table.path)
        chosen = year or name_year
        if chosen is None:
            raise InputError(Text("input.no_year", {"path": table.path, "header": header,
                                                    "example": repr(month_days[0])}))
        for text in month_days:
            converted[text] = month_day_time(text, chosen, None if year else name_date) or text
        notes.append(Text("note.no_year_option" if year else "note.no_year_name",
                          {"header": header, "year": chosen}))
    if serials:
        notes.append(Text("note.serial_dates", {"header": header, "n": len(serials)}))
    if not converted and not release:
        return table
    frame = table.frame
    if converted:
        stripped = column.where(column.isna(), column.astype(str).str.strip())
        frame = frame.assign(date=stripped.map(lambda text: converted.get(text, text)))
    source = dict(table.source_columns)
    if release:  # each sample's time, under the same header: six samples a section a day
        frame = frame.assign(time=frame["date"])
        source["time"] = header
    return replace(table, frame=frame, notes=notes, source_columns=source,
                   layout=RELEASE if release else table.layout)


__all__ = ["RELEASE", "RELEASE_COLUMNS", "adapt_water", "month_day_time", "serial_time",
           "year_in_name"]
