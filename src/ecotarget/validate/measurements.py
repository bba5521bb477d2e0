"""Reported concentrations as monitoring exports write them: ``0.5``, ``ND``, ``<0.01``,
``0.02L``, ``未检出`` — a number, a result below the detection limit (with or without the
limit), a missing marker, or text that is none of these.

What a below-limit result counts as in a mean is the standard's business
(:func:`ecotarget.standards.water.substitute_below_dl`); reading the text is validation's.
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.schemas import MISSING_MARKERS

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
    missing = text.str.lower().isin(MISSING_MARKERS).to_numpy(dtype=bool)
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
