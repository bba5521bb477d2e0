"""Surface-water engine: GB 3838-2002 classes, 环办〔2011〕22号 assessment, CWQI, drinking sources.

Pure and vectorised: no I/O, no printing, inputs are never mutated. Every frame function
returns a new :class:`pandas.DataFrame` indexed like its input.

Sources (transcribed here as data; nothing is read at run time):

* GB 3838-2002 Table 1 (24 basic items, classes I–V) and Table 2 (5 supplementary items
  for centralised drinking-water surface sources).
* 《地表水环境质量评价办法(试行)》环办〔2011〕22号: 21 assessment items (Table 1 minus water
  temperature, TN and fecal coliform), single-factor section class, status words and
  colours, main pollutants ranked by class then exceedance multiple (C − C_III)/C_III.
* 《城市地表水环境质量排名技术规定(试行)》环办监测〔2017〕51号: CWQI.
* Drinking-water sources: class from the 20 basic items (the 21 minus COD) at class III,
  plus the Table 2 limits (single factor).

Classes are ints 1..6 (6 = 劣V). Functions that return per-value classes use float arrays so
that NaN can mark "not measured"; frame columns use the nullable ``Int64`` dtype.

Float equality at limits: an annual mean of 0.1 and 0.3 is 0.2000000000000000111, which must
still meet the 0.2 limit. Every limit comparison therefore allows a relative tolerance of
1e-9 (:data:`REL_TOL`), far above float noise and far below any reported precision.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.standards.rounding import round_half_even

__all__ = [
    "ASSESSED_ITEMS",
    "CLASS_NAMES",
    "COLOUR_BY_CLASS",
    "DRINKING_BASIC_ITEMS",
    "ITEMS",
    "REL_TOL",
    "STATUS_BY_CLASS",
    "SUPPLEMENTARY",
    "ZH_ITEM_NAMES",
    "WaterItem",
    "assess",
    "class_name",
    "cwqi",
    "cwqi_change",
    "cwqi_detail",
    "drinking_compliance",
    "exceedance_multiple",
    "item_class",
    "parse_class",
    "section_colour",
    "section_status",
    "substitute_below_dl",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Direction = Literal["<=", ">=", "range", "none"]
Limits5 = tuple[float, float, float, float, float]
LakeFlag = bool | pd.Series | npt.ArrayLike

#: Relative tolerance for "value meets limit" (see module docstring).
REL_TOL: Final = 1e-9

_NAN5: Final[Limits5] = (np.nan, np.nan, np.nan, np.nan, np.nan)

# ---------------------------------------------------------------------------
# Class names
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# GB 3838-2002 Table 1 and Table 2
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WaterItem:
    """One GB 3838-2002 Table 1 item.

    ``limits`` are the class I..V limits (NaN for water temperature and pH, which have no
    graded limit); ``bounds`` is the admissible range for pH (6–9 in every class).
    ``lake_limits`` is set only for TP (lakes and reservoirs). ``direction``: ``"<="`` the
    value must not exceed the limit, ``">="`` (DO) it must be at least the limit,
    ``"range"`` (pH) within ``bounds``, ``"none"`` (water temperature) not classed.
    """

    key: str
    no: int
    zh: str
    en: str
    unit: str
    direction: Direction
    limits: Limits5
    assessed: bool
    drinking_basic: bool
    lake_limits: Limits5 | None = None
    bounds: tuple[float, float] | None = None

    def limits_for(self, *, lake: bool = False) -> Limits5:
        """Class I..V limits for a river (default) or a lake/reservoir (TP differs)."""
        if lake and self.lake_limits is not None:
            return self.lake_limits
        return self.limits


def _item(
    key: str,
    no: int,
    zh: str,
    en: str,
    limits: Limits5,
    *,
    unit: str = "mg/L",
    direction: Direction = "<=",
    assessed: bool = True,
    drinking_basic: bool = True,
    lake_limits: Limits5 | None = None,
    bounds: tuple[float, float] | None = None,
) -> WaterItem:
    return WaterItem(
        key, no, zh, en, unit, direction, limits, assessed, drinking_basic, lake_limits, bounds
    )


# GB 3838-2002 Table 1 (地表水环境质量标准基本项目标准限值), mg/L unless stated, classes I..V.
# `assessed`: the 21 items of 环办〔2011〕22号 (Table 1 minus water temperature, TN, fecal
# coliform). `drinking_basic`: the 20 basic items of a drinking-water source (those 21 minus
# COD, which sources do not monitor).
_TABLE_1: Final = (
    # No. 1: only a man-made change limit (weekly-mean max rise <= 1 °C, fall <= 2 °C); no class.
    _item("temp", 1, "水温", "water temperature", _NAN5, unit="°C", direction="none",
          assessed=False, drinking_basic=False),
    # No. 2: 6–9 in every class; outside the range the item is 劣V.
    _item("ph", 2, "pH", "pH", _NAN5, unit="无量纲", direction="range", bounds=(6.0, 9.0)),
    # No. 3: DO is ">=": class I is 7.5 mg/L (or 90 % saturation; only the 7.5 form is used).
    _item("do", 3, "溶解氧", "dissolved oxygen", (7.5, 6.0, 5.0, 3.0, 2.0), direction=">="),
    _item("codmn", 4, "高锰酸盐指数", "permanganate index", (2.0, 4.0, 6.0, 10.0, 15.0)),
    _item("cod", 5, "化学需氧量", "chemical oxygen demand", (15.0, 15.0, 20.0, 30.0, 40.0),
          drinking_basic=False),
    _item("bod5", 6, "五日生化需氧量", "five-day biochemical oxygen demand",
          (3.0, 3.0, 4.0, 6.0, 10.0)),
    _item("nh3n", 7, "氨氮", "ammonia nitrogen", (0.15, 0.5, 1.0, 1.5, 2.0)),
    # No. 8: TP as P; the second row of the table applies to lakes and reservoirs.
    _item("tp", 8, "总磷", "total phosphorus", (0.02, 0.1, 0.2, 0.3, 0.4),
          lake_limits=(0.01, 0.025, 0.05, 0.1, 0.2)),
    # No. 9: TN (lakes and reservoirs, as N): a reference indicator, not in the class.
    _item("tn", 9, "总氮", "total nitrogen", (0.2, 0.5, 1.0, 1.5, 2.0),
          assessed=False, drinking_basic=False),
    _item("cu", 10, "铜", "copper", (0.01, 1.0, 1.0, 1.0, 1.0)),
    _item("zn", 11, "锌", "zinc", (0.05, 1.0, 1.0, 2.0, 2.0)),
    _item("f", 12, "氟化物", "fluoride", (1.0, 1.0, 1.0, 1.5, 1.5)),
    _item("se", 13, "硒", "selenium", (0.01, 0.01, 0.01, 0.02, 0.02)),
    _item("as", 14, "砷", "arsenic", (0.05, 0.05, 0.05, 0.1, 0.1)),
    _item("hg", 15, "汞", "mercury", (0.00005, 0.00005, 0.0001, 0.001, 0.001)),
    _item("cd", 16, "镉", "cadmium", (0.001, 0.005, 0.005, 0.005, 0.01)),
    # The standard writes 铬(六价); 六价铬 reads better next to "(multiple)" in report text.
    _item("cr6", 17, "六价铬", "chromium (hexavalent)", (0.01, 0.05, 0.05, 0.05, 0.1)),
    _item("pb", 18, "铅", "lead", (0.01, 0.01, 0.05, 0.05, 0.1)),
    _item("cn", 19, "氰化物", "cyanide", (0.005, 0.05, 0.2, 0.2, 0.2)),
    _item("phenol", 20, "挥发酚", "volatile phenol", (0.002, 0.002, 0.005, 0.01, 0.1)),
    _item("petroleum", 21, "石油类", "petroleum", (0.05, 0.05, 0.05, 0.5, 1.0)),
    _item("las", 22, "阴离子表面活性剂", "anionic surfactant", (0.2, 0.2, 0.2, 0.3, 0.3)),
    _item("sulfide", 23, "硫化物", "sulfide", (0.05, 0.1, 0.2, 0.5, 1.0)),
    # No. 24: count per litre; reference indicator, not in the class.
    _item("fecal_coliform", 24, "粪大肠菌群", "fecal coliform",
          (200.0, 2000.0, 10000.0, 20000.0, 40000.0), unit="个/L", assessed=False,
          drinking_basic=False),
)  # fmt: skip

#: GB 3838-2002 Table 1, in table order, keyed by ecotarget item key.
ITEMS: Final[dict[str, WaterItem]] = {item.key: item for item in _TABLE_1}

#: The 21 class-assessment items (环办〔2011〕22号), Table 1 order. Also the CWQI items.
ASSESSED_ITEMS: Final = tuple(k for k, item in ITEMS.items() if item.assessed)

#: The 20 basic items a drinking-water source is classed on (the 21 minus COD).
DRINKING_BASIC_ITEMS: Final = tuple(k for k, item in ITEMS.items() if item.drinking_basic)

#: GB 3838-2002 Table 2 (集中式生活饮用水地表水源地补充项目标准限值), mg/L: key -> (zh, limit).
#: Sulfate as SO4²⁻, chloride as Cl⁻, nitrate as N.
SUPPLEMENTARY: Final[dict[str, tuple[str, float]]] = {
    "sulfate": ("硫酸盐", 250.0),
    "chloride": ("氯化物", 250.0),
    "nitrate": ("硝酸盐", 10.0),
    "fe": ("铁", 0.3),
    "mn": ("锰", 0.1),
}

# Header names seen in exports (glossary, water section) plus common English forms and
# abbreviations. Brackets holding units are stripped before lookup elsewhere; brackets that
# qualify the item (以P计, 六价) are listed in both ASCII and full-width form.
_NAME_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "temp": ("水温", "温度", "water temperature", "temperature", "WT"),
    "ph": ("pH", "pH值", "PH值"),
    "do": ("溶解氧", "DO", "dissolved oxygen"),
    "codmn": ("高锰酸盐指数", "高锰酸钾指数", "CODMn", "COD_Mn", "COD-Mn", "CODₘₙ", "IMn",
              "permanganate index"),
    "cod": ("化学需氧量", "COD", "CODCr", "COD_Cr", "COD-Cr", "chemical oxygen demand"),
    "bod5": ("五日生化需氧量", "生化需氧量", "BOD5", "BOD₅", "BOD",
             "five-day biochemical oxygen demand", "biochemical oxygen demand"),
    "nh3n": ("氨氮", "NH3-N", "NH3N", "NH3_N", "NH₃-N", "NH4-N", "ammonia nitrogen",
             "ammonia"),
    "tp": ("总磷", "总磷(以P计)", "总磷（以P计）", "TP", "total phosphorus"),
    "tn": ("总氮", "总氮(以N计)", "总氮（以N计）", "总氮(湖、库,以N计)", "总氮（湖、库，以N计）",
           "TN", "total nitrogen"),
    "cu": ("铜", "Cu", "copper"),
    "zn": ("锌", "Zn", "zinc"),
    "f": ("氟化物", "氟化物(以F-计)", "氟化物（以F-计）", "氟化物(以F⁻计)", "F", "F-", "F⁻",
          "fluoride"),
    "se": ("硒", "Se", "selenium"),
    "as": ("砷", "As", "arsenic"),
    "hg": ("汞", "Hg", "mercury"),
    "cd": ("镉", "Cd", "cadmium"),
    # Bare 铬 is what "铬(六价)" becomes once a header matcher strips every bracket; total
    # chromium is not a GB 3838 item, so the mapping is safe for surface-water exports.
    "cr6": ("铬(六价)", "铬（六价）", "六价铬", "铬", "Cr6+", "Cr(VI)", "Cr6", "CrVI", "Cr⁶⁺",
            "hexavalent chromium", "chromium (hexavalent)", "chromium(VI)"),
    "pb": ("铅", "Pb", "lead"),
    "cn": ("氰化物", "CN", "CN-", "CN⁻", "cyanide"),
    "phenol": ("挥发酚", "挥发性酚", "挥发性酚类", "volatile phenol", "volatile phenols",
               "phenol", "phenols"),
    "petroleum": ("石油类", "petroleum", "petroleum oil", "oils"),
    "las": ("阴离子表面活性剂", "LAS", "anionic surfactant", "anionic surfactants"),
    "sulfide": ("硫化物", "S2-", "S²⁻", "sulfide", "sulphide"),
    "fecal_coliform": ("粪大肠菌群", "粪大肠杆菌", "fecal coliform", "fecal coliforms",
                       "faecal coliform", "faecal coliforms", "FC"),
    "sulfate": ("硫酸盐", "硫酸盐(以SO42-计)", "SO4", "SO42-", "SO4²⁻", "sulfate", "sulphate"),
    "chloride": ("氯化物", "氯化物(以Cl-计)", "Cl", "Cl-", "Cl⁻", "chloride"),
    "nitrate": ("硝酸盐", "硝酸盐氮", "硝酸盐(以N计)", "硝酸盐（以N计）", "NO3-N", "NO3", "NO₃-N",
                "nitrate", "nitrate nitrogen"),
    "fe": ("铁", "Fe", "iron"),
    "mn": ("锰", "Mn", "manganese"),
}  # fmt: skip


def _build_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for key, variants in _NAME_VARIANTS.items():
        for name in (key, *variants):
            names[name] = key
    # Lower-case twins so a case-folding matcher finds "do", "codmn", "nh3-n" …
    for name, key in list(names.items()):
        names.setdefault(name.lower(), key)
    return names


#: Every header spelling seen for a water item -> ecotarget item key (Table 1 and Table 2).
ZH_ITEM_NAMES: Final[dict[str, str]] = _build_names()

# ---------------------------------------------------------------------------
# Measurements below the detection limit
# ---------------------------------------------------------------------------

_SUBSTITUTION_FACTOR: Final = {"half": 0.5, "zero": 0.0, "dl": 1.0}


def substitute_below_dl(
    parsed: pd.DataFrame, rule: Literal["half", "zero", "dl"] = "half"
) -> pd.Series:
    """The number to use in means for each parsed measurement.

    ``parsed`` has the columns ``value`` (NaN where below the DL), ``below_dl`` and ``dl``
    (NaN where the cell states no DL): validation reads export text into this form.

    Below-DL results become DL/2 (``"half"``, the common practice), 0 (``"zero"``) or the DL
    itself (``"dl"``). The rule is UNCONFIRMED in the reference (环办〔2011〕22号 is silent),
    hence configurable. ``ND``/``未检出`` without a stated DL become **0 under every rule**:
    there is no DL to halve, and 0 is the only value that does not invent a concentration.
    Measured values pass through; missing and invalid stay NaN.

    >>> nan = float("nan")  # "<0.01", "0.02L", "ND", "0.5", "" as parsed
    >>> p = pd.DataFrame({"value": [nan, nan, nan, 0.5, nan],
    ...                   "below_dl": [True, True, True, False, False],
    ...                   "dl": [0.01, 0.02, nan, nan, nan]})
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


