"""Text cells → typed columns, with an exact message for every cell that fails.

The checks are derived from the row models in :mod:`ecotarget.schemas` and run on whole
columns at once. A row with any problem is rejected (reported with file, line, column, the
raw value and what to do) and excluded; every row is accounted for:
``rows_read = rows_accepted + rows_rejected``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from ecotarget.columns import text_from_codes
from ecotarget.errors import InputError
from ecotarget.read import RawTable
from ecotarget.schemas import AIR_POLLUTANTS, MODELS, ColumnRule, Kind, column_rules

_MISSING = ("", "-", "--", "—", "——", "–", "na", "n/a", "#n/a", "/", "无", "nan", "null")
MISSING_MARKERS = frozenset(_MISSING)
LINE = "_line"  # the original line number travels with each accepted row
# With the large-file reader, each accepted row's index into ValidatedTable.distinct_times:
# per-timestamp work (natural days) is then done once per distinct timestamp
TIME_CODE = "_time_code"
_VALUE_CHARS = 200  # a raw value longer than this is shown cut, with its length


def _case_variants(word: str) -> set[str]:
    variants = {""}
    for char in word:
        variants = {v + c for v in variants for c in {char.lower(), char.upper()}}
    return variants


# Every spelling of every marker (NA, Na, N/A, NULL …): matching them with isin avoids
# lower-casing whole columns.
_MISSING_VARIANTS = frozenset(v for marker in _MISSING for v in _case_variants(marker))


@dataclass(frozen=True, slots=True)  # slots: a file can have millions of rejected rows
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
    distinct_times: pd.Series | None = None  # the timestamps TIME_CODE indexes, if any

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


Message = str | Callable[[int], str]


class _Problems:
    """Collects (row position, column, message): one :class:`RowError` per rejected row.

    The first problem found names the row's column and value; further problems of the same
    row in other columns are appended to its message ("; also …"), so that one pass shows
    everything to fix in a row while the account stays one error per rejected row.
    """

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.first: dict[int, RowError] = {}
        # further problems of a row, and their columns; only rows with more than one problem
        # have entries, so that a million rejected rows cost a million RowErrors and no more
        self._more: dict[int, list[str]] = {}
        self._more_columns: dict[int, set[str]] = {}
        self._final: set[int] = set()

    def add(self, mask: np.ndarray | pd.Series, column: str, message: Message,
            values: pd.Series | None = None, *, only_if_clean: bool = False,
            final: bool = False) -> None:
        """Reject the rows where ``mask`` is true.

        ``message`` is one text for all, or a function of the row position (for messages
        that name another line or a corrected value). ``only_if_clean``: a consequence of
        other problems (a row left without any value) is reported only when nothing else
        is. ``final``: the row cannot be read at all, so its cells' problems mean nothing.
        """
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        raw = self.table.frame[column] if values is None and column in self.table.frame else values
        # the raw cells and line numbers of these rows only, taken at once
        cells = ([None] * len(positions) if raw is None
                 else raw.iloc[positions].to_numpy(dtype=object).tolist())
        # a long network file spreads one station-hour over several lines: each column
        # knows the line its cells came from
        lines = self.table.column_lines.get(column, self.table.lines)[positions].tolist()
        header = self.table.source_columns.get(column, column)
        if (self.table.layout == "network-long" and "station" in self.table.frame
                and column in self.table.column_lines):  # a station's cell, not the hour's
            stations = self.table.frame["station"].iloc[positions].tolist()
            headers = [f"{header} @ {station}" for station in stations]
        else:
            headers = [header] * len(positions)
        for pos, cell, line, header in zip(positions.tolist(), cells, lines, headers,
                                           strict=True):
            text = message if isinstance(message, str) else message(pos)
            seen = self.first.get(pos)
            if seen is not None:
                if (only_if_clean or pos in self._final or header == seen.column
                        or header in self._more_columns.get(pos, ())):
                    continue
                self._more_columns.setdefault(pos, set()).add(header)
                self._more.setdefault(pos, []).append(
                    f"{header} {_shown(cell)!r}: {text}")
                continue
            self.first[pos] = RowError(self.table.path, line, header, _shown(cell), text)
            if final:
                self._final.add(pos)

    def positions(self) -> np.ndarray:
        return np.asarray(sorted(self.first), dtype=np.int64)

    def errors(self) -> list[RowError]:
        """Every rejected row's error, in line order, further problems appended."""
        out = []
        for pos, error in self.first.items():
            more = self._more.get(pos)
            if more:
                error = replace(error, message="; also ".join([error.message, *more]))
            out.append(error)
        return sorted(out, key=lambda e: e.line)


