"""Input checks shared by the frame functions of the air standards."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise ``ValueError`` naming the ``columns`` that ``frame`` lacks, if any.

    >>> require_columns(pd.DataFrame({"aqi": [1]}), ["aqi", "valid"], "period_statistics")
    Traceback (most recent call last):
    ...
    ValueError: period_statistics needs column(s) valid
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs column(s) {', '.join(missing)}")
