"""Text cells → typed columns, with an exact message for every cell that fails.

The checks are derived from the row models in :mod:`ecotarget.schemas` and run on whole
columns at once. A row with any problem is rejected (reported with file, line, column, the
raw value and what to do) and excluded; every row is accounted for:
``rows_read = rows_accepted + rows_rejected``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.readers import RawTable
from ecotarget.schemas import AIR_POLLUTANTS, MODELS, ColumnRule, Kind, column_rules

MISSING_MARKERS = frozenset({"", "-", "--", "—", "——", "na", "n/a", "/", "无", "nan", "null"})
LINE = "_line"  # the original line number travels with each accepted row


@dataclass(frozen=True)
class RowError:
    """One rejected row: where, which cell, what was there, and why."""

    path: str
    line: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column,
                "value": self.value, "message": self.message}


@dataclass
class ValidatedTable:
    """The accepted rows of one input, typed, and the account of the rest."""

    path: str
    kind: Kind
    encoding: str
    rows_read: int
    frame: pd.DataFrame
    errors: list[RowError] = field(default_factory=list)
    rejected_positions: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    subkind: str | None = None  # air: "hourly" or "daily"
    notes: list[str] = field(default_factory=list)
    raw: RawTable | None = None

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected_positions)

    @property
    def rows_accepted(self) -> int:
        return self.rows_read - self.rows_rejected


@dataclass(frozen=True)
class ValidationContext:
    """What validation needs to know beyond the file itself."""

    grades: Mapping[str, frozenset[str]] = field(default_factory=dict)  # ledger indicator → grades


class _Problems:
    """Collects (row position, column, message) and keeps the first problem per row."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.first: dict[int, RowError] = {}

    def add(self, mask: np.ndarray | pd.Series, column: str, message: str,
            values: pd.Series | None = None) -> None:
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        raw = self.table.frame[column] if values is None and column in self.table.frame else values
        header = self.table.source_columns.get(column, column)
        for pos in positions:
            if pos in self.first:
                continue
            value = "" if raw is None else str(raw.iat[int(pos)])
            self.first[int(pos)] = RowError(
                self.table.path, int(self.table.lines[pos]), header, value, message)

    def positions(self) -> np.ndarray:
        return np.asarray(sorted(self.first), dtype=np.int64)


# --- cell parsers (vectorised) --------------------------------------------------------------

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


def _fold(raw: pd.Series) -> pd.Series:
    """NFKC (full-width digits and signs become ASCII), trimmed."""
    text = raw.astype("object").where(raw.notna(), "").astype(str)
    if text.map(str.isascii).all():
        return text.str.strip()
    return text.map(lambda s: unicodedata.normalize("NFKC", s)).str.strip()


def is_missing(folded: pd.Series) -> pd.Series:
    return folded.str.lower().isin(MISSING_MARKERS)


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text → float. Returns (values, missing, invalid): thousands separators and a trailing
    percent sign are accepted, missing markers are missing (never zero)."""
    folded = _fold(raw)
    missing = is_missing(folded)
    cleaned = folded.str.replace(_THOUSANDS, "", regex=True).str.removesuffix("%").str.strip()
    values = pd.to_numeric(cleaned.where(~missing, None), errors="coerce").astype("float64")
    invalid = values.isna() & ~missing
    invalid |= ~np.isfinite(values.fillna(0.0))
    return values.where(~invalid), missing, invalid


_DATE_SEPARATORS = re.compile(r"[年月/.]")


def parse_datetimes(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text → datetime64. Accepts ISO forms, 2025/1/5, 2025年1月5日, 20250105 and times."""
    folded = _fold(raw)
    missing = is_missing(folded)
    text = folded.where(~missing, None)
    parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
    retry = parsed.isna() & ~missing
    if retry.any():
        alt = (folded[retry].str.replace(_DATE_SEPARATORS, "-", regex=True)
               .str.replace("日", " ", regex=False).str.replace("时", ":00", regex=False)
               .str.strip())
        compact = alt.str.fullmatch(r"\d{8}")
        alt = alt.where(~compact, alt.str[:4] + "-" + alt.str[4:6] + "-" + alt.str[6:])
        parsed.loc[retry] = pd.to_datetime(alt, errors="coerce", format="mixed")
    invalid = parsed.isna() & ~missing
    return parsed, missing, invalid


