"""Choosing the region's stations out of the national network's files (ecotarget.stations)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from ecotarget.errors import InputError
from ecotarget.stations import select_stations
from ecotarget.validate import ValidatedTable
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


# --- --station in the bureau's own air files ---------------------------------------------------
# Two stations: 平湖监测站 at 01:00 and 02:00, 当湖街道 at 01:00, 02:00 and 03:00 (5 rows).
OWN_HEADER = "时间,站点,PM2.5(μg/m³),PM10(μg/m³),SO2(μg/m³),NO2(μg/m³),CO(mg/m³),O3(μg/m³)\n"
OWN_ROWS = ("2025-01-01 01:00,平湖监测站,30,50,5,20,0.5,40\n"
            "2025-01-01 01:00,当湖街道,60,80,5,20,0.5,40\n"
            "2025-01-01 02:00,平湖监测站,30,50,5,20,0.5,40\n"
            "2025-01-01 02:00,当湖街道,60,80,5,20,0.5,40\n"
            "2025-01-01 03:00,当湖街道,60,80,5,20,0.5,40\n")


def own_file(tmp_path: Path) -> Path:
    return write(tmp_path / "air-own.csv", OWN_HEADER + OWN_ROWS)


def test_station_chooses_in_the_bureaus_own_files(tmp_path: Path) -> None:
    """--station applies to every air input: 平湖监测站 keeps its 2 rows and leaves out
    当湖街道's 3 (rows_other_stations); 当湖街道 keeps 3 and leaves out 2. Names match in any
    case and with spaces around them, as codes do in network files."""
    path = str(own_file(tmp_path))
    pinghu = check_json(path, "--station", "平湖监测站")["inputs"][0]
    assert (pinghu["rows_read"], pinghu["rows_accepted"], pinghu["rows_other_stations"]) == (
        5, 5, 3)
    danghu = check_json(path, "--station", " 当湖街道 ")["inputs"][0]
    assert danghu["rows_other_stations"] == 2
    both = check_json(path, "--station", "平湖监测站", "--station", "当湖街道")["inputs"][0]
    assert both["rows_other_stations"] == 0 and both["notes"] == []


def test_the_sample_file_by_one_station() -> None:
    """air-hourly-2025.csv: 14,450 rows, 7,248 of 平湖监测站 and 7,202 of 当湖街道
    (`grep -c ,平湖监测站, …`): one station leaves out the other's rows."""
    own = str(SAMPLES / "air-hourly-2025.csv")
    doc = check_json(own, "--station", "平湖监测站")
    assert doc["inputs"][0]["rows_other_stations"] == 7202
    assert doc["results"] != check_json(own)["results"]


