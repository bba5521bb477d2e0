"""Air metrics end to end on small synthetic CSVs: good-day rate, PM2.5 mean, coverage,
outlook, editions and hour labels, plus the row tables behind ``ecotarget aqi``.

Every expected figure is derived by hand in a comment (docs/standards.md §1–§2).  A "clean"
day below has PM2.5 30, PM10 40, SO2 5, NO2 20, CO 0.5, O3 1-h 100 and O3 8-h 80: IAQIs
43, 40, 5, 25, 13, 32, 40 (all ≤ 50), so its AQI is 43 (优, good).  A "bad" day has
PM2.5 100: IAQI 100 + (100 - 75)/(115 - 75) × 50 = 131.25 → 132 under HJ 633-2012
(轻度污染, not good).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from ecotarget.dataset import Dataset, given_station_days
from ecotarget.pipeline import CheckOptions, build_dataset, check, read_inputs
from ecotarget.read import expand_paths
from ecotarget.report import Result
from ecotarget.standards.aqi import Edition
from ecotarget.standards.averages import trailing_mean
from ecotarget.tables.aqi import (
    HOURLY_COLUMNS,
    STATION_DAY_COLUMNS,
    calendar_data,
    hourly_table,
    station_day_table,
)
from ecotarget.targets import TargetsFile, load_targets
from ecotarget.validate import ValidatedTable

WriteTargets = Callable[[str], Path]  # the conftest fixture: YAML target items → file
AIR_TARGETS = """\
  - {id: air_good_day_rate, section: headline, name: 空气质量优良率, name_en: Good days,
     clause: 优良率90%, metric: air.good_day_rate, op: ">=", target: 90, unit: "%"}
  - {id: pm25_mean, section: headline, name: PM2.5平均浓度, name_en: PM2.5 mean,
     clause: PM2.5 26, metric: air.pm25_mean, op: "<=", target: 26, unit: µg/m³}
"""
DAILY_HEADER = "日期,PM2.5,PM10,SO2,NO2,CO,臭氧1小时,臭氧8小时\n"
HOURLY_HEADER = "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3\n"
CLEAN_PM25 = 30.0
BAD_PM25 = 100.0
TODAY = dt.date(2026, 12, 31)  # after every date used: nothing is dropped as "future"


def days_csv(dates: Iterable[pd.Timestamp], pm25: Sequence[float]) -> str:
    """City-day rows: the clean day's values with the given PM2.5 (empty when NaN)."""
    lines = [DAILY_HEADER]
    for day, pm in zip(dates, pm25, strict=True):
        cell = "" if np.isnan(pm) else f"{pm:g}"
        lines.append(f"{day:%Y-%m-%d},{cell},40,5,20,0.5,100,80\n")
    return "".join(lines)


def write_days(path: Path, start: str, end: str, bad: Iterable[int] = (),
               pm25: float = CLEAN_PM25) -> Path:
    """Every day start..end, clean, except the days at positions ``bad`` (PM2.5 100)."""
    dates = pd.date_range(start, end, freq="D")
    values = np.full(len(dates), pm25)
    values[list(bad)] = BAD_PM25
    path.write_text(days_csv(dates, values.tolist()), encoding="utf-8")
    return path


def air_results(paths: Sequence[Path], targets: Path, **options: Any) -> dict[str, Result]:
    loaded = load_targets(targets)
    report = check([str(p) for p in paths], loaded,
                   CheckOptions(today=TODAY, **options))
    return {r.id: r for r in report.results}


def dataset(paths: Sequence[Path], hour_label: str | None = None
            ) -> tuple[Dataset, list[ValidatedTable], TargetsFile]:
    """Read and combine inputs as ``check`` does (the bundled targets' settings)."""
    spec = load_targets(None).spec
    options = CheckOptions(hour_label=hour_label, today=TODAY)
    tables = read_inputs(expand_paths([str(p) for p in paths]), spec, options)
    return build_dataset(tables, spec, options), tables, spec