# ---------------------------------------------------------------------------
# Per-item class and exceedance multiple
# ---------------------------------------------------------------------------


def _as_float_array(values: npt.ArrayLike | pd.Series) -> FloatArray:
    if isinstance(values, pd.Series | pd.Index):
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    return np.asarray(values, dtype=np.float64)


def _as_bool_array(lake: LakeFlag) -> BoolArray:
    if isinstance(lake, pd.Series | pd.Index):
        if not (
            pd.api.types.is_bool_dtype(lake.dtype) or pd.api.types.infer_dtype(lake) == "boolean"
        ):
            raise ValueError(f"lake flags must be booleans, got dtype {lake.dtype}")
        return lake.to_numpy(dtype=bool, na_value=False)
    arr = np.asarray(lake)
    if arr.dtype != np.bool_:
        raise ValueError(f"lake flags must be booleans, got dtype {arr.dtype}")
    return arr


def _classed_item(key: str) -> WaterItem:
    item = ITEMS.get(key)
    if item is None:
        raise ValueError(f"unknown GB 3838 Table 1 item: {key!r}")
    if item.direction == "none":
        raise ValueError(f"{key!r} ({item.zh}) has no class limits in GB 3838-2002")
    return item


def _limit_matrix(item: WaterItem, lake: LakeFlag, shape: tuple[int, ...]) -> FloatArray:
    """Limits broadcast to ``shape + (5,)``, choosing the lake row of TP where ``lake``."""
    lake_arr = np.broadcast_to(_as_bool_array(lake), shape)
    river = np.asarray(item.limits, dtype=np.float64)
    if item.lake_limits is None or not lake_arr.any():
        return np.broadcast_to(river, (*shape, 5))
    lake_row = np.asarray(item.lake_limits, dtype=np.float64)
    return np.where(lake_arr[..., None], lake_row, river)


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
    item = _classed_item(key)
    v = _as_float_array(values)
    if item.direction == "range":
        assert item.bounds is not None
        low, high = item.bounds
        inside = (v >= low * (1 - REL_TOL)) & (v <= high * (1 + REL_TOL))
        classes = np.where(inside, 1.0, 6.0)
    else:
        limits = _limit_matrix(item, lake, v.shape)
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
    v = _as_float_array(values)
    if key in SUPPLEMENTARY:
        limit = SUPPLEMENTARY[key][1]
        return ((v - limit) / limit).astype(np.float64)
    item = ITEMS.get(key)
    if item is None:
        raise ValueError(f"unknown GB 3838 item: {key!r}")
    if item.direction != "<=":
        return np.full(v.shape, np.nan)
    class3 = _limit_matrix(item, lake, v.shape)[..., 2]
    return ((v - class3) / class3).astype(np.float64)


