"""One sample's class as the national automatic water-station release publishes it.

The release classes each 4-hour sample by the GB 3838-2002 Table 1 items its stations
measure: pH, dissolved oxygen, permanganate index, ammonia nitrogen and total phosphorus
(:data:`RELEASE_ITEMS`), single factor: the worst item decides. Total phosphorus takes the
lake/reservoir limits where the waterbody is a lake or reservoir. Total nitrogen is
published but not classed (环办〔2011〕22号 leaves it out of a section's class and assesses it
on its own for lakes); water temperature, conductivity, turbidity, chlorophyll a and algal
density have no GB 3838 class. The limits are those of :mod:`.items`: nothing is repeated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.standards.water.arrays import FloatArray, LakeFlag
from ecotarget.standards.water.classes import item_class

#: The items the release classes a sample by, in the order the release lists them.
RELEASE_ITEMS: Final = ("ph", "do", "codmn", "nh3n", "tp")


def sample_classes(values: Mapping[str, npt.ArrayLike | pd.Series], *, lake: LakeFlag = False
                   ) -> tuple[FloatArray, list[tuple[str, ...]]]:
    """Each sample's class (1..6, NaN when none of the items is measured) and the items that
    decide it (every item at that class, in :data:`RELEASE_ITEMS` order).

    ``values``: item key → one value per sample (NaN: not measured); items absent from
    ``values`` are not measured. ``lake``: a bool or one per sample.

    DO 6.0 is class II (II needs ≥ 6), NH3-N 0.52 class III (II ends at 0.5), so the sample
    is III by NH3-N; the second sample's TP 0.06 is III in a river but IV in a lake (lake III
    ends at 0.05):

    >>> classes, deciding = sample_classes({"do": [6.0, 7.6], "nh3n": [0.52, 0.1],
    ...                                     "tp": [0.05, 0.06]}, lake=[False, True])
    >>> classes.tolist(), deciding
    ([3.0, 4.0], [('nh3n',), ('tp',)])
    """
    keys = [key for key in RELEASE_ITEMS if key in values]
    n = len(np.asarray(next(iter(values.values())))) if values else 0
    if not keys:
        return np.full(n, np.nan), [() for _ in range(n)]
    grid = np.column_stack([item_class(key, values[key], lake=lake) for key in keys])
    measured = ~np.isnan(grid).all(axis=1)
    worst = np.full(len(grid), np.nan)
    worst[measured] = np.nanmax(grid[measured], axis=1)
    at_worst = grid == worst[:, None]
    deciding = [tuple(key for key, hit in zip(keys, row, strict=True) if hit)
                for row in at_worst.tolist()]
    return worst, deciding


__all__ = ["RELEASE_ITEMS", "sample_classes"]
