"""Array and frame coercions shared by the water modules.

The frame functions of this package accept a lake flag as a scalar, an index-aligned Series
or a positional array, and item columns that may be absent (not measured); these helpers
turn all of that into plain numpy arrays so the rules themselves stay vectorised.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
#: A lake/reservoir flag: one bool for every row, a bool Series aligned on the index, or a
#: bool array by position.
LakeFlag = bool | pd.Series | npt.ArrayLike


def as_float_array(values: npt.ArrayLike | pd.Series) -> FloatArray:
    """``values`` as a float array; pandas missing values (NA, None) become NaN."""
    if isinstance(values, pd.Series | pd.Index):
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    return np.asarray(values, dtype=np.float64)


def as_bool_array(lake: LakeFlag) -> BoolArray:
    """Lake flags as a bool array; ValueError for anything that is not boolean."""
    if isinstance(lake, pd.Series | pd.Index):
        if not (
            pd.api.types.is_bool_dtype(lake.dtype) or pd.api.types.infer_dtype(lake) == "boolean"
        ):
            raise ValueError(f"lake flags must be booleans, got dtype {lake.dtype}")
        return lake.to_numpy(dtype=bool, na_value=False)
    arr = np.asarray(lake)
    if arr.dtype != np.bool_:
        raise ValueError(f"lake flags must be booleans, got dtype {arr.dtype}")
    return arr



def lake_vector(lake: LakeFlag, index: pd.Index) -> BoolArray:
    """Per-row lake flags: a scalar, a Series aligned by index, or an array by position."""
    if isinstance(lake, bool | np.bool_):
        return np.full(len(index), bool(lake))
    if isinstance(lake, pd.Series):
        aligned = lake if lake.index.equals(index) else lake.reindex(index)
        if aligned.isna().any():
            raise ValueError("lake flag missing for some rows")
        return as_bool_array(aligned)
    arr = as_bool_array(lake)
    if arr.shape != (len(index),):
        raise ValueError(f"lake flags have shape {arr.shape}, expected ({len(index)},)")
    return arr


def column_floats(frame: pd.DataFrame, key: str) -> FloatArray:
    """Column ``key`` as floats; all-NaN when absent (not measured)."""
    if key not in frame.columns:
        return np.full(len(frame), np.nan)
    col = frame[key]
    if isinstance(col, pd.DataFrame):
        raise ValueError(f"duplicate column {key!r}")
    try:
        return pd.to_numeric(col).to_numpy(dtype=np.float64, na_value=np.nan)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"column {key!r} is not numeric: {exc}") from exc


def int64_array(values: FloatArray) -> pd.api.extensions.ExtensionArray:
    """Integral floats (NaN = missing) as a nullable Int64 array."""
    return pd.Series(values, dtype=np.float64).astype("Int64").array


def object_array(values: Sequence[object]) -> npt.NDArray[np.object_]:
    """1-d object array; np.array() would turn a list of lists into a 2-d array."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr

