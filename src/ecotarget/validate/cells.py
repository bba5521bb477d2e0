"""Cell parsers: text columns → typed columns, whole columns at a time.

Every parser returns ``(values, missing, invalid)``: a missing marker is missing (never
zero), text that cannot be read is invalid, and which rows to reject is the caller's
decision. The large-file reader hands over categorical columns; their categories are parsed
once and spread back by the codes, so the cost is per distinct text, not per row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecotarget.schemas import missing_marker_spellings
from ecotarget.standards.columns import text_from_codes, text_isin

#: What a parser returns: (values, missing, invalid), each indexed like its input.
Parsed = tuple[pd.Series, pd.Series, pd.Series]

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


def fold(raw: pd.Series) -> pd.Series:
    """NFKC (full-width digits and signs become ASCII), trimmed; missing cells become "".

    Each distinct text is folded once: a column of millions of cells holds a few thousand
    distinct station names or timestamps, so this costs a hash pass, not a Python call per
    cell.

    >>> fold(pd.Series(["  １２ ", None, "ＮＡ"])).tolist()
    ['12', '', 'NA']
    """
    if isinstance(raw.dtype, pd.CategoricalDtype):  # the large-file reader's text columns
        return _fold_categories(raw)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    folded = [_fold_one(str(u)) for u in uniques]
    folded.append("")  # code -1: a missing cell
    return text_from_codes(folded, np.where(codes < 0, len(folded) - 1, codes), raw.index)


def _fold_one(text: str) -> str:
    return (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip()


def _fold_categories(raw: pd.Series) -> pd.Series:
    """:func:`fold` of a categorical column, categorical still: texts that fold alike
    (a full-width and an ASCII spelling) become one category."""
    folded = [_fold_one(str(c)) for c in raw.cat.categories]
    if len(set(folded)) == len(folded) and not raw.hasnans:
        return raw.cat.rename_categories(folded)  # the usual case: the codes stay as they are
    categories, inverse = np.unique(np.asarray([*folded, ""], dtype=object), return_inverse=True)
    codes = _recode(raw.cat.codes.to_numpy(), inverse)  # code -1 takes the last entry: ""
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(categories)),
                     index=raw.index)


_MARKERS = missing_marker_spellings()


def is_missing(folded: pd.Series) -> pd.Series:
    """Whether each folded cell is a missing marker ("", -, --, —, NA, /, 无 …).

    >>> is_missing(pd.Series(["", "N/A", "无", "0"])).tolist()
    [True, True, True, False]
    """
    return pd.Series(text_isin(folded, _MARKERS), index=folded.index, name=folded.name,
                     copy=False)


# --- spreading per-value results over rows ----------------------------------------------------


def _recode(codes: np.ndarray, mapping: np.ndarray) -> np.ndarray:
    """``mapping[codes]`` in the codes' own small integer type (-1 indexes the last entry):
    millions of int16 codes, not int64 ones."""
    return np.take(mapping.astype(codes.dtype), codes)


def _spread(raw: pd.Series, parse: Callable[[pd.Series], Parsed], missing_value: object, *,
            categorical: bool = False) -> Parsed:
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


def distinct_values(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The distinct values of a column (missing left out) and each row's index into them
    (-1: missing); a categorical column has them already.

    >>> values, codes = distinct_values(pd.Series(["a", None, "b", "a"]))
    >>> values.tolist(), codes.tolist()
    (['a', 'b'], [0, -1, 1, 0])
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Series(column.cat.categories), column.cat.codes.to_numpy()
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return pd.Series(uniques), codes


def where_distinct(column: pd.Series, test: Callable[[pd.Series], pd.Series]) -> np.ndarray:
    """``test`` of each row, computed once per distinct value (False where missing)."""
    distinct, codes = distinct_values(column)
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


# --- numbers ----------------------------------------------------------------------------------


def _to_float(text: pd.Series) -> np.ndarray:
    try:
        numbers = pd.Series(pd.to_numeric(text, errors="coerce"))
        # a writable copy: the parsers fill the cells that need cleaning into it
        return np.array(numbers.to_numpy(dtype="float64", na_value=np.nan), copy=True)
    except (ValueError, TypeError, OverflowError):  # a column pandas cannot coerce at all
        return np.full(len(text), np.nan)


def _clean_numbers(folded: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For folded texts that are not plain numbers: which are missing markers, and the number
    each reads as once thousands separators, the typographic minus and a trailing percent
    sign are taken out (NaN where none). Each distinct text is cleaned once (a column repeats
    its few markers and typos); the numbers are read by pandas together, as one column: its
    reading of a cell may depend on the others (``-0`` is 0 among integers, -0.0 beside a
    text it cannot read), and the distinct texts are the same set as the cells.

    >>> marker, number = _clean_numbers(["1,234", "99.1 %", "−5", "NA", "abc"])
    >>> marker.tolist(), number.tolist()[:3]
    ([False, False, False, True, False], [1234.0, 99.1, -5.0])
    """
    marker = np.array([text in _MARKERS for text in folded], dtype=bool)
    cleaned = [_THOUSANDS.sub("", text).replace("\u2212", "-").removesuffix("%")
               for text in folded]
    # Arrow's trim, as pandas' text columns strip: its whitespace is not quite str.strip's
    trimmed = pc.utf8_trim_whitespace(pa.array(cleaned, type=pa.large_string()))
    return marker, _to_float(pd.Series(trimmed.to_pylist(), dtype=object))


