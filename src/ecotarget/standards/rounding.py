"""GB/T 8170 rounding: round half to even on the decimal value, vectorised.

Binary floats cannot hold most decimal fractions exactly (0.35 is stored as
0.34999…), so ``numpy.round(0.35, 1)`` gives 0.3 where GB/T 8170 gives 0.4.
Scaling first and snapping the scaled value to 9 decimals removes that
representation error for every value written with at most 15 significant
digits, which covers every monitoring figure.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def round_half_even(values: npt.ArrayLike, decimals: int = 0) -> FloatArray:
    """Round ``values`` to ``decimals`` places, half to even (GB/T 8170); NaN stays NaN.

    >>> round_half_even([0.25, 0.35, 72.5, 16.5, 2.675], 1).tolist()
    [0.2, 0.4, 72.5, 16.5, 2.7]
    >>> round_half_even([72.5, 73.5, -0.5]).tolist()
    [72.0, 74.0, -0.0]
    """
    arr = np.asarray(values, dtype=np.float64)
    scale = 10.0**decimals
    scaled = np.round(arr * scale, 9)
    return np.round(scaled) / scale


def round_half_even_scalar(value: float, decimals: int = 0) -> float:
    """Scalar GB/T 8170 rounding through :class:`decimal.Decimal`.

    >>> round_half_even_scalar(94.505, 1), round_half_even_scalar(0.225, 2)
    (94.5, 0.22)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_EVEN))
