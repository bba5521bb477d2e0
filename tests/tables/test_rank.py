"""The ranking rules of ``ecotarget rank``, each worked out by hand in the comments.

Composite index terms (docs/standards.md §2.6, S_i: SO2 60, NO2 40, PM10 70, PM2.5 35,
CO 4, O3 160), each rounded to 0.01 before they are summed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from ecotarget.catalogue import Text
from ecotarget.dataset import DAILY_COLUMNS, city_days_with_aqi
from ecotarget.tables.rank import (
    air_ranking,
    assign_regions,
    changes,
    rank_rows,
    region_days,
    region_figures,
)
from ecotarget.targets import AirSettings

JAN = (dt.date(2025, 1, 1), dt.date(2025, 1, 31))


def order(rows: list[dict[str, Any]]) -> list[tuple[str, int | None, bool]]:
    return [(r["region"], r["rank"], r["tied"]) for r in rows]


# --- ties of every kind ------------------------------------------------------------------------

def test_equal_composite_index_shares_a_rank_and_the_next_skips() -> None:
    # B 3.05 is first; A and C both 3.21: second, 并列; D 3.50 is fourth, not third.
    rows = [{"region": "A", "composite_index": 3.21}, {"region": "B", "composite_index": 3.05},
            {"region": "C", "composite_index": 3.21}, {"region": "D", "composite_index": 3.50}]
    assert order(rank_rows(rows, "composite")) == [
        ("B", 1, False), ("A", 2, True), ("C", 2, True), ("D", 4, False)]


def test_good_day_rate_descending_then_pm25_ascending_then_tied() -> None:
    # A, B and D all have 93.5 %: B has the lowest PM2.5 (28) and is first; A and D have
    # 93.5 % and 30 µg/m³ both: 并列 second; C's 90.0 % is fourth whatever its PM2.5 (25).
    rows = [{"region": "A", "good_day_rate": 93.5, "pm25": 30.0},
            {"region": "B", "good_day_rate": 93.5, "pm25": 28.0},
            {"region": "C", "good_day_rate": 90.0, "pm25": 25.0},
            {"region": "D", "good_day_rate": 93.5, "pm25": 30.0}]
    assert order(rank_rows(rows, "good_day_rate")) == [
        ("B", 1, False), ("A", 2, True), ("D", 2, True), ("C", 4, False)]


def test_pm25_ties_and_three_way_ties() -> None:
    # 30, 30, 30 share the first rank; 31 is fourth.
    rows = [{"region": r, "pm25": v} for r, v in (("A", 30.0), ("B", 31.0), ("C", 30.0),
                                                  ("D", 30.0))]
    assert order(rank_rows(rows, "pm25")) == [
        ("A", 1, True), ("C", 1, True), ("D", 1, True), ("B", 4, False)]


def test_change_ascending_and_a_missing_previous_year_is_unranked() -> None:
    # −12.0 % (the largest improvement) first, then −3.5 %, then +2.0 %; C has no previous
    # year and is listed last, unranked, with the reason.
    rows = [{"region": "A", "change": {"composite_index": -3.5}},
            {"region": "B", "change": {"composite_index": 2.0}},
            {"region": "C", "change": None,
             "previous_reason": Text("rank.no_data_period", {"start": "2024-01-01",
                                                             "end": "2024-01-31"})},
            {"region": "D", "change": {"composite_index": -12.0}}]
    ranked = rank_rows(rows, "change")
    assert order(ranked) == [("D", 1, False), ("A", 2, False), ("B", 3, False),
                             ("C", None, False)]
    assert ranked[-1]["reason"].render("en") == "no data for 2024-01-01..2024-01-31"
    assert ranked[-1]["reason"].render("zh") == "2024-01-01..2024-01-31 没有数据"


def test_a_region_short_of_valid_days_is_last_even_with_the_best_figure() -> None:
    rows = [{"region": "A", "composite_index": 2.0, "reason": "short of valid days"},
            {"region": "B", "composite_index": 4.0}]
    assert order(rank_rows(rows, "composite")) == [("B", 1, False), ("A", None, False)]


# --- a region's figures ------------------------------------------------------------------------

def day_values(dates: pd.DatetimeIndex, **values: float) -> pd.DataFrame:
    """City days with constant daily values, and their AQI."""
    base = {"pm25": 28.0, "pm10": 49.0, "so2": 6.0, "no2": 20.0, "co": 0.8,
            "o3_1h_max": 100.0, "o3_8h_max": 80.0, **values}
    days = pd.DataFrame({"date": dates, **{c: float(base[c]) for c in DAILY_COLUMNS}})
    return city_days_with_aqi(days, AirSettings(), None)


def test_region_figures_composite_index_by_hand() -> None:
    # SO2 6/60 = 0.10, NO2 20/40 = 0.50, PM10 49/70 = 0.70, PM2.5 28/35 = 0.80,
    # CO 0.8/4 = 0.20, O3 80/160 = 0.50: 2.80. Every day: PM10 IAQI 49 → AQI 49, 优.
    days = day_values(pd.date_range("2025-01-01", "2025-01-31"))
    row = region_figures(days, *JAN)
    assert row["composite_index"] == 2.80
    assert row["composite_terms"] == {"so2": 0.10, "no2": 0.50, "pm10": 0.70, "pm25": 0.80,
                                      "co": 0.20, "o3": 0.50}
    assert (row["good_day_rate"], row["valid_days"], row["reason"]) == (100.0, 31, None)
    assert row["days_by_category"]["优"] == 31


@pytest.mark.parametrize(("month", "days", "short"), [
    ("2025-01", 27, False),   # January needs 27
    ("2025-01", 26, True),    # 26 of 27: short
    ("2025-02", 25, False),   # February needs 25
    ("2025-02", 24, True),    # 24 of 25: short
])
def test_a_month_short_of_valid_days(month: str, days: int, short: bool) -> None:
    first = pd.Timestamp(f"{month}-01")
    end = (first + pd.offsets.MonthEnd(0)).date()
    frame = day_values(pd.date_range(first, periods=days))
    row = region_figures(frame, first.date(), end)
    assert row["valid_days"] == days
    if short:
        assert row["reason"].render("en") == (f"short of valid days under HJ 663: {month} has "
                                              f"{days} valid days of {days + 1} required")
        assert row["reason"].render("zh") == (f"有效天数不足（HJ 663）：{month} 有效天数 {days} 天，"
                                              f"应至少 {days + 1} 天")
    else:
        assert row["reason"] is None


def test_a_whole_year_needs_324_valid_days() -> None:
    # 27 valid days every month (324 in all) meets both the monthly and the annual rule;
    # one day fewer in December fails both.
    dates = [d for m in range(1, 13) for d in pd.date_range(f"2025-{m:02d}-01", periods=27)]
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert region_figures(day_values(pd.DatetimeIndex(dates)), *year)["reason"] is None
    short = region_figures(day_values(pd.DatetimeIndex(dates[:-1])), *year)["reason"]
    assert "2025-12 has 26 valid days of 27 required" in short.render("en")
    assert "the year has 323 valid days of 324" in short.render("en")


def test_changes_are_percentages_except_the_good_day_rate() -> None:
    # composite (2.80 − 3.00)/3.00 × 100 = −6.666… → −6.7; good-day rate 90.0 − 85.5 = +4.5
    # points; PM2.5 from 0 has no rate; SO2 (6 − 8)/8 × 100 = −25.0.
    found = changes({"composite_index": 2.80, "good_day_rate": 90.0, "pm25": 30.0, "so2": 6.0},
                    {"composite_index": 3.00, "good_day_rate": 85.5, "pm25": 0.0, "so2": 8.0})
    assert (found["composite_index"], found["good_day_rate"], found["pm25"], found["so2"]) == (
        -6.7, 4.5, None, -25.0)


def test_air_ranking_change_with_and_without_the_previous_year() -> None:
    # R1: 2025 2.80 (as above); 2024 with PM2.5 35 (1.00 instead of 0.80): 3.00 → −6.7 %.
    # R2: 2025 PM2.5 35: 3.00; 2024 the same: 0.0 % → second. R3: no 2024 → unranked.
    jan25, jan24 = pd.date_range("2025-01-01", "2025-01-31"), pd.date_range("2024-01-01",
                                                                            "2024-01-31")
    days = pd.concat([
        day_values(jan25).assign(region="R1"), day_values(jan24, pm25=35.0).assign(region="R1"),
        day_values(jan25, pm25=35.0).assign(region="R2"),
        day_values(jan24, pm25=35.0).assign(region="R2"),
        day_values(jan25).assign(region="R3")], ignore_index=True)
    ranking = air_ranking(days, ["R1", "R2", "R3"], {}, "change", *JAN, highlight=["R2"])
    assert order(ranking.rows) == [("R1", 1, False), ("R2", 2, False), ("R3", None, False)]
    assert ranking.rows[0]["change"]["composite_index"] == -6.7
    assert ranking.rows[0]["previous"]["composite_index"] == 3.00
    assert ranking.rows[1]["highlight"] is True
    assert ranking.rows[2]["reason"].render("en") == "no data for 2024-01-01..2024-01-31"
    # the same days under the composite rule: R1 and R3 both 2.80, 并列 first; R2 third
    composite = air_ranking(days, ["R1", "R2", "R3"], {}, "composite", *JAN)
    assert order(composite.rows) == [("R1", 1, True), ("R3", 1, True), ("R2", 3, False)]


# --- regions -----------------------------------------------------------------------------------

def test_assign_regions_by_code_or_name() -> None:
    regions, unmatched = assign_regions(["1001A", "1002A", "X"], {" 1001a ": "东城", "西城站": "西城"},
                                        {"1002A": "西城站"})
    assert regions == {"1001A": "东城", "1002A": "西城"}
    assert unmatched == ["X"]


def station_day(station: str, pm25: list[float]) -> pd.DataFrame:
    """One station's 24 hours of 2025-01-01 (hour 1..24) with the given PM2.5."""
    return pd.DataFrame({"station": station, "date": pd.Timestamp("2025-01-01"),
                         "hour": np.arange(1, 25), "pm25": pm25, "pm10": 50.0, "so2": 5.0,
                         "no2": 20.0, "co": 0.5, "o3": 60.0})


def test_region_hourly_values_are_the_mean_of_its_stations_hourly_first() -> None:
    # A: PM2.5 30 every hour. B: 50 in hours 1–12, missing in 13–24.
    # Hourly first: hours 1–12 (30 + 50)/2 = 40, hours 13–24 30 → day (12×40 + 12×30)/24 = 35.
    # Daily first would give 30: B has 12 valid hours (< 20) and no daily PM2.5 of its own.
    hours = pd.concat([station_day("A", [30.0] * 24),
                       station_day("B", [50.0] * 12 + [np.nan] * 12)], ignore_index=True)
    days = region_days(hours, None, {"A": "R", "B": "R"}, AirSettings(), None)
    assert days["pm25"].tolist() == [35.0]
    daily_first = region_days(hours, None, {"A": "R", "B": "R"},
                              AirSettings(city_aggregation="daily_first"), None)
    assert daily_first["pm25"].tolist() == [30.0]
    # each station its own region: A 30, B without a valid daily PM2.5
    alone = region_days(hours, None, {"A": "A", "B": "B"}, AirSettings(), None)
    assert alone.set_index("region")["pm25"].fillna(-1).to_dict() == {"A": 30.0, "B": -1.0}
