"""GB 3838-2002 Table 1 and Table 2 as data, and the limit lookups built on them.

Float equality at limits: an annual mean of 0.1 and 0.3 is 0.2000000000000000111, which must
still meet the 0.2 limit. Every limit comparison therefore allows a relative tolerance of
1e-9 (:data:`REL_TOL`), far above float noise and far below any reported precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from ecotarget.standards.water.arrays import FloatArray, LakeFlag, as_bool_array

Direction = Literal["<=", ">=", "range", "none"]
Limits5 = tuple[float, float, float, float, float]

#: Relative tolerance for "value meets limit" (see module docstring).
REL_TOL: Final = 1e-9

_NAN5: Final[Limits5] = (np.nan, np.nan, np.nan, np.nan, np.nan)


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


def classed_item(key: str) -> WaterItem:
    """The Table 1 item ``key``; ValueError when unknown or without class limits."""
    item = ITEMS.get(key)
    if item is None:
        raise ValueError(f"unknown GB 3838 Table 1 item: {key!r}")
    if item.direction == "none":
        raise ValueError(f"{key!r} ({item.zh}) has no class limits in GB 3838-2002")
    return item


def limit_matrix(item: WaterItem, lake: LakeFlag, shape: tuple[int, ...]) -> FloatArray:
    """Limits broadcast to ``shape + (5,)``, choosing the lake row of TP where ``lake``."""
    lake_arr = np.broadcast_to(as_bool_array(lake), shape)
    river = np.asarray(item.limits, dtype=np.float64)
    if item.lake_limits is None or not lake_arr.any():
        return np.broadcast_to(river, (*shape, 5))
    lake_row = np.asarray(item.lake_limits, dtype=np.float64)
    return np.where(lake_arr[..., None], lake_row, river)


def checked_items(items: Sequence[str]) -> tuple[str, ...]:
    """``items`` as a tuple, each a classed Table 1 item; ValueError when empty or unknown."""
    keys = tuple(items)
    if not keys:
        raise ValueError("items must not be empty")
    for key in keys:
        classed_item(key)
    return keys

