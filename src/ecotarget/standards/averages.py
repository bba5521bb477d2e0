"""Moving averages shared by the hourly AQI table and the published-value comparison.

The national network publishes each pollutant's trailing 24-hour mean beside the hourly
value (``PM2.5_24h`` at hour h: the mean of hours h−23…h over the hours present, see
docs/standards.md §1); ecotarget computes the same mean with :func:`trailing_mean`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

#: The network's ``X_24h`` window: hours h−23…h.
HOURS_24 = 24


def trailing_mean(values: npt.ArrayLike, groups: npt.ArrayLike, hours: npt.ArrayLike,
                  window: int = HOURS_24) -> npt.NDArray[np.float64]:
    """Mean of each row's group over the hours ``h - window + 1 .. h`` that are present.

    ``hours`` are integer hour numbers (one per row, unique within a group); NaN values are
    absent hours; a window with no value gives NaN.  This is the network's ``X_24h``
    (docs/standards.md §1) before rounding.  Vectorised: after sorting, a window can only
    reach back ``window - 1`` rows, so ``window`` shifted adds cover it, each sum in the
    same order a direct loop would add.

    >>> trailing_mean([1.0, 3.0, float("nan"), 5.0], ["a", "a", "a", "b"], [1, 2, 3, 3], 2)
    array([1., 2., 3., 5.])
    """
    v = np.asarray(values, dtype=np.float64)
    g = pd.factorize(np.asarray(groups))[0]
    h = np.asarray(hours, dtype=np.int64)
    order = np.lexsort((h, g))
    v, g, h = v[order], g[order], h[order]
    present = np.isfinite(v)
    filled = np.where(present, v, 0.0)
    total = np.zeros(len(v))
    count = np.zeros(len(v), dtype=np.int64)
    for lag in range(min(window, len(v))):  # a lag beyond the rows would wrap around
        same = np.zeros(len(v), dtype=bool)
        same[lag:] = (g[lag:] == g[: len(v) - lag]) & (h[lag:] - h[: len(v) - lag] < window)
        take = same.copy()
        take[lag:] &= present[: len(v) - lag]
        total[lag:] += np.where(take[lag:], filled[: len(v) - lag], 0.0)
        count += take
    mean = np.full(len(v), np.nan)
    np.divide(total, count, out=mean, where=count > 0)
    out = np.empty_like(mean)
    out[order] = mean
    return out


__all__ = ["HOURS_24", "trailing_mean"]