def test_station_naming_no_station_of_the_own_files_is_exit_2() -> None:
    """The network's message, with "air inputs" for files that are not all the network's;
    平湖站 is close to 平湖监测站 (difflib ratio 2·3/8 = 0.75 ≥ 0.4), NOPE to nothing."""
    own = str(SAMPLES / "air-hourly-2025.csv")
    for command in ("check", "aqi"):
        result = run(command, own, "--station", "NOPE", "--lang", "en")
        assert result.exit_code == 2
        assert result.stderr == ("ecotarget: error: --station NOPE: no such station in the air "
                                 "inputs; the files hold 2 stations\n")
    result = run("check", own, "--station", "平湖站", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == ("ecotarget: error: --station 平湖站: no such station in the air "
                             "inputs (closest: 平湖监测站); the files hold 2 stations\n")
    result = run("check", own, "--station", "平湖站")
    assert result.stderr == ("ecotarget: 错误：--station 平湖站：空气输入中没有这个站点"
                             "（最接近：平湖监测站）；这些文件共有 2 个站点\n")


def test_some_stations_found_in_own_files_is_a_note(tmp_path: Path) -> None:
    path = str(own_file(tmp_path))
    doc = check_json(path, "--station", "当湖街道", "--station", "9999A")
    assert doc["inputs"][0]["rows_other_stations"] == 2
    assert doc["inputs"][0]["notes"] == [
        "chosen station 9999A in none of the air inputs: check the code (or name)"]
    listed = run("aqi", path, "--station", "当湖街道", "--station", "9999A", "--format", "csv")
    assert listed.exit_code == 0
    assert listed.stderr == "ecotarget: 注：站点 9999A 不在任何空气输入中\n"
    english = run("aqi", path, "--station", "当湖街道", "--station", "9999A", "--format", "csv",
                  "--lang", "en")
    assert "station 9999A is in none of the air inputs" in english.stderr
    rows = pd.read_csv(io.StringIO(listed.stdout))
    assert set(rows["station"]) == {"当湖街道"}  # one station: no city rows


def test_a_file_without_a_station_column_is_left_out_by_station(tmp_path: Path) -> None:
    """A city's own series names no station: --station leaves all its rows out (noted); alone,
    it holds none of the chosen stations and is exit 2."""
    city = write(tmp_path / "air-city.csv", OWN_HEADER.replace("站点,", "") + "".join(
        line.replace("平湖监测站,", "").replace("当湖街道,", "") for line in
        OWN_ROWS.splitlines(keepends=True)[::2]))  # 01:00, 02:00, 03:00 (3 rows)
    doc = check_json(str(city), str(own_file(tmp_path)), "--station", "当湖街道")
    by_name = {Path(i["path"]).name: i for i in doc["inputs"]}
    assert by_name["air-city.csv"]["rows_other_stations"] == 3
    assert by_name["air-city.csv"]["notes"] == ["no station column: every row is left out by "
                                                "--station"]
    assert by_name["air-own.csv"]["rows_other_stations"] == 2
    alone = run("check", str(city), "--station", "当湖街道", "--lang", "en")
    assert alone.exit_code == 2
    assert alone.stderr == ("ecotarget: error: --station 当湖街道: no such station in the air "
                            "inputs; the files hold 0 stations\n")


def test_the_targets_files_stations_choose_only_in_network_files(tmp_path: Path) -> None:
    """A `stations:` list names the region's stations among the country's: a bureau file's
    stations are all the region's, so nothing of it is left out."""
    text = TARGETS.read_text(encoding="utf-8").replace("stations: []", "stations: [2001A]")
    targets = write(tmp_path / "targets.yaml", text)
    result = run("check", str(own_file(tmp_path)), "--targets", str(targets), "--format",
                 "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["inputs"][0]["rows_other_stations"] == 0
    read = tables(own_file(tmp_path))
    kept = select_stations(read, ["2001A"], required=True)  # the targets file's way
    assert kept.other_rows == [0] and len(kept.tables[0].frame) == 5
    with pytest.raises(InputError, match="no such station in the air inputs"):
        select_stations(read, ["2001A"], required=True, every_air_input=True)


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


def _long_tables(keep_published: bool) -> list[ValidatedTable]:
    from ecotarget.pipeline import CheckOptions, read_inputs
    from ecotarget.read import expand_paths
    from ecotarget.targets import load_targets

    options = CheckOptions(stations=("2001A", "2002A"))
    return read_inputs(expand_paths([str(LONG)]), load_targets(str(TARGETS)).spec, options,
                       keep_published=keep_published)


def test_a_check_keeps_no_published_value_of_a_network_file() -> None:
    """The published AQI and 24-h means are only compared (``aqi --compare-published``),
    never counted: a check drops them after validation (half a national file's numbers)."""
    from ecotarget.pipeline import CheckOptions, read_inputs, without_published
    from ecotarget.read import expand_paths
    from ecotarget.targets import load_targets

    published = {"aqi", "pm25_24h", "pm10_24h", "so2_24h", "no2_24h", "co_24h"}
    dropped = _long_tables(keep_published=False)
    assert all(not published & set(t.frame.columns) for t in dropped)
    own = read_inputs(expand_paths([str(SAMPLES / "air-hourly-2025.csv")]),
                      load_targets(str(TARGETS)).spec, CheckOptions())[0]
    assert without_published(own) is own  # the bureau's own file: nothing to drop


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_a_check_without_the_published_values_gives_the_same_report() -> None:
    from ecotarget.pipeline import CheckOptions, check_tables
    from ecotarget.render.json import report_document
    from ecotarget.targets import load_targets

    loaded = load_targets(str(TARGETS))
    options = CheckOptions(stations=("2001A", "2002A"), today=pd.Timestamp("2025-11-05").date())
    kept, dropped = _long_tables(keep_published=True), _long_tables(keep_published=False)
    assert {"aqi", "co_24h"} <= set(kept[0].frame.columns)
    assert report_document(check_tables(kept, loaded, options)) == report_document(
        check_tables(dropped, loaded, options))
