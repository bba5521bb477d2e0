"""The generic pass: every column a kind's row model declares, typed by its rule.

The rules come from :func:`ecotarget.schemas.column_rules`, so a column's type, bounds and
hints are written once, in the model. Columns the model does not declare (water items) pass
through as text for the kind's own checks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.read.table import RawTable
from ecotarget.schemas import MODELS, ColumnRule, Kind, column_rules
from ecotarget.validate.cells import fold, is_missing, parse_datetimes, parse_numbers, parse_periods
from ecotarget.validate.table import Problems

EXCEL_ERROR = Text("row.excel_error")
REQUIRED = Text("row.required")


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
                raise InputError(Text("input.no_column", {
                    "path": table.path, "name": repr(name),
                    "aliases": tuple(_aliases_of(table.kind, name))}))
            continue
        out[name] = _typed(frame[name], rule, problems)
    for name in frame.columns:
        if name not in out and name not in rules:
            out[name] = frame[name]  # kind-specific columns (water items) are parsed later
    # copy=False: the typed columns are new already; a copy would only consolidate them
    return pd.DataFrame(out, index=frame.index, copy=False)


def reject_not_numbers(raw: pd.Series, invalid: pd.Series | np.ndarray, column: str,
                       problems: Problems, message: Text) -> None:
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
        problems.add(invalid, name, Text("row.not_month"))
        problems.add(pmissing, name, REQUIRED)
        return periods
    folded = fold(raw)
    missing = is_missing(folded) & (folded != "-")
    if rule.required:
        problems.add(missing | (folded == ""), name, REQUIRED)
    return folded.where(~missing, None)


def _numbers(raw: pd.Series, rule: ColumnRule, problems: Problems) -> pd.Series:
    name = rule.name
    values, missing, invalid = parse_numbers(raw)
    reject_not_numbers(raw, invalid, name, problems, Text("row.not_number"))
    if rule.kind == "int":
        problems.add(values.notna() & (values % 1 != 0), name, Text("row.whole_number"))
    if rule.ge is not None:
        # a bound as the rule writes it (3000, not 3,000.0); a reason is a catalogue key
        low = f"{rule.ge:g}"
        problems.add(values < rule.ge, name, Text("row.at_least_why", {
            "low": low, "why": Text(rule.why_low)}) if rule.why_low
            else Text("row.at_least", {"low": low}))
    if rule.le is not None:
        high = f"{rule.le:g}"
        problems.add(values > rule.le, name, Text("row.above_why", {
            "high": high, "why": Text(rule.why)}) if rule.why
            else Text("row.at_most", {"high": high}))
    if rule.required:
        problems.add(missing, name, REQUIRED)
    return values


def _dates(raw: pd.Series, rule: ColumnRule, problems: Problems) -> pd.Series:
    name = rule.name
    # hourly timestamps stay categorical through validation, whose checks then run
    # once per distinct timestamp; the accepted frame has them as datetime64
    parsed, missing, invalid = parse_datetimes(raw, categorical=rule.kind == "datetime")
    problems.add(invalid, name, Text("row.not_datetime" if rule.kind == "datetime"
                                     else "row.not_date"))
    if rule.required:
        problems.add(missing, name, REQUIRED)
    return parsed.dt.normalize() if rule.kind == "date" else parsed