def _shown(value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    if len(text) > _VALUE_CHARS:
        return f"{text[:_VALUE_CHARS]}… ({len(text):,} characters)"
    return text


# --- cell parsers (vectorised) --------------------------------------------------------------

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


def _fold(raw: pd.Series) -> pd.Series:
    """NFKC (full-width digits and signs become ASCII), trimmed; missing cells become "".

    Each distinct text is folded once: a column of millions of cells holds a few thousand
    distinct station names or timestamps, so this costs a hash pass, not a Python call per
    cell.
    """
    if isinstance(raw.dtype, pd.CategoricalDtype):  # the large-file reader's text columns
        return _fold_categories(raw)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    folded = [_fold_one(str(u)) for u in uniques]
    folded.append("")  # code -1: a missing cell
    return text_from_codes(folded, np.where(codes < 0, len(folded) - 1, codes), raw.index)


def _fold_categories(raw: pd.Series) -> pd.Series:
    """:func:`_fold` of a categorical column, categorical still: texts that fold alike
    (a full-width and an ASCII spelling) become one category."""
    folded = [_fold_one(str(c)) for c in raw.cat.categories]
    if len(set(folded)) == len(folded) and not raw.hasnans:
        return raw.cat.rename_categories(folded)  # the usual case: the codes stay as they are
    categories, inverse = np.unique(np.asarray([*folded, ""], dtype=object), return_inverse=True)
    codes = _recode(raw.cat.codes.to_numpy(), inverse)  # code -1 takes the last entry: ""
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(categories)),
                     index=raw.index)


def _recode(codes: np.ndarray, mapping: np.ndarray) -> np.ndarray:
    """``mapping[codes]`` in the codes' own small integer type (-1 indexes the last entry):
    millions of int16 codes, not int64 ones."""
    return np.take(mapping.astype(codes.dtype), codes)


