"""HJ 633-2012 / HJ 633-2026 AQI: tables, worked examples, special rules, properties.

Every expected number is derived by hand from docs/standards.md §1 (the arithmetic is in the
comment next to it), never from the code under test.
"""

from __future__ import annotations

import datetime
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotarget.standards.aqi import (
    BREAKPOINTS,
    CATEGORIES,
    EDITION_2026_FROM,
    IAQI_LEVELS,
    category_for,
    daily_aqi,
    editions_for,
    hourly_aqi,
    iaqi,
)
from ecotarget.standards.rounding import round_half_even, round_half_even_scalar

# Independent transcription of HJ 633-2012 Table 1 and HJ 633-2026 Table 3, so that a
# typo in the product's table fails here.
TABLE_2012: dict[str, tuple[float | None, ...]] = {
    "so2_24h": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    "so2_1h": (0, 150, 500, 650, 800, None, None, None),
    "no2_24h": (0, 40, 80, 180, 280, 565, 750, 940),
    "no2_1h": (0, 100, 200, 700, 1200, 2340, 3090, 3840),
    "pm10_24h": (0, 50, 150, 250, 350, 420, 500, 600),
    "co_24h": (0, 2, 4, 14, 24, 36, 48, 60),
    "co_1h": (0, 5, 10, 35, 60, 90, 120, 150),
    "o3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    "o3_8h": (0, 100, 160, 215, 265, 800, None, None),
    "pm25_24h": (0, 35, 75, 115, 150, 250, 350, 500),
}
TABLE_2026 = {
    **TABLE_2012,
    "pm10_24h": (0, 50, 120, 250, 350, 420, 500, 600),
    "pm25_24h": (0, 35, 60, 115, 150, 250, 350, 500),
}
TABLES = {"2012": TABLE_2012, "2026": TABLE_2026}
LEVELS = (0, 50, 100, 150, 200, 300, 400, 500)


def day(date: str = "2025-06-01", /, **values: float) -> pd.DataFrame:
    """One daily row; unspecified pollutants are missing (NaN)."""
    row: dict[str, object] = {
        "date": pd.Timestamp(date),
        "pm25": math.nan,
        "pm10": math.nan,
        "so2": math.nan,
        "no2": math.nan,
        "co": math.nan,
        "o3_1h_max": math.nan,
        "o3_8h_max": math.nan,
    }
    row.update(values)
    return pd.DataFrame([row])


def hour(time: str = "2025-06-01 15:00", /, **values: float) -> pd.DataFrame:
    row: dict[str, object] = {"time": pd.Timestamp(time)}
    row.update({p: math.nan for p in ("pm25", "pm10", "so2", "no2", "co", "o3")})
    row.update(values)
    return pd.DataFrame([row])


# --- tables -------------------------------------------------------------------------------


def test_tables_match_the_reference_transcription() -> None:
    assert IAQI_LEVELS == LEVELS
    for edition, table in TABLES.items():
        assert dict(BREAKPOINTS[edition]) == table  # type: ignore[index]


@pytest.mark.parametrize("edition", ["2012", "2026"])
@pytest.mark.parametrize("key", sorted(TABLE_2012))
def test_every_breakpoint_maps_to_its_level(edition: str, key: str) -> None:
    bps = TABLES[edition][key]
    concs = [b for b in bps if b is not None]
    expected = [float(level) for b, level in zip(bps, LEVELS, strict=True) if b is not None]
    assert iaqi(key, concs, edition).tolist() == expected  # type: ignore[arg-type]