def parse_numbers(raw: pd.Series) -> Parsed:
    """Text → float. Returns (values, missing, invalid): thousands separators, full-width
    digits and a trailing percent sign are accepted, missing markers are missing (never
    zero), infinities and text are invalid.

    Plain numbers are parsed by pandas in one C pass; only the cells that fail it (markers,
    "1,234", "99.1%", full-width digits, typos) take the slower text-cleaning path.

    >>> values, missing, invalid = parse_numbers(pd.Series(["1,234", "９９．１％", "—", "abc"]))
    >>> values.tolist()[:2], missing.tolist(), invalid.tolist()
    ([1234.0, 99.1], [False, False, True, False], [False, False, False, True])
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
        codes, distinct = pd.factorize(raw.iloc[rest], use_na_sentinel=True)
        folded = [_fold_one(str(text)) for text in distinct]
        if (codes < 0).any():  # a missing cell folds to "" and is read with the others
            codes = np.where(codes < 0, len(folded), codes)
            folded.append("")
        marker, again = _clean_numbers(folded)
        marker, again = marker[codes], again[codes]
        ok = np.isfinite(again) & ~marker
        values[rest] = np.where(ok, again, np.nan)
        missing[rest] = marker
        invalid[rest] = ~ok & ~marker
    index = raw.index
    return (pd.Series(values, index=index, copy=False),
            pd.Series(missing, index=index, copy=False),
            pd.Series(invalid, index=index, copy=False))


# --- dates and months -------------------------------------------------------------------------

_DATE_SEPARATORS = re.compile(r"[年月/.]")
# After the separators are made "-": a date, then maybe an hour, minutes and seconds
_PLAIN_DATETIME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]+\d{1,2}(?::\d{1,2}){0,2}(?:\.\d+)?)?")


def parse_datetimes(raw: pd.Series, *, categorical: bool = False) -> Parsed:
    """Text → datetime64. Accepts ISO forms, 2025/1/5, 2025年1月5日, 20250105 and times.

    A year of hourly rows holds 8,784 distinct timestamps however many stations it has, so
    the distinct texts are parsed once and spread back to the rows. ``categorical``: a
    categorical column gives categorical timestamps (see :func:`as_plain`).

    >>> parse_datetimes(pd.Series(["2025年1月5日", "20250105", "2025/1/5 13:00"]))[0].tolist()
    [Timestamp('2025-01-05 00:00:00'), Timestamp('2025-01-05 00:00:00'), Timestamp('2025-01-05 13:00:00')]
    """
    if isinstance(raw.dtype, pd.CategoricalDtype):  # the large-file reader's text columns
        return _spread(raw, _parse_datetimes, np.datetime64("NaT"), categorical=categorical)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    if len(uniques) < len(raw) // 2:
        return _spread(pd.Series(pd.Categorical.from_codes(codes, categories=uniques),
                                 index=raw.index), _parse_datetimes, np.datetime64("NaT"))
    return _parse_datetimes(raw)


def _parse_datetimes(raw: pd.Series) -> Parsed:
    folded = fold(raw)
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
        # only a date and a plain time go to the lenient parser: it drops what it does not
        # understand, so "2025-01-06 -1:00" would be read as 01:00 (and as a copy of it)
        plain = alt.str.fullmatch(_PLAIN_DATETIME).fillna(False).astype(bool)
        parsed.loc[retry] = pd.to_datetime(alt.where(plain), errors="coerce", format="mixed")
    invalid = parsed.isna() & ~missing
    return parsed, missing, invalid


# A month: 2025-01, 2025/1, 2025年1月, 202501; also the first day of it (2025-01-01, maybe
# with 00:00), which is what Excel makes of a month typed into a cell.
_PERIOD = re.compile(
    r"^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*0?1\s*日?)?(?:\s+0{1,2}:00(?::00)?)?$")


def parse_periods(raw: pd.Series) -> Parsed:
    """Text → 'YYYY-MM'. Accepts 2025-01, 2025/1, 2025年1月, 202501 and 2025-01-01.

    >>> parse_periods(pd.Series(["2025/1", "2025年3月", "2025-01-01", "2025-13"]))[0].tolist()
    ['2025-01', '2025-03', '2025-01', nan]
    """
    folded = fold(raw)
    missing = is_missing(folded)
    parts = folded.str.extract(_PERIOD)
    month = pd.to_numeric(parts[1], errors="coerce")
    ok = parts[0].notna() & month.between(1, 12)
    periods = (parts[0] + "-" + month.fillna(0).astype(int).astype(str).str.zfill(2)).where(ok)
    return periods, missing, ~ok & ~missing
