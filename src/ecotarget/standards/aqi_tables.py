"""HJ 633 as data: IAQI breakpoint tables of both editions, pollutant names, AQI categories.

HJ 633-2012 Table 1 and HJ 633-2026 Table 3 differ only in the PM2.5 and PM10 columns;
the six categories (Table 2) and their Appendix A colours are the same in both editions.
The rules that read these tables are in :mod:`ecotarget.standards.aqi`; the tables are
written out in ``docs/standards.md`` §1.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, get_args

Edition = Literal["2012", "2026"]
EDITIONS: tuple[Edition, ...] = get_args(Edition)

#: First day on which HJ 633-2026 (and GB 3095-2026, HJ 663-2026) apply (MEE notice of 2026-02-24).
EDITION_2026_FROM = datetime.date(2026, 3, 1)

#: IAQI levels heading the breakpoint columns (HJ 633-2012 Table 1 / HJ 633-2026 Table 3).
IAQI_LEVELS: tuple[int, ...] = (0, 50, 100, 150, 200, 300, 400, 500)

# HJ 633-2012 Table 1. One row per indicator, one cell per
# IAQI level above; None where the column stops (Table 1 notes 2 and 3).
# Units: µg/m3, except CO in mg/m3.
_HJ633_2012: dict[str, tuple[float | None, ...]] = {
    "so2_24h": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    "so2_1h": (0, 150, 500, 650, 800, None, None, None),  # note 2: stops at IAQI 200
    "no2_24h": (0, 40, 80, 180, 280, 565, 750, 940),
    "no2_1h": (0, 100, 200, 700, 1200, 2340, 3090, 3840),
    "pm10_24h": (0, 50, 150, 250, 350, 420, 500, 600),
    "co_24h": (0, 2, 4, 14, 24, 36, 48, 60),
    "co_1h": (0, 5, 10, 35, 60, 90, 120, 150),
    "o3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    "o3_8h": (0, 100, 160, 215, 265, 800, None, None),  # note 3: stops at IAQI 300
    "pm25_24h": (0, 35, 75, 115, 150, 250, 350, 500),
}

# HJ 633-2026 Table 3: only the PM10 and PM2.5 IAQI-100
# breakpoints move (PM10 150 -> 120, PM2.5 75 -> 60); every other column is unchanged.
_HJ633_2026: dict[str, tuple[float | None, ...]] = {
    **_HJ633_2012,
    "pm10_24h": (0, 50, 120, 250, 350, 420, 500, 600),
    "pm25_24h": (0, 35, 60, 115, 150, 250, 350, 500),
}

#: Breakpoint tables by edition, then by indicator key (``"pm25_24h"``, ``"o3_8h"``, ...).
BREAKPOINTS: Mapping[Edition, Mapping[str, tuple[float | None, ...]]] = MappingProxyType(
    {
        "2012": MappingProxyType(_HJ633_2012),
        "2026": MappingProxyType(_HJ633_2026),
    }
)

#: Display names in the fixed reporting order used for primary/over-standard pollutants.
POLLUTANT_NAMES: tuple[str, ...] = ("PM2.5", "PM10", "SO2", "NO2", "CO", "O3")


@dataclass(frozen=True)
class AqiCategory:
    """One AQI category of HJ 633 Table 2 with its Appendix A colour."""

    level: int
    roman: str
    aqi_min: int
    aqi_max: int | None  # None: open-ended (level VI, AQI > 300)
    zh: str
    en: str  # common usage; the standard gives no English names
    colour_zh: str
    rgb: tuple[int, int, int]
    hex: str
    good_day: bool  # 优良天: AQI <= 100 (HJ 633 Table 2 levels I-II)


#: The six categories, unchanged between editions (HJ 633 Table 2, Appendix A).
CATEGORIES: tuple[AqiCategory, ...] = (
    AqiCategory(1, "I", 0, 50, "优", "Excellent", "绿色", (0, 228, 0), "#00E400", True),
    AqiCategory(2, "II", 51, 100, "良", "Good", "黄色", (255, 255, 0), "#FFFF00", True),
    AqiCategory(
        3, "III", 101, 150, "轻度污染", "Lightly polluted", "橙色", (255, 126, 0), "#FF7E00", False
    ),
    AqiCategory(
        4, "IV", 151, 200, "中度污染", "Moderately polluted", "红色", (255, 0, 0), "#FF0000", False
    ),
    AqiCategory(
        5, "V", 201, 300, "重度污染", "Heavily polluted", "紫色", (153, 0, 76), "#99004C", False
    ),
    AqiCategory(
        6,
        "VI",
        301,
        None,
        "严重污染",
        "Severely polluted",
        "褐红色",
        (126, 0, 35),
        "#7E0023",
        False,
    ),
)
