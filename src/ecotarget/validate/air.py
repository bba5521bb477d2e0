"""The air kind: hourly or daily, the time label's checks, and the CO unit."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.table import RawTable
from ecotarget.schemas import AIR_POLLUTANTS
from ecotarget.validate.cells import as_plain, distinct_values, where_distinct
from ecotarget.validate.table import Problems

# CO in µg/m³ (a few hundred to a few thousand) instead of mg/m³: when most of the column is
# above the plausible bound, the column's unit is wrong, not a few cells.
_CO_LIMIT = 60.0


def air_columns(typed: pd.DataFrame, table: RawTable, problems: Problems
                ) -> tuple[pd.DataFrame, str, list[str]]:
    """Decide hourly or daily and check the time labels.

    Returns the frame (``time`` for hourly rows, ``date`` for daily ones), the subkind and
    the duplicate key. A CO column in µg/m³ is one message for the column (:func:`_co_unit`).
    """
    has_values = [c for c in (*AIR_POLLUTANTS, "o3_8h") if c in typed]
    typed, subkind = _time_columns(typed, table, problems)
    if subkind == "hourly" and "o3" not in typed and "o3_8h" in typed:
        subkind = "daily"
    if subkind == "hourly":
        times = typed["time"]
        problems.add(where_distinct(times, lambda t: t != t.dt.floor("h")), "time",
                     Text("row.not_whole_hour"))
    if not has_values:
        # a row whose pollutant cells are all empty is a missing hour or day: accepted, it adds
        # nothing to any figure; only a file with no pollutant column at all is unusable here
        problems.add(pd.Series(True, typed.index), typed.columns[0],
                     Text("row.no_pollutant"), only_if_clean=True)
    if "co" in typed:
        _co_unit(typed["co"], table, problems)
    station = ["station"] if "station" in typed else []
    keys = [*station, "time"] if subkind == "hourly" else [*station, "date"]
    return typed, subkind, keys


def _time_columns(typed: pd.DataFrame, table: RawTable, problems: Problems
                  ) -> tuple[pd.DataFrame, str]:
    """The rows' time label (date + hour, a timestamp, or a date) and whether it is hourly."""
    if "time" not in typed and "date" in typed and "hour" in typed:
        hours = typed["hour"]
        typed = typed.assign(time=typed["date"] + pd.to_timedelta(hours.fillna(0), unit="h"))
        problems.add(hours.isna() & typed["date"].notna(), "hour", Text("row.required_with_date"))
        return typed, "hourly"
    if "time" not in typed:
        problems.add(typed["date"].isna(), "date", Text("row.required"), only_if_clean=True)
        return typed, "daily"
    times = typed["time"]
    problems.add(times.isna(), "time", Text("row.required"), only_if_clean=True)
    # hourly when any label is not midnight, or when the labels are written with a clock
    # time at all ("2025-01-02 00:00" is an hour even in a file of midnights)
    distinct, _ = distinct_values(times)
    has_clock = bool((distinct != distinct.dt.normalize()).any())
    if not has_clock and "time" in table.frame:
        written, _ = distinct_values(table.frame["time"])
        has_clock = bool(written.astype(str).str.contains(r"\d:\d\d", regex=True).any())
    if has_clock:
        return typed, "hourly"
    return typed.assign(date=as_plain(times).dt.normalize()).drop(columns="time"), "daily"


def _co_unit(co_column: pd.Series, table: RawTable, problems: Problems) -> None:
    """A CO column in µg/m³ is one problem of the column, told once with its count.

    When most known values are above the mg/m³ bound, every value of the column is in the
    wrong unit, the few low ones too (CO 45 µg/m³ read as 45 mg/m³ would be an AQI near
    400): every row with a CO value is rejected with the one message, which the stderr
    summary then shows once for the column.

    Worked example: 800, 1200, 900 and 45 → 3 of 4 above 60, more than half: the 4 rows are
    rejected with "the column looks like µg/m³ (3 of 4 values above 60, median 850)"; 800
    and 0.8 → 1 of 2, not more than half: only 800 is rejected, by its own bound.
    """
    co = co_column.to_numpy(dtype=np.float64, na_value=np.nan)
    known = ~np.isnan(co)
    count, above = int(np.count_nonzero(known)), int(np.count_nonzero(co > _CO_LIMIT))
    if not count or above <= count / 2:
        return
    header = table.source_columns.get("co", "co")
    problems.add(known, "co", Text("row.co_column", {
        "header": header, "above": above, "count": count, "limit": f"{_CO_LIMIT:g}",
        "median": f"{float(np.nanmedian(co)):g}"}), restate=True)
