"""``ecotarget rank`` end to end: network city files, the sample, mappings, water, outputs.

Hand computations in comments; the composite index of the network city file is also
recomputed below from the hourly series with plain arithmetic, independently of
ecotarget's engines (HJ 663: 24-h means, the O3 8-h moving mean, the composite index).
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ecotarget.cli import cli
from tests.conftest import ROOT, SAMPLES, TARGETS

RANK = SAMPLES / "rank"
AIR = RANK / "air"
REGIONS = RANK / "regions.csv"

# Two cities, one day: every hour the same values, so the daily values are those values.
# 北京: SO2 60/60 = 1.00, NO2 40/40 = 1.00, PM10 70/70 = 1.00, PM2.5 35/35 = 1.00,
#       CO 4/4 = 1.00, O3 8-h 160/160 = 1.00 → 6.00.
# 天津: 6/60 = 0.10, 20/40 = 0.50, 35/70 = 0.50, 14/35 = 0.40, 0.8/4 = 0.20, 80/160 = 0.50
#       → 2.20.  天津 first, 北京 second.
CITY_VALUES = {"北京": {"PM2.5": 35, "PM10": 70, "SO2": 60, "NO2": 40, "CO": 4, "O3": 160},
               "天津": {"PM2.5": 14, "PM10": 35, "SO2": 6, "NO2": 20, "CO": 0.8, "O3": 80}}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["rank", *args], catch_exceptions=False)


def rows_of(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rows"]


def write_city_file(folder: Path) -> Path:
    """china_cities_20250101.csv, the long layout with one column per city: hours 1..23 of
    2025-01-01 and hour 0 of 01-02 (the day's 24th hour under end-of-hour labels)."""
    lines = ["date,hour,type,北京,天津"]
    for date, hours in (("20250101", range(1, 24)), ("20250102", range(0, 1))):
        for hour in hours:
            for kind in ("PM2.5", "PM10", "SO2", "NO2", "CO", "O3"):
                lines.append(f"{date},{hour},{kind},{CITY_VALUES['北京'][kind]},"
                             f"{CITY_VALUES['天津'][kind]}")
    path = folder / "china_cities_20250101.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_network_city_files_rank_cities_directly(tmp_path: Path) -> None:
    path = write_city_file(tmp_path)
    rows = rows_of(run(str(path), "--period", "2025-01-01..2025-01-01", "--format", "json"))
    assert [(r["region"], r["rank"], r["composite_index"]) for r in rows] == [
        ("天津", 1, 2.20), ("北京", 2, 6.00)]
    assert rows[0]["composite_terms"] == {"so2": 0.1, "no2": 0.5, "pm10": 0.5, "pm25": 0.4,
                                          "co": 0.2, "o3": 0.5}


def half_even(value: float, places: str) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(places), rounding=ROUND_HALF_EVEN))


