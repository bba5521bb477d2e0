"""Section assessment (《地表水环境质量评价办法(试行)》环办〔2011〕22号): single-factor class
and main pollutants of each section from its item means."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecotarget.standards.rounding import round_half_even
from ecotarget.standards.water.arrays import (
    BoolArray,
    LakeFlag,
    column_floats,
    int64_array,
    lake_vector,
    object_array,
)
from ecotarget.standards.water.classes import CLASS_NAMES, exceedance_multiple, item_class
from ecotarget.standards.water.items import ASSESSED_ITEMS, ITEMS, checked_items

MainPollutant = tuple[str, int, float]


def _pollutant_text(pollutants: list[MainPollutant]) -> str:
    parts = []
    for key, _cls, multiple in pollutants:
        zh = ITEMS[key].zh
        if np.isnan(multiple):
            parts.append(zh)
        else:
            # round_half_even snaps float noise first: (0.233 − 0.2)/0.2 is stored as
            # 0.16500000000000000777, but it is the decimal 0.165 and GB/T 8170 gives 0.16.
            parts.append(f"{zh}({float(round_half_even(multiple, 2)):.2f})")
    return ",".join(parts)


def assess(
    means: pd.DataFrame,
    *,
    lake: LakeFlag = False,
    items: Sequence[str] = ASSESSED_ITEMS,
) -> pd.DataFrame:
    """Single-factor class of each row (section) from its item mean concentrations.

    ``means``: one row per section, columns named by item key (absent column or NaN = not
    measured; other columns are ignored). ``lake``: bool, bool Series aligned on the index,
    or bool array by position. Returns a new frame on ``means.index`` with:

    * ``class`` (Int64 1..6; <NA> when no item was measured) — the worst item class;
    * ``class_name`` ("I" … "劣V"; missing when unclassed);
    * ``worst_items``: keys of the items at the section class, in ``items`` order;
    * ``main_pollutants``: only when class > III, up to 3 ``(key, class, multiple)`` tuples
      of items worse than III: worst class first, then the larger exceedance multiple. pH and
      DO have no multiple (NaN); within a class they rank after the items that have one (the
      rule gives them no ordering; a measured exceedance is the more informative label).
      Remaining ties keep ``items`` (Table 1) order;
    * ``main_pollutants_text``: e.g. ``"总磷(1.50),溶解氧"`` — zh name and the multiple
      rounded half-even to 2 decimals; "" when there are none;
    * ``class_<key>`` (Int64) for every item in ``items``.

    >>> out = assess(pd.DataFrame({"tp": [0.5, 0.1], "nh3n": [1.25, 0.2], "do": [1.5, 8.0]}))
    >>> out[["class", "class_name", "main_pollutants_text"]].values.tolist()
    [[6, '劣V', '总磷(1.50),溶解氧,氨氮(0.25)'], [2, 'II', '']]
    """
    keys = checked_items(items)
    index = means.index
    lake_rows = lake_vector(lake, index)
    n, k = len(index), len(keys)

    cls = np.empty((n, k))
    mult = np.empty((n, k))
    for j, key in enumerate(keys):
        conc = column_floats(means, key)
        cls[:, j] = item_class(key, conc, lake=lake_rows)
        mult[:, j] = exceedance_multiple(key, conc, lake=lake_rows)

    measured = ~np.isnan(cls)
    any_measured: BoolArray = np.asarray(measured.any(axis=1))
    section = np.where(any_measured, np.where(measured, cls, 0.0).max(axis=1, initial=0.0), np.nan)

    # Rank items within each row: class descending (unmeasured last), items with a multiple
    # before pH/DO, multiple descending, then item order. np.lexsort's last key is primary.
    no_multiple = np.isnan(mult)
    order = np.lexsort(
        (
            np.broadcast_to(np.arange(k), (n, k)),
            np.where(no_multiple, 0.0, -mult),
            no_multiple,
            np.where(measured, -cls, np.inf),
        ),
        axis=-1,
    )

    worst_items: list[list[str]] = []
    main: list[list[MainPollutant]] = []
    for i in range(n):
        worst_items.append(
            [key for j, key in enumerate(keys) if any_measured[i] and cls[i, j] == section[i]]
        )
        picks: list[MainPollutant] = []
        if any_measured[i] and section[i] > 3:
            for j in order[i, :3]:
                if cls[i, j] > 3:
                    picks.append((keys[j], int(cls[i, j]), float(mult[i, j])))
        main.append(picks)

    columns: dict[str, object] = {
        "class": int64_array(section),
        "class_name": object_array(
            [None if np.isnan(c) else CLASS_NAMES[int(c) - 1] for c in section]
        ),
        "worst_items": object_array(worst_items),
        "main_pollutants": object_array(main),
        "main_pollutants_text": object_array([_pollutant_text(p) for p in main]),
    }
    for j, key in enumerate(keys):
        columns[f"class_{key}"] = int64_array(cls[:, j])
    return pd.DataFrame(columns, index=index.copy())