def _spread(raw: pd.Series, parse: Callable[[pd.Series], tuple[pd.Series, pd.Series, pd.Series]],
            missing_value: object, *, categorical: bool = False
            ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``parse`` of a categorical column: each category parsed once, spread by the codes
    (a missing cell takes ``missing_value``, missing and not invalid). ``categorical``: the
    values stay categorical, one category per distinct parsed value."""
    values, missing, invalid = parse(pd.Series(raw.cat.categories.to_numpy(dtype=object),
                                               dtype=object))
    codes = raw.cat.codes.to_numpy()
    index = raw.index
    if categorical:
        value_codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if len(uniques) == len(values) and not raw.hasnans:  # one category per value: rename
            spread = pd.Series(raw.cat.rename_categories(pd.Index(values).tolist()), index=index)
        else:
            spread = pd.Series(pd.Categorical.from_codes(
                _recode(codes, np.append(value_codes, -1)), categories=uniques), index=index)
    else:
        spread = pd.Series(_by_code(values.to_numpy(), missing_value, codes), index=index,
                           copy=False)
    has_missing = bool(raw.hasnans)
    return (spread, pd.Series(_flags(missing, codes, has_missing), index=index, copy=False),
            pd.Series(_flags(invalid, codes, False), index=index, copy=False))


def _by_code(per_value: np.ndarray, for_missing: object, codes: np.ndarray) -> np.ndarray:
    """Each row's entry of ``per_value`` by its code; code -1 (a missing cell) takes
    ``for_missing``."""
    return np.take(np.append(per_value, np.array([for_missing], dtype=per_value.dtype)), codes)


def _flags(per_value: pd.Series, codes: np.ndarray, for_missing: bool) -> np.ndarray:
    """:func:`_by_code` of a flag per distinct value; all False without a pass over the rows
    when no value is flagged (``for_missing`` only matters where a cell is missing)."""
    flags = per_value.to_numpy(dtype=bool)
    if not flags.any() and not for_missing:
        return np.zeros(len(codes), dtype=bool)
    return _by_code(flags, for_missing, codes)


def _distinct(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The distinct values of a column (missing left out) and each row's index into them
    (-1: missing); a categorical column has them already."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Series(column.cat.categories), column.cat.codes.to_numpy()
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return pd.Series(uniques), codes


def _where_distinct(column: pd.Series, test: Callable[[pd.Series], pd.Series]) -> np.ndarray:
    """``test`` of each row, computed once per distinct value (False where missing)."""
    distinct, codes = _distinct(column)
    return _flags(test(distinct), codes, False)


def as_plain(column: pd.Series) -> pd.Series:
    """A categorical column (the large-file reader's) as plain values: text as text,
    timestamps as datetime64."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column
    categories = column.cat.categories
    if categories.dtype.kind == "M":
        return pd.Series(_by_code(categories.to_numpy(), np.datetime64("NaT"),
                                  column.cat.codes.to_numpy()), index=column.index, copy=False)
    return text_from_codes(categories.to_numpy(dtype=object), column.cat.codes.to_numpy(),
                           column.index)


def _fold_one(text: str) -> str:
    return (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip()


def is_missing(folded: pd.Series) -> pd.Series:
    """Whether each folded cell is a missing marker ("", -, --, —, NA, /, 无 …)."""
    return folded.isin(_MISSING_VARIANTS)


def _to_float(text: pd.Series) -> np.ndarray:
    try:
        numbers = pd.Series(pd.to_numeric(text, errors="coerce"))
        # a writable copy: the parsers fill the cells that need cleaning into it
        return np.array(numbers.to_numpy(dtype="float64", na_value=np.nan), copy=True)
    except (ValueError, TypeError, OverflowError):  # a column pandas cannot coerce at all
        return np.full(len(text), np.nan)


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text → float. Returns (values, missing, invalid): thousands separators, full-width
    digits and a trailing percent sign are accepted, missing markers are missing (never
    zero), infinities and text are invalid.

    Plain numbers are parsed by pandas in one C pass; only the cells that fail it (markers,
    "1,234", "99.1%", full-width digits, typos) take the slower text-cleaning path.
    """
    if raw.dtype == np.float64:  # the large-file reader parsed the column already
        values = raw.to_numpy(dtype=np.float64)
        infinite = np.isinf(values)
        clean = raw.where(~infinite) if infinite.any() else raw
        return (clean, pd.Series(np.isnan(values), index=raw.index, copy=False),
                pd.Series(infinite, index=raw.index, copy=False))
    if isinstance(raw.dtype, pd.CategoricalDtype):
        return _spread(raw, parse_numbers, np.nan)
    values = _to_float(raw)
    missing = np.zeros(len(raw), dtype=bool)
    invalid = np.zeros(len(raw), dtype=bool)
    rest = np.flatnonzero(~np.isfinite(values))
    if len(rest):
        folded = _fold(raw.iloc[rest])
        marker = is_missing(folded).to_numpy()
        cleaned = (folded.str.replace(_THOUSANDS, "", regex=True)
                   .str.replace("\u2212", "-", regex=False)  # the typographic minus sign
                   .str.removesuffix("%").str.strip())
        again = _to_float(cleaned)
        ok = np.isfinite(again) & ~marker
        values[rest] = np.where(ok, again, np.nan)
        missing[rest] = marker
        invalid[rest] = ~ok & ~marker
    index = raw.index
    return (pd.Series(values, index=index, copy=False),
            pd.Series(missing, index=index, copy=False),
            pd.Series(invalid, index=index, copy=False))


_DATE_SEPARATORS = re.compile(r"[年月/.]")


def parse_datetimes(raw: pd.Series, *, categorical: bool = False
                    ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text → datetime64. Accepts ISO forms, 2025/1/5, 2025年1月5日, 20250105 and times.

    A year of hourly rows holds 8,784 distinct timestamps however many stations it has, so
    the distinct texts are parsed once and spread back to the rows. ``categorical``: a
    categorical column gives categorical timestamps (see :func:`as_plain`).
    """
    if isinstance(raw.dtype, pd.CategoricalDtype):  # the large-file reader's text columns
        return _spread(raw, _parse_datetimes, np.datetime64("NaT"), categorical=categorical)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    if len(uniques) < len(raw) // 2:
        return _spread(pd.Series(pd.Categorical.from_codes(codes, categories=uniques),
                                 index=raw.index), _parse_datetimes, np.datetime64("NaT"))
    return _parse_datetimes(raw)


def _parse_datetimes(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
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


# A month: 2025-01, 2025/1, 2025年1月, 202501; also the first day of it (2025-01-01, maybe
# with 00:00), which is what Excel makes of a month typed into a cell.
_PERIOD = re.compile(
    r"^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*0?1\s*日?)?(?:\s+0{1,2}:00(?::00)?)?$")


def parse_periods(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text → 'YYYY-MM'. Accepts 2025-01, 2025/1, 2025年1月, 202501 and 2025-01-01."""
    folded = _fold(raw)
    missing = is_missing(folded)
    parts = folded.str.extract(_PERIOD)
    month = pd.to_numeric(parts[1], errors="coerce")
    ok = parts[0].notna() & month.between(1, 12)
    periods = (parts[0] + "-" + month.fillna(0).astype(int).astype(str).str.zfill(2)).where(ok)
    return periods, missing, ~ok & ~missing


_EXCEL_ERROR = "an Excel error value: fix the formula in the sheet, or leave the cell empty"


def _not_numbers(raw: pd.Series, invalid: pd.Series | np.ndarray, column: str,
                 problems: _Problems, message: str) -> None:
    """Reject unreadable numbers; name Excel's #DIV/0!, #VALUE! … for what they are."""
    invalid = np.asarray(invalid, dtype=bool)
    excel = np.zeros(len(invalid), dtype=bool)
    bad = np.flatnonzero(invalid)
    if len(bad):
        excel[bad] = _fold(raw.iloc[bad]).str.startswith("#").to_numpy()
    problems.add(excel, column, _EXCEL_ERROR)
    problems.add(invalid & ~excel, column, message)


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
    # copy=False: the typed columns are new already; a copy would only consolidate them
    return pd.DataFrame(out, index=frame.index, copy=False)


def _aliases_of(kind: Kind, name: str) -> list[str]:
    field_info = MODELS[kind].model_fields[name]
    extra = field_info.json_schema_extra if isinstance(field_info.json_schema_extra, dict) else {}
    aliases = extra.get("aliases", [])
    return [name, *(map(str, aliases) if isinstance(aliases, list) else [])]


def _typed(raw: pd.Series, rule: ColumnRule, problems: _Problems) -> pd.Series:
    name = rule.name
    if rule.kind in ("number", "int"):
        values, missing, invalid = parse_numbers(raw)
        _not_numbers(raw, invalid, name, problems, "not a number: write digits (e.g. 12.5), "
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
    if rule.kind in ("date", "datetime"):
        # hourly timestamps stay categorical through validation, whose checks then run
        # once per distinct timestamp; the accepted frame has them as datetime64
        parsed, missing, invalid = parse_datetimes(raw, categorical=rule.kind == "datetime")
        problems.add(invalid, name, "not a date: write YYYY-MM-DD" + (
            " or YYYY-MM-DD HH:MM" if rule.kind == "datetime" else ""))
        if rule.required:
            problems.add(missing, name, "is required")
        return parsed.dt.normalize() if rule.kind == "date" else parsed
    if rule.kind == "number_or_text":
        return raw  # ledger values: decided per indicator in _ledger
    if rule.pattern and name == "period":
        periods, pmissing, invalid = parse_periods(raw)
        problems.add(invalid, name, "not a month: write YYYY-MM (e.g. 2025-03)")
        problems.add(pmissing, name, "is required")
        return periods
    folded = _fold(raw)
    missing = is_missing(folded) & (folded != "-")
    if rule.required:
        problems.add(missing | (folded == ""), name, "is required")
    return folded.where(~missing, None)


# --- per kind --------------------------------------------------------------------------------


def validate_table(table: RawTable, context: ValidationContext | None = None) -> ValidatedTable:
    """Validate one raw table; the result holds the accepted rows and every row error."""
    context = context or ValidationContext()
    problems = _Problems(table)
    if table.malformed:
        _malformed(table, problems)
    typed = _typed_columns(table, problems)
    subkind = None
    notes: list[str] = list(table.notes)  # the reader's notes (e.g. network-file columns)
    if table.kind == "ledger":
        typed = _ledger(typed, table, problems, context)
        keys = ["period", "indicator", *(["region"] if "region" in typed else [])]
    elif table.kind == "air":
        typed, subkind, keys = _air(typed, table, problems, notes)
    else:
        from ecotarget.validate_water import water_columns

        typed, water_notes = water_columns(typed, table, problems)
        notes.extend(water_notes)
        keys = ["section", "date"]
    _duplicates(typed, keys, table, problems)
    if not len(typed):
        notes.insert(0, "no data rows below the header")
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
    else:  # the common case: every row accepted, and no copy of millions of rows
        accepted = typed.reset_index(drop=True).assign(**{LINE: table.lines})
    return ValidatedTable(
        path=table.path, kind=table.kind, encoding=table.encoding, rows_read=len(typed),
        frame=accepted, errors=problems.errors(),
        rejected_positions=rejected, subkind=subkind, notes=notes, raw=table,
        distinct_times=distinct_times,
    )


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    categorical = {name: as_plain(frame[name]) for name in frame.columns
                   if isinstance(frame[name].dtype, pd.CategoricalDtype)}
    return frame.assign(**categorical) if categorical else frame


def _malformed(table: RawTable, problems: _Problems) -> None:
    """Rows the reader could not split into cells: rejected, shown as their original text."""
    mask = np.zeros(len(table.frame), bool)
    mask[list(table.malformed)] = True
    original = pd.Series([""] * len(table.frame), dtype=object)
    for pos in table.malformed:
        original.iat[pos] = table.original(int(table.lines[pos]))
    column = table.frame.columns[0] if len(table.frame.columns) else ""
    problems.add(mask, column,
                 lambda pos: f"malformed row: {table.malformed[pos]}",
                 values=original, final=True)


def _ledger(typed: pd.DataFrame, table: RawTable, problems: _Problems,
            context: ValidationContext) -> pd.DataFrame:
    raw = typed["value"]
    values, missing, invalid = parse_numbers(raw)
    text = _fold(raw)
    indicator = typed["indicator"]
    is_grade = np.zeros(len(typed), dtype=bool)
    bad_rows = np.flatnonzero(invalid.to_numpy())
    if len(bad_rows) and context.grades:
        # only unreadable numbers can be grades: the per-row look-up stays off the bulk
        is_grade[bad_rows] = [
            value in context.grades.get(name, frozenset())
            for value, name in zip(text.to_numpy()[bad_rows], indicator.to_numpy()[bad_rows],
                                   strict=True)]
    graded = indicator.isin(list(context.grades)).to_numpy()
    problems.add(missing, "value", "is required: write the month's figure (0 when none)")
    bad = invalid.to_numpy() & ~is_grade
    problems.add(bad & graded, "value", "not a grade on this indicator's scale nor a number")
    _not_numbers(raw, bad & ~graded, "value", problems,
                 "not a number (text is accepted only as a grade on a target's scale)")
    _fractions(values, text, indicator, problems)
    return typed.assign(value=values, grade=text.where(is_grade, None))


def _fractions(values: pd.Series, text: pd.Series, indicator: pd.Series,
               problems: _Problems) -> None:
    """A bare 0.993 among an indicator's "99.1%" values is a fraction where a percentage is
    meant; read as 0.993 % it would sink the indicator's figure without a word."""
    percent = text.str.endswith("%")
    if not percent.any():
        return
    percent_indicator = percent.groupby(indicator).transform("any").fillna(False).astype(bool)
    fraction = (percent_indicator & ~percent & (values > 0) & (values <= 1)).to_numpy()
    if not fraction.any():
        return
    examples = text[percent].groupby(indicator[percent]).first().to_dict()
    texts = text.to_numpy()
    names = indicator.to_numpy()

    def message(pos: int) -> str:
        return (f"looks like a fraction: this indicator's other values are percentages "
                f"(e.g. {examples.get(names[pos], '%')}); write {_as_percent(texts[pos])} "
                "if that is what it means")

    problems.add(fraction, "value", message)


def _as_percent(text: str) -> str:
    """'0.993' → '99.3%', exactly (decimal arithmetic, no 99.30000000000001)."""
    try:
        number = Decimal(text.replace(",", "")) * 100
    except InvalidOperation:
        return "it as a percentage"
    return f"{number.normalize():f}%"


# CO in µg/m³ (a few hundred to a few thousand) instead of mg/m³: when most of the column is
# above the plausible bound, the column's unit is wrong, not a few cells.
_CO_LIMIT = 60.0


def _air(typed: pd.DataFrame, table: RawTable, problems: _Problems, notes: list[str]
         ) -> tuple[pd.DataFrame, str, list[str]]:
    has_values = [c for c in (*AIR_POLLUTANTS, "o3_8h") if c in typed]
    if "time" not in typed and "date" in typed and "hour" in typed:
        hours = typed["hour"]
        typed = typed.assign(time=typed["date"] + pd.to_timedelta(hours.fillna(0), unit="h"))
        problems.add(hours.isna() & typed["date"].notna(), "hour", "is required with date")
        subkind = "hourly"
    elif "time" in typed:
        times = typed["time"]
        problems.add(times.isna(), "time", "is required", only_if_clean=True)
        # hourly when any label is not midnight, or when the labels are written with a clock
        # time at all ("2025-01-02 00:00" is an hour even in a file of midnights)
        distinct, _ = _distinct(times)
        has_clock = bool((distinct != distinct.dt.normalize()).any())
        if not has_clock and "time" in table.frame:
            written, _ = _distinct(table.frame["time"])
            has_clock = bool(written.astype(str).str.contains(r"\d:\d\d", regex=True).any())
        subkind = "hourly" if has_clock else "daily"
        if subkind == "daily":
            typed = typed.assign(date=as_plain(times).dt.normalize()).drop(columns="time")
    else:
        problems.add(typed["date"].isna(), "date", "is required", only_if_clean=True)
        subkind = "daily"
    if subkind == "hourly" and "o3" not in typed and "o3_8h" in typed:
        subkind = "daily"
    if subkind == "hourly":
        times = typed["time"]
        problems.add(_where_distinct(times, lambda t: t != t.dt.floor("h")), "time",
                     "not a whole hour: hourly values are labelled HH:00")
    if not has_values:
        # a row whose pollutant cells are all empty is a missing hour or day: accepted, it adds
        # nothing to any figure; only a file with no pollutant column at all is unusable here
        problems.add(pd.Series(True, typed.index), typed.columns[0],
                     "no pollutant column in this file", only_if_clean=True)
    if "co" in typed:
        co = typed["co"].to_numpy(dtype=np.float64, na_value=np.nan)
        known = int(np.count_nonzero(~np.isnan(co)))
        if known and np.count_nonzero(co > _CO_LIMIT) > known / 2:
            notes.append(f"{table.source_columns.get('co', 'co')}: the column looks like µg/m³ "
                         f"(median {float(np.nanmedian(co)):g}); CO is in mg/m³: divide by 1000")
    station = ["station"] if "station" in typed else []
    keys = [*station, "time"] if subkind == "hourly" else [*station, "date"]
    return typed, subkind, keys


def _duplicated_keys(typed: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Rows whose key occurs more than once, from one int64 code per row: counting small
    integer codes (or hashing one integer column) is many times faster than hashing strings
    and timestamps together."""
    combined: np.ndarray | None = None
    size = 1
    for name in keys:
        codes, width = _key_codes(typed[name])
        if size > np.iinfo(np.int64).max // width:
            return typed.duplicated(keys, keep=False).to_numpy()  # too many keys to pack
        # in place: one array of millions of codes, not a new one per step
        if combined is None:
            combined = codes.astype(np.int64)
        else:
            combined *= width
            combined += codes
        combined += 1  # code -1 (missing) becomes 0
        size *= width
    if combined is None:
        return np.zeros(len(typed), dtype=bool)
    if size <= max(4 * len(combined), 2**20):  # a dense range: count, do not hash
        counts = np.bincount(combined, minlength=size)
        if counts.max(initial=0) <= 1:
            return np.zeros(len(combined), dtype=bool)
        return np.take(counts, combined) > 1
    return pd.Series(combined).duplicated(keep=False).to_numpy()


def _key_codes(column: pd.Series) -> tuple[np.ndarray, int]:
    """(code per row, from -1 for missing to width - 2; width): equal codes, equal values."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), len(column.cat.categories) + 1
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes, len(uniques) + 1


def _duplicates(typed: pd.DataFrame, keys: list[str], table: RawTable,
                problems: _Problems) -> None:
    """Same key twice: identical copies after the first are rejected as duplicates of it;
    rows that share a key but differ are all rejected (which one is right is not ours to
    guess). Whole columns at once: a file pasted twice has a million duplicate groups."""
    keys = [k for k in keys if k in typed]
    if not keys or typed.empty:
        return
    usable = typed[keys].notna().all(axis=1).to_numpy()  # an unreadable key is reported already
    dup = _duplicated_keys(typed, keys) & usable
    if not dup.any():
        return
    positions = np.flatnonzero(dup)
    subset = typed.iloc[positions].astype(object)
    groups = pd.DataFrame({
        "key": pd.util.hash_pandas_object(subset[keys], index=False).to_numpy(),
        # hashes compare whole rows without turning every cell into text
        "row": pd.util.hash_pandas_object(subset, index=False).to_numpy(),
        "pos": positions,
    })
    by_key = groups.groupby("key", sort=False)
    distinct = by_key["row"].transform("nunique").to_numpy()
    first = by_key["pos"].transform("min").to_numpy()
    last = by_key["pos"].transform("max").to_numpy()
    size = by_key["pos"].transform("size").to_numpy()
    lines = table.lines
    n = len(typed)

    copies = (distinct == 1) & (positions != first)
    first_line = dict(zip(positions[copies].tolist(), lines[first[copies]].tolist(), strict=True))
    mask = np.zeros(n, bool)
    mask[positions[copies]] = True
    problems.add(mask, keys[-1], lambda pos: f"duplicate of line {first_line[pos]}")

    conflicting = distinct > 1
    if conflicting.any():
        span = {p: (int(lines[a]), int(lines[b]), int(k)) for p, a, b, k in zip(
            positions[conflicting].tolist(), first[conflicting].tolist(),
            last[conflicting].tolist(), size[conflicting].tolist(), strict=True)}

        def message(pos: int) -> str:
            a, b, k = span[pos]
            shown = f"{a}, {b}" if k == 2 else f"{a}, …, {b}: {k} rows"
            return f"conflicting duplicates (lines {shown}): keep one and fix the others"

        mask = np.zeros(n, bool)
        mask[positions[conflicting]] = True
        problems.add(mask, keys[-1], message)
