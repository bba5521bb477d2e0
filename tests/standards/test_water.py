"""Tests for the GB 3838-2002 water engine (ecotarget.standards.water).

Expected numbers are derived by hand from GB 3838-2002 Table 1/Table 2, 环办〔2011〕22号
and 环办监测〔2017〕51号; the tables below are an independent transcription, so a typo in
the module's data fails a test rather than being copied into the expectation.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotarget.standards import water
from ecotarget.standards.water import (
    ASSESSED_ITEMS,
    CLASS_NAMES,
    DRINKING_BASIC_ITEMS,
    ITEMS,
    SUPPLEMENTARY,
    ZH_ITEM_NAMES,
    assess,
    class_name,
    cwqi,
    cwqi_change,
    cwqi_detail,
    drinking_compliance,
    exceedance_multiple,
    item_class,
    parse_class,
    section_colour,
    section_status,
    substitute_below_dl,
)
from ecotarget.validate import parse_measurement

# ---------------------------------------------------------------------------
# Tables and item sets
# ---------------------------------------------------------------------------

# GB 3838-2002 Table 1, "<=" items: limits I..V, then the class of a value exactly AT each
# limit (the lowest class whose limit equals it: equal limits give the better class), then
# the class just ABOVE each limit (the first class with a strictly larger limit, else 劣V=6).
BOUNDARIES: dict[str, tuple[tuple[float, ...], tuple[int, ...], tuple[int, ...]]] = {
    "codmn": ((2, 4, 6, 10, 15), (1, 2, 3, 4, 5), (2, 3, 4, 5, 6)),
    "cod": ((15, 15, 20, 30, 40), (1, 1, 3, 4, 5), (3, 3, 4, 5, 6)),
    "bod5": ((3, 3, 4, 6, 10), (1, 1, 3, 4, 5), (3, 3, 4, 5, 6)),
    "nh3n": ((0.15, 0.5, 1.0, 1.5, 2.0), (1, 2, 3, 4, 5), (2, 3, 4, 5, 6)),
    "tp": ((0.02, 0.1, 0.2, 0.3, 0.4), (1, 2, 3, 4, 5), (2, 3, 4, 5, 6)),
    "cu": ((0.01, 1.0, 1.0, 1.0, 1.0), (1, 2, 2, 2, 2), (2, 6, 6, 6, 6)),
    "zn": ((0.05, 1.0, 1.0, 2.0, 2.0), (1, 2, 2, 4, 4), (2, 4, 4, 6, 6)),
    "f": ((1.0, 1.0, 1.0, 1.5, 1.5), (1, 1, 1, 4, 4), (4, 4, 4, 6, 6)),
    "se": ((0.01, 0.01, 0.01, 0.02, 0.02), (1, 1, 1, 4, 4), (4, 4, 4, 6, 6)),
    "as": ((0.05, 0.05, 0.05, 0.1, 0.1), (1, 1, 1, 4, 4), (4, 4, 4, 6, 6)),
    "hg": ((0.00005, 0.00005, 0.0001, 0.001, 0.001), (1, 1, 3, 4, 4), (3, 3, 4, 6, 6)),
    "cd": ((0.001, 0.005, 0.005, 0.005, 0.01), (1, 2, 2, 2, 5), (2, 5, 5, 5, 6)),
    "cr6": ((0.01, 0.05, 0.05, 0.05, 0.1), (1, 2, 2, 2, 5), (2, 5, 5, 5, 6)),
    "pb": ((0.01, 0.01, 0.05, 0.05, 0.1), (1, 1, 3, 3, 5), (3, 3, 5, 5, 6)),
    "cn": ((0.005, 0.05, 0.2, 0.2, 0.2), (1, 2, 3, 3, 3), (2, 3, 6, 6, 6)),
    "phenol": ((0.002, 0.002, 0.005, 0.01, 0.1), (1, 1, 3, 4, 5), (3, 3, 4, 5, 6)),
    "petroleum": ((0.05, 0.05, 0.05, 0.5, 1.0), (1, 1, 1, 4, 5), (4, 4, 4, 5, 6)),
    "las": ((0.2, 0.2, 0.2, 0.3, 0.3), (1, 1, 1, 4, 4), (4, 4, 4, 6, 6)),
    "sulfide": ((0.05, 0.1, 0.2, 0.5, 1.0), (1, 2, 3, 4, 5), (2, 3, 4, 5, 6)),
    # Not assessed but classed when asked (reference indicators).
    "tn": ((0.2, 0.5, 1.0, 1.5, 2.0), (1, 2, 3, 4, 5), (2, 3, 4, 5, 6)),
    "fecal_coliform": ((200, 2000, 10000, 20000, 40000), (1, 2, 3, 4, 5), (2, 3, 4, 5, 6)),
}
LAKE_TP = (0.01, 0.025, 0.05, 0.1, 0.2)
DO_LIMITS = (7.5, 6.0, 5.0, 3.0, 2.0)
# Far outside the 1e-9 tolerance, far inside any reported precision.
STEP = 1e-6


def test_table_sizes_and_item_sets() -> None:
    assert len(ITEMS) == 24
    assert [item.no for item in ITEMS.values()] == list(range(1, 25))
    # 21 = 24 minus water temperature, TN, fecal coliform (环办〔2011〕22号).
    assert set(ASSESSED_ITEMS) == set(ITEMS) - {"temp", "tn", "fecal_coliform"}
    assert len(ASSESSED_ITEMS) == 21
    # 20 = the 21 minus COD (drinking-water sources do not monitor COD).
    assert set(DRINKING_BASIC_ITEMS) == set(ASSESSED_ITEMS) - {"cod"}
    assert len(DRINKING_BASIC_ITEMS) == 20
    assert SUPPLEMENTARY == {
        "sulfate": ("硫酸盐", 250.0),
        "chloride": ("氯化物", 250.0),
        "nitrate": ("硝酸盐", 10.0),
        "fe": ("铁", 0.3),
        "mn": ("锰", 0.1),
    }


def test_item_records() -> None:
    assert ITEMS["tp"].lake_limits == LAKE_TP
    assert ITEMS["tp"].limits_for(lake=True) == LAKE_TP
    assert ITEMS["nh3n"].limits_for(lake=True) == (0.15, 0.5, 1.0, 1.5, 2.0)
    assert all(item.lake_limits is None for key, item in ITEMS.items() if key != "tp")
    assert ITEMS["do"].direction == ">=" and ITEMS["do"].limits == DO_LIMITS
    assert ITEMS["ph"].direction == "range" and ITEMS["ph"].bounds == (6.0, 9.0)
    assert ITEMS["temp"].direction == "none"
    assert ITEMS["fecal_coliform"].unit == "个/L"
    with pytest.raises(AttributeError):
        ITEMS["tp"].zh = "x"  # type: ignore[misc]


def test_limit_tables_match_transcription() -> None:
    for key, (limits, _, _) in BOUNDARIES.items():
        assert ITEMS[key].limits == tuple(float(x) for x in limits), key
        assert ITEMS[key].direction == "<="


def test_zh_item_names() -> None:
    expected = {
        "溶解氧": "do",
        "高锰酸盐指数": "codmn",
        "化学需氧量": "cod",
        "五日生化需氧量": "bod5",
        "氨氮": "nh3n",
        "总磷": "tp",
        "总氮": "tn",
        "铜": "cu",
        "锌": "zn",
        "氟化物": "f",
        "硒": "se",
        "砷": "as",
        "汞": "hg",
        "镉": "cd",
        "铬(六价)": "cr6",
        "六价铬": "cr6",
        "铅": "pb",
        "氰化物": "cn",
        "挥发酚": "phenol",
        "石油类": "petroleum",
        "阴离子表面活性剂": "las",
        "硫化物": "sulfide",
        "粪大肠菌群": "fecal_coliform",
        "水温": "temp",
        "pH": "ph",
        "硫酸盐": "sulfate",
        "氯化物": "chloride",
        "硝酸盐": "nitrate",
        "硝酸盐氮": "nitrate",
        "硝酸盐(以N计)": "nitrate",
        "铁": "fe",
        "锰": "mn",
        "DO": "do",
        "CODMn": "codmn",
        "COD": "cod",
        "BOD5": "bod5",
        "NH3-N": "nh3n",
        "TP": "tp",
        "TN": "tn",
        "nh3-n": "nh3n",
    }
    for name, key in expected.items():
        assert ZH_ITEM_NAMES[name] == key, name
    valid = set(ITEMS) | set(SUPPLEMENTARY)
    assert set(ZH_ITEM_NAMES.values()) == valid
    # Every key names itself, and lower-case twins never point elsewhere.
    assert all(ZH_ITEM_NAMES[key] == key for key in valid)
    assert all(ZH_ITEM_NAMES[name.lower()] == key for name, key in ZH_ITEM_NAMES.items())


# ---------------------------------------------------------------------------
# Class names
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I", 1),
        ("II", 2),
        ("III", 3),
        ("IV", 4),
        ("V", 5),
        ("劣V", 6),
        ("Ⅰ", 1),  # U+2160 block
        ("Ⅱ", 2),
        ("Ⅲ", 3),
        ("Ⅳ", 4),
        ("Ⅴ", 5),
        ("劣Ⅴ", 6),
        ("ⅲ", 3),  # small Roman numeral U+2172
        ("iv", 4),
        ("3", 3),
        ("３", 3),  # full-width digit
        ("3.0", 3),
        ("IV类", 4),
        ("Ⅳ类", 4),
        ("劣Ⅴ类", 6),
        ("III类水质", 3),
        (" II ", 2),
        ("三类", 3),
        ("劣五类", 6),
        ("劣5", 6),
        ("6", 6),
        (3, 3),
        (np.int64(6), 6),
        (4.0, 4),
    ],
)
def test_parse_class(text: str | int | float, expected: int) -> None:
    assert parse_class(text) == expected


@pytest.mark.parametrize(
    "text", ["VI", "劣IV", "劣", "", "X", "0", "7", "III-IV", "II~III", "3.5", 3.5, True, 0]
)
def test_parse_class_rejects(text: str | int | float) -> None:
    with pytest.raises(ValueError):
        parse_class(text)


def test_class_name() -> None:
    assert CLASS_NAMES == ("I", "II", "III", "IV", "V", "劣V")
    assert [class_name(n) for n in range(1, 7)] == list(CLASS_NAMES)
    assert class_name(np.float64(5.0)) == "V"
    for bad in (0, 7, 2.5, math.nan):
        with pytest.raises(ValueError):
            class_name(bad)


def test_section_status_and_colour() -> None:
    # 环办〔2011〕22号: I–II 优 blue, III 良好 green, IV 轻度 yellow, V 中度 orange, 劣V 重度 red.
    assert [section_status(c) for c in range(1, 7)] == [
        "优",
        "优",
        "良好",
        "轻度污染",
        "中度污染",
        "重度污染",
    ]
    assert [section_colour(c) for c in range(1, 7)] == [
        "blue",
        "blue",
        "green",
        "yellow",
        "orange",
        "red",
    ]
    assert section_status("劣Ⅴ") == "重度污染"
    assert section_status(4.0) == "轻度污染"


# ---------------------------------------------------------------------------
# item_class
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(BOUNDARIES))
def test_le_item_boundaries(key: str) -> None:
    limits, at_limit, above_limit = BOUNDARIES[key]
    lim = np.array(limits, dtype=float)
    assert item_class(key, lim).tolist() == [float(c) for c in at_limit]
    assert item_class(key, lim * (1 + STEP)).tolist() == [float(c) for c in above_limit]
    # Just below the class I limit is still class I; far above V is 劣V.
    assert item_class(key, [lim[0] * (1 - STEP), lim[4] * 10]).tolist() == [1.0, 6.0]


def test_every_assessed_le_item_has_boundary_cases() -> None:
    le_items = {k for k in ASSESSED_ITEMS if ITEMS[k].direction == "<="}
    assert le_items <= set(BOUNDARIES)


def test_do_boundaries() -> None:
    # DO is ">=": 7.5 -> I, 6 -> II, 5 -> III, 3 -> IV, 2 -> V; a hair below each -> next.
    at = np.array(DO_LIMITS)
    assert item_class("do", at).tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert item_class("do", at * (1 - STEP)).tolist() == [2.0, 3.0, 4.0, 5.0, 6.0]
    assert item_class("do", [7.5, 7.49, 1.9, 12.0]).tolist() == [1.0, 2.0, 6.0, 1.0]


def test_ph_range() -> None:
    assert item_class("ph", [6, 9, 7.0, 5.9, 9.1]).tolist() == [1.0, 1.0, 1.0, 6.0, 6.0]


def test_lake_tp_versus_river_tp() -> None:
    # 0.05: river 0.02 < 0.05 <= 0.1 -> II; lake 0.025 < 0.05 <= 0.05 -> III.
    assert item_class("tp", [0.05]).tolist() == [2.0]
    assert item_class("tp", [0.05], lake=True).tolist() == [3.0]
    # 0.03: lake 0.025 < 0.03 <= 0.05 -> III; river 0.02 < 0.03 <= 0.1 -> II.
    assert item_class("tp", [0.03], lake=True).tolist() == [3.0]
    assert item_class("tp", [0.03]).tolist() == [2.0]
    lake = np.array(LAKE_TP)
    assert item_class("tp", lake, lake=True).tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert item_class("tp", lake * (1 + STEP), lake=True).tolist() == [2.0, 3.0, 4.0, 5.0, 6.0]
    # Per-value flags, aligned positionally.
    assert item_class("tp", [0.05, 0.05, 0.25], lake=[True, False, True]).tolist() == [3, 2, 6]
    # lake is irrelevant for other items.
    assert item_class("nh3n", [0.5], lake=True).tolist() == [2.0]


def test_equal_limits_give_the_better_class() -> None:
    assert item_class("cod", [15.0]).tolist() == [1.0]  # I and II both 15
    assert item_class("cu", [1.0]).tolist() == [2.0]  # II..V all 1.0
    assert item_class("bod5", [3.0]).tolist() == [1.0]  # I and II both 3


def test_float_noise_at_limits_meets_the_class() -> None:
    # 0.1 + 0.2 = 0.30000000000000004 in binary: still meets TP class IV (0.3), not V.
    assert item_class("tp", [0.1 + 0.2]).tolist() == [4.0]
    # A mean stored as 0.2000000001 (relative 5e-10 < 1e-9) meets class III.
    assert item_class("tp", [0.2000000001]).tolist() == [3.0]
    # 0.2000001 (relative 5e-7) is a real exceedance -> IV.
    assert item_class("tp", [0.2000001]).tolist() == [4.0]
    # DO 4.9999999999 (relative 2e-11 below 5) meets III.
    assert item_class("do", [4.9999999999]).tolist() == [3.0]


def test_item_class_nan_shapes_and_inputs() -> None:
    out = item_class("nh3n", pd.Series([0.1, None, 2.5], dtype="Float64"))
    assert np.isnan(out[1]) and out[[0, 2]].tolist() == [1.0, 6.0]
    assert out.dtype == np.float64
    assert float(item_class("nh3n", 0.6)) == 3.0
    assert item_class("ph", [np.nan]).tolist()[0] != item_class("ph", [np.nan]).tolist()[0]
    assert item_class("nh3n", [[0.1, 1.2], [1.8, 9.0]]).tolist() == [[1, 4], [5, 6]]


def test_item_class_rejects() -> None:
    with pytest.raises(ValueError, match="unknown"):
        item_class("xyz", [1.0])
    with pytest.raises(ValueError, match="no class"):
        item_class("temp", [20.0])
    with pytest.raises(ValueError):
        item_class("sulfate", [10.0])  # Table 2 has a single limit, no classes
    with pytest.raises(ValueError, match="boolean"):
        item_class("tp", [0.1], lake=["湖库"])


@settings(max_examples=150, deadline=None, database=None)
@given(
    key=st.sampled_from(sorted(BOUNDARIES)),
    fractions=st.lists(st.floats(0, 3, allow_nan=False), min_size=2, max_size=30),
    lake=st.booleans(),
)
def test_class_is_monotone_in_concentration(key: str, fractions: list[float], lake: bool) -> None:
    # Spread values over 0 .. 3 × the class V limit, sorted ascending: classes never fall.
    values = np.sort(np.array(fractions) * ITEMS[key].limits_for(lake=lake)[4])
    classes = item_class(key, values, lake=lake)
    assert np.all(np.diff(classes) >= 0)
    assert set(classes.tolist()) <= {1.0, 2.0, 3.0, 4.0, 5.0, 6.0}


@settings(max_examples=100, deadline=None, database=None)
@given(values=st.lists(st.floats(0, 20, allow_nan=False), min_size=2, max_size=30))
def test_do_class_is_monotone_non_increasing(values: list[float]) -> None:
    classes = item_class("do", np.sort(np.array(values)))
    assert np.all(np.diff(classes) <= 0)


# ---------------------------------------------------------------------------
# Exceedance multiple
# ---------------------------------------------------------------------------


def test_exceedance_multiple() -> None:
    # (C − C_III)/C_III: NH3-N 1.5 -> (1.5−1)/1 = 0.5; 3.0 -> 2.0; 0.5 -> −0.5 (kept raw).
    assert exceedance_multiple("nh3n", [1.5, 3.0, 0.5]).tolist() == [0.5, 2.0, -0.5]
    # COD 35 -> (35−20)/20 = 0.75.
    assert exceedance_multiple("cod", [35.0]).tolist() == [0.75]
    # Lake TP uses 0.05: 0.1 -> (0.1−0.05)/0.05 = 1; river: (0.1−0.2)/0.2 = −0.5.
    assert exceedance_multiple("tp", [0.1], lake=True).tolist() == pytest.approx([1.0])
    assert exceedance_multiple("tp", [0.1]).tolist() == pytest.approx([-0.5])
    # Table 2: Mn 0.15 vs 0.1 -> 0.5.
    assert exceedance_multiple("mn", [0.15]).tolist() == pytest.approx([0.5])
    for key in ("ph", "do", "temp"):
        assert np.isnan(exceedance_multiple(key, [5.0])).all()
    assert np.isnan(exceedance_multiple("nh3n", [np.nan])).all()
    with pytest.raises(ValueError):
        exceedance_multiple("xyz", [1.0])


# ---------------------------------------------------------------------------
# assess
# ---------------------------------------------------------------------------


def test_assess_class_columns_and_input_untouched() -> None:
    means = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "codmn": [3.0, 1.0, np.nan],  # II, I
            "nh3n": [0.8, 0.1, np.nan],  # III, I
            "tp": [0.15, 0.01, np.nan],  # III, I
            "do": [8.0, 5.5, np.nan],  # I, III
            "temp": [25.0, 10.0, 30.0],  # not assessed
            "fecal_coliform": [50000.0, 1.0, 1.0],  # not assessed
        },
        index=pd.Index(["s1", "s2", "s3"], name="section"),
    )
    before = means.copy()
    out = assess(means)
    pd.testing.assert_frame_equal(means, before)
    assert out.index.equals(means.index)
    assert out["class"].dtype == "Int64"
    assert out["class"].tolist()[:2] == [3, 3]
    assert out["class"].isna().tolist() == [False, False, True]  # s3: nothing assessed
    assert out.loc["s1", "class_name"] == "III" and pd.isna(out.loc["s3", "class_name"])
    assert out.loc["s1", "worst_items"] == ["nh3n", "tp"]
    assert out.loc["s2", "worst_items"] == ["do"]
    assert out.loc["s3", "worst_items"] == []
    # class <= III: no main pollutants.
    assert out["main_pollutants"].tolist() == [[], [], []]
    assert out["main_pollutants_text"].tolist() == ["", "", ""]
    assert [c for c in out.columns if c.startswith("class_") and c != "class_name"] == [
        f"class_{k}" for k in ASSESSED_ITEMS
    ]
    assert out.loc["s1", "class_codmn"] == 2 and pd.isna(out.loc["s1", "class_ph"])
    assert "class_temp" not in out.columns


def test_assess_lake_flags() -> None:
    means = pd.DataFrame({"tp": [0.05, 0.05]}, index=["lake", "river"])
    flags = pd.Series([False, True], index=["river", "lake"])  # aligned by label
    assert assess(means, lake=flags)["class"].tolist() == [3, 2]
    assert assess(means, lake=True)["class"].tolist() == [3, 3]
    assert assess(means, lake=np.array([True, False]))["class"].tolist() == [3, 2]
    with pytest.raises(ValueError):
        assess(means, lake=pd.Series([True], index=["lake"]))  # "river" has no flag


def test_main_pollutants_worst_class_first_then_multiple() -> None:
    # Cu 1.05: 劣V (> 1.0), multiple (1.05−1)/1 = 0.05.
    # CODMn 12: V (10 < 12 <= 15), multiple (12−6)/6 = 1.00.
    # COD 35: V (30 < 35 <= 40), multiple (35−20)/20 = 0.75.
    # BOD5 7: V (6 < 7 <= 10), multiple (7−4)/4 = 0.75 (ties COD; Table 1 order: COD first).
    # NH3-N 1.2: IV, multiple 0.2 -> beyond the 3 reported.
    means = pd.DataFrame(
        {"cu": [1.05], "codmn": [12.0], "cod": [35.0], "bod5": [7.0], "nh3n": [1.2]}
    )
    out = assess(means)
    assert out["class"].tolist() == [6]
    main = out.loc[0, "main_pollutants"]
    assert [(k, c) for k, c, _ in main] == [("cu", 6), ("codmn", 5), ("cod", 5)]
    assert [m for _, _, m in main] == pytest.approx([0.05, 1.0, 0.75])
    assert out.loc[0, "main_pollutants_text"] == "铜(0.05),高锰酸盐指数(1.00),化学需氧量(0.75)"
    assert out.loc[0, "worst_items"] == ["cu"]


def test_main_pollutants_do_and_ph_rank_after_multiples() -> None:
    # TP 0.5 river: 劣V, (0.5−0.2)/0.2 = 1.5. NH3-N 3.0: 劣V, (3−1)/1 = 2.0.
    # DO 1.5: 劣V, no multiple -> after both. CODMn 12: V -> dropped (three 劣V items).
    means = pd.DataFrame({"do": [1.5], "tp": [0.5], "nh3n": [3.0], "codmn": [12.0]})
    out = assess(means)
    main = out.loc[0, "main_pollutants"]
    assert [k for k, _, _ in main] == ["nh3n", "tp", "do"]
    assert math.isnan(main[2][2])
    assert out.loc[0, "main_pollutants_text"] == "氨氮(2.00),总磷(1.50),溶解氧"
    # pH 9.5 is also 劣V without a multiple; between pH and DO Table 1 order decides (pH is
    # No. 2, DO No. 3), so pH takes the third place.
    out = assess(means.assign(ph=[9.5]))
    assert out.loc[0, "main_pollutants_text"] == "氨氮(2.00),总磷(1.50),pH"


def test_main_pollutants_fewer_than_three_and_rounding() -> None:
    # NH3-N 1.125: IV, multiple (1.125−1)/1 = 0.125 -> GB/T 8170 half-even "0.12".
    # TP 0.233 river: IV, (0.233−0.2)/0.2 = decimal 0.165 (binary 0.1650000000000000078) -> half
    # to even "0.16"; float round() would say 0.17. TP has the larger multiple, so it leads.
    # pH 8 and CODMn 5 are within III: only two main pollutants.
    out = assess(pd.DataFrame({"nh3n": [1.125], "tp": [0.233], "ph": [8.0], "codmn": [5.0]}))
    assert out["class"].tolist() == [4]
    assert [k for k, _, _ in out.loc[0, "main_pollutants"]] == ["tp", "nh3n"]
    assert out.loc[0, "main_pollutants_text"] == "总磷(0.16),氨氮(0.12)"


def test_main_pollutants_only_ph_is_bad() -> None:
    out = assess(pd.DataFrame({"ph": [5.5], "nh3n": [0.1]}))
    assert out.loc[0, "class_name"] == "劣V"
    assert out.loc[0, "main_pollutants_text"] == "pH"


def test_assess_empty_and_custom_items() -> None:
    empty = assess(pd.DataFrame({"tp": pd.Series([], dtype=float)}))
    assert len(empty) == 0 and "main_pollutants" in empty.columns
    out = assess(pd.DataFrame({"tp": [0.3], "tn": [1.8]}), items=("tp", "tn"))
    assert out["class"].tolist() == [5]  # TN 1.5 < 1.8 <= 2.0 -> V
    with pytest.raises(ValueError):
        assess(pd.DataFrame({"temp": [1.0]}), items=("temp",))
    with pytest.raises(ValueError):
        assess(pd.DataFrame({"tp": ["abc"]}))


# ---------------------------------------------------------------------------
# CWQI
# ---------------------------------------------------------------------------

# Per-item indices (Cs = class III; DO Cs/C with 5; pH |7 − pH| over 1 or 2):
CWQI_SECTION = {
    "ph": 7.5,  # (7.5 − 7)/2 = 0.25
    "do": 6.25,  # 5/6.25 = 0.8
    "codmn": 3.0,  # 3/6 = 0.5
    "cod": 10.0,  # 10/20 = 0.5
    "bod5": 2.0,  # 2/4 = 0.5
    "nh3n": 0.25,  # 0.25/1.0 = 0.25
    "tp": 0.05,  # river 0.05/0.2 = 0.25; lake 0.05/0.05 = 1.0
    "cu": 0.01,  # 0.01/1.0 = 0.01
    "zn": 0.05,  # 0.05/1.0 = 0.05
    "f": 0.5,  # 0.5/1.0 = 0.5
    "se": 0.001,  # 0.001/0.01 = 0.1
    "as": 0.005,  # 0.005/0.05 = 0.1
    "hg": 0.00001,  # 0.00001/0.0001 = 0.1
    "cd": 0.0005,  # 0.0005/0.005 = 0.1
    "cr6": 0.005,  # 0.005/0.05 = 0.1
    "pb": 0.005,  # 0.005/0.05 = 0.1
    "cn": 0.02,  # 0.02/0.2 = 0.1
    "phenol": 0.001,  # 0.001/0.005 = 0.2
    "petroleum": 0.01,  # 0.01/0.05 = 0.2
    "las": 0.05,  # 0.05/0.2 = 0.25
    "sulfide": 0.01,  # 0.01/0.2 = 0.05
}
# Sum: 0.25 + 0.8 + 0.5 + 0.5 + 0.5 + 0.25 + 0.25 + 0.01 + 0.05 + 0.5 + 7 × 0.1 + 0.2 + 0.2
#      + 0.25 + 0.05 = 5.01 (river); lake: 5.01 − 0.25 + 1.0 = 5.76.
CWQI_RIVER = 5.01
CWQI_LAKE = 5.76


def test_cwqi_hand_computed_section() -> None:
    means = pd.DataFrame(
        # Non-CWQI items present must not contribute.
        {**{k: [v, v] for k, v in CWQI_SECTION.items()}, "tn": [9.0, 9.0], "temp": [20.0, 20.0]}
    )
    before = means.copy()
    result = cwqi(means, lake=pd.Series([False, True]))
    pd.testing.assert_frame_equal(means, before)
    assert result.tolist() == pytest.approx([CWQI_RIVER, CWQI_LAKE])
    detail = cwqi_detail(means)
    assert detail["n_items"].tolist() == [21, 21]
    assert detail.loc[0, "cwqi_do"] == pytest.approx(0.8)
    assert detail.loc[0, "cwqi_tp"] == pytest.approx(0.25)


def test_cwqi_do_and_ph_formulas() -> None:
    # pH: 6.5 -> (7 − 6.5)/1 = 0.5; 8 -> (8 − 7)/2 = 0.5; 7 -> 0; 6 -> 1; 9 -> 1; 5 -> 2.
    ph = cwqi_detail(pd.DataFrame({"ph": [6.5, 8.0, 7.0, 6.0, 9.0, 5.0]}), items=("ph",))
    assert ph["cwqi"].tolist() == pytest.approx([0.5, 0.5, 0.0, 1.0, 1.0, 2.0])
    # DO: 10 -> 5/10 = 0.5; 2.5 -> 5/2.5 = 2; 5 -> 1.
    do = cwqi(pd.DataFrame({"do": [10.0, 2.5, 5.0]}), items=("do",))
    assert do.tolist() == pytest.approx([0.5, 2.0, 1.0])


def test_cwqi_missing_items_contribute_nothing() -> None:
    # CODMn 3 -> 0.5, NH3-N 2 -> 2.0; the other 19 not measured; row 2 has nothing.
    means = pd.DataFrame({"codmn": [3.0, np.nan], "nh3n": [2.0, np.nan]})
    detail = cwqi_detail(means)
    assert detail["n_items"].tolist() == [2, 0]
    assert detail.loc[0, "cwqi"] == pytest.approx(2.5)
    assert np.isnan(detail.loc[1, "cwqi"])


def test_cwqi_change() -> None:
    # (4.5 − 5.0)/5.0 × 100 = −10 (improvement); (6 − 4)/4 × 100 = 50.
    assert cwqi_change(4.5, 5.0) == pytest.approx(-10.0)
    assert cwqi_change(6.0, 4.0) == pytest.approx(50.0)
    assert math.isnan(cwqi_change(1.0, 0.0))
    assert math.isnan(cwqi_change(math.nan, 1.0))


# ---------------------------------------------------------------------------
# Measurements and detection limits
# ---------------------------------------------------------------------------


def test_substitute_below_dl() -> None:
    p = parse_measurement(pd.Series(["<0.01", "0.02L", "ND", "未检出", "0.5", "", "abc"]))
    nan = math.nan
    # <0.01: 0.01/2 = 0.005 | 0 | 0.01;  0.02L: 0.01 | 0 | 0.02;  ND (no DL): 0 under all rules.
    assert substitute_below_dl(p).tolist() == pytest.approx(
        [0.005, 0.01, 0.0, 0.0, 0.5, nan, nan], nan_ok=True
    )
    assert substitute_below_dl(p, "zero").tolist() == pytest.approx(
        [0.0, 0.0, 0.0, 0.0, 0.5, nan, nan], nan_ok=True
    )
    assert substitute_below_dl(p, "dl").tolist() == pytest.approx(
        [0.01, 0.02, 0.0, 0.0, 0.5, nan, nan], nan_ok=True
    )
    assert substitute_below_dl(p).index.equals(p.index)
    with pytest.raises(ValueError):
        substitute_below_dl(p, "mean")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Drinking-water sources
# ---------------------------------------------------------------------------


def test_drinking_compliance() -> None:
    samples = pd.DataFrame(
        {
            # 0: all good. 1: Mn 0.15 > 0.1 (Table 2). 2: TP 0.25 > 0.2 (IV).
            # 3: DO 4.2 < 5. 4: COD 35 is not a drinking item -> passes. 5: nothing measured.
            # 6: nitrate exactly 10 (meets) and sulfate 260 > 250.
            "ph": [7.2, 7.2, 7.2, 7.2, 7.2, np.nan, 7.0],
            "do": [7.0, 7.0, 7.0, 4.2, 7.0, np.nan, 7.0],
            "tp": [0.1, 0.1, 0.25, 0.1, 0.1, np.nan, 0.1],
            "cod": [10.0, 10.0, 10.0, 10.0, 35.0, np.nan, 10.0],
            "mn": [0.05, 0.15, 0.05, np.nan, np.nan, np.nan, 0.05],
            "nitrate": [1.0, 1.0, 1.0, 1.0, 1.0, np.nan, 10.0],
            "sulfate": [50.0, 50.0, 50.0, 50.0, 50.0, np.nan, 260.0],
        }
    )
    before = samples.copy()
    out = drinking_compliance(samples)
    pd.testing.assert_frame_equal(samples, before)
    assert out["passes"].tolist() == [True, False, False, False, True, True, False]
    assert out["failing_items"].tolist() == [[], ["mn"], ["tp"], ["do"], [], [], ["sulfate"]]
    assert out.loc[1, "failing_text"] == "锰0.15mg/L(限值0.1)"
    assert out.loc[2, "failing_text"] == "总磷0.25mg/L(限值0.2)"
    assert out.loc[3, "failing_text"] == "溶解氧4.2mg/L(限值≥5)"
    assert out.loc[6, "failing_text"] == "硫酸盐260mg/L(限值250)"
    assert out.loc[0, "failing_text"] == ""
    assert out["n_items"].tolist() == [6, 6, 6, 5, 5, 0, 6]
    # Class from the 20 basic items: row 0 DO 7 -> II, TP 0.1 -> II; COD not counted.
    assert out.loc[0, "class"] == 2 and out.loc[4, "class"] == 2
    assert pd.isna(out.loc[5, "class"])


def test_drinking_compliance_lake_tp_and_ph() -> None:
    # TP 0.06: lake III limit 0.05 -> fails; river III limit 0.2 -> passes. pH 9.5 fails.
    samples = pd.DataFrame({"tp": [0.06, 0.06], "ph": [7.0, 9.5]})
    out = drinking_compliance(samples, lake=pd.Series([True, False]))
    assert out["passes"].tolist() == [False, False]
    assert out["failing_items"].tolist() == [["tp"], ["ph"]]
    assert out["failing_text"].tolist() == ["总磷0.06mg/L(限值0.05)", "pH9.5(限值6~9)"]
    assert drinking_compliance(samples.iloc[[0]])["passes"].tolist() == [True]


def test_drinking_compliance_float_noise_at_table_2_limit() -> None:
    # Fe mean 0.1 + 0.2 = 0.30000000000000004 meets the 0.3 limit; 0.3000001 does not.
    out = drinking_compliance(pd.DataFrame({"fe": [0.1 + 0.2, 0.3000001]}))
    assert out["passes"].tolist() == [True, False]


def test_module_reads_nothing_at_import() -> None:
    # The standard's numbers are data in code: no reference path may appear in the package.
    for module in Path(water.__file__).parent.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "/work/shared" not in source and "standards.yaml" not in source, module.name
