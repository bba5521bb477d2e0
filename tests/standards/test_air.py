"""HJ 663 / GB 3095 air assessment: natural days, validity gates, city values, statistics.

Expected numbers are derived by hand from docs/standards.md §1-§2; the arithmetic is in
the comments.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pytest

from ecotarget.standards.air import (
    ANNUAL_MIN_VALID_DAYS,
    COMPOSITE_LIMITS_2012,
    COMPOSITE_LIMITS_2026_TRANSITION,
    AirStats,
    city_daily,
    city_hourly,
    composite_index,
    daily_values,
    min_valid_days_for_month,
    month_coverage,
    natural_day,
    percentile,
    period_statistics,
)
from ecotarget.standards.rounding import round_half_even_scalar

POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co", "o3")
D1 = pd.Timestamp("2025-01-01")


def hours(
    values: dict[str, Sequence[float] | float] | None = None,
    *,
    hour_numbers: Sequence[int] = range(1, 25),
    date: pd.Timestamp = D1,
    station: str | None = "A",
) -> pd.DataFrame:
    """Hourly rows of one station-day; pollutants default to a constant valid value."""
    base: dict[str, Sequence[float] | float] = {
        "pm25": 30.0,
        "pm10": 50.0,
        "so2": 6.0,
        "no2": 20.0,
        "co": 0.5,
        "o3": 60.0,
    }
    base.update(values or {})
    frame = pd.DataFrame({"date": date, "hour": list(hour_numbers), **base})
    if station is not None:
        frame.insert(0, "station", station)
    return frame


# --- natural days -------------------------------------------------------------------------


def test_natural_day_end_of_hour_labels() -> None:
    # CNEMC: "16:00" is 15:00-16:00, hour 16; 00:00 of D+1 is hour 24 of D (docs/standards.md §2).
    t = pd.Series(
        pd.to_datetime(["2025-01-01 01:00", "2025-01-01 16:00", "2025-01-02 00:00"]),
        index=[7, 8, 9],
    )
    out = natural_day(t)
    assert list(out.index) == [7, 8, 9]
    assert out["date"].tolist() == [D1, D1, D1]
    assert out["hour"].tolist() == [1, 16, 24]


def test_natural_day_start_of_hour_labels() -> None:
    t = pd.Series(pd.to_datetime(["2025-01-01 00:00", "2025-01-01 15:00", "2025-01-01 23:00"]))
    out = natural_day(t, "start")
    assert out["date"].tolist() == [D1, D1, D1]
    assert out["hour"].tolist() == [1, 16, 24]


def test_natural_day_rejects_bad_labels() -> None:
    with pytest.raises(ValueError, match="whole hours"):
        natural_day(pd.Series(pd.to_datetime(["2025-01-01 16:30"])))
    with pytest.raises(ValueError, match="NaT"):
        natural_day(pd.Series([pd.Timestamp("2025-01-01 16:00"), pd.NaT]))


def test_end_of_hour_day_feeds_daily_values() -> None:
    # The 24 labels 01:00 ... 00:00(next day) are one natural day of 24 hours.
    times = pd.Series(pd.date_range("2025-01-01 01:00", periods=24, freq="h"))
    frame = pd.concat(
        [natural_day(times), hours(station=None).drop(columns=["date", "hour"])], axis=1
    )
    out = daily_values(frame, by=())
    assert out["date"].tolist() == [D1]
    assert out["hours_pm25"].tolist() == [24]


# --- 24-h means ---------------------------------------------------------------------------


def test_24h_mean_needs_20_hours() -> None:
    # 20 valid hours 10..29: mean (10+29)/2 = 19.5 -> half-even 20; 19 hours -> invalid.
    twenty = hours({"pm25": [*range(10, 30), *[math.nan] * 4]})
    out = daily_values(twenty).iloc[0]
    assert (out["pm25"], out["hours_pm25"]) == (20.0, 20)
    assert daily_values(twenty, rounded=False)["pm25"].tolist() == [19.5]
    nineteen = hours({"pm25": list(range(10, 29))}, hour_numbers=range(1, 20))  # absent rows
    out = daily_values(nineteen).iloc[0]
    assert math.isnan(out["pm25"])
    assert out["hours_pm25"] == 19
    assert daily_values(twenty, min_hours=21)["pm25"].isna().all()


def test_daily_values_round_half_even_after_the_gate() -> None:
    # PM2.5 11..30 and 4 missing: mean 20.5 -> 20 (half-even; half-up would say 21).
    # CO 12 x 0.6 + 12 x 0.7: mean 0.65 -> 0.6; 12 x 0.7 + 12 x 0.8: 0.75 -> 0.8.
    a = hours({"pm25": [*range(11, 31), *[math.nan] * 4], "co": [0.6] * 12 + [0.7] * 12})
    b = hours({"co": [0.7] * 12 + [0.8] * 12}, station="B")
    out = daily_values(pd.concat([a, b]))
    assert out["pm25"].tolist() == [20.0, 30.0]
    assert out["co"].tolist() == [0.6, 0.8]


# --- O3 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "value", "windows", "expected"),
    [
        # Hours 1..6: the window ending 08 holds hours 1..8 -> 6 valid, a valid window;
        # the window ending 09 holds 2..9 -> 5, not valid. One window, far from 14.
        (range(1, 7), 100.0, 1, math.nan),
        (range(1, 6), 100.0, 0, math.nan),  # 5 hours: no valid window at all
        (range(1, 7), 200.0, 1, 200.0),  # 1 window but 200 > 160: still valid
        # Hours 1..19: window ending e holds max(e-7,1)..min(e,19); e = 21 holds 14..19 = 6
        # valid, e = 22 holds 15..19 = 5 -> windows 8..21 valid = 14 -> valid.
        (range(1, 20), 100.0, 14, 100.0),
        # Hours 1..18: windows 8..20 valid = 13 -> invalid unless above the limit.
        (range(1, 19), 100.0, 13, math.nan),
        (range(1, 19), 170.0, 13, 170.0),
        (range(1, 19), 160.0, 13, math.nan),  # 160 does not exceed 160
        (range(1, 19), 160.5, 13, math.nan),  # reported 160 (half-even): does not exceed
        (range(1, 19), 160.6, 13, 161.0),  # reported 161: exceeds, valid
    ],
)
def test_o3_8h_window_and_day_validity(
    present: range, value: float, windows: int, expected: float
) -> None:
    frame = hours({"o3": value}, hour_numbers=present)
    out = daily_values(frame).iloc[0]
    assert out["o3_windows"] == windows
    assert out["hours_o3"] == len(present)
    if math.isnan(expected):
        assert math.isnan(out["o3_8h_max"])
    else:
        assert out["o3_8h_max"] == expected


def test_o3_8h_means_use_the_valid_hours_of_each_window() -> None:
    # O3 = 10 x hour, hour 24 missing. Window ending 23: hours 16..23 -> 1560/8 = 195.
    # Window ending 24: hours 17..23 (7 valid) -> (170+...+230)/7 = 1400/7 = 200 -> max 200.
    o3 = [10.0 * h for h in range(1, 24)] + [math.nan]
    out = daily_values(hours({"o3": o3})).iloc[0]
    assert out["o3_8h_max"] == 200.0
    assert out["o3_1h_max"] == 230.0
    assert out["o3_windows"] == 17


def test_o3_windows_do_not_reach_into_the_previous_day() -> None:
    # Day 1 has O3 500 all day; day 2 only hours 1..7 (at 10). Day 2's windows ending 08
    # (hours 1..8: 7 valid) and 09 (2..9: 6 valid) use day-2 hours only; no window reaches
    # day 1's 500s. 2 windows < 14 and 10 <= 160: invalid.
    day1 = hours({"o3": 500.0})
    day2 = hours({"o3": 10.0}, hour_numbers=range(1, 8), date=pd.Timestamp("2025-01-02"))
    out = daily_values(pd.concat([day1, day2]), rounded=False)
    assert out["o3_windows"].tolist() == [17, 2]
    assert out["o3_8h_max"].tolist()[0] == 500.0
    assert math.isnan(out["o3_8h_max"].tolist()[1])
    assert out["o3_1h_max"].tolist() == [500.0, 10.0]


# --- shape and contracts --------------------------------------------------------------------


def test_daily_values_groups_sorts_and_does_not_mutate() -> None:
    frame = pd.concat(
        [
            hours({"pm25": 40.0}, station="B", date=pd.Timestamp("2025-01-02")),
            hours({"pm25": 10.0}, station="A", date=pd.Timestamp("2025-01-02")),
            hours({"pm25": 20.0}, station="B"),
        ]
    ).sample(frac=1, random_state=3)
    before = frame.copy()
    out = daily_values(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out[["station", "date", "pm25"]].values.tolist() == [
        ["A", pd.Timestamp("2025-01-02"), 10.0],
        ["B", D1, 20.0],
        ["B", pd.Timestamp("2025-01-02"), 40.0],
    ]
    assert list(out.columns) == [
        "station", "date", "pm25", "pm10", "so2", "no2", "co", "o3_1h_max", "o3_8h_max",
        "hours_pm25", "hours_pm10", "hours_so2", "hours_no2", "hours_co", "hours_o3",
        "o3_windows",
    ]  # fmt: skip


def test_daily_values_rejects_duplicates_bad_hours_and_missing_columns() -> None:
    with pytest.raises(ValueError, match="twice"):
        daily_values(pd.concat([hours(), hours(hour_numbers=[5])]))
    with pytest.raises(ValueError, match=r"1\.\.24"):
        daily_values(hours(hour_numbers=range(0, 24)))
    with pytest.raises(ValueError, match="o3"):
        daily_values(hours().drop(columns="o3"))


def test_daily_values_of_an_empty_frame() -> None:
    out = daily_values(hours().iloc[:0])
    assert len(out) == 0
    assert "o3_8h_max" in out.columns


# --- city values --------------------------------------------------------------------------


def two_stations(b_hours: int) -> pd.DataFrame:
    a = hours({"pm25": 10.0}, station="A")
    b = hours({"pm25": [30.0] * b_hours + [math.nan] * (24 - b_hours)}, station="B")
    return pd.concat([a, b], ignore_index=True)


def test_city_hourly_mean_of_stations_present() -> None:
    out = city_hourly(two_stations(20))
    # hours 1..20: (10 + 30)/2 = 20; hours 21..24: only A -> 10.
    assert out["pm25"].tolist() == [20.0] * 20 + [10.0] * 4
    assert list(out.columns) == ["date", "hour", *POLLUTANTS]
    strict = city_hourly(two_stations(20), min_stations=2)
    assert strict["pm25"].isna().sum() == 4


def test_city_daily_hourly_first_vs_daily_first() -> None:
    # B valid 20 hours. hourly_first: (20 x 20 + 4 x 10)/24 = 440/24 = 18.33 -> 18.
    # daily_first: (A 10 + B 30)/2 = 20. The worst station (30) is never the answer.
    hf = city_daily(two_stations(20))
    df = city_daily(two_stations(20), aggregation="daily_first")
    assert hf["pm25"].tolist() == [18.0]
    assert df["pm25"].tolist() == [20.0]
    assert df["stations_pm25"].tolist() == [2]
    # B valid 19 hours. hourly_first: (19 x 20 + 5 x 10)/24 = 430/24 = 17.92 -> 18.
    # daily_first: B's day is invalid -> only A: 10.
    assert city_daily(two_stations(19))["pm25"].tolist() == [18.0]
    df19 = city_daily(two_stations(19), aggregation="daily_first")
    assert df19["pm25"].tolist() == [10.0]
    assert df19["stations_pm25"].tolist() == [1]
    two = city_daily(two_stations(19), aggregation="daily_first", min_stations=2)
    assert two["pm25"].isna().all()
    with pytest.raises(ValueError, match="aggregation"):
        city_daily(two_stations(19), aggregation="worst")  # type: ignore[arg-type]


def test_city_daily_first_rounds_after_averaging() -> None:
    # A 10.4, B 11.4 (unrounded daily means): mean 10.9 -> 11; averaging the rounded
    # station values (10, 11) would give 10.5 -> 10.
    a = hours({"pm25": 10.4}, station="A")
    b = hours({"pm25": 11.4}, station="B")
    out = city_daily(pd.concat([a, b]), aggregation="daily_first")
    assert out["pm25"].tolist() == [11.0]


# --- percentile ---------------------------------------------------------------------------


def test_percentile_example_of_hj663_appendix_a() -> None:
    # 365 values X(i) = i^2 (shuffled). p90: k = 1 + 364 x 0.9 = 328.6,
    # m = X328 + 0.6 (X329 - X328) = 107584 + 0.6 x 657 = 107978.2.
    x = np.arange(1, 366, dtype=float) ** 2
    np.random.default_rng(0).shuffle(x)
    assert percentile(x, 90) == pytest.approx(107978.2, abs=1e-9)
    assert percentile(x, 90) == pytest.approx(float(np.percentile(x, 90)), abs=1e-9)
    for p in (0, 50, 95, 98, 100):
        assert percentile(x, p) == pytest.approx(float(np.percentile(x, p)), abs=1e-9)


def test_percentile_edges() -> None:
    # n = 11, p = 90: k = 1 + 10 x 0.9 = 10, an integer: X(10).
    assert percentile(list(range(1, 12)), 90) == 10.0
    assert percentile([5.0, math.nan], 95) == 5.0
    assert math.isnan(percentile([], 90))
    assert math.isnan(percentile([math.nan], 90))
    with pytest.raises(ValueError):
        percentile([1.0], 101)


# --- composite index ----------------------------------------------------------------------


def test_composite_index_heyuan_feb_2022() -> None:
    # SO2 3/60 = 0.05; NO2 13/40 = 0.325 -> 0.32 (half-even); PM10 16/70 = 0.2286 -> 0.23;
    # PM2.5 13/35 = 0.3714 -> 0.37; CO 0.9/4 = 0.225 -> 0.22; O3 87/160 = 0.54375 -> 0.54.
    # Sum 1.73, as published (unrounded sum 1.74375 -> 1.74; half-up terms 1.75).
    total, terms = composite_index(
        {"so2": 3, "no2": 13, "pm10": 16, "pm25": 13, "co": 0.9, "o3": 87}
    )
    assert terms == {"so2": 0.05, "no2": 0.32, "pm10": 0.23, "pm25": 0.37, "co": 0.22, "o3": 0.54}
    assert total == 1.73


def test_composite_index_naiman_q1() -> None:
    # Published terms 0.15 + 0.35 + 1.10 + 0.28 + 0.60 + 0.66 = 3.14. Inputs chosen to give
    # them: SO2 9/60 = 0.15; NO2 14/40 = 0.35; PM10 77/70 = 1.10; CO 2.4/4 = 0.60;
    # O3 105/160 = 0.65625 -> 0.66. PM2.5 0.28 needs C in [9.625, 9.975]: no whole µg/m3
    # value works (9/35 = 0.257, 10/35 = 0.286), so the bulletin must have used a
    # one-decimal (or unrounded) mean; 9.8/35 = 0.28 exactly.
    total, terms = composite_index(
        {"so2": 9, "no2": 14, "pm10": 77, "pm25": 9.8, "co": 2.4, "o3": 105}
    )
    assert list(terms.values()) == [0.15, 0.35, 1.10, 0.28, 0.60, 0.66]
    assert total == 3.14


def test_composite_index_limits_weights_and_nan() -> None:
    heyuan = {"so2": 3.0, "no2": 13.0, "pm10": 16.0, "pm25": 13.0, "co": 0.9, "o3": 87.0}
    assert COMPOSITE_LIMITS_2012 == {
        "so2": 60, "no2": 40, "pm10": 70, "pm25": 35, "co": 4, "o3": 160,
    }  # fmt: skip
    # Transition S_i (UNCONFIRMED): PM2.5 13/30 = 0.4333 -> 0.43; PM10 16/60 = 0.2667 -> 0.27.
    # 0.05 + 0.32 + 0.27 + 0.43 + 0.22 + 0.54 = 1.83.
    total, terms = composite_index(heyuan, limits=COMPOSITE_LIMITS_2026_TRANSITION)
    assert (terms["pm25"], terms["pm10"], total) == (0.43, 0.27, 1.83)
    # Weighted variant (UNCONFIRMED): PM2.5 x3 -> 39/35 = 1.114 -> 1.11;
    # 1.73 - 0.37 + 1.11 = 2.47.
    total, terms = composite_index(heyuan, weights={"pm25": 3})
    assert (terms["pm25"], total) == (1.11, 2.47)
    total, terms = composite_index({**heyuan, "co": math.nan})
    assert math.isnan(total)
    assert math.isnan(terms["co"])
    assert terms["so2"] == 0.05
    with pytest.raises(ValueError, match="o3"):
        composite_index({k: v for k, v in heyuan.items() if k != "o3"})
    with pytest.raises(ValueError, match="weight"):
        composite_index(heyuan, weights={"pm1": 2})


# --- period statistics --------------------------------------------------------------------


def stat_days(
    aqi: Sequence[float], primary: Sequence[str], valid: Sequence[bool], **values: Sequence[float]
) -> pd.DataFrame:
    n = len(aqi)
    frame = pd.DataFrame(
        {
            "date": pd.date_range("2025-01-01", periods=n),
            "aqi": aqi,
            "primary_pollutants": primary,
            "valid": valid,
        }
    )
    for name in ("pm25", "pm10", "so2", "no2", "co", "o3_8h_max"):
        frame[name] = values.get(name, [math.nan] * n)
    return frame


def test_good_day_ratio_naiman_q1() -> None:
    # 51 excellent + 35 good + 4 light + 1 heavy = 91 valid days; 3 days without AQI and
    # one strict-invalid day (AQI 300) do not count. 86/91 x 100 = 94.505... -> 94.5.
    aqi = [40.0] * 51 + [80.0] * 35 + [120.0] * 4 + [250.0] + [math.nan] * 3 + [300.0]
    primary = [""] * 51 + ["PM10"] * 35 + ["PM2.5"] * 4 + ["PM2.5,PM10"] + [""] * 3 + ["O3"]
    valid = [True] * 91 + [False] * 4
    s = period_statistics(stat_days(aqi, primary, valid))
    assert (s.valid_days, s.good_days, s.heavy_days) == (91, 86, 1)
    assert s.good_day_rate == pytest.approx(94.50549450549451)
    assert round_half_even_scalar(s.good_day_rate, 1) == 94.5
    assert s.days_by_category == {
        "优": 51, "良": 35, "轻度污染": 4, "中度污染": 0, "重度污染": 1, "严重污染": 0,
    }  # fmt: skip
    # Primary pollutants of non-good days only: PM2.5 on 5 days, PM10 on 1 (not the 35 good).
    assert s.primary_counts == {"PM2.5": 5, "PM10": 1, "SO2": 0, "NO2": 0, "CO": 0, "O3": 0}
    assert math.isnan(s.composite_index)  # no concentrations given


def test_period_concentration_statistics() -> None:
    # Valid days only (the 5th day, PM2.5 500, is invalid):
    # PM2.5 (20+21+24+25)/4 = 22.5 -> 22 (half-even); PM10 167/4 = 41.75 -> 42;
    # SO2 23/4 = 5.75 -> 6; NO2 86/4 = 21.5 -> 22;
    # CO P95: k = 1 + 3 x 0.95 = 3.85 -> 0.8 + 0.85 x (1.2 - 0.8) = 1.14 -> 1.1;
    # O3 P90: k = 1 + 3 x 0.9 = 3.7 -> 140 + 0.7 x (180 - 140) = 168.
    # Composite: 6/60 = 0.10, 22/40 = 0.55, 42/70 = 0.60, 22/35 = 0.6286 -> 0.63,
    # 1.1/4 = 0.275 -> 0.28 (half-even), 168/160 = 1.05; sum 3.21.
    days = stat_days(
        [40.0, 60.0, 80.0, 120.0, 400.0],
        ["", "PM2.5", "PM2.5", "O3", "PM2.5"],
        [True, True, True, True, False],
        pm25=[20, 21, 24, 25, 500],
        pm10=[40, 41, 42, 44, 500],
        so2=[5, 6, 6, 6, 500],
        no2=[20, 21, 22, 23, 500],
        co=[0.4, 0.6, 0.8, 1.2, 50],
        o3_8h_max=[100, 120, 140, 180, 500],
    )
    s = period_statistics(days)
    assert (s.pm25_mean, s.pm25_mean_exact) == (22.0, 22.5)
    assert (s.pm10_mean, s.so2_mean, s.no2_mean) == (42.0, 6.0, 22.0)
    assert (s.co_p95, s.o3_8h_p90) == (1.1, 168.0)
    assert s.composite_terms == {
        "so2": 0.1, "no2": 0.55, "pm10": 0.6, "pm25": 0.63, "co": 0.28, "o3": 1.05,
    }  # fmt: skip
    assert s.composite_index == 3.21
    assert s.pollutant_days["pm25"] == 4
    # Transition S_i: 42/60 = 0.70, 22/30 = 0.7333 -> 0.73; sum 3.41.
    assert (
        period_statistics(days, composite_limits=COMPOSITE_LIMITS_2026_TRANSITION).composite_index
        == 3.41
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.valid_days = 0  # type: ignore[misc]
    assert isinstance(s, AirStats)


def test_period_without_valid_days() -> None:
    s = period_statistics(stat_days([math.nan], [""], [False]))
    assert s.valid_days == 0
    assert math.isnan(s.good_day_rate)
    assert math.isnan(s.pm25_mean)


# --- month and year validity --------------------------------------------------------------


def test_min_valid_days() -> None:
    # GB 3095 Table 4: monthly mean >= 27 daily values, February >= 25; annual >= 324.
    assert [min_valid_days_for_month(2025, m) for m in (1, 2, 3, 12)] == [27, 25, 27, 27]
    assert min_valid_days_for_month(2024, 2) == 25
    assert ANNUAL_MIN_VALID_DAYS == 324
    with pytest.raises(ValueError):
        min_valid_days_for_month(2025, 13)


def test_month_coverage() -> None:
    jan = pd.date_range("2025-01-01", periods=27)  # 27 of 31: ok
    feb = pd.date_range("2025-02-01", periods=25)  # 25 of 28: ok
    mar = pd.date_range("2025-03-01", periods=26)  # 26 of 31: one short
    apr = pd.date_range("2025-04-01", periods=14)  # period ends 04-15
    outside = pd.to_datetime(["2024-12-31", "2025-04-20"])
    dates = pd.Series(jan.append([feb, mar, apr, outside, jan[:3]]))  # duplicates count once
    cov = month_coverage(dates, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 4, 15))
    assert cov["month"].tolist() == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert cov["days_in_period"].tolist() == [31, 28, 31, 15]
    assert cov["valid_days"].tolist() == [27, 25, 26, 14]
    # April cut at day 15 of 30: ceil(15 x 27 / 30) = ceil(13.5) = 14.
    assert cov["required"].tolist() == [27, 25, 27, 14]
    assert cov["ok"].tolist() == [True, True, False, True]
    feb24 = month_coverage(
        pd.Series(feb[:24]), start=datetime.date(2025, 2, 1), end=datetime.date(2025, 2, 28)
    )
    assert feb24["ok"].tolist() == [False]
