"""Below-detection-limit results: the number a parsed measurement contributes to a mean."""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd

_SUBSTITUTION_FACTOR: Final = {"half": 0.5, "zero": 0.0, "dl": 1.0}


def substitute_below_dl(
    parsed: pd.DataFrame, rule: Literal["half", "zero", "dl"] = "half"
) -> pd.Series:
    """The number to use in means for each parsed measurement.

    Below-DL results become DL/2 (``"half"``, the common practice), 0 (``"zero"``) or the DL
    itself (``"dl"``). No standard fixes the rule (环办〔2011〕22号 is silent; see
    ``docs/standards.md`` §3), hence configurable. ``ND``/``未检出`` without a stated DL become
    **0 under every rule**: there is no DL to halve, and 0 is the only value that does not
    invent a concentration. Measured values pass through; missing and invalid stay NaN.

    ``parsed`` has the columns ``value``, ``below_dl``, ``dl`` and ``invalid`` of a parsed
    measurement column. Here the cells "<0.01", "0.02L", "ND", "0.5" and "" (missing):

    >>> nan = float("nan")
    >>> p = pd.DataFrame({"value": [nan, nan, nan, 0.5, nan],
    ...     "below_dl": [True, True, True, False, False], "dl": [0.01, 0.02, nan, nan, nan],
    ...     "invalid": [False] * 5})
    >>> substitute_below_dl(p).tolist(), substitute_below_dl(p, "dl").tolist()
    ([0.005, 0.01, 0.0, 0.5, nan], [0.01, 0.02, 0.0, 0.5, nan])
    """
    if rule not in _SUBSTITUTION_FACTOR:
        raise ValueError(f"below-DL rule must be one of {sorted(_SUBSTITUTION_FACTOR)}: {rule!r}")
    value = parsed["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    below = parsed["below_dl"].to_numpy(dtype=bool)
    dl = parsed["dl"].to_numpy(dtype=np.float64, na_value=np.nan)
    replacement = np.where(np.isnan(dl), 0.0, dl * _SUBSTITUTION_FACTOR[rule])
    return pd.Series(np.where(below, replacement, value), index=parsed.index, name="value")

