"""Choosing the region's stations out of the national network's files (ecotarget.stations)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from ecotarget.errors import InputError
from ecotarget.stations import select_stations
from tests.conftest import SAMPLES, TARGETS
from tests.read.test_network import LONG, PINGHU, WIDE, check_json, run, tables, write


def test_check_without_stations_is_an_error_naming_the_count() -> None:
    result = run("check", str(LONG), "--targets", str(TARGETS), "--lang", "en")
    assert result.exit_code == 2
    assert "national network files with 8 stations" in result.stderr
    assert "--station CODE" in result.stderr and "stations:" in result.stderr
    assert "china_sites_20250101.csv and 2 more" in result.stderr


def test_check_with_stations_counts_only_them() -> None:
    doc = check_json(str(LONG), *PINGHU)
    inputs = doc["inputs"]
    assert isinstance(inputs, list)
    # 8 stations × 24 h; 20250102: hour 5 and station 2004A absent (7 × 23)
    assert [i["rows_read"] for i in inputs] == [192, 161, 192]
    assert [i["rows_other_stations"] for i in inputs] == [144, 115, 144]
    assert all(i["rows_accepted"] == i["rows_read"] for i in inputs)
    results = {r["id"]: r for r in doc["results"]}
    assert results["air_good_day_rate"]["how_en"].startswith("1/3 days")
    # the mean of Pinghu's city days (39, 94, 86), not of the country's stations
    assert results["pm25_mean"]["actual"] == 73
    everyone = [arg for code in ("1001A", "1002A", "1141A", "1252A", "2003A", "2004A")
                for arg in ("--station", code)]
    national = check_json(str(LONG), *PINGHU, *everyone)
    assert {r["id"]: r["actual"] for r in national["results"]}["pm25_mean"] != 73


def test_one_station_is_not_two() -> None:
    one = check_json(str(LONG), "--station", "2001A")
    assert [i["rows_other_stations"] for i in one["inputs"]] == [168, 138, 168]
    assert {d["id"]: d["actual"] for d in one["results"]}["pm25_mean"] == 94  # 46, 127, 108


def test_station_by_name_in_wide_files() -> None:
    by_name = check_json(str(WIDE), "--station", "平湖监测站")
    by_code = check_json(str(WIDE), "--station", "2001a")  # codes match in any case
    for doc in (by_name, by_code):
        assert [i["rows_accepted"] - i["rows_other_stations"] for i in doc["inputs"]] == [1] * 6
    assert by_name["results"] == by_code["results"]


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_stations_from_the_targets_file(tmp_path: Path) -> None:
    text = TARGETS.read_text(encoding="utf-8").replace("stations: []",
                                                       "stations: [2001A, 2002A]")
    targets = write(tmp_path / "targets.yaml", text)
    result = run("check", str(LONG), "--targets", str(targets), "--format", "json",
                 "--fail-on", "never")
    assert result.exit_code == 0
    from_file = json.loads(result.stdout)
    assert from_file["results"] == check_json(str(LONG), *PINGHU)["results"]


def test_a_chosen_station_in_no_file_is_noted() -> None:
    doc = check_json(str(LONG), *PINGHU, "--station", "9999A")
    notes = doc["inputs"][0]["notes"]
    assert any("9999A in none of the network files" in n for n in notes)


def test_own_air_files_ignore_the_station_list(tmp_path: Path) -> None:
    own = SAMPLES / "air-hourly-2025.csv"
    doc = check_json(str(own), "--station", "2001A")
    assert doc["inputs"][0]["rows_other_stations"] == 0
    assert doc["results"] == check_json(str(own))["results"]


def test_select_stations_library() -> None:
    read = tables(LONG)
    with pytest.raises(InputError, match="8 stations"):
        select_stations(read, [], required=True)
    every = select_stations(read, [], required=False)
    assert every.other_rows == [0, 0, 0] and every.network_files == 3
    chosen = select_stations(read, ["2001A"], required=False)
    assert {s for t in chosen.tables for s in t.frame["station"]} == {"2001A"}
    assert read[0].frame["station"].nunique() == 8  # the inputs are not changed


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_aqi_lists_every_station_unless_chosen() -> None:
    every = run("aqi", str(LONG), "--format", "csv")
    assert every.exit_code == 0
    listed = pd.read_csv(io.StringIO(every.stdout), dtype={"station": str})
    assert set(listed["station"]) == {"1001A", "1002A", "1141A", "1252A", "2001A", "2002A",
                                      "2003A", "2004A", "city"}
    chosen = run("aqi", str(LONG), "--format", "csv", *PINGHU)
    listed = pd.read_csv(io.StringIO(chosen.stdout), dtype={"station": str})
    assert set(listed["station"]) == {"2001A", "2002A", "city"}
    partly = run("aqi", str(LONG), "--station", "9999A", "--station", "2001A", "--lang", "en")
    assert "station 9999A is in none of the network files" in partly.stderr
    chinese = run("aqi", str(LONG), "--station", "9999A", "--station", "2001A")
    assert "注：站点 9999A 不在任何国控网络文件中" in chinese.stderr


def test_a_station_list_naming_no_station_is_exit_2_with_the_closest_codes() -> None:
    """Nothing chosen would make every target no_data and exit 0: refused, with the codes
    closest to what was typed (2001A is one edit from 2010A)."""
    for command in ("aqi", "check"):
        result = run(command, str(LONG), "--station", "2010A", "--station", "NOPE", "--lang",
                     "en")
        assert result.exit_code == 2
        assert result.stderr == (
            "ecotarget: error: --station 2010A: no such station in the network files "
            "(closest: 2004A, 2003A, 2002A); --station NOPE: no such station in the network "
            "files; the files hold 8 stations\n")


# --- the wide layout ------------------------------------------------------------------------------