# --- worked examples ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "conc", "edition", "expected"),
    [
        # 35.4 rounds to 35 -> exactly IAQI 50 (docs/standards.md §1), both editions.
        ("pm25_24h", 35.4, "2012", 50),
        ("pm25_24h", 35.4, "2026", 50),
        # Unrounded 35.01 would give 50.0125 -> 51; rounded to 35 it is 50.
        ("pm25_24h", 35.01, "2012", 50),
        # 35.5 rounds half-even to 36: 2012 50 + (36-35)/(75-35)*50 = 51.25 -> ceil 52;
        # 2026 50 + (36-35)/(60-35)*50 = 52.0 exactly -> 52.
        ("pm25_24h", 35.5, "2012", 52),
        ("pm25_24h", 35.5, "2026", 52),
        # 34.5 rounds half-even to 34 (not 35): 34/35*50 = 48.57 -> 49.
        ("pm25_24h", 34.5, "2012", 49),
        # 75: 2012 exactly the IAQI-100 breakpoint; 2026 100 + (75-60)/(115-60)*50 = 113.6 -> 114.
        ("pm25_24h", 75, "2012", 100),
        ("pm25_24h", 75, "2026", 114),
        # PM10 150: 2012 breakpoint 100; 2026 100 + (150-120)/(250-120)*50 = 111.5 -> 112.
        ("pm10_24h", 150, "2012", 100),
        ("pm10_24h", 150, "2026", 112),
        # CO 2.5 mg/m3 on the 24-h table: 50 + (2.5-2)/(4-2)*50 = 62.5 -> 63.
        ("co_24h", 2.5, "2012", 63),
        # CO 0.25 rounds half-even to 0.2: 0.2/2*50 = 5 (half-up 0.3 would give 7.5 -> 8).
        ("co_24h", 0.25, "2012", 5),
        # CO 0.35 rounds half-even to 0.4: 0.4/2*50 = 10.
        ("co_24h", 0.35, "2012", 10),
        # CO 2.2: 50 + 0.2*25 = 55 exactly, computed in floats as 55.00000000000001;
        # a bare ceil would say 56.
        ("co_24h", 2.2, "2012", 55),
        # CO 1-h 65.4: 200 + (65.4-60)/(90-60)*100 = 218 exactly (float noise again).
        ("co_1h", 65.4, "2026", 218),
        # SO2 24-h 200: 100 + (200-150)/(475-150)*50 = 107.69 -> 108.
        ("so2_24h", 200, "2012", 108),
        # O3 1-h 170: 50 + (170-160)/(200-160)*50 = 62.5 -> 63.
        ("o3_1h", 170, "2012", 63),
        # O3 1-h 900: 300 + (900-800)/(1000-800)*100 = 350.
        ("o3_1h", 900, "2012", 350),
        # Above the top breakpoint: capped at 500 (docs/standards.md §1).
        ("pm25_24h", 501, "2012", 500),
        ("pm25_24h", 9999, "2026", 500),
        ("so2_24h", 3000, "2012", 500),
        ("co_24h", 60.04, "2012", 500),  # rounds to 60.0, the last breakpoint
        ("co_24h", 60.06, "2012", 500),  # rounds to 60.1, above it: cap
        # Columns that stop: exactly 800 is on the table, above it is not computed.
        ("so2_1h", 800, "2012", 200),
        ("so2_1h", 800.4, "2012", 200),  # rounds to 800
        ("o3_8h", 800, "2026", 300),
        ("o3_8h", 0, "2012", 0),
    ],
)
def test_iaqi_worked_examples(key: str, conc: float, edition: str, expected: int) -> None:
    assert iaqi(key, [conc], edition).tolist() == [float(expected)]  # type: ignore[arg-type]


@pytest.mark.parametrize("conc", [801, math.nan, -1, -0.3, math.inf])
def test_iaqi_not_computed(conc: float) -> None:
    # so2_1h stops at 800 (Table 1 note 2); NaN, negative and infinite are not measurements.
    assert np.isnan(iaqi("so2_1h", [conc], "2012")).all()
    assert np.isnan(iaqi("o3_8h", [conc], "2026")).all()


def test_iaqi_rejects_unknown_table_and_edition() -> None:
    with pytest.raises(ValueError, match="unknown IAQI table"):
        iaqi("pm1_24h", [1.0], "2012")
    with pytest.raises(ValueError, match="edition"):
        iaqi("pm25_24h", [1.0], "2020")  # type: ignore[arg-type]


# --- editions -----------------------------------------------------------------------------