def independent_composite(path: Path, station: str, first: str, last: str) -> float:
    """HJ 663 from the hourly CSV with plain Python: daily 24-h means (≥ 20 hours), the O3
    daily max 8-h (windows ending at hours 8..24, ≥ 6 hours each, ≥ 14 windows), rounded
    half to even; period means, CO P95 and O3 P90 (Appendix A); terms to 0.01, summed."""
    days: dict[str, dict[str, list[float | None]]] = {}
    with path.open(encoding="utf-8") as stream:
        for row in csv.reader(stream):
            if row[1] != station:
                continue
            stamp = row[0]  # end-of-hour label: 00:00 is hour 24 of the day before
            covered = datetime.fromisoformat(stamp) - timedelta(hours=1)
            day = covered.date().isoformat()
            hour = covered.hour  # 0..23
            values = days.setdefault(day, {k: [None] * 24 for k in
                                           ("pm25", "pm10", "so2", "no2", "co", "o3")})
            for key, cell in zip(("pm25", "pm10", "so2", "no2", "co", "o3"), row[2:], strict=True):
                values[key][hour] = float(cell) if cell else None
    daily: dict[str, list[float]] = {k: [] for k in ("pm25", "pm10", "so2", "no2", "co", "o3")}
    for day, values in sorted(days.items()):
        if not first <= day <= last:
            continue
        for key in ("pm25", "pm10", "so2", "no2", "co"):
            present = [v for v in values[key] if v is not None]
            if len(present) >= 20:
                daily[key].append(half_even(sum(present) / len(present),
                                            "0.1" if key == "co" else "1"))
        windows = []
        for end in range(7, 24):
            present = [v for v in values["o3"][end - 7:end + 1] if v is not None]
            if len(present) >= 6:
                windows.append(sum(present) / len(present))
        if windows and (len(windows) >= 14 or half_even(max(windows), "1") > 160):
            daily["o3"].append(half_even(max(windows), "1"))

    def percentile(xs: list[float], p: float) -> float:
        xs = sorted(xs)
        k = 1 + (len(xs) - 1) * p / 100
        s = math.floor(k)
        return xs[-1] if s >= len(xs) else xs[s - 1] + (xs[s] - xs[s - 1]) * (k - s)

    stats = {key: half_even(sum(daily[key]) / len(daily[key]), "1")
             for key in ("pm25", "pm10", "so2", "no2")}
    stats["co"] = half_even(percentile(daily["co"], 95), "0.1")
    stats["o3"] = half_even(percentile(daily["o3"], 90), "1")
    limits = {"so2": 60, "no2": 40, "pm10": 70, "pm25": 35, "co": 4, "o3": 160}
    return half_even(sum(half_even(stats[k] / limits[k], "0.01") for k in limits), "0.01")


def test_the_sample_composite_index_equals_an_independent_computation() -> None:
    rows = rows_of(run(str(AIR), "--period", "2025-01", "--format", "json"))
    by_station = {r["region"]: r["composite_index"] for r in rows}
    for station in ("平湖监测站", "嘉善罗星", "桐乡城南"):
        expected = independent_composite(AIR / "air-hourly-2025-01.csv", station,
                                         "2025-01-01", "2025-01-31")
        assert by_station[station] == expected, station


def test_regions_from_a_mapping_file() -> None:
    rows = rows_of(run(str(AIR), "--regions", str(REGIONS), "--period", "2025-01",
                       "--format", "json"))
    # The sample's figures (the README's ranking example): 海盐县 3.82 < 平湖市 4.08 <
    # 桐乡市 4.22 < 嘉善县 4.42; 海宁市 (3.94) is short of valid days: 26 of 27 in January.
    assert [(r["region"], r["rank"]) for r in rows] == [
        ("海盐县", 1), ("平湖市", 2), ("桐乡市", 3), ("嘉善县", 4), ("海宁市", None)]
    assert rows[1]["stations"] == ["平湖监测站", "当湖街道"]
    assert rows[-1]["valid_days"] == 26
    assert rows[-1]["reason"] == ("short of valid days under HJ 663: 2025-01 has 26 valid "
                                  "days of 27 required")
    # the same reason in Chinese beside it, as the notes have notes_zh
    assert rows[-1]["reason_zh"] == "有效天数不足（HJ 663）：2025-01 有效天数 26 天，应至少 27 天"
    assert rows[0]["reason"] is None and rows[0]["reason_zh"] is None


def test_regions_from_the_targets_file(tmp_path: Path) -> None:
    mapping: dict[str, list[str]] = {}
    for line in REGIONS.read_text(encoding="utf-8").splitlines()[1:]:
        station, region = line.split(",")
        mapping.setdefault(region, []).append(station)
    targets = tmp_path / "targets.yaml"
    body = "".join(f"  {region}: [{', '.join(stations)}]\n"
                   for region, stations in mapping.items())
    targets.write_text(TARGETS.read_text(encoding="utf-8") + "regions:\n" + body,
                       encoding="utf-8")
    from_targets = rows_of(run(str(AIR), "--targets", str(targets), "--period", "2025-01",
                               "--format", "json"))
    from_file = rows_of(run(str(AIR), "--regions", str(REGIONS), "--period", "2025-01",
                            "--format", "json"))
    assert from_targets == from_file


