"""Reported concentrations as monitoring exports write them: ``0.5``, ``ND``, ``<0.01``,
``0.02L``, ``未检出`` — a number, a result below the detection limit (with or without the
limit), a missing marker, or text that is none of these.

What a below-limit result counts as in a mean is the standard's business
(:func:`ecotarget.standards.water.substitute_below_dl`); reading the text is validation's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.schemas import MISSING_MARKERS
from ecotarget.standards.columns import text_isin

FloatArray = npt.NDArray[np.float64]

_UNUM: Final = r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
# One anchored pattern, one named group per accepted form, so a single vectorised
# str.extract classifies every cell: plain number | <DL | ≤DL | DL"L" | ND/未检出 [ (DL) ].
_MEASUREMENT: Final = re.compile(
    rf"^(?:(?P<num>[+-]?{_UNUM})"
    rf"|[<≤]\s*(?P<lt>{_UNUM})"
    rf"|(?P<ldl>{_UNUM})\s*L"
    rf"|(?P<nd>ND|N\.D\.?|未检出|低于检出限)(?:\s*\(\s*[<≤]?\s*(?P<nddl>{_UNUM})\s*L?\s*\))?"
    r")$",
    re.IGNORECASE,
)


def parse_measurement(raw: pd.Series) -> pd.DataFrame:
    """Parse one column of reported concentrations, vectorised; never raises on content.

    Returns a frame indexed like ``raw`` with columns:

    * ``value`` (float): the measured number; NaN when missing, invalid **or below the
      detection limit** (use :func:`ecotarget.standards.water.substitute_below_dl` to get a
      number for means);
    * ``below_dl`` (bool): reported as ``ND``/``未检出``/``<DL``/``DL L``;
    * ``dl`` (float): the detection limit when stated (``<0.01``, ``0.01L``, ``ND(0.01)``),
      else NaN;
    * ``invalid`` (bool): text that is neither a number, a below-DL form nor a missing
      marker (e.g. ``"abc"``, ``">24000"``, ``"0.5mg/L"``); ``value`` is NaN there.

    Text is NFKC-normalised (full-width digits, ``＜``, ``．``, full-width spaces) and
    stripped. Missing markers (:data:`ecotarget.schemas.MISSING_MARKERS`: ``""``, ``-``,
    ``—``, ``NA``, ``/``, ``无``, ``未测`` …) give NaN with ``below_dl`` False. Signed plain
    numbers are accepted as given (pH and temperature are not concentrations); non-finite
    numbers are invalid.

    >>> parse_measurement(pd.Series(["0.5", "ND", "<0.01", "0.02L", "—", "x"])).to_dict("list")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'value': [0.5, nan, nan, nan, nan, nan], 'below_dl': [False, True, True, True, False, False],
     'dl': [nan, nan, 0.01, 0.02, nan, nan], 'invalid': [False, False, False, False, False, True]}
    """
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        return _numeric_measurements(raw)
    text = raw.astype("string").fillna("").str.normalize("NFKC").str.strip()
    missing = text_isin(text.str.lower(), MISSING_MARKERS)
    groups = text.str.extract(_MEASUREMENT)
    number = _group_float(groups, "num")
    lt_dl = _group_float(groups, "lt")
    l_dl = _group_float(groups, "ldl")
    nd_dl = _group_float(groups, "nddl")
    is_nd = groups["nd"].notna().to_numpy(dtype=bool)

    dl = np.where(~np.isnan(lt_dl), lt_dl, np.where(~np.isnan(l_dl), l_dl, nd_dl))
    below = is_nd | ~np.isnan(lt_dl) | ~np.isnan(l_dl)
    matched = below | ~np.isnan(number)
    # "1e999" matches the number pattern but is infinite: reject rather than classify.
    non_finite = np.isinf(number) | np.isinf(dl)
    invalid = (~matched & ~missing) | non_finite
    return pd.DataFrame(
        {
            "value": np.where(non_finite, np.nan, number),
            "below_dl": below & ~non_finite,
            "dl": np.where(non_finite, np.nan, dl),
            "invalid": invalid,
        },
        index=raw.index,
    )


# The cells pandas may read differently alone than beside decimals (see
# parse_measurement_columns): a negative zero integer, and integers of sixteen digits or more.
# Searched anywhere in the text, so that no trimming rule of ours or Arrow's can hide one.
_READER_DEPENDENT: Final = re.compile(r"-0+(?![0-9.eE])|[0-9]{16}")


def parse_measurement_columns(columns: Mapping[str, pd.Series]) -> dict[str, pd.DataFrame]:
    """:func:`parse_measurement` of each column, each distinct cell of all of them parsed
    once and spread back to every row: a water file's thirty item columns repeat a few
    hundred spellings (``0.01L``, ``ND``, ``0.12``), and one parse of them all costs what
    one column's does.

    Each cell's result is its own, whatever else is parsed with it, but for one case:
    pandas reads a column of integers with its integer reader and a column that also holds
    a decimal with its decimal reader, so ``-0`` is 0 beside ``7`` and -0 beside ``0.5``
    (and integers too long for 64 bits go by different paths). When a cell is such an
    integer, each column is parsed on its own, as it always was.

    >>> parsed = parse_measurement_columns({"a": pd.Series(["0.5", "ND"]),
    ...                                     "b": pd.Series(["ND", "<0.1"], index=[7, 8])})
    >>> parsed["b"]["dl"].tolist(), parsed["b"].index.tolist()
    ([nan, 0.1], [7, 8])
    """
    if not columns:
        return {}
    distinct_of = {key: pd.factorize(cells, use_na_sentinel=False) for key, cells in
                   columns.items()}
    every = pd.unique(np.concatenate([np.asarray(distinct, dtype=object)
                                      for _, distinct in distinct_of.values()]))
    if any(_READER_DEPENDENT.search(unicodedata.normalize("NFKC", str(text))) for text in every):
        return {key: _spread_parsed(parse_measurement(pd.Series(distinct, dtype=object)),
                                    codes, columns[key].index)
                for key, (codes, distinct) in distinct_of.items()}
    parsed = parse_measurement(pd.Series(every, dtype=object))
    position = pd.Index(every)
    return {key: _spread_parsed(parsed, position.get_indexer(np.asarray(distinct, dtype=object))
                                [codes], columns[key].index)
            for key, (codes, distinct) in distinct_of.items()}


def _spread_parsed(parsed: pd.DataFrame, rows: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """The parsed rows ``rows`` (positions into ``parsed``), labelled ``index``."""
    return parsed.iloc[rows].set_axis(index)


def _numeric_measurements(raw: pd.Series) -> pd.DataFrame:
    """A column that is numbers already: measured values, infinities invalid."""
    numbers = raw.to_numpy(dtype=np.float64, na_value=np.nan)
    non_finite = np.isinf(numbers)
    return pd.DataFrame(
        {
            "value": np.where(non_finite, np.nan, numbers),
            "below_dl": np.zeros(len(raw), dtype=bool),
            "dl": np.full(len(raw), np.nan),
            "invalid": non_finite,
        },
        index=raw.index,
    )


def _group_float(frame: pd.DataFrame, group: str) -> FloatArray:
    numbers = pd.to_numeric(frame[group], errors="coerce")
    return numbers.to_numpy(dtype=np.float64, na_value=np.nan)