def test_editions_switch_on_2026_03_01() -> None:
    assert datetime.date(2026, 3, 1) == EDITION_2026_FROM
    dates = pd.Series(pd.to_datetime(["2025-12-31", "2026-02-28", "2026-03-01", "2027-01-01"]))
    assert editions_for(dates).tolist() == ["2012", "2012", "2026", "2026"]
    aware = pd.Series(pd.to_datetime(["2026-03-01 06:00"]).tz_localize("Asia/Shanghai"))
    assert editions_for(aware).tolist() == ["2026"]
    with pytest.raises(ValueError, match="NaT"):
        editions_for(pd.Series([pd.Timestamp("2026-03-01"), pd.NaT]))


def test_daily_aqi_reads_each_row_under_its_own_edition() -> None:
    # PM2.5 75 on 2026-02-28 (2012: 100, 良) and on 2026-03-01 (2026: 114, 轻度污染).
    days = pd.concat([day("2026-02-28", pm25=75.0), day("2026-03-01", pm25=75.0)])
    out = daily_aqi(days.reset_index(drop=True))
    assert out["edition"].tolist() == ["2012", "2026"]
    assert out["aqi"].tolist() == [100.0, 114.0]
    assert out["category"].tolist() == ["良", "轻度污染"]
    assert out["over_standard"].tolist() == ["", "PM2.5"]
    # An explicit edition overrides the dates.
    assert daily_aqi(days.reset_index(drop=True), edition="2026")["aqi"].tolist() == [114, 114]


# --- daily AQI ----------------------------------------------------------------------------


def test_daily_aqi_columns_types_index_and_no_mutation() -> None:
    days = day(pm25=75.0, pm10=150.0).set_axis([42])
    before = days.copy()
    out = daily_aqi(days)
    pd.testing.assert_frame_equal(days, before)
    assert list(out.index) == [42]
    assert list(out.columns) == [
        "edition",
        "iaqi_pm25",
        "iaqi_pm10",
        "iaqi_so2",
        "iaqi_no2",
        "iaqi_co",
        "iaqi_o3_1h",
        "iaqi_o3_8h",
        "aqi",
        "level",
        "category",
        "category_en",
        "primary_pollutants",
        "over_standard",
        "valid",
    ]
    assert str(out["level"].dtype) == "Int64"
    assert out["category"].dtype == "str"
    assert out["valid"].dtype == bool


def test_daily_aqi_uses_24h_columns_for_so2_no2_co() -> None:
    # SO2 200 on the 24-h table: 100 + 50/325*50 = 107.69 -> 108 (the 1-h table would give
    # 50 + 50/350*50 = 57.1 -> 58). NO2 100 on 24-h: 100 + 20/100*50 = 110 (1-h: 50).
    # CO 5 on 24-h: 100 + 1/10*50 = 105 (1-h: 50).
    out = daily_aqi(day(so2=200.0, no2=100.0, co=5.0)).iloc[0]
    assert (out["iaqi_so2"], out["iaqi_no2"], out["iaqi_co"]) == (108, 110, 105)
    assert out["aqi"] == 110
    assert out["primary_pollutants"] == "NO2"
    assert out["over_standard"] == "SO2,NO2,CO"


def test_daily_o3_1h_indicator_by_edition_and_switch() -> None:
    # PM2.5 30 -> 30/35*50 = 42.86 -> 43; O3 8-h 100 -> 50; O3 1-h 300 -> 150.
    values = {"pm25": 30.0, "o3_8h_max": 100.0, "o3_1h_max": 300.0}
    with_1h = daily_aqi(day("2025-07-01", **values)).iloc[0]
    assert with_1h["aqi"] == 150  # HJ 633-2012 §5.1: seven indicators incl. O3 1-h
    assert with_1h["primary_pollutants"] == "O3"
    assert with_1h["over_standard"] == "O3"
    without = daily_aqi(day("2025-07-01", **values), o3_1h_in_daily_2012=False).iloc[0]
    assert without["aqi"] == 50
    assert without["primary_pollutants"] == ""  # AQI <= 50: no primary pollutant
    new = daily_aqi(day("2026-07-01", **values)).iloc[0]
    assert new["aqi"] == 50  # HJ 633-2026 daily: O3 8-h only
    assert new["iaqi_o3_1h"] == 150  # still computed, for information
    assert new["over_standard"] == ""  # ... but not an indicator of the day


