"""GB/T 8170 rounding: round half to even on the decimal value, vectorised.

Binary floats cannot hold most decimal fractions exactly (0.35 is stored as
0.34999…), so ``numpy.round(0.35, 1)`` gives 0.3 where GB/T 8170 gives 0.4.
Scaling first and snapping the scaled value to 14 significant digits removes that
representation error (a few units in the 16th digit) for every value written with at most
14 significant digits, which covers every monitoring figure. The snap is relative to the
value's size: a fixed number of decimals fails once the scaled value passes a million
(303.063095 to 5 places is 30,306,309.499999996 scaled).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
_SIGNIFICANT = 14  # digits kept before rounding: below float64's 15.95, above any figure's
# Below this, snapping every scaled value to 9 decimals keeps 14 significant digits too
_FIXED_SNAP_LIMIT = 1e5


def round_half_even(values: npt.ArrayLike, decimals: int = 0) -> FloatArray:
    """Round ``values`` to ``decimals`` places, half to even (GB/T 8170); NaN stays NaN.

    >>> round_half_even([0.25, 0.35, 72.5, 16.5, 2.675], 1).tolist()
    [0.2, 0.4, 72.5, 16.5, 2.7]
    >>> round_half_even([72.5, 73.5, -0.5]).tolist()
    [72.0, 74.0, -0.0]
    >>> round_half_even([303.063095], 5).tolist()
    [303.0631]
    """
    snapped, scale = _snapped(values, decimals)
    return np.asarray(np.round(snapped) / scale, dtype=np.float64)


def half_way(values: npt.ArrayLike, decimals: int = 0) -> npt.NDArray[np.bool_]:
    """Where a value lies exactly half-way between two values of ``decimals`` places.

    The same snap as :func:`round_half_even` decides, so a value is half-way exactly when
    that function breaks a tie on it: 0.55 to one place (0.5 or 0.6), 72.5 to none.

    >>> half_way([0.55, 0.54, 0.65, 72.45, 72.5, float("nan")], 1).tolist()
    [True, False, True, True, False, False]
    >>> half_way([72.5, 0.5, 16.0, 16.49], 0).tolist()
    [True, True, False, False]

    A mean of one-decimal values lands on 0.55 only up to float noise (13.2 / 24 is
    0.5499999999999999); the snap still sees the tie:

    >>> half_way([13.2 / 24], 1).tolist()
    [True]
    """
    snapped, _ = _snapped(values, decimals)
    with np.errstate(invalid="ignore"):
        return np.asarray(snapped - np.floor(snapped) == 0.5, dtype=np.bool_)


def _snapped(values: npt.ArrayLike, decimals: int) -> tuple[FloatArray, float]:
    """``values`` scaled by ``10**decimals`` with the representation error snapped away."""
    arr = np.asarray(values, dtype=np.float64)
    scale = 10.0**decimals
    scaled = arr * scale
    if not scaled.size or np.nanmax(np.abs(scaled), initial=0.0) < _FIXED_SNAP_LIMIT:
        return np.round(scaled, 9), scale  # the common case: five times faster
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        magnitude = np.floor(np.log10(np.abs(scaled)))
        # a value far below 1 rounds to 0 whatever its last digits: no finer snap than this
        places = np.minimum(np.where(np.isfinite(magnitude), _SIGNIFICANT - 1 - magnitude, 0.0),
                            _SIGNIFICANT + 1)
        snap = 10.0**places
        snapped = np.where(np.isfinite(scaled), np.rint(scaled * snap) / snap, scaled)
    return np.asarray(snapped, dtype=np.float64), scale


def round_half_even_scalar(value: float, decimals: int = 0) -> float:
    """Scalar GB/T 8170 rounding through :class:`decimal.Decimal`.

    >>> round_half_even_scalar(94.505, 1), round_half_even_scalar(0.225, 2)
    (94.5, 0.22)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_EVEN))
