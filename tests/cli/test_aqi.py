"""``ecotarget aqi`` through CliRunner, and the air samples: hourly and daily routes agree."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from ecotarget.cli import cli
from ecotarget.cli.aqi import aqi, read_air_tables
from ecotarget.pipeline import CheckOptions, build_dataset
from ecotarget.read import expand_paths
from ecotarget.render.aqi import DAY_VIEW, plain_rows, render_calendar, render_rows
from ecotarget.tables.aqi import (
    HOURLY_COLUMNS,
    STATION_DAY_COLUMNS,
    CalendarData,
    station_day_table,
)
from ecotarget.targets import load_targets
from tests.conftest import SAMPLES

HOURLY_HEADER = "时间,站点,PM2.5(μg/m³),PM10(μg/m³),SO2(μg/m³),NO2(μg/m³),CO(mg/m³),O3(μg/m³)\n"
DAILY_SAMPLES = SAMPLES / "daily"
HOURLY_SAMPLES = (SAMPLES / "air-hourly-2024.csv", SAMPLES / "air-hourly-2025.csv")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(aqi, list(args), catch_exceptions=False,
                              env={"NO_COLOR": "1", **(env or {})})


@pytest.fixture
def two_stations(tmp_path: Path) -> Path:
    """Two stations, 2025-03-01 (24 end-labelled hours) plus 01:00 of 03-02.

    A has PM2.5 30 every hour, B 40 (35.4 in its last hour of 03-01, to show decimals
    passing through); B lacks NO2 at 05:00.  City (hourly first) PM2.5 on 03-01:
    (30 × 24 + 40 × 23 + 35.4)/48 = 34.90 → 35 → IAQI 50 (优).
    """
    lines = [HOURLY_HEADER]
    for t in pd.date_range("2025-03-01 01:00", "2025-03-02 01:00", freq="h"):
        label = f"{t:%Y-%m-%d %H:%M}"
        lines.append(f"{label},A,30,40,5,20,0.5,60\n")
        b_pm = "35.4" if label == "2025-03-02 00:00" else "40"
        b_no2 = "" if label == "2025-03-01 05:00" else "22"
        lines.append(f"{label},B,{b_pm},44,6,{b_no2},0.6,58\n")
    path = tmp_path / "hours.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_help_has_an_example() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Example" in result.output and "city" in result.output


def test_csv_columns_exactly(two_stations: Path) -> None:
    result = run(str(two_stations), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert tuple(rows[0]) == STATION_DAY_COLUMNS == (
        "date", "station", "pm25", "pm10", "so2", "no2", "co", "o3_1h_max", "o3_8h_max",
        "iaqi_pm25", "iaqi_pm10", "iaqi_so2", "iaqi_no2", "iaqi_co", "iaqi_o3_1h",
        "iaqi_o3_8h", "aqi", "category", "category_en", "primary_pollutants", "valid")
    # 03-01: A, B, city; 03-02 (one hour): A, B, city
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("2025-03-01", "A"), ("2025-03-01", "B"), ("2025-03-01", "city"),
        ("2025-03-02", "A"), ("2025-03-02", "B"), ("2025-03-02", "city")]
    city = dict(zip(rows[0], rows[3], strict=True))
    assert (city["pm25"], city["iaqi_pm25"], city["category"]) == ("35", "50", "优")
    # 03-02 has 1 hour: every 24-h mean and the O3 8-h are invalid (empty), yet the O3
    # 1-h max (60 → IAQI 19) still gives an AQI (docs/standards.md §1.5, the default)
    next_day = dict(zip(rows[0], rows[4], strict=True))
    assert next_day["pm25"] == "" and next_day["o3_8h_max"] == ""
    assert next_day["aqi"] == "19" and next_day["valid"] == "true"


def test_json_document_and_types(two_stations: Path) -> None:
    result = run(str(two_stations), "--format", "json")
    document = json.loads(result.output)
    assert list(document) == ["schema_version", "rows"] and document["schema_version"] == 1
    rows = document["rows"]
    assert len(rows) == 6 and list(rows[0]) == list(STATION_DAY_COLUMNS)
    first = rows[0]
    assert first["date"] == "2025-03-01" and first["station"] == "A"
    assert isinstance(first["pm25"], int) and isinstance(first["co"], float)
    assert isinstance(first["aqi"], int) and first["valid"] is True
    assert first["primary_pollutants"] == ""  # AQI ≤ 50: no primary pollutant
    assert rows[3]["pm25"] is None  # NaN → null


def test_hourly_rows_keep_the_input_label(two_stations: Path) -> None:
    result = run(str(two_stations), "--hourly", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert tuple(rows[0]) == HOURLY_COLUMNS
    assert len(rows) == 1 + 2 * 25
    # the last hour of 03-01 keeps its label 2025-03-02 00:00, and B's 35.4 stays 35.4
    b_midnight = [r for r in rows if r[0] == "2025-03-02 00:00" and r[1] == "B"]
    assert b_midnight and b_midnight[0][2] == "35.4"
    assert rows[1][:3] == ["2025-03-01 01:00", "A", "30"]  # not 30.0 beside 35.4
    # PM2.5 35.4 is read against the 24-h column: rounds to 35 → IAQI 50 (docs/standards.md §1.3)
    assert b_midnight[0][HOURLY_COLUMNS.index("iaqi_pm25")] == "50"
    missing_no2 = next(r for r in rows if r[0] == "2025-03-01 05:00" and r[1] == "B")
    assert missing_no2[HOURLY_COLUMNS.index("no2")] == ""
    assert missing_no2[HOURLY_COLUMNS.index("iaqi_no2")] == ""

    as_json = json.loads(run(str(two_stations), "--hourly", "--format", "json").output)
    assert as_json["rows"][0]["time"] == "2025-03-01T01:00:00"


def test_hourly_start_labels_stay_start_labels(tmp_path: Path) -> None:
    # (two labels: a file whose every label is 00:00 reads as day rows)
    path = tmp_path / "start.csv"
    path.write_text(HOURLY_HEADER + "2025-03-01 00:00,A,30,40,5,20,0.5,60\n"
                    "2025-03-01 01:00,A,30,40,5,20,0.5,60\n", encoding="utf-8")
    result = run(str(path), "--hourly", "--hour-label", "start", "--format", "csv")
    assert result.output.splitlines()[1].startswith("2025-03-01 00:00,A,30,")
    days = run(str(path), "--hour-label", "start", "--format", "csv").output.splitlines()
    assert [d[:13] for d in days[1:]] == ["2025-03-01,A,"]  # hours 1 and 2 of 03-01
    days_end = run(str(path), "--format", "csv").output.splitlines()
    # end labels: 00:00 is hour 24 of 02-28, 01:00 hour 1 of 03-01
    assert [d[:13] for d in days_end[1:]] == ["2025-02-28,A,", "2025-03-01,A,"]


def test_air_standard_option(tmp_path: Path) -> None:
    path = tmp_path / "day.csv"
    path.write_text("日期,PM2.5,PM10,SO2,NO2,CO,臭氧1小时,臭氧8小时\n"
                    "2025-03-01,75,40,5,20,0.5,100,80\n", encoding="utf-8")

    def row(*extra: str) -> dict[str, object]:
        document = json.loads(run(str(path), "--format", "json", *extra).output)
        return dict(document["rows"][0])

    assert row()["aqi"] == 100 and row()["station"] == "city"
    assert (row("--air-standard", "2026")["aqi"], row("--air-standard", "2026")["category"]) == (
        114, "轻度污染")


def test_table_output_without_colour(two_stations: Path) -> None:
    result = run(str(two_stations))
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    header = result.output.splitlines()[0].split()
    assert header[:3] == ["日期", "站点", "PM2.5"] and header[-3:] == ["类别", "首要污染物", "有效"]
    assert "共 6 行" in result.output
    english = run(str(two_stations), "--lang", "en").output
    header = english.splitlines()[0].split()
    assert header[:3] == ["date", "station", "PM2.5"] and "AQI" in header
    assert header[-3:] == ["category", "primary", "valid"]
    assert "6 rows" in english


def test_table_colours_the_category_cell(two_stations: Path) -> None:
    spec = load_targets(None).spec
    tables = read_air_tables(expand_paths([str(two_stations)]), spec, encoding=None, kind=None)
    rows = station_day_table(build_dataset(tables, spec, CheckOptions()), spec.settings.air, None)
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, color_system="truecolor", width=150)
    render_rows(plain_rows(rows, time_format="%Y-%m-%d %H:%M"), console, DAY_VIEW)
    out = stream.getvalue()
    # 优 on green (#00E400) and 良 on yellow (#FFFF00), in black ink
    assert "\x1b[30;48;2;0;228;0m优" in out and "\x1b[30;48;2;255;255;0m良" in out


def test_unusable_input_and_bad_combinations_exit_2(tmp_path: Path, two_stations: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值\n2025-01,环境信访件数,3\n", encoding="utf-8")
    result = run(str(ledger), "--lang", "en")
    assert result.exit_code == 2 and "no air input" in result.output
    chinese = run(str(ledger))  # the run's language: Chinese by default
    assert chinese.exit_code == 2 and "错误：" in chinese.output and "中没有空气输入" in chinese.output
    assert run(str(two_stations), "--calendar", "--format", "csv").exit_code == 2
    assert run(str(two_stations), "--calendar", "--hourly").exit_code == 2
    assert run(str(tmp_path / "absent.csv")).exit_code == 2


# --- calendar -------------------------------------------------------------------------------

@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_calendar_on_the_samples_without_colour() -> None:
    result = run(str(SAMPLES), "--calendar")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "\x1b[" not in out
    for month in ("2024年1月", "2024年12月", "2025年1月", "2025年10月"):
        assert month in out
    assert "一    二    三    四    五    六    日" in out
    # initials instead of colour, the dark day 2025-09-03 as "·", and the legend
    assert "良" in out and "轻" in out and " · " in out and "·=无有效AQI" in out
    assert "  1日   2日" in out  # the day of month above each AQI
    # 272 good of 303 valid days: 272/303 = 89.77 % → 89.8 % < 90 with 61 days left
    whole = out.replace("\n", "")  # the line wraps at the console's width
    assert ("优良率 2025-01-01..2025-10-31：89.8%（有效 303 天中优良 272 天）· "
            "目标 ≥ 90%（air_good_day_rate）· ! 有风险") in whole
    assert "余量：2025 年余下 61 天中至多还可有 5 个非优良日（余下每天均按有效计）" in whole
    assert "预测（依据 2024 年 11–12 月）：91.2%" in whole
    english = run(str(SAMPLES), "--calendar", "--lang", "en").output
    for month in ("Jan 2024", "Dec 2024", "Oct 2025"):
        assert month in english
    assert " Mo    Tu    We    Th    Fr    Sa    Su" in english
    assert "E=Excellent 0–50  G=Good 51–100  L=Lightly polluted 101–150" in english
    assert "·=no valid AQI" in english
    english = english.replace("\n", " ")
    assert ("Good-day rate 2025-01-01..2025-10-31: 89.8% (272 good of 303 valid days) · "
            "target ≥ 90% (air_good_day_rate) · ! at risk") in english
    assert "Allowance: at most 5 more non-good days among the 61 left in 2025" in english
    assert "Projection from 2024 months 11–12: 91.2%" in english


def test_calendar_colours_days_by_category() -> None:
    days = pd.DataFrame({
        "date": pd.date_range("2025-03-01", "2025-03-31"),
        "aqi": pd.array([40, 80, 120, None] + [60] * 27, dtype="Int64"),
        "level": pd.array([1, 2, 3, None] + [2] * 27, dtype="Int64"),
        "category": ["优", "良", "轻度污染", None] + ["良"] * 27,
        "category_en": ["Excellent", "Good", "Lightly polluted", None] + ["Good"] * 27,
        "valid": [True, True, True, False] + [True] * 27,
    })
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, color_system="truecolor", width=100)
    render_calendar(CalendarData(days=days, months=((2025, 3),), summary=None), console)
    out = stream.getvalue()
    assert "48;2;0;228;0m" in out and "48;2;255;255;0m" in out and "48;2;255;126;0m" in out
    assert "  40 " in out and "良" not in out.split("AQI:")[0].split("日", 1)[1]  # no initials

    plain = io.StringIO()
    render_calendar(CalendarData(days=days, months=((2025, 3),), summary=None),
                    Console(file=plain, no_color=True, width=100))
    text = plain.getvalue()
    assert " 40优" in text and " 80良" in text and "120轻" in text and "  ·  " in text


# --- the samples: hourly and daily routes give the same air figures ---------------------------

def air_results(*paths: Path) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["check", *map(str, paths), "--format", "json"],
                                catch_exceptions=False)
    document = json.loads(result.output)
    return {r["id"]: r for r in document["results"] if r["metric"].startswith("air.")}


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_samples_hourly_and_daily_routes_agree() -> None:
    hourly = air_results(*HOURLY_SAMPLES)
    daily = air_results(DAILY_SAMPLES)
    for target in ("air_good_day_rate", "pm25_mean"):
        for key in ("actual", "status", "how", "outlook", "coverage"):
            assert hourly[target][key] == daily[target][key], (target, key)
    good, pm25 = hourly["air_good_day_rate"], hourly["pm25_mean"]
    # As of 2025-10-31 (scripts/make_air_samples.py documents these figures):
    assert (good["actual"], good["status"], good["how_en"]) == (
        89.8, "at_risk", "272/303 days · Jan–Oct · ≤ 5 non-good of 61 days left")
    assert good["outlook"]["allowance"] == 5 and good["outlook"]["projected"] == 91.2
    assert (pm25["actual"], pm25["status"]) == (27.0, "at_risk")
    assert pm25["how_en"] == "mean of 301 days · Jan–Oct · rest ≤ 25.4"
    assert pm25["outlook"]["max_mean_remaining"] == 25.4 and pm25["outlook"]["projected"] == 28


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_samples_directory_checks_air_beside_the_ledger() -> None:
    results = air_results(SAMPLES)
    assert results["air_good_day_rate"]["actual"] == 89.8
    assert results["pm25_mean"]["actual"] == 27.0


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_aqi_city_rows_match_check_on_the_samples() -> None:
    result = run(*map(str, HOURLY_SAMPLES), "--format", "csv")
    rows = pd.read_csv(io.StringIO(result.output), dtype={"valid": str})
    city = rows[(rows["station"] == "city") & rows["date"].str.startswith("2025")]
    valid = city[city["valid"] == "true"]
    assert (len(valid), int((valid["aqi"] <= 100).sum())) == (303, 272)
    assert set(rows["station"]) == {"平湖监测站", "当湖街道", "city"}
