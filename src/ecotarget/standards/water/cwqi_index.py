"""City water quality index, CWQI (《城市地表水环境质量排名技术规定(试行)》环办监测〔2017〕51号).

The module is not called ``cwqi`` so that the package attribute ``water.cwqi`` stays the
function :func:`cwqi` rather than being shadowed by (or shadowing) a submodule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd

from ecotarget.standards.water.arrays import (
    BoolArray,
    FloatArray,
    LakeFlag,
    column_floats,
    lake_vector,
)
from ecotarget.standards.water.items import (
    ASSESSED_ITEMS,
    checked_items,
    classed_item,
    limit_matrix,
)

_CWQI_DO_STANDARD: Final = 5.0  # class III DO, used inverted: Cs/C


def _cwqi_item(key: str, conc: FloatArray, lake_rows: BoolArray) -> FloatArray:
    item = classed_item(key)
    if key == "ph":
        # (7 − pH)/(7 − 6) at or below neutral, (pH − 7)/(9 − 7) above it.
        return np.where(conc <= 7.0, (7.0 - conc) / 1.0, (conc - 7.0) / 2.0)
    if key == "do":
        with np.errstate(divide="ignore"):  # DO 0 -> inf: the index is unbounded there
            return _CWQI_DO_STANDARD / conc
    class3 = limit_matrix(item, lake_rows, conc.shape)[..., 2]
    return conc / class3


def cwqi_detail(
    means: pd.DataFrame,
    *,
    lake: LakeFlag = False,
    items: Sequence[str] = ASSESSED_ITEMS,
) -> pd.DataFrame:
    """Per-item CWQI indices, the number of items used and their sum, per row.

    Columns ``cwqi_<key>`` (C/Cs with Cs the class III limit, lake TP 0.05; DO 5/C; pH
    (7−pH)/1 or (pH−7)/2), ``n_items`` and ``cwqi``. Items not measured (absent or NaN)
    contribute nothing and are not counted, so compare ``n_items`` before ranking; a row
    with no item gets NaN. Values are unrounded (bulletins show 4 decimals).

    >>> cwqi_detail(pd.DataFrame({"ph": [8.0], "do": [10.0], "tp": [0.1]}))["cwqi"].tolist()
    [1.5]
    """
    keys = checked_items(items)
    index = means.index
    lake_rows = lake_vector(lake, index)
    indices = {f"cwqi_{key}": _cwqi_item(key, column_floats(means, key), lake_rows) for key in keys}
    matrix = np.column_stack(list(indices.values()))
    used = (~np.isnan(matrix)).sum(axis=1)
    total = np.where(used > 0, np.nansum(matrix, axis=1), np.nan)
    out = pd.DataFrame(indices, index=index.copy())
    out["n_items"] = used
    out["cwqi"] = total
    return out


def cwqi(
    means: pd.DataFrame,
    *,
    lake: LakeFlag = False,
    items: Sequence[str] = ASSESSED_ITEMS,
) -> pd.Series:
    """CWQI per row: the sum of the 21 item indices (see :func:`cwqi_detail`)."""
    return cwqi_detail(means, lake=lake, items=items)["cwqi"].rename("cwqi")


def cwqi_change(now: float, base: float) -> float:
    """ΔCWQI in percent, (now − base)/base × 100; negative means improvement.

    NaN when either is NaN or ``base`` is 0 (no meaningful change rate).

    >>> cwqi_change(4.5, 5.0)
    -10.0
    """
    if base == 0 or np.isnan(base) or np.isnan(now):
        return float("nan")
    return float((now - base) / base * 100.0)

