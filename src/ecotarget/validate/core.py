"""One raw table → its accepted rows, typed, and one error per rejected row.

The generic pass types the columns every kind's row model declares; each kind then adds its
own checks (ledger grades, air time labels, water items), and duplicate keys come last.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.table import RawTable
from ecotarget.validate.air import air_columns
from ecotarget.validate.cells import as_plain
from ecotarget.validate.duplicates import reject_duplicates, station_hint
from ecotarget.validate.ledger import ledger_columns, unused_indicators
from ecotarget.validate.table import LINE, TIME_CODE, Problems, ValidatedTable, ValidationContext
from ecotarget.validate.typed import typed_columns
from ecotarget.validate.water import water_columns


def validate_table(table: RawTable, context: ValidationContext | None = None) -> ValidatedTable:
    """Validate one raw table; the result holds the accepted rows and every row error."""
    context = context or ValidationContext()
    problems = Problems(table)
    if table.malformed:
        _malformed(table, problems)
    typed = typed_columns(table, problems)
    subkind = None
    notes: list[Text] = list(table.notes)  # the reader's notes (e.g. network-file columns)
    warnings: list[Text] = []
    if table.kind == "ledger":
        typed = ledger_columns(typed, problems, context)
        keys = ["period", "indicator", *(["region"] if "region" in typed else [])]
    elif table.kind == "air":
        typed, subkind, keys = air_columns(typed, table, problems)
    else:
        typed, water_notes = water_columns(typed, table, problems, context)
        notes.extend(water_notes)
        # the automatic release has six samples a section a day: its key is the time
        keys = ["section", "time" if "time" in typed else "date"]
    # an air file of several stations whose station column was not recognised: its rows
    # share times, and the missing column, not the rows, is what to fix
    no_station = table.kind == "air" and "station" not in typed and table.layout is None
    reject_duplicates(typed, keys, table, problems,
                      conflict=station_hint(table) if no_station else None)
    if not len(typed):
        notes.insert(0, Text("note.no_rows"))
    distinct_times = None
    if "time" in typed and isinstance(typed["time"].dtype, pd.CategoricalDtype):
        distinct_times = pd.Series(typed["time"].cat.categories)
        typed = typed.assign(**{TIME_CODE: typed["time"].cat.codes})
    typed = _plain(typed)
    rejected = problems.positions()
    if len(rejected):
        keep = np.ones(len(typed), bool)
        keep[rejected] = False
        accepted = typed[keep].reset_index(drop=True).assign(**{LINE: table.lines[keep]})
    else:  # the common case: every row accepted, and no copy of millions of rows (a Series
        # is taken as it is, where an array would be copied into the frame)
        accepted = typed.reset_index(drop=True).assign(
            **{LINE: pd.Series(table.lines, copy=False)})
    accepted, not_assessed = _assessed_only(accepted)
    unused = 0
    if table.kind == "ledger":
        unused, warnings = unused_indicators(
            accepted["indicator"], context, table.source_columns.get("indicator", "indicator"))
        notes.extend(warnings)
    errors = problems.errors()
    return ValidatedTable(
        path=table.path, kind=table.kind, encoding=table.encoding, rows_read=len(typed),
        frame=accepted, errors=errors, rejected_positions=rejected, subkind=subkind,
        notes=notes, raw=table.released(error.line for error in errors),
        distinct_times=distinct_times, rows_unused=unused, warnings=warnings,
        rows_not_assessed=not_assessed,
    )


def _assessed_only(accepted: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The accepted rows that are assessed, and how many are not (a water release's samples
    whose station did not run normally: accepted, in no figure)."""
    if "assessed" not in accepted:
        return accepted, 0
    flags = accepted["assessed"].to_numpy(dtype=bool)
    kept = accepted[flags].drop(columns="assessed").reset_index(drop=True)
    return kept, int((~flags).sum())


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    categorical = {name: as_plain(frame[name]) for name in frame.columns
                   if isinstance(frame[name].dtype, pd.CategoricalDtype)}
    return frame.assign(**categorical) if categorical else frame


def _malformed(table: RawTable, problems: Problems) -> None:
    """Rows the reader could not split into cells: rejected, shown as their original text."""
    mask = np.zeros(len(table.frame), bool)
    mask[list(table.malformed)] = True
    original = pd.Series([""] * len(table.frame), dtype=object)
    for pos in table.malformed:
        original.iat[pos] = table.original(int(table.lines[pos]))
    column = table.frame.columns[0] if len(table.frame.columns) else ""
    problems.add(mask, column,
                 lambda pos: Text("row.malformed", {"problem": table.malformed[pos]}),
                 values=original, final=True)



def compact_lines(table: ValidatedTable) -> ValidatedTable:
    """``table`` with its line numbers as int32 when they fit (every file below 2³¹ lines).

    The column is held through the whole check, and 4 bytes a row less is a tenth of a
    41-byte row's share of the bound on peak memory. Called once the reader's
    table is released: before, the narrower copy would add to validation's peak.

    >>> frame = pd.DataFrame({LINE: np.array([2, 3], dtype=np.int64)})
    >>> compact_lines(ValidatedTable("a.csv", "air", "utf-8", 2, frame)).frame[LINE].dtype
    dtype('int32')
    >>> frame = pd.DataFrame({LINE: np.array([2, 2**31], dtype=np.int64)})
    >>> compact_lines(ValidatedTable("a.csv", "air", "utf-8", 2, frame)).frame[LINE].dtype
    dtype('int64')
    """
    lines = table.frame.get(LINE, None)
    if lines is None or lines.dtype == np.int32 or (len(lines) and int(lines.max()) >= 2**31):
        return table
    return replace(table, frame=table.frame.assign(**{LINE: lines.to_numpy(np.int32)}))
