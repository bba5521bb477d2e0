"""Building text columns of millions of rows from a few distinct labels.

A column of station names or AQI categories holds millions of cells but a handful of
distinct texts. pandas' text dtype is Arrow-backed, and building it from millions of Python
strings costs more than the arithmetic that chose them; Arrow spreads the labels over the
rows in one C++ pass instead.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def text_from_codes(labels: Sequence[str] | np.ndarray, codes: np.ndarray,
                    index: pd.Index | None = None) -> pd.Series:
    """``labels[codes]`` as a text (``str``) column; a negative code is a missing cell.

    >>> text_from_codes(["优", "良"], np.array([1, 0, -1, 1])).tolist()
    ['良', '优', nan, '良']
    """
    codes = np.asarray(codes)
    positions = pa.array(codes, mask=codes < 0) if codes.dtype.kind == "i" else pa.array(codes)
    # large_string: the storage of pandas' text dtype, so that pandas need not convert
    values = pa.array([str(label) for label in labels], type=pa.large_string()).take(positions)
    return pd.Series(pd.array(values, dtype="str"), index=index)


def _arrow_text(column: pd.Series) -> pa.ChunkedArray | pa.Array | None:
    """The Arrow array under a text column of pandas' Arrow-backed text dtype, else None."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pa.array(column.array)
    return None


def _flags(result: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """An Arrow boolean result as a numpy bool array, a null (a missing cell) False."""
    return np.array(pc.fill_null(result, False), dtype=np.bool_)


def text_between(column: pd.Series, low: str, high: str) -> np.ndarray:
    """``(column >= low) & (column <= high)`` of a text column as a bool array (a missing
    cell False), in one Arrow pass: the order is the same (code point order).

    >>> text_between(pd.Series(["2025-01", "2025-03", None, "2025-07"]), "2025-02", "2025-07").tolist()
    [False, True, False, True]
    """
    arrow = _arrow_text(column)
    if arrow is None:
        return ((column >= low) & (column <= high)).to_numpy(dtype=bool)
    return _flags(pc.and_(pc.greater_equal(arrow, low), pc.less_equal(arrow, high)))


def text_startswith(column: pd.Series, prefix: str) -> np.ndarray:
    """``column.str.startswith(prefix)`` as a bool array (a missing cell False).

    >>> text_startswith(pd.Series(["2025-01", "2024-12", None]), "2025-").tolist()
    [True, False, False]
    """
    arrow = _arrow_text(column)
    if arrow is None:
        return column.str.startswith(prefix).fillna(False).to_numpy(dtype=bool)
    return _flags(pc.starts_with(arrow, prefix))


def text_isin(column: pd.Series, values: Collection[str]) -> np.ndarray:
    """``column.isin(values)`` as a bool array; a missing cell is never in ``values``.

    pandas' Arrow-backed text ``isin`` builds one Arrow scalar per value on every call
    (half a millisecond for the 64 spellings of the missing markers, paid per column per
    file); Arrow's ``is_in`` takes the values as one array instead.

    >>> text_isin(pd.Series(["NA", None, "0", ""], dtype="str"), ["NA", ""]).tolist()
    [True, False, False, True]
    >>> text_isin(pd.Series(["NA", None, 0], dtype=object), ["NA"]).tolist()
    [True, False, False]
    """
    arrow = _arrow_text(column)
    if arrow is None:
        return column.isin(list(values)).to_numpy(dtype=bool)
    value_set = pa.array([str(value) for value in values], type=pa.large_string())
    return _flags(pc.is_in(arrow, value_set=value_set))