def test_o3_8h_over_800_rules() -> None:
    # O3 8-h 801 > 800. 2012 (note 3): no 8-h IAQI; O3 reported from the 1-h IAQI,
    # 1-h 900 -> 300 + 100/200*100 = 350, even with the 1-h switch off.
    # 2026: IAQI 300 and the 1-h value does not enter the daily AQI.
    values = {"pm25": 50.0, "o3_8h_max": 801.0, "o3_1h_max": 900.0}
    old = daily_aqi(day("2025-07-01", **values), o3_1h_in_daily_2012=False).iloc[0]
    assert math.isnan(old["iaqi_o3_8h"])
    assert old["iaqi_o3_1h"] == 350
    assert old["aqi"] == 350
    assert old["primary_pollutants"] == "O3"
    assert old["category"] == "严重污染"
    new = daily_aqi(day("2026-07-01", **values)).iloc[0]
    assert new["iaqi_o3_8h"] == 300
    assert new["aqi"] == 300
    assert new["primary_pollutants"] == "O3"
    assert new["category"] == "重度污染"
    # Exactly 800 is on the table (300) in both editions.
    assert daily_aqi(day("2025-07-01", o3_8h_max=800.0))["aqi"].tolist() == [300.0]


def test_o3_8h_over_800_2012_without_1h_value_leaves_o3_out() -> None:
    out = daily_aqi(day("2025-07-01", pm25=50.0, o3_8h_max=801.0)).iloc[0]
    # PM2.5 50: 50 + 15/40*50 = 68.75 -> 69, and O3 has no IAQI at all.
    assert out["aqi"] == 69
    assert out["primary_pollutants"] == "PM2.5"


def test_missing_pollutants_give_aqi_from_the_rest() -> None:
    # PM2.5 missing; PM10 100 -> 50 + 50/100*50 = 75.
    out = daily_aqi(day(pm10=100.0, so2=5.0, no2=20.0, co=0.5, o3_8h_max=80.0)).iloc[0]
    assert out["aqi"] == 75
    assert out["valid"]
    strict = daily_aqi(
        day(pm10=100.0, so2=5.0, no2=20.0, co=0.5, o3_8h_max=80.0), strict_valid_day=True
    ).iloc[0]
    assert strict["aqi"] == 75  # still shown
    assert not strict["valid"]  # but not a valid day under the strict reading
    full = day(pm25=10.0, pm10=100.0, so2=5.0, no2=20.0, co=0.5, o3_8h_max=80.0)
    assert daily_aqi(full, strict_valid_day=True)["valid"].tolist() == [True]


def test_all_missing_gives_no_aqi() -> None:
    out = daily_aqi(day()).iloc[0]
    assert math.isnan(out["aqi"])
    assert out["level"] is pd.NA
    assert out["category"] == ""
    assert out["category_en"] == ""
    assert out["primary_pollutants"] == ""
    assert not out["valid"]


def test_primary_pollutant_ties_are_all_listed() -> None:
    # 2012: PM2.5 75 -> 100, PM10 150 -> 100, O3 8-h 160 -> 100 and O3 1-h 200 -> 100.
    out = daily_aqi(day(pm25=75.0, pm10=150.0, o3_8h_max=160.0, o3_1h_max=200.0)).iloc[0]
    assert out["aqi"] == 100
    assert out["primary_pollutants"] == "PM2.5,PM10,O3"  # fixed order, O3 once
    assert out["over_standard"] == ""  # IAQI 100 is not > 100


def test_primary_pollutant_only_above_50() -> None:
    # PM2.5 35 -> exactly 50: excellent, no primary; 36 -> 51.25 -> 52: PM2.5.
    assert daily_aqi(day(pm25=35.0, pm10=40.0))["primary_pollutants"].tolist() == [""]
    assert daily_aqi(day(pm25=36.0, pm10=40.0))["primary_pollutants"].tolist() == ["PM2.5"]