# --- good-day rate --------------------------------------------------------------------------

def test_good_day_rate_86_of_91_is_94_5(tmp_path: Path, write_targets: WriteTargets) -> None:
    # Q2 2025 has 30 + 31 + 30 = 91 days; 5 bad ones leave 86 good.
    # 86 / 91 × 100 = 94.505… → 94.5 (one decimal, GB/T 8170): the Naiman Q1 bulletin figure.
    data = write_days(tmp_path / "q2.csv", "2025-04-01", "2025-06-30", bad=range(5))
    result = air_results([data], write_targets(AIR_TARGETS), period=(dt.date(2025, 4, 1),
                                                                     dt.date(2025, 6, 30)))
    good = result["air_good_day_rate"]
    assert good.actual == 94.5 and good.status == "met"
    assert good.how.render("en").startswith("86/91 days")
    assert good.detail["stats"]["days_by_category"]["轻度污染"] == 5


def test_valid_days_not_calendar_days_are_the_denominator(tmp_path: Path, write_targets: WriteTargets) -> None:
    # 91 calendar days, one without any value (the row is absent): 85 good of 90 valid
    # = 94.444… → 94.4, not 85/91.
    dates = pd.date_range("2025-04-01", "2025-06-30", freq="D").delete(10)
    pm = [BAD_PM25] * 5 + [CLEAN_PM25] * 85
    path = tmp_path / "q2.csv"
    path.write_text(days_csv(dates, pm), encoding="utf-8")
    result = air_results([path], write_targets(AIR_TARGETS),
                         period=(dt.date(2025, 4, 1), dt.date(2025, 6, 30)))
    assert result["air_good_day_rate"].actual == 94.4
    assert result["air_good_day_rate"].how.render("en").startswith("85/90 days")


# --- PM2.5 mean -------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "reported"), [
    ((26.0, 27.0), 26.0),  # mean 26.5 → 26: half to even (GB/T 8170), not half up
    ((27.0, 28.0), 28.0),  # mean 27.5 → 28: half to even rounds up to the even 28
])
def test_pm25_mean_rounds_half_to_even(tmp_path: Path, write_targets: WriteTargets,
                                       values: tuple[float, float],
                                       reported: float) -> None:
    path = tmp_path / "two.csv"
    path.write_text(days_csv(pd.date_range("2025-03-01", periods=2), list(values)),
                    encoding="utf-8")
    # Two days of March: pro-rata coverage needs ceil(2 × 27 / 31) = 2 valid days: met.
    result = air_results([path], write_targets(AIR_TARGETS),
                         period=(dt.date(2025, 3, 1), dt.date(2025, 3, 2)))["pm25_mean"]
    assert result.actual == reported
    assert result.detail["pm25_mean_exact"] == sum(values) / 2
    assert result.status == ("met" if reported <= 26 else "not_met")