_PERIOD = re.compile(r"^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?$")


def parse_periods(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text → 'YYYY-MM'. Accepts 2025-01, 2025/1, 2025年1月, 202501."""
    folded = _fold(raw)
    missing = is_missing(folded)
    parts = folded.str.extract(_PERIOD)
    month = pd.to_numeric(parts[1], errors="coerce")
    ok = parts[0].notna() & month.between(1, 12)
    periods = (parts[0] + "-" + month.fillna(0).astype(int).astype(str).str.zfill(2)).where(ok)
    return periods, missing, ~ok & ~missing


# --- the generic pass -----------------------------------------------------------------------


def _typed_columns(table: RawTable, problems: _Problems) -> pd.DataFrame:
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
    return pd.DataFrame(out, index=frame.index)


def _aliases_of(kind: Kind, name: str) -> list[str]:
    field_info = MODELS[kind].model_fields[name]
    extra = field_info.json_schema_extra if isinstance(field_info.json_schema_extra, dict) else {}
    aliases = extra.get("aliases", [])
    return [name, *(map(str, aliases) if isinstance(aliases, list) else [])]


def _typed(raw: pd.Series, rule: ColumnRule, problems: _Problems) -> pd.Series:
    name = rule.name
    if rule.kind in ("number", "int"):
        values, missing, invalid = parse_numbers(raw)
        problems.add(invalid, name, "not a number: write digits (e.g. 12.5), or leave it empty "
                     "or '-' when missing")
        if rule.kind == "int":
            problems.add(values.notna() & (values % 1 != 0), name, "must be a whole number")
        if rule.ge is not None:
            why = f" ({rule.why})" if rule.why and rule.le is None else ""
            problems.add(values < rule.ge, name, f"must be ≥ {rule.ge:g}{why}")
        if rule.le is not None:
            why = rule.why or "implausibly large; check the unit and the decimal point"
            problems.add(values > rule.le, name, f"{why} (limit {rule.le:g})")
        if rule.required:
            problems.add(missing, name, "is required")
        return values
    if rule.kind in ("date", "datetime"):
        parsed, missing, invalid = parse_datetimes(raw)
        problems.add(invalid, name, "not a date: write YYYY-MM-DD" + (
            " or YYYY-MM-DD HH:MM" if rule.kind == "datetime" else ""))
        if rule.required:
            problems.add(missing, name, "is required")
        return parsed.dt.normalize() if rule.kind == "date" else parsed
    if rule.kind == "number_or_text":
        return raw  # ledger values: decided per indicator in _ledger
    folded = _fold(raw)
    missing = is_missing(folded) & (folded != "-")
    if rule.pattern and name == "period":
        periods, pmissing, invalid = parse_periods(raw)
        problems.add(invalid, name, "not a month: write YYYY-MM (e.g. 2025-03)")
        problems.add(pmissing, name, "is required")
        return periods
    if rule.required:
        problems.add(missing | (folded == ""), name, "is required")
    return folded.where(~missing, None)


# --- per kind --------------------------------------------------------------------------------


def validate_table(table: RawTable, context: ValidationContext | None = None) -> ValidatedTable:
    """Validate one raw table; the result holds the accepted rows and every row error."""
    context = context or ValidationContext()
    problems = _Problems(table)
    for position, message in table.malformed.items():
        mask = np.zeros(len(table.frame), bool)
        mask[position] = True
        problems.add(mask, table.frame.columns[0] if len(table.frame.columns) else "",
                     f"malformed row: {message}; fix the quoting or delimiters")
    typed = _typed_columns(table, problems)
    subkind = None
    notes: list[str] = []
    if table.kind == "ledger":
        typed = _ledger(typed, table, problems, context)
        keys = ["period", "indicator", *(["region"] if "region" in typed else [])]
    elif table.kind == "air":
        typed, subkind, keys = _air(typed, table, problems)
    else:
        from ecotarget.validate_water import water_columns

        typed, notes = water_columns(typed, table, problems)
        keys = ["section", "date"]
    _duplicates(typed, keys, table, problems)
    rejected = problems.positions()
    keep = np.ones(len(typed), bool)
    keep[rejected] = False
    accepted = typed[keep].copy()
    accepted[LINE] = table.lines[keep]
    errors = sorted(problems.first.values(), key=lambda e: e.line)
    return ValidatedTable(
        path=table.path, kind=table.kind, encoding=table.encoding, rows_read=len(typed),
        frame=accepted.reset_index(drop=True), errors=errors, rejected_positions=rejected,
        subkind=subkind, notes=notes, raw=table,
    )


def _ledger(typed: pd.DataFrame, table: RawTable, problems: _Problems,
            context: ValidationContext) -> pd.DataFrame:
    values, missing, invalid = parse_numbers(typed["value"])
    text = _fold(typed["value"])
    graded = typed["indicator"].map(lambda name: context.grades.get(name, frozenset()))
    is_grade = invalid & pd.Series(
        [value in grades for value, grades in zip(text, graded, strict=True)], index=typed.index)
    problems.add(missing, "value", "is required: write the month's figure (0 when none)")
    bad = invalid & ~is_grade
    problems.add(bad & graded.map(bool), "value",
                 "not a grade on this indicator's scale nor a number")
    problems.add(bad & ~graded.map(bool), "value",
                 "not a number (text is accepted only as a grade on a target's scale)")
    out = typed.assign(value=values, grade=text.where(is_grade, None))
    return out


def _air(typed: pd.DataFrame, table: RawTable, problems: _Problems
         ) -> tuple[pd.DataFrame, str, list[str]]:
    has_values = [c for c in (*AIR_POLLUTANTS, "o3_8h") if c in typed]
    if "time" not in typed and "date" in typed and "hour" in typed:
        hours = typed["hour"]
        typed = typed.assign(time=typed["date"] + pd.to_timedelta(hours.fillna(0), unit="h"))
        problems.add(hours.isna() & typed["date"].notna(), "hour", "is required with date")
        subkind = "hourly"
    elif "time" in typed:
        times = typed["time"]
        problems.add(times.isna(), "time", "is required")
        has_clock = bool((times.dropna() != times.dropna().dt.normalize()).any())
        subkind = "hourly" if has_clock else "daily"
        if subkind == "daily":
            typed = typed.assign(date=times.dt.normalize()).drop(columns="time")
    else:
        problems.add(typed["date"].isna(), "date", "is required")
        subkind = "daily"
    if subkind == "hourly" and "o3" not in typed and "o3_8h" in typed:
        subkind = "daily"
    if subkind == "hourly":
        times = typed["time"]
        problems.add(times.notna() & (times != times.dt.floor("h")), "time",
                     "not a whole hour: hourly values are labelled HH:00")
    empty = typed[has_values].isna().all(axis=1) if has_values else pd.Series(True, typed.index)
    problems.add(empty, has_values[0] if has_values else typed.columns[0],
                 "no pollutant value in this row")
    station = ["station"] if "station" in typed else []
    keys = [*station, "time"] if subkind == "hourly" else [*station, "date"]
    return typed, subkind, keys


def _duplicates(typed: pd.DataFrame, keys: list[str], table: RawTable,
                problems: _Problems) -> None:
    keys = [k for k in keys if k in typed]
    if not keys or typed.empty:
        return
    dup = typed.duplicated(keys, keep=False).to_numpy()
    if not dup.any():
        return
    subset = typed[dup]
    # hashes compare whole rows and keys without turning every cell into text
    whole = pd.util.hash_pandas_object(subset.astype(object), index=False)
    group_key = pd.util.hash_pandas_object(subset[keys].astype(object), index=False)
    for _, members in whole.groupby(group_key.to_numpy(), sort=False):
        positions = [int(typed.index.get_loc(i)) for i in members.index]  # type: ignore[arg-type]
        first_line = int(table.lines[positions[0]])
        mask = np.zeros(len(typed), bool)
        if members.nunique() == 1:
            mask[positions[1:]] = True
            problems.add(mask, keys[-1], f"duplicate of line {first_line}")
        else:
            lines = ", ".join(str(int(table.lines[p])) for p in positions)
            mask[positions] = True
            problems.add(mask, keys[-1],
                         f"conflicting duplicates (lines {lines}): keep one and fix the others")

