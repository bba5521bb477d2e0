"""Water classes: names (I … 劣V), the class of each item value, exceedance, status words.

Classes are ints 1..6 (6 = 劣V). Functions that return per-value classes use float arrays so
that NaN can mark "not measured".
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.standards.water.arrays import FloatArray, LakeFlag, as_float_array
from ecotarget.standards.water.items import (
    ITEMS,
    REL_TOL,
    SUPPLEMENTARY,
    classed_item,
    limit_matrix,
)

#: Class names indexed by class - 1 (class 6 is 劣V, "worse than V").
CLASS_NAMES: Final = ("I", "II", "III", "IV", "V", "劣V")

_ROMAN_TO_INT: Final = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
_CN_DIGITS: Final = str.maketrans({"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"})
_CLASS_SUFFIX: Final = re.compile(r"(类水质|类水|类)$")


def _as_class_int(n: object) -> int:
    """``n`` as a class int 1..6, accepting integral floats (classes come out of float arrays)."""
    if isinstance(n, bool | np.bool_):
        raise ValueError(f"not a water class: {n!r}")
    if isinstance(n, int | np.integer):
        value = int(n)
    elif isinstance(n, float | np.floating) and float(n).is_integer():
        value = int(float(n))
    else:
        raise ValueError(f"not a water class: {n!r}")
    if not 1 <= value <= 6:
        raise ValueError(f"water class must be 1..6 (6 = 劣V), got {value}")
    return value


def class_name(n: int | float) -> str:
    """Name of class ``n`` (1..6); ValueError for anything else, NaN included.

    >>> class_name(3), class_name(6), class_name(4.0)
    ('III', '劣V', 'IV')
    """
    return CLASS_NAMES[_as_class_int(n) - 1]


def parse_class(text: str | int | float) -> int:
    """Parse a published class ("III", "Ⅲ", "3", "IV类", "劣Ⅴ", "三类" …) into 1..6.

    Text is NFKC-normalised first, which turns the Roman-numeral block (U+2160…) and
    full-width digits into ASCII; case and spaces are ignored; a trailing 类/类水/类水质 is
    dropped. "劣" is only valid before V (or 5/五). Digits 1–6 are accepted because 6 is the
    internal code of 劣V; integral numbers (3 or 3.0, as Excel delivers them) are accepted.

    >>> [parse_class(t) for t in ("III", "Ⅲ", "3", "劣V", "劣Ⅴ", "IV类", "ⅱ", "三类")]
    [3, 3, 3, 6, 6, 4, 2, 3]
    >>> parse_class("VI")
    Traceback (most recent call last):
    ...
    ValueError: not a water class: 'VI'
    """
    if not isinstance(text, str):
        return _as_class_int(text)
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s).upper()
    s = _CLASS_SUFFIX.sub("", s)
    worse = s.startswith("劣")
    core = s[1:] if worse else s
    core = core.translate(_CN_DIGITS)
    number: int | None = _ROMAN_TO_INT.get(core)
    if number is None and re.fullmatch(r"[1-6](?:\.0+)?", core):
        number = int(core[0])
    if number is None or (worse and number != 5):
        raise ValueError(f"not a water class: {text!r}")
    return 6 if worse else number



def item_class(
    key: str, values: npt.ArrayLike | pd.Series, *, lake: LakeFlag = False
) -> FloatArray:
    """GB 3838-2002 class (1..6, 6 = 劣V) of each value of item ``key``; NaN stays NaN.

    ``"<="`` items: the lowest class whose limit the value does not exceed, so with equal
    limits the better class wins (COD 15 -> I). DO: the first class whose limit the value
    reaches. pH: 6–9 -> 1 (it meets every class), outside -> 6. Equality meets the class,
    with relative tolerance :data:`REL_TOL`. ``lake`` (a bool or a bool array aligned
    positionally with ``values``) selects the lake/reservoir TP limits; other items ignore it.
    Water temperature and unknown keys raise ValueError. The result has ``values``' shape.

    >>> item_class("tp", [0.02, 0.05, 0.2000000001, 0.41]).tolist()
    [1.0, 2.0, 3.0, 6.0]
    >>> item_class("tp", [0.05, 0.05], lake=[True, False]).tolist()
    [3.0, 2.0]
    >>> item_class("do", [7.5, 7.49, 1.9]).tolist(), item_class("ph", [6, 9.1]).tolist()
    ([1.0, 2.0, 6.0], [1.0, 6.0])
    """
    item = classed_item(key)
    v = as_float_array(values)
    if item.direction == "range":
        assert item.bounds is not None
        low, high = item.bounds
        inside = (v >= low * (1 - REL_TOL)) & (v <= high * (1 + REL_TOL))
        classes = np.where(inside, 1.0, 6.0)
    else:
        limits = limit_matrix(item, lake, v.shape)
        if item.direction == "<=":
            # Limits rise with the class, so the limits the value exceeds form a prefix and
            # their count is the number of classes it fails.
            failed = v[..., None] > limits * (1 + REL_TOL)
        else:
            failed = v[..., None] < limits * (1 - REL_TOL)
        classes = 1.0 + failed.sum(axis=-1)
    return np.where(np.isnan(v), np.nan, classes).astype(np.float64)


def exceedance_multiple(
    key: str, values: npt.ArrayLike | pd.Series, *, lake: LakeFlag = False
) -> FloatArray:
    """超标倍数 (C − C_III)/C_III per value; NaN for pH, DO and water temperature.

    Values at or below the class III limit give zero or negative numbers; they are kept raw
    (not clipped) so callers can tell "how far below"; only items worse than III are ever
    reported as main pollutants. Lake/reservoir TP uses its class III limit 0.05. Table 2 keys
    (sulfate …) are accepted and measured against their single limit.

    >>> exceedance_multiple("nh3n", [1.5, 0.5]).tolist(), exceedance_multiple("ph", [9.5]).tolist()
    ([0.5, -0.5], [nan])
    """
    v = as_float_array(values)
    if key in SUPPLEMENTARY:
        limit = SUPPLEMENTARY[key][1]
        return ((v - limit) / limit).astype(np.float64)
    item = ITEMS.get(key)
    if item is None:
        raise ValueError(f"unknown GB 3838 item: {key!r}")
    if item.direction != "<=":
        return np.full(v.shape, np.nan)
    class3 = limit_matrix(item, lake, v.shape)[..., 2]
    return ((v - class3) / class3).astype(np.float64)



STATUS_BY_CLASS: Final = {1: "优", 2: "优", 3: "良好", 4: "轻度污染", 5: "中度污染", 6: "重度污染"}
#: Map colour per class (环办〔2011〕22号): blue, green, yellow, orange, red.
COLOUR_BY_CLASS: Final = {1: "blue", 2: "blue", 3: "green", 4: "yellow", 5: "orange", 6: "red"}


def section_status(cls: int | float | str) -> str:
    """Status word of a section class (int 1..6 or published text).

    >>> [section_status(c) for c in (1, 2, 3, 4, 5, "劣Ⅴ")]
    ['优', '优', '良好', '轻度污染', '中度污染', '重度污染']
    """
    return STATUS_BY_CLASS[parse_class(cls)]


def section_colour(cls: int | float | str) -> str:
    """Colour name of a section class: blue (I–II), green, yellow, orange, red (劣V).

    >>> section_colour(3), section_colour("劣V")
    ('green', 'red')
    """
    return COLOUR_BY_CLASS[parse_class(cls)]