# ---------------------------------------------------------------------------
# Frame helpers
# ---------------------------------------------------------------------------


def _check_items(items: Sequence[str]) -> tuple[str, ...]:
    keys = tuple(items)
    if not keys:
        raise ValueError("items must not be empty")
    for key in keys:
        _classed_item(key)
    return keys


def _lake_vector(lake: LakeFlag, index: pd.Index) -> BoolArray:
    """Per-row lake flags: a scalar, a Series aligned by index, or an array by position."""
    if isinstance(lake, bool | np.bool_):
        return np.full(len(index), bool(lake))
    if isinstance(lake, pd.Series):
        aligned = lake if lake.index.equals(index) else lake.reindex(index)
        if aligned.isna().any():
            raise ValueError("lake flag missing for some rows")
        return _as_bool_array(aligned)
    arr = _as_bool_array(lake)
    if arr.shape != (len(index),):
        raise ValueError(f"lake flags have shape {arr.shape}, expected ({len(index)},)")
    return arr


def _column(frame: pd.DataFrame, key: str) -> FloatArray:
    """Column ``key`` as floats; all-NaN when absent (not measured)."""
    if key not in frame.columns:
        return np.full(len(frame), np.nan)
    col = frame[key]
    if isinstance(col, pd.DataFrame):
        raise ValueError(f"duplicate column {key!r}")
    try:
        return pd.to_numeric(col).to_numpy(dtype=np.float64, na_value=np.nan)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"column {key!r} is not numeric: {exc}") from exc