def test_daily_aqi_requires_columns() -> None:
    with pytest.raises(ValueError, match="o3_8h_max"):
        daily_aqi(day().drop(columns="o3_8h_max"))
    with pytest.raises(ValueError, match="date"):
        daily_aqi(day().drop(columns="date"))
    assert daily_aqi(day(pm25=75.0).drop(columns="date"), edition="2026")["aqi"].tolist() == [114.0]


# --- hourly AQI ---------------------------------------------------------------------------


def test_hourly_reads_pm_on_24h_columns_and_gases_on_1h_columns() -> None:
    # PM2.5 75 -> 100 (2012 24-h column); NO2 200 -> 100 on the 1-h column (24-h: 160);
    # CO 10 -> 100 on the 1-h column; O3 170 -> 63.
    out = hourly_aqi(hour(pm25=75.0, no2=200.0, co=10.0, o3=170.0)).iloc[0]
    assert (out["iaqi_pm25"], out["iaqi_no2"], out["iaqi_co"], out["iaqi_o3"]) == (
        100,
        100,
        100,
        63,
    )
    assert out["primary_pollutants"] == "PM2.5,NO2,CO"
    new = hourly_aqi(hour("2026-06-01 15:00", pm25=75.0, no2=200.0)).iloc[0]
    assert new["aqi"] == 114  # 2026: 100 + 15/55*50 = 113.6 -> 114


def test_hourly_so2_over_800_rules() -> None:
    # 2012 (note 2): SO2 1-h 900 -> use the 24-h IAQI; so2_24h 200 -> 108.
    old = hourly_aqi(hour(so2=900.0, so2_24h=200.0, pm25=10.0)).iloc[0]
    assert old["iaqi_so2"] == 108
    assert old["aqi"] == 108
    assert old["primary_pollutants"] == "SO2"
    # Without the trailing 24-h mean, SO2 has no IAQI; PM2.5 10 -> 10/35*50 = 14.3 -> 15.
    bare = hourly_aqi(hour(so2=900.0, pm25=10.0)).iloc[0]
    assert math.isnan(bare["iaqi_so2"])
    assert bare["aqi"] == 15
    # 2026: IAQI 200 regardless of the 24-h mean.
    new = hourly_aqi(hour("2026-06-01 15:00", so2=900.0, so2_24h=200.0)).iloc[0]
    assert new["iaqi_so2"] == 200
    assert new["category"] == "中度污染"
    # Exactly 800 is on the 1-h table: 200.
    assert hourly_aqi(hour(so2=800.0))["iaqi_so2"].tolist() == [200.0]


def test_hourly_edition_follows_the_hour_covered() -> None:
    # The value labelled 2026-03-01 00:00 is the mean of 23:00-24:00 on 2026-02-28.
    hours = pd.concat(
        [hour("2026-03-01 00:00", pm25=75.0), hour("2026-03-01 01:00", pm25=75.0)]
    ).reset_index(drop=True)
    out = hourly_aqi(hours)
    assert out["edition"].tolist() == ["2012", "2026"]
    assert out["aqi"].tolist() == [100.0, 114.0]


# --- categories ---------------------------------------------------------------------------


def test_categories_table() -> None:
    assert [(c.level, c.aqi_min, c.aqi_max, c.zh, c.hex, c.good_day) for c in CATEGORIES] == [
        (1, 0, 50, "优", "#00E400", True),
        (2, 51, 100, "良", "#FFFF00", True),
        (3, 101, 150, "轻度污染", "#FF7E00", False),
        (4, 151, 200, "中度污染", "#FF0000", False),
        (5, 201, 300, "重度污染", "#99004C", False),
        (6, 301, None, "严重污染", "#7E0023", False),
    ]


def test_category_for_band_edges() -> None:
    cats = category_for([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500, math.nan])
    assert cats.level.tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, pd.NA]
    assert cats.en.tolist()[:3] == ["Excellent", "Excellent", "Good"]
    assert cats.good_day.tolist() == [True] * 4 + [False] * 9


# --- properties ---------------------------------------------------------------------------

conc = st.floats(min_value=0, max_value=1500, allow_nan=False)
co_conc = st.floats(min_value=0, max_value=80, allow_nan=False)


