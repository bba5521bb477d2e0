"""Published values against ecotarget's own (ecotarget.tables.published)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ecotarget.stations import select_stations
from ecotarget.tables.published import compare_published
from tests.conftest import SAMPLES
from tests.read.test_network import (
    LONG,
    LONG_AGREEMENT,
    PLANTED_LONG,
    PLANTED_WIDE,
    WIDE,
    WIDE_AGREEMENT,
    run,
    tables,
)


def _planted(planted: tuple[tuple[str, str, str, int], ...]) -> set[tuple[str, str, str]]:
    return {(time, station, value) for time, station, value, _ in planted}


def test_compare_published_reports_exactly_the_planted_disagreements() -> None:
    result = run("aqi", str(LONG), "--hourly", "--compare-published", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.rstrip("\n").split("\n")
    assert lines[-1] == LONG_AGREEMENT
    body = lines[next(i for i, line in enumerate(lines) if line.startswith("──")) + 1:-1]
    found = {(" ".join(line.split()[:2]), line.split()[2], line.split()[3]) for line in body}
    assert found == _planted(PLANTED_LONG)
    row = next(line for line in body if "2001A" in line).split()
    assert row[3:] == ["AQI", str(int(row[5]) + 7), row[5]]  # published = ecotarget + 7


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_compare_published_in_the_wide_layout() -> None:
    result = run("aqi", str(WIDE), "--compare-published", "--lang", "en")
    assert result.stdout.rstrip("\n").split("\n")[-1] == WIDE_AGREEMENT
    comparison = compare_published(select_stations(tables(WIDE), [], required=False).tables)
    found = {(f"{r.time:%Y-%m-%d %H:%M}", r.station, r.value)
             for r in comparison.disagreements.itertuples()}
    assert found == _planted(PLANTED_WIDE)
    assert set(comparison.values["value"]) == {"AQI"}  # six hours: no 24-h window covered


def test_compare_published_library_counts_and_coverage() -> None:
    comparison = compare_published(select_stations(tables(LONG), [], required=False).tables)
    assert comparison.line() == LONG_AGREEMENT
    assert (comparison.compared, comparison.agreeing) == (541, 536)
    values = comparison.values
    means = values[values["value"] != "AQI"]
    # the first 23 hours' windows reach into 2024-12-31, which no file holds
    assert means["time"].min() == pd.Timestamp("2025-01-01 23:00")
    assert values.loc[values["value"] == "AQI", "time"].min() == pd.Timestamp("2025-01-01 00:00")
    assert set(values["value"]) == {"AQI", "PM2.5_24h", "PM10_24h", "SO2_24h", "NO2_24h",
                                    "CO_24h"}
    # the CO_24h line cut short at 2025-01-03 23:00 compares nothing
    last = values[values["time"] == pd.Timestamp("2025-01-03 23:00")]
    assert "CO_24h" not in set(last["value"]) and "PM2.5_24h" in set(last["value"])


def test_compare_published_formats() -> None:
    as_json = json.loads(run("aqi", str(LONG), "--compare-published", "--format", "json").stdout)
    assert (as_json["compared"], as_json["agreeing"], as_json["agreement_percent"]) == (541, 536, 99.1)
    assert as_json["agreement"] == LONG_AGREEMENT and len(as_json["rows"]) == 5
    assert set(as_json["rows"][0]) == {"time", "station", "value", "published", "ecotarget",
                                       "tie", "path", "line"}
    assert as_json["ties"] == 0 and not any(row["tie"] for row in as_json["rows"])
    as_csv = run("aqi", str(LONG), "--compare-published", "--format", "csv", "--lang", "en")
    assert as_csv.stdout.splitlines()[0] == "time,station,value,published,ecotarget,path,line"
    assert len(as_csv.stdout.splitlines()) == 6
    assert as_csv.stderr.strip().endswith(LONG_AGREEMENT)


def test_compare_published_needs_published_values() -> None:
    result = run("aqi", str(SAMPLES / "air-hourly-2025.csv"), "--compare-published", "--lang",
                 "en")
    assert result.exit_code == 2 and "no published value to compare with" in result.stderr
    assert run("aqi", str(LONG), "--compare-published", "--calendar").exit_code == 2


# --- the O3 8-h columns are never read -----------------------------------------------------------


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_the_agreement_line_in_chinese() -> None:
    # the same 536 of 541 station-hours as LONG_AGREEMENT: 536/541 = 99.07… → 99.1 %;
    # the table's headers in Chinese, the JSON's "agreement" field stays English
    result = run("aqi", str(LONG), "--hourly", "--compare-published")
    lines = result.stdout.rstrip("\n").split("\n")
    assert lines[-1] == "一致：536/541（99.1%）；其中 0 个为修约临界值"
    assert any(line.split()[:3] == ["时间", "站点", "项目"] for line in lines)
    as_csv = run("aqi", str(LONG), "--compare-published", "--format", "csv")
    assert as_csv.stderr.strip().endswith("一致：536/541（99.1%）；其中 0 个为修约临界值")