def _int64(values: FloatArray) -> pd.api.extensions.ExtensionArray:
    """Integral floats (NaN = missing) as a nullable Int64 array."""
    return pd.Series(values, dtype=np.float64).astype("Int64").array


def _object_array(values: Sequence[object]) -> npt.NDArray[np.object_]:
    """1-d object array; np.array() would turn a list of lists into a 2-d array."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


# ---------------------------------------------------------------------------
# Section assessment (环办〔2011〕22号)
# ---------------------------------------------------------------------------

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
    keys = _check_items(items)
    index = means.index
    lake_rows = _lake_vector(lake, index)
    n, k = len(index), len(keys)

    cls = np.empty((n, k))
    mult = np.empty((n, k))
    for j, key in enumerate(keys):
        conc = _column(means, key)
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
        "class": _int64(section),
        "class_name": _object_array(
            [None if np.isnan(c) else CLASS_NAMES[int(c) - 1] for c in section]
        ),
        "worst_items": _object_array(worst_items),
        "main_pollutants": _object_array(main),
        "main_pollutants_text": _object_array([_pollutant_text(p) for p in main]),
    }
    for j, key in enumerate(keys):
        columns[f"class_{key}"] = _int64(cls[:, j])
    return pd.DataFrame(columns, index=index.copy())


#: Qualitative status per class (环办〔2011〕22号): I–II 优, III 良好, IV 轻度污染 …
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


# ---------------------------------------------------------------------------
# CWQI (环办监测〔2017〕51号)
# ---------------------------------------------------------------------------

_CWQI_DO_STANDARD: Final = 5.0  # class III DO, used inverted: Cs/C


def _cwqi_item(key: str, conc: FloatArray, lake_rows: BoolArray) -> FloatArray:
    item = _classed_item(key)
    if key == "ph":
        # (7 − pH)/(7 − 6) at or below neutral, (pH − 7)/(9 − 7) above it.
        return np.where(conc <= 7.0, (7.0 - conc) / 1.0, (conc - 7.0) / 2.0)
    if key == "do":
        with np.errstate(divide="ignore"):  # DO 0 -> inf: the index is unbounded there
            return _CWQI_DO_STANDARD / conc
    class3 = _limit_matrix(item, lake_rows, conc.shape)[..., 2]
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
    keys = _check_items(items)
    index = means.index
    lake_rows = _lake_vector(lake, index)
    indices = {f"cwqi_{key}": _cwqi_item(key, _column(means, key), lake_rows) for key in keys}
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


# ---------------------------------------------------------------------------
# Drinking-water sources
# ---------------------------------------------------------------------------


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
    lake_rows = _lake_vector(lake, index)
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
        conc = _column(samples, key)
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
            class3 = _limit_matrix(item, lake_rows, conc.shape)[..., 2]
            for lim in np.unique(class3):
                record(key, item.zh, item.unit, conc, fails & (class3 == lim), _fmt(lim))

    for key, (zh, limit_value) in SUPPLEMENTARY.items():
        conc = _column(samples, key)
        present += ~np.isnan(conc)
        fails = conc > limit_value * (1 + REL_TOL)
        record(key, zh, "mg/L", conc, fails, _fmt(limit_value))

    basic_class = assess(samples, lake=lake_rows, items=DRINKING_BASIC_ITEMS)["class"]
    columns: dict[str, object] = {
        "passes": np.array([not f for f in failing], dtype=bool),
        "failing_items": _object_array(failing),
        "failing_text": _object_array([",".join(t) for t in texts]),
        "class": basic_class.array,
        "n_items": present,
    }
    return pd.DataFrame(columns, index=index.copy())