def test_a_month_with_26_valid_days_is_insufficient(tmp_path: Path, write_targets: WriteTargets) -> None:
    # March needs 27 valid days (GB 3095 Table 4); 26 are given.
    path = write_days(tmp_path / "march.csv", "2025-03-01", "2025-03-26")
    results = air_results([path], write_targets(AIR_TARGETS),
                          period=(dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
                          as_of=dt.date(2025, 3, 31))
    for key in ("air_good_day_rate", "pm25_mean"):
        assert results[key].status == "insufficient_data"
        assert "2025-03 has 26 valid days of 27 required" in results[key].reason.render("en")
    assert results["pm25_mean"].actual == 30  # the figure is still shown


# --- outlook ----------------------------------------------------------------------------------

def test_allowance_arithmetic(tmp_path: Path, write_targets: WriteTargets) -> None:
    # As of 2025-10-07: 280 days so far (Jan 1 .. Oct 7), 85 left (24 + 30 + 31).
    # 250 good of 280 valid: 89.2857… → 89.3 % so far.
    # Allowance x: the largest with round1((250 + 85 − x) / 365 × 100) ≥ 90:
    #   x = 6 → 329/365 = 90.137 → 90.1 ✓;  x = 7 → 328/365 = 89.863 → 89.9 ✗.  So 6,
    #   and 85 − 6 = 79 good days needed: 79/85 = 92.94… → 92.9 % of the days left.
    path = write_days(tmp_path / "ytd.csv", "2025-01-01", "2025-10-07", bad=range(30))
    good = air_results([path], write_targets(AIR_TARGETS),
                       as_of=dt.date(2025, 10, 7))["air_good_day_rate"]
    assert good.actual == 89.3
    assert good.outlook["days_left"] == 85
    assert good.outlook["allowance"] == 6
    assert good.outlook["good_days_needed"] == 79
    assert good.outlook["good_share_needed"] == 92.9
    # behind so far, still reachable, no previous year to project from: at risk
    assert good.status == "at_risk"


def test_unreachable_is_not_met(tmp_path: Path, write_targets: WriteTargets) -> None:
    # 200 good of 280; even 85 good days give (200 + 85)/365 = 78.1 % < 90: no allowance.
    path = write_days(tmp_path / "ytd.csv", "2025-01-01", "2025-10-07", bad=range(80))
    good = air_results([path], write_targets(AIR_TARGETS),
                       as_of=dt.date(2025, 10, 7))["air_good_day_rate"]
    assert good.actual == round(200 / 280 * 100, 1) == 71.4
    assert good.outlook["allowance"] is None
    assert good.status == "not_met"


@pytest.mark.parametrize(("bad_before", "status", "projected"), [
    # 2024 November-December all good: (276 + 61)/365 = 92.33 → 92.3: met.
    (0, "met", 92.3),
    # 2024 November-December with 36 of 61 bad (Nov 1..Dec 6): 25 good, shares
    # Nov 0/30, Dec 25/31; projected (276 + 0 × 30 + 25/31 × 31)/365 = 301/365 = 82.47
    # → 82.5: the year so far (90.8) is met but the projection misses it: at risk.
    (36, "at_risk", 82.5),
])
def test_projection_from_the_previous_year(tmp_path: Path, write_targets: WriteTargets,
                                           bad_before: int,
                                           status: str, projected: float) -> None:
    # 2025 as of Oct 31: 304 days, 28 bad → 276/304 = 90.79 → 90.8 % (met so far).
    this_year = write_days(tmp_path / "y2025.csv", "2025-01-01", "2025-10-31", bad=range(28))
    last_year = write_days(tmp_path / "y2024.csv", "2024-11-01", "2024-12-31",
                           bad=range(bad_before))
    good = air_results([this_year, last_year], write_targets(AIR_TARGETS),
                       as_of=dt.date(2025, 10, 31))["air_good_day_rate"]
    assert good.actual == 90.8
    assert good.outlook["projected"] == projected
    assert good.outlook["projection_basis"] == "2024 months 11–12"
    assert good.status == status


def test_without_the_previous_year_the_year_so_far_decides(tmp_path: Path, write_targets: WriteTargets) -> None:
    this_year = write_days(tmp_path / "y2025.csv", "2025-01-01", "2025-10-31", bad=range(28))
    good = air_results([this_year], write_targets(AIR_TARGETS),
                       as_of=dt.date(2025, 10, 31))["air_good_day_rate"]
    assert good.status == "met" and "projected" not in good.outlook
    assert "no previous-year data" in good.outlook["projection_basis"]


# --- editions -------------------------------------------------------------------------------

def test_air_standard_2026_makes_a_75_day_light_pollution(tmp_path: Path, write_targets: WriteTargets) -> None:
    # PM2.5 75: 2012 IAQI exactly 100 (good); 2026 100 + (75 − 60)/(115 − 60) × 50 = 113.6
    # → 114 (轻度污染).  One day of March 2025, read under each edition.
    path = tmp_path / "one.csv"
    path.write_text(days_csv([pd.Timestamp("2025-03-01")], [75.0]), encoding="utf-8")
    targets = write_targets(AIR_TARGETS)
    period = (dt.date(2025, 3, 1), dt.date(2025, 3, 1))
    rate = {std: air_results([path], targets, period=period, air_standard=std)
            ["air_good_day_rate"] for std in ("2012", "2026", "auto")}
    assert rate["2012"].actual == 100.0 and rate["auto"].actual == 100.0  # 2025: 2012 rules
    assert rate["2026"].actual == 0.0
    assert rate["2026"].detail["edition"] == {"2026": 1}

    data, tables, spec = dataset([path])
    cases: tuple[tuple[Edition, int, str], ...] = (("2012", 100, "良"), ("2026", 114, "轻度污染"))
    for edition, aqi, category in cases:
        row = station_day_table(data, spec.settings.air, edition,
                                day_rows=given_station_days(tables)).iloc[0]
        assert (row["aqi"], row["category"], row["iaqi_pm25"]) == (aqi, category, aqi)


def test_edition_switches_on_2026_03_01(tmp_path: Path) -> None:
    # Daily: 02-28 under 2012 (AQI 100, 良), 03-01 under 2026 (AQI 114, 轻度污染).
    path = tmp_path / "switch.csv"
    path.write_text(days_csv(pd.date_range("2026-02-28", periods=2), [75.0, 75.0]),
                    encoding="utf-8")
    data, tables, spec = dataset([path])
    days = station_day_table(data, spec.settings.air, None, day_rows=given_station_days(tables))
    assert days["aqi"].tolist() == [100, 114]
    assert days["category"].tolist() == ["良", "轻度污染"]


def hours_csv(times: Sequence[str], pm25: Sequence[float], so2: Sequence[float] | None = None,
              station: str = "A") -> str:
    so2 = so2 if so2 is not None else [5.0] * len(times)
    rows = [f"{t},{station},{p:g},40,{s:g},20,0.5,60\n" for t, p, s in zip(times, pm25, so2,
                                                                             strict=True)]
    return HOURLY_HEADER + "".join(rows)


@pytest.mark.parametrize(("label", "times", "expected"), [
    # End labels: 2026-03-01 00:00 is 23:00-24:00 of 02-28 (2012: PM2.5 75 → 100);
    # 01:00 is the first hour of 03-01 (2026: → 114).
    ("end", ["2026-03-01 00:00", "2026-03-01 01:00"], [100, 114]),
    # Start labels: 2026-02-28 23:00 is the same last hour of 02-28 (2012: 100);
    # 2026-03-01 00:00 is the first hour of 03-01 (2026: 114).
    ("start", ["2026-02-28 23:00", "2026-03-01 00:00"], [100, 114]),
])
def test_hourly_edition_follows_the_hour_measured(tmp_path: Path, label: str,
                                                  times: list[str], expected: list[int]) -> None:
    path = tmp_path / "hours.csv"
    path.write_text(hours_csv(times, [75.0, 75.0]), encoding="utf-8")
    data, _, _ = dataset([path], hour_label=label)
    rows = hourly_table(data, None)
    assert list(rows.columns) == list(HOURLY_COLUMNS)
    assert rows["aqi"].tolist() == expected
    # the time column is the input's own label, not the natural-day form
    assert rows["time"].dt.strftime("%Y-%m-%d %H:%M").tolist() == times


# --- hour labels ------------------------------------------------------------------------------

def test_end_label_midnight_is_hour_24_of_the_day_before(tmp_path: Path) -> None:
    # Labels 2025-03-01 01:00 … 2025-03-02 01:00 (25 hours), PM2.5 30 except 54 at the
    # label 2025-03-02 00:00.
    # end:   03-01 = labels 01:00 … next 00:00 = 24 hours, (23 × 30 + 54)/24 = 31;
    #        03-02 = 1 hour → fewer than 20: PM2.5 invalid.
    # start: 03-01 = labels 01:00 … 23:00 = 23 hours of 30 → 30;
    #        03-02 = labels 00:00 and 01:00 = 2 hours → invalid.
    times = pd.date_range("2025-03-01 01:00", "2025-03-02 01:00", freq="h")
    pm = [54.0 if t == pd.Timestamp("2025-03-02 00:00") else 30.0 for t in times]
    path = tmp_path / "hours.csv"
    path.write_text(hours_csv([f"{t:%Y-%m-%d %H:%M}" for t in times], pm), encoding="utf-8")
    for label, first in (("end", 31.0), ("start", 30.0)):
        data, _, spec = dataset([path], hour_label=label)
        days = station_day_table(data, spec.settings.air, None)
        assert list(days.columns) == list(STATION_DAY_COLUMNS)
        assert days["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-01", "2025-03-02"]
        assert days["station"].tolist() == ["A", "A"]  # one station: no extra city rows
        assert days["pm25"].iloc[0] == first
        assert np.isnan(days["pm25"].iloc[1])


# --- station days and city rows -------------------------------------------------------------

def test_several_stations_add_city_rows(tmp_path: Path) -> None:
    # Two stations, one day, PM2.5 30 at A and 40 at B every hour: city (hourly first) 35.
    times = [f"{t:%Y-%m-%d %H:%M}" for t in pd.date_range("2025-03-01 01:00", periods=24,
                                                           freq="h")]
    path = tmp_path / "two.csv"
    body = hours_csv(times, [30.0] * 24, station="A")
    body += hours_csv(times, [40.0] * 24, station="B").split("\n", 1)[1]
    path.write_text(body, encoding="utf-8")
    data, _, spec = dataset([path])
    days = station_day_table(data, spec.settings.air, None)
    assert days["station"].tolist() == ["A", "B", "city"]
    assert days["pm25"].tolist() == [30, 40, 35]
    # PM2.5 35 → IAQI 50 exactly (excellent, no primary pollutant)
    city = days.iloc[2]
    assert (city["iaqi_pm25"], city["category"], city["primary_pollutants"]) == (50, "优", "")


def test_day_rows_with_stations_are_listed_as_given(tmp_path: Path) -> None:
    path = tmp_path / "stations.csv"
    path.write_text("日期,站点,PM2.5,PM10,SO2,NO2,CO,臭氧1小时,臭氧8小时\n"
                    "2025-03-01,A,30,40,5,20,0.5,100,80\n"
                    "2025-03-01,B,41,40,5,20,0.5,100,80\n", encoding="utf-8")
    data, tables, spec = dataset([path])
    days = station_day_table(data, spec.settings.air, None, day_rows=given_station_days(tables))
    # the city is the stations' mean, 35.5 → 36 (half to even)
    assert days["station"].tolist() == ["A", "B", "city"]
    assert days["pm25"].tolist() == [30, 41, 36]


# --- the network's hourly SO2 rule and its 24-h mean --------------------------------------

def test_trailing_mean_is_over_the_hours_present() -> None:
    # hours 1..3 of A: 1, 3, (missing) → means 1, 2, 3 with a 2-hour window; B alone: 5
    got = trailing_mean([1.0, 3.0, np.nan, 5.0], ["A", "A", "A", "B"], [1, 2, 3, 3], window=2)
    assert got.tolist() == [1.0, 2.0, 3.0, 5.0]
    # gaps shorten the window: hours 1 and 30 never share one
    assert trailing_mean([10.0, 20.0], ["A", "A"], [1, 30]).tolist() == [10.0, 20.0]


def test_so2_above_800_uses_the_24h_mean_in_2012_and_200_in_2026(tmp_path: Path) -> None:
    # 23 hours of SO2 100 then one of 900: trailing mean (23 × 100 + 900)/24 = 133.33 → 133;
    # 2012 note 2: IAQI of the 24-h value 50 + (133 − 50)/(150 − 50) × 50 = 91.5 → 92.
    # 2026: IAQI 200.
    times = [f"{t:%Y-%m-%d %H:%M}" for t in pd.date_range("2025-03-01 01:00", periods=24,
                                                           freq="h")]
    path = tmp_path / "so2.csv"
    path.write_text(hours_csv(times, [10.0] * 24, so2=[100.0] * 23 + [900.0]), encoding="utf-8")
    data, _, _ = dataset([path])
    assert hourly_table(data, "2012")["iaqi_so2"].iloc[-1] == 92
    assert hourly_table(data, "2026")["iaqi_so2"].iloc[-1] == 200


# --- calendar -------------------------------------------------------------------------------

def test_calendar_data_uses_the_good_day_outlook(tmp_path: Path) -> None:
    # the allowance case above, through calendar_data and the bundled target (≥ 90)
    path = write_days(tmp_path / "ytd.csv", "2025-01-01", "2025-10-07", bad=range(30))
    data, _, spec = dataset([path])
    cal = calendar_data(data, spec)
    s = cal.summary
    assert s is not None and s.target_id == "air_good_day_rate"
    assert (s.good_days, s.valid_days, s.rate, s.allowance, s.days_left) == (250, 280, 89.3, 6, 85)
    assert s.status == "at_risk"
    assert cal.months[0] == (2025, 1) and cal.months[-1] == (2025, 10)
    # October is listed whole: days after the data have no valid AQI
    october = cal.days[cal.days["date"].dt.month == 10]
    assert len(october) == 31 and october["valid"].sum() == 7


def test_the_last_hour_of_the_year_is_in_the_year(tmp_path: Path) -> None:
    """2026-01-01 00:00 labels the last hour of 2025 (end-of-hour labels): not out of period."""
    from ecotarget.pipeline import CheckOptions, check
    from ecotarget.targets import load_targets
    from tests.conftest import TARGETS

    path = tmp_path / "air.csv"
    rows = ["时间,站点,PM2.5,O3"] + [
        f"2025-12-31 {h:02d}:00,A,30,50" for h in range(1, 24)] + ["2026-01-01 00:00,A,30,50",
                                                                  "2026-01-01 01:00,A,30,50"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check([str(path)], load_targets(TARGETS),
                   CheckOptions(today=dt.date(2026, 2, 1)))
    (summary,) = report.inputs
    assert summary.rows_out_of_period == 1  # only 2026-01-01 01:00, an hour of 2026
    assert report.as_of == dt.date(2025, 12, 31)


def test_rows_before_the_baseline_year_or_after_tomorrow_are_out_of_period(tmp_path: Path) -> None:
    """The scope's edges, with end-of-hour labels: 2024-01-01 00:00 is an hour of 2023 (out),
    01:00 one of the 2024 baseline (in); with today 2025-06-10, an hour ending 2025-06-11
    01:00 is the last one kept (the day after today is tolerated, no later)."""
    from ecotarget.pipeline import CheckOptions, check
    from ecotarget.targets import load_targets
    from tests.conftest import TARGETS

    path = tmp_path / "air.csv"
    labels = ["2024-01-01 00:00", "2024-01-01 01:00", "2025-06-10 12:00", "2025-06-11 01:00",
              "2025-06-11 02:00", "2025-06-12 05:00"]
    path.write_text("时间,站点,PM2.5,O3\n" + "".join(f"{t},A,30,50\n" for t in labels),
                    encoding="utf-8")
    report = check([str(path)], load_targets(TARGETS),
                   CheckOptions(today=dt.date(2025, 6, 10)))
    (summary,) = report.inputs
    assert (summary.rows_accepted, summary.rows_out_of_period) == (6, 3)
