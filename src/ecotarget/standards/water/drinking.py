"""Drinking-water sources: class III on the 20 basic items plus GB 3838-2002 Table 2 limits."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecotarget.standards.water.arrays import (
    BoolArray,
    FloatArray,
    LakeFlag,
    column_floats,
    lake_vector,
    object_array,
)
from ecotarget.standards.water.classes import item_class
from ecotarget.standards.water.items import (
    DRINKING_BASIC_ITEMS,
    ITEMS,
    REL_TOL,
    SUPPLEMENTARY,
    limit_matrix,
)
from ecotarget.standards.water.sections import assess


def _fmt(value: float) -> str:
    return format(value, ".6g")


def drinking_compliance(samples: pd.DataFrame, *, lake: LakeFlag = False) -> pd.DataFrame:
    """Pass/fail of each sample row of a drinking-water source (single factor).

    A row passes when every one of the 20 basic items that is present meets class III
    (pH 6–9, DO ≥ 5, others ≤ the class III limit; lake TP 0.05) and every Table 2 item
    present is ≤ its limit. Missing items are not failures, so a row with nothing measured
    passes: check ``n_items``. Other columns (COD, TN, …) are ignored. Columns:

    * ``passes`` (bool), ``failing_items`` (keys: basic items in Table 1 order, then Table 2),
    * ``failing_text``, e.g. ``"锰0.15mg/L(限值0.1)"``, ``"溶解氧4.2mg/L(限值≥5)"``,
    * ``class`` (Int64, from the 20 basic items), ``n_items`` (items present).

    >>> drinking_compliance(pd.DataFrame({"tp": [0.1, 0.1], "mn": [0.05, 0.15]}))[
    ...     ["passes", "failing_text"]].values.tolist()
    [[True, ''], [False, '锰0.15mg/L(限值0.1)']]
    """
    index = samples.index
    n = len(index)
    lake_rows = lake_vector(lake, index)
    failing: list[list[str]] = [[] for _ in range(n)]
    texts: list[list[str]] = [[] for _ in range(n)]
    present = np.zeros(n, dtype=np.int64)

    def record(
        key: str, zh: str, unit: str, conc: FloatArray, fails: BoolArray, limit: str
    ) -> None:
        unit_text = "" if unit == "无量纲" else unit
        for i in np.flatnonzero(fails):
            failing[i].append(key)
            texts[i].append(f"{zh}{_fmt(float(conc[i]))}{unit_text}(限值{limit})")

    for key in DRINKING_BASIC_ITEMS:
        item = ITEMS[key]
        conc = column_floats(samples, key)
        present += ~np.isnan(conc)
        fails = item_class(key, conc, lake=lake_rows) > 3  # NaN > 3 is False: absent passes
        if item.direction == "range":
            assert item.bounds is not None
            limit = f"{_fmt(item.bounds[0])}~{_fmt(item.bounds[1])}"
            record(key, item.zh, item.unit, conc, fails, limit)
        elif item.direction == ">=":
            record(key, item.zh, item.unit, conc, fails, f"≥{_fmt(item.limits[2])}")
        else:
            # TP's class III limit differs between rivers and lakes, so format per row.
            class3 = limit_matrix(item, lake_rows, conc.shape)[..., 2]
            for lim in np.unique(class3):
                record(key, item.zh, item.unit, conc, fails & (class3 == lim), _fmt(lim))

    for key, (zh, limit_value) in SUPPLEMENTARY.items():
        conc = column_floats(samples, key)
        present += ~np.isnan(conc)
        fails = conc > limit_value * (1 + REL_TOL)
        record(key, zh, "mg/L", conc, fails, _fmt(limit_value))

    basic_class = assess(samples, lake=lake_rows, items=DRINKING_BASIC_ITEMS)["class"]
    columns: dict[str, object] = {
        "passes": np.array([not f for f in failing], dtype=bool),
        "failing_items": object_array(failing),
        "failing_text": object_array([",".join(t) for t in texts]),
        "class": basic_class.array,
        "n_items": present,
    }
    return pd.DataFrame(columns, index=index.copy())