def test_a_station_in_two_regions_of_the_targets_file_is_refused(tmp_path: Path) -> None:
    targets = tmp_path / "targets.yaml"
    targets.write_text(TARGETS.read_text(encoding="utf-8")
                       + "regions:\n  A: [s1, s2]\n  B: [s2]\n", encoding="utf-8")
    result = run(str(AIR), "--targets", str(targets), "--lang", "en")
    assert result.exit_code == 2
    lines = len(TARGETS.read_text(encoding="utf-8").splitlines())
    assert f"{targets}:{lines + 1}: regions: station s2 is in two regions, A and B" \
        in result.stderr


def test_change_lists_a_region_without_the_previous_year_unranked() -> None:
    rows = rows_of(run(str(AIR), "--regions", str(REGIONS), "--period", "2025-01", "--by",
                       "change", "--format", "json"))
    unranked = {r["region"]: r["reason"] for r in rows if r["rank"] is None}
    assert unranked["嘉善县"] == "no data for 2024-01-01..2024-01-31"
    ranked = [r for r in rows if r["rank"] is not None]
    changes = [r["change"]["composite_index"] for r in ranked]
    assert changes == sorted(changes)
    for row in ranked:  # (this − last) ÷ last × 100, from the rows' own rounded indices
        now, last = row["composite_index"], row["previous"]["composite_index"]
        assert row["change"]["composite_index"] == half_even((now - last) / last * 100, "0.1")


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_good_day_rate_ties_show_as_bingl_ie_in_the_table() -> None:
    # Stations of one county share the weather: 海盐武原 and 海盐秦山 both 100.0 % and
    # 42 µg/m³, 并列 first; the next rank is 3.
    result = run(str(AIR), "--period", "2025-01", "--by", "good_day_rate", "--format", "json")
    rows = rows_of(result)
    assert [(r["region"], r["rank"], r["tied"]) for r in rows[:3]] == [
        ("海盐武原", 1, True), ("海盐秦山", 1, True), ("平湖监测站", 3, True)]
    table = run(str(AIR), "--period", "2025-01", "--by", "good_day_rate")
    assert "1 并列" in table.stdout


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_region_limits_and_highlight(tmp_path: Path) -> None:
    result = run(str(AIR), "--regions", str(REGIONS), "--period", "2025-01", "--region",
                 "平湖市", "--region", "桐乡市", "--region", "舟山市", "--highlight", "平湖市",
                 "--format", "json")
    rows = rows_of(result)
    assert [(r["region"], r["rank"], r["highlight"]) for r in rows] == [
        ("平湖市", 1, True), ("桐乡市", 2, False), ("舟山市", None, False)]
    assert rows[-1]["reason"] == "no air data for it in the inputs"
    table = run(str(AIR), "--regions", str(REGIONS), "--period", "2025-01",
                "--highlight", "平湖市")
    assert "▶ 平湖市" in table.stdout


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_csv_and_markdown_have_one_line_per_region() -> None:
    result = run(str(AIR), "--regions", str(REGIONS), "--period", "2025-01", "--format", "csv")
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["region"] for r in records] == ["海盐县", "平湖市", "桐乡市", "嘉善县", "海宁市"]
    assert records[0]["rank"] == "1" and records[-1]["rank"] == ""
    assert records[1]["stations"] == "平湖监测站;当湖街道"
    # the six terms and the six categories add up: terms to the index, days to valid days
    first = records[0]
    terms = sum(float(first[f"{t}_index"]) for t in ("so2", "no2", "pm10", "pm25", "co", "o3"))
    assert round(terms, 2) == float(first["composite_index"])
    days = sum(int(first[f"days_{k}"]) for k in ("excellent", "good", "light", "moderate",
                                                 "heavy", "severe"))
    assert days == int(first["valid_days"])
    markdown = run(str(AIR), "--regions", str(REGIONS), "--period", "2025-01",
                   "--format", "markdown")
    assert markdown.stdout.count("\n| ") == 1 + 5  # the header and five regions