@pytest.mark.slow  # a property test: many generated cases
@settings(database=None, max_examples=150, deadline=None)
@given(
    edition=st.sampled_from(["2012", "2026"]),
    base=st.fixed_dictionaries(
        {
            "pm25": conc,
            "pm10": conc,
            "so2": conc,
            "no2": conc,
            "co": co_conc,
            "o3_1h_max": conc,
            "o3_8h_max": st.floats(min_value=0, max_value=800, allow_nan=False),
        }
    ),
    which=st.sampled_from(["pm25", "pm10", "so2", "no2", "co", "o3_1h_max", "o3_8h_max"]),
    bump=st.floats(min_value=0, max_value=500, allow_nan=False),
)
def test_daily_aqi_is_monotone(
    edition: str, base: dict[str, float], which: str, bump: float
) -> None:
    # O3 8-h stays <= 800: above it HJ 633-2012 note 3 swaps in the 1-h IAQI, which can be
    # lower (see test_2012_o3_8h_rule_is_not_monotone); the standard is not monotone there.
    bumped = dict(base)
    bumped[which] = base[which] + bump
    if which == "o3_8h_max":
        bumped[which] = min(bumped[which], 800.0)
    frame = pd.concat([day(**base), day(**bumped)]).reset_index(drop=True)
    aqi = daily_aqi(frame, edition=edition)["aqi"].to_numpy()  # type: ignore[arg-type]
    assert aqi[1] >= aqi[0]


def test_2012_o3_8h_rule_is_not_monotone() -> None:
    # 800 -> IAQI 300; 801 -> note 3 reports O3 from the 1-h value,
    # 1-h 250 -> 100 + (250-200)/(300-200)*50 = 125.
    frame = pd.concat(
        [day(o3_8h_max=800.0, o3_1h_max=250.0), day(o3_8h_max=801.0, o3_1h_max=250.0)]
    ).reset_index(drop=True)
    assert daily_aqi(frame, o3_1h_in_daily_2012=False)["aqi"].tolist() == [300.0, 125.0]


@settings(database=None, max_examples=60, deadline=None)
@given(
    edition=st.sampled_from(["2012", "2026"]),
    key=st.sampled_from(sorted(TABLE_2012)),
    values=st.lists(st.floats(min_value=0, max_value=4000, allow_nan=False), min_size=2),
)
def test_iaqi_is_monotone_on_every_column(edition: str, key: str, values: list[float]) -> None:
    x = np.sort(np.asarray(values))
    sub = iaqi(key, x, edition)  # type: ignore[arg-type]
    finite = sub[~np.isnan(sub)]
    assert (np.diff(finite) >= 0).all()
    # NaN only where a stopping column has ended (above 800 after rounding).
    assert (np.isnan(sub) == (round_half_even(x) > 800) & (TABLES[edition][key][-1] is None)).all()


@settings(database=None, max_examples=200, deadline=None)
@given(aqi=st.one_of(st.integers(min_value=0, max_value=700), st.floats(0, 700)))
def test_category_agrees_with_aqi_bands(aqi: float) -> None:
    cats = category_for([aqi])
    level = int(cats.level[0])
    cat = CATEGORIES[level - 1]
    upper = math.inf if cat.aqi_max is None else cat.aqi_max
    lower_edge = CATEGORIES[level - 2].aqi_max if level > 1 else -1
    assert lower_edge < aqi <= upper  # type: ignore[operator]
    assert cats.zh[0] == cat.zh
    assert cats.good_day[0] == (aqi <= 100)


@settings(database=None, max_examples=300, deadline=None)
@given(
    mantissa=st.integers(min_value=-(10**9), max_value=10**9),
    places=st.integers(min_value=0, max_value=6),
    decimals=st.integers(min_value=0, max_value=5),
)
def test_round_half_even_matches_decimal(mantissa: int, places: int, decimals: int) -> None:
    value = mantissa / 10**places  # a decimal with at most 6 places
    assert round_half_even([value], decimals)[0] == round_half_even_scalar(value, decimals)
