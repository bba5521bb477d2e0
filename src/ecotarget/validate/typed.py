"""The generic pass: every column a kind's row model declares, typed by its rule.

The rules come from :func:`ecotarget.schemas.column_rules`, so a column's type, bounds and
hints are written once, in the model. Columns the model does not declare (water items) pass
through as text for the kind's own checks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.read.table import RawTable
from ecotarget.schemas import MODELS, ColumnRule, Kind, column_rules
from ecotarget.validate.cells import fold, is_missing, parse_datetimes, parse_numbers, parse_periods
from ecotarget.validate.table import Problems

EXCEL_ERROR = "an Excel error value: fix the formula in the sheet, or leave the cell empty"


def typed_columns(table: RawTable, problems: Problems) -> pd.DataFrame:
    """The table's declared columns typed (problems reported), the others as they are.

    Raises :class:`~ecotarget.errors.InputError` when a required column is absent.
    """
    rules = column_rules(MODELS[table.kind])
    frame = table.frame
    out: dict[str, pd.Series] = {}
    for name, rule in rules.items():
        if name not in frame:
            if rule.required:
                raise InputError(
                    f"{table.path}: no column for {name!r} (accepted headers: "
                    f"{', '.join(_aliases_of(table.kind, name))})"
                )
            continue
        out[name] = _typed(frame[name], rule, problems)
    for name in frame.columns:
        if name not in out and name not in rules:
            out[name] = frame[name]  # kind-specific columns (water items) are parsed later
    # copy=False: the typed columns are new already; a copy would only consolidate them
    return pd.DataFrame(out, index=frame.index, copy=False)


def reject_not_numbers(raw: pd.Series, invalid: pd.Series | np.ndarray, column: str,
                       problems: Problems, message: str) -> None:
    """Reject unreadable numbers; name Excel's #DIV/0!, #VALUE! … for what they are."""
    invalid = np.asarray(invalid, dtype=bool)
    excel = np.zeros(len(invalid), dtype=bool)
    bad = np.flatnonzero(invalid)
    if len(bad):
        excel[bad] = fold(raw.iloc[bad]).str.startswith("#").to_numpy()
    problems.add(excel, column, EXCEL_ERROR)
    problems.add(invalid & ~excel, column, message)


def _aliases_of(kind: Kind, name: str) -> list[str]:
    field_info = MODELS[kind].model_fields[name]
    extra = field_info.json_schema_extra if isinstance(field_info.json_schema_extra, dict) else {}
    aliases = extra.get("aliases", [])
    return [name, *(map(str, aliases) if isinstance(aliases, list) else [])]


def _typed(raw: pd.Series, rule: ColumnRule, problems: Problems) -> pd.Series:
    if rule.kind in ("number", "int"):
        return _numbers(raw, rule, problems)
    if rule.kind in ("date", "datetime"):
        return _dates(raw, rule, problems)
    if rule.kind == "number_or_text":
        return raw  # ledger values: decided per indicator by the ledger's own checks
    name = rule.name
    if rule.pattern and name == "period":
        periods, pmissing, invalid = parse_periods(raw)
        problems.add(invalid, name, "not a month: write YYYY-MM (e.g. 2025-03)")
        problems.add(pmissing, name, "is required")
        return periods
    folded = fold(raw)
    missing = is_missing(folded) & (folded != "-")
    if rule.required:
        problems.add(missing | (folded == ""), name, "is required")
    return folded.where(~missing, None)


def _numbers(raw: pd.Series, rule: ColumnRule, problems: Problems) -> pd.Series:
    name = rule.name
    values, missing, invalid = parse_numbers(raw)
    reject_not_numbers(raw, invalid, name, problems, "not a number: write digits (e.g. 12.5), "
                       "or leave it empty or '-' when missing")
    if rule.kind == "int":
        problems.add(values.notna() & (values % 1 != 0), name, "must be a whole number")
    if rule.ge is not None:
        low = f": {rule.why_low}" if rule.why_low else ""
        problems.add(values < rule.ge, name, f"must be ≥ {rule.ge:g}{low}")
    if rule.le is not None:
        problems.add(values > rule.le, name, f"above {rule.le:g}: {rule.why}" if rule.why
                     else f"must be ≤ {rule.le:g}")
    if rule.required:
        problems.add(missing, name, "is required")
    return values


def _dates(raw: pd.Series, rule: ColumnRule, problems: Problems) -> pd.Series:
    name = rule.name
    # hourly timestamps stay categorical through validation, whose checks then run
    # once per distinct timestamp; the accepted frame has them as datetime64
    parsed, missing, invalid = parse_datetimes(raw, categorical=rule.kind == "datetime")
    problems.add(invalid, name, "not a date: write YYYY-MM-DD" + (
        " or YYYY-MM-DD HH:MM" if rule.kind == "datetime" else ""))
    if rule.required:
        problems.add(missing, name, "is required")
    return parsed.dt.normalize() if rule.kind == "date" else parsed