def test_the_json_document_keys() -> None:
    result = run(str(AIR), "--period", "2025-01", "--format", "json")
    document = json.loads(result.stdout)
    assert list(document)[:2] == ["schema_version", "ecotarget_version"]
    assert document["by"] == "composite" and document["period"] == {
        "start": "2025-01-01", "end": "2025-01-31"}
    row = document["rows"][0]
    for key in ("region", "rank", "tied", "composite_index", "composite_terms",
                "good_day_rate", "days_by_category", "pm25", "pm10", "so2", "no2", "co_p95",
                "o3_8h_p90", "valid_days", "previous", "change"):
        assert key in row, key


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_water_ranks_sections_by_cwqi_and_regions_by_their_mean(tmp_path: Path) -> None:
    sample = SAMPLES / "water-2025.csv"
    rows = rows_of(run("--kind", "water", str(sample), "--period", "2025-01-01..2025-06-30",
                       "--format", "json"))
    cwqi = [r["cwqi"] for r in rows if r["rank"] is not None]
    assert cwqi == sorted(cwqi) and len(cwqi) == 13
    by_section = {r["region"]: r["cwqi"] for r in rows}
    names = list(by_section)
    mapping = tmp_path / "regions.csv"
    mapping.write_text("断面名称,地区\n" + "".join(f"{n},{'东' if i % 2 else '西'}\n"
                                                for i, n in enumerate(names)),
                       encoding="utf-8")
    regions = rows_of(run("--kind", "water", str(sample), "--period", "2025-01-01..2025-06-30",
                          "--regions", str(mapping), "--format", "json"))
    for row in regions:
        mean = sum(by_section[s] for s in row["sections"]) / len(row["sections"])
        # the region's CWQI is the mean of its sections' unrounded CWQI, to 4 decimals:
        # within 0.00005 of the mean of the rounded ones
        assert abs(row["cwqi"] - mean) <= 0.00005 + 1e-12
        assert row["class"] in ("I", "II", "III", "IV", "V", "劣V")


@pytest.mark.parametrize(("args", "message"), [
    (["--kind", "water", "--by", "pm25"], "--by pm25 does not rank water data"),
    (["--by", "cwqi"], "--by cwqi does not rank air data"),
])
def test_rules_that_do_not_fit_the_kind_are_refused(args: list[str], message: str) -> None:
    result = run(str(AIR), *args, "--lang", "en")
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_bad_regions_file_names_file_line_column_and_value(tmp_path: Path) -> None:
    bad = tmp_path / "regions.csv"
    bad.write_text("station,region\n2001A,平湖市\n2002A,\n", encoding="utf-8")
    result = run(str(AIR), "--regions", str(bad), "--lang", "en")
    assert result.exit_code == 2
    assert f"{bad}:3: column 'region': value '': station 2002A has no region" in result.stderr
    header = tmp_path / "header.csv"
    header.write_text("站,县\n2001A,平湖市\n", encoding="utf-8")
    result = run(str(AIR), "--regions", str(header), "--lang", "en")
    assert result.exit_code == 2 and f"{header}:1: the header '站,县' names no station" \
        in result.stderr
    # in Chinese: file, line, column and value as written, the words in Chinese
    result = run(str(AIR), "--regions", str(bad), "--lang", "zh")
    assert f"{bad}:3：'region' 列：值 ''：站点 2002A 没有地区" in result.stderr


def test_the_readme_example_is_the_output(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ ecotarget rank ", 1)[1].split("```", 1)[0]
    command, expected = block.split("\n", 1)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["rank", *command.split()], catch_exceptions=False)
    assert result.stdout == expected
