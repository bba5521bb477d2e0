"""The national network's published files: layouts, station choice, quirks, and the comparison.

The samples in data/samples/network are written by scripts/make_network_samples.py, which
plants the disagreements listed there (PLANTED_LONG, PLANTED_WIDE) and the quirks.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner, Result

from ecotarget.cli import cli
from ecotarget.pipeline import CheckOptions, build_dataset, validation_context
from ecotarget.read import RawTable, Source, expand_paths, read_table
from ecotarget.read.network import O3_8H_NOTE, detect_layout
from ecotarget.stations import select_stations
from ecotarget.targets import load_targets
from ecotarget.validate import ValidatedTable, validate_table
from tests.conftest import ROOT, SAMPLES, TARGETS


def _load_sample_script() -> ModuleType:
    # scripts/ is not a package and not installed: load the generator from its file
    path = Path(__file__).resolve().parents[2] / "scripts" / "make_network_samples.py"
    spec = importlib.util.spec_from_file_location("make_network_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in it look their module up by name
    spec.loader.exec_module(module)
    return module


_SAMPLES_SCRIPT = _load_sample_script()
PLANTED_LONG = _SAMPLES_SCRIPT.PLANTED_LONG
PLANTED_WIDE = _SAMPLES_SCRIPT.PLANTED_WIDE
make_samples = _SAMPLES_SCRIPT.main

NETWORK = SAMPLES / "network"
LONG = NETWORK / "long"
WIDE = NETWORK / "wide"
PINGHU = ("--station", "2001A", "--station", "2002A")
LONG_AGREEMENT = "agreement: 536/541 (99.1%); 0 at a rounding tie"
WIDE_AGREEMENT = "agreement: 39/40 (97.5%); 0 at a rounding tie"
SPEC = load_targets(str(TARGETS)).spec


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"NO_COLOR": "1"})


def raw(path: Path | str) -> RawTable:
    return read_table(Source(str(path)))


def tables(*paths: Path | str) -> list[ValidatedTable]:
    context = validation_context(SPEC)
    return [validate_table(read_table(s), context) for s in expand_paths([str(p) for p in paths])]


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def check_json(*args: str) -> dict[str, Any]:
    result = run("check", *args, "--targets", str(TARGETS), "--format", "json",
                 "--fail-on", "never")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


# Two stations, two hours (end labels 2025-01-01 00:00 and 01:00), every type the pivot keeps
# plus the O3 8-h lines it must ignore.
TWO_BY_TWO = """\
date,hour,type,1001A,2001A
20250101,0,AQI,50,61
20250101,0,PM2.5,30,44
20250101,0,PM2.5_24h,31,40
20250101,0,PM10,45,—
20250101,0,O3_8h,999,999
20250101,0,CO,0.5,
20250101,1,PM2.5,33,
20250101,1,AQI,51,
20250101,1,NO2,20,22
"""


# --- layouts ----------------------------------------------------------------------------------

def test_detect_layout() -> None:
    assert detect_layout(["date", "hour", "type", "1001A"]) == "long"
    assert detect_layout(["Date", "Hour", "Type", "1001A", ""]) == "long"
    assert detect_layout(["date", "hour", "type"]) is None  # no station column
    wide = ["timepoint", "stationcode", "positionname", "area", "longitude", "latitude", "aqi",
            "primarypollutant", "quality", "pm2_5", "pm2_5_24h", "pm10", "pm10_24h", "so2",
            "so2_24h", "no2", "no2_24h", "o3", "o3_24h", "o3_8h", "o3_8h_24h", "co", "co_24h"]
    assert detect_layout(wide) == "wide"
    assert detect_layout(["时间", "站点", "PM2.5"]) is None
    assert detect_layout(["date", "station", "pm2.5"]) is None
    # the samples' own headers
    assert raw(LONG / "china_sites_20250101.csv").layout == "network-long"
    assert raw(WIDE / "2025010210.csv").layout == "network-wide"
    assert raw(SAMPLES / "air-hourly-2025.csv").layout is None


def test_long_layout_pivots_to_station_hours(tmp_path: Path) -> None:
    table = raw(write(tmp_path / "china_sites_20250101.csv", TWO_BY_TWO))
    expected = pd.DataFrame({
        "time": ["2025-01-01 00:00"] * 2 + ["2025-01-01 01:00"] * 2,
        "station": ["1001A", "2001A", "1001A", "2001A"],
        "pm25": ["30", "44", "33", ""], "pm10": ["45", "—", "", ""],
        "no2": ["", "", "20", "22"], "co": ["0.5", "", "", ""],
        "aqi": ["50", "61", "51", ""], "pm25_24h": ["31", "40", "", ""],
    })
    assert table.layout == "network-long" and table.kind == "air"
    # the cells are categorical (codes into their distinct texts), as the bulk reader's
    assert all(isinstance(table.frame[name].dtype, pd.CategoricalDtype) for name in expected)
    pd.testing.assert_frame_equal(table.frame.astype(object), expected.astype(object))
    # each row names its hour's PM2.5 line; each cell the line it came from
    assert table.lines.tolist() == [3, 3, 8, 8]
    assert table.column_lines["aqi"].tolist() == [2, 2, 9, 9]
    assert table.column_lines["co"].tolist() == [7, 7, 8, 8]  # no CO line at hour 1
    assert table.source_columns["pm25"] == "PM2.5"
    assert O3_8H_NOTE in table.notes
    validated = validate_table(table)
    assert validated.subkind == "hourly" and validated.rows_rejected == 0
    assert validated.frame["time"].tolist() == list(pd.to_datetime(
        ["2025-01-01 00:00"] * 2 + ["2025-01-01 01:00"] * 2))
    assert np.isnan(validated.frame.loc[1, "pm10"])  # "—" is missing


def test_long_rows_without_any_value_are_not_rows(tmp_path: Path) -> None:
    text = "date,hour,type,1001A,2001A,3001A\n20250101,1,PM2.5,30,,—\n20250101,1,AQI,43,,\n"
    table = raw(write(tmp_path / "a.csv", text))
    assert table.frame["station"].tolist() == ["1001A"]


def test_hour_zero_is_the_last_hour_of_the_day_before(tmp_path: Path) -> None:
    """Hour 0 of 20250102 is 24:00 of 2025-01-01: it counts in 2025-01-01's daily values."""
    day1 = ["date,hour,type,2001A"] + [f"20250101,{h},PM2.5,30" for h in range(24)]
    day2 = ["date,hour,type,2001A", "20250102,0,PM2.5,78", "20250102,1,PM2.5,10"]
    write(tmp_path / "china_sites_20250101.csv", "\n".join(day1) + "\n")
    write(tmp_path / "china_sites_20250102.csv", "\n".join(day2) + "\n")
    selected = select_stations(tables(tmp_path), ["2001A"], required=True).tables
    data = build_dataset(selected, SPEC, CheckOptions())
    hours = data.air_hourly
    assert hours is not None
    boundary = hours[hours["time"] == pd.Timestamp("2025-01-02 00:00")].iloc[0]
    assert (boundary["date"], boundary["hour"]) == (pd.Timestamp("2025-01-01"), 24)
    first = hours[hours["time"] == pd.Timestamp("2025-01-01 00:00")].iloc[0]
    assert (first["date"], first["hour"]) == (pd.Timestamp("2024-12-31"), 24)
    days = data.air_daily
    assert days is not None
    jan1 = days[days["date"] == pd.Timestamp("2025-01-01")].iloc[0]
    assert jan1["pm25"] == 32  # (23 × 30 + 78) / 24 = 32.0: hours 01:00 … 24:00


# --- choosing the region's stations -----------------------------------------------------------

def test_wide_layout_reads_code_name_and_published_values() -> None:
    table = raw(WIDE / "2025010210.csv")
    assert table.layout == "network-wide"
    assert table.source_columns["station"] == "stationcode"
    assert table.source_columns["station_name"] == "positionname"
    assert table.source_columns["aqi"] == "aqi"
    assert table.source_columns["pm25"] == "pm2_5"
    assert table.source_columns["pm25_24h"] == "pm2_5_24h"
    assert "o3_8h" not in table.frame and "o3_8h" in table.unknown_columns
    assert O3_8H_NOTE in table.notes
    validated = validate_table(table)
    assert validated.subkind == "hourly" and validated.rows_rejected == 0
    row = validated.frame.set_index("station").loc["2001A"]
    assert row["station_name"] == "平湖监测站" and row["region"] == "嘉兴市"
    assert row["time"] == pd.Timestamp("2025-01-02 10:00")


def test_a_file_with_only_positionname_uses_it_as_the_station(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "timepoint,positionname,pm2_5\n2025-01-02 10:00:00,平湖监测站,30\n")
    table = raw(path)
    assert table.source_columns["station"] == "positionname"
    assert table.frame["station"].tolist() == ["平湖监测站"]
    path = write(tmp_path / "b.csv", "时间,站点名称,PM2.5\n2025-01-02 10:00,平湖监测站,30\n")
    assert raw(path).frame["station"].tolist() == ["平湖监测站"]


def test_the_midnight_wide_file_stays_hourly(tmp_path: Path) -> None:
    """A file of the 00:00 hour has no clock time; it is still station-hours (hour 24)."""
    text = (WIDE / "2025010210.csv").read_text(encoding="utf-8").replace(
        "2025-01-02 10:00:00", "2025-01-03 00:00:00")
    write(tmp_path / "2025010300.csv", text)
    chosen = select_stations(tables(tmp_path), ["2001A"], required=True).tables
    assert chosen[0].subkind == "hourly"
    data = build_dataset(chosen, SPEC, CheckOptions())
    assert data.air_hourly is not None
    assert data.air_hourly[["date", "hour"]].values.tolist() == [[pd.Timestamp("2025-01-02"), 24]]


# --- real-file quirks ------------------------------------------------------------------------------

def test_truncated_last_line_of_a_published_value_is_noted_not_used() -> None:
    table = raw(LONG / "china_sites_20250103.csv")  # its CO_24h line of hour 23 is cut
    assert not table.malformed
    assert any("malformed line 361 (CO_24h) not read" in str(n) and "cut short" in str(n)
               for n in table.notes)
    last = table.frame[table.frame["time"] == "2025-01-03 23:00"]
    assert (last["co_24h"] == "").all() and (last["co"] != "").any()


def test_truncated_pollutant_line_rejects_its_hour(tmp_path: Path) -> None:
    text = ("date,hour,type,1001A,2001A,3001A\n20250101,1,PM2.5,30,31,32\n20250101,1,NO2,20,21,22\n"
            "20250101,2,NO2,20,21,22\n20250101,2,PM2.5,3")
    validated = validate_table(raw(write(tmp_path / "a.csv", text)))
    assert validated.rows_rejected == 3 and validated.rows_accepted == 3
    error = validated.errors[0]
    assert error.line == 5 and error.column == "date/hour"
    assert error.message.startswith("malformed row: the PM2.5 line of 2025-01-01 02:00 (line 5): "
                                    "cut short")


def test_unreadable_dates_and_hours_are_rejected(tmp_path: Path) -> None:
    text = ("date,hour,type,1001A\n20250101,24,PM2.5,30\n,3,PM2.5,31\n2025-01-01,4,PM2.5,32\n"
            "20250101,x,PM2.5,33\n20250101,5,XYZ,1\n")
    validated = validate_table(raw(write(tmp_path / "a.csv", text)))
    assert validated.frame["time"].tolist() == [pd.Timestamp("2025-01-01 04:00")]
    assert [(e.line, e.column, e.value) for e in validated.errors] == [
        (2, "date/hour", "2025-01-01 24:00"), (3, "date/hour", ""), (5, "date/hour", "20250101 x")]
    assert validated.raw is not None
    assert any("unknown type not read: XYZ" in str(n) for n in validated.raw.notes)
    assert any("未读取类型不明的行：XYZ" in n.render("zh") for n in validated.raw.notes)


def test_a_type_given_twice_in_an_hour_rejects_the_hour(tmp_path: Path) -> None:
    text = "date,hour,type,1001A\n20250101,1,PM2.5,30\n20250101,1,PM2.5,31\n20250101,2,PM2.5,5\n"
    validated = validate_table(raw(write(tmp_path / "a.csv", text)))
    assert validated.rows_rejected == 1
    assert "PM2.5 is given twice for 2025-01-01 01:00 (lines 2 and 3)" in validated.errors[0].message


def test_extra_columns_with_empty_names(tmp_path: Path) -> None:
    sample = raw(LONG / "china_sites_20250101.csv")  # two empty-named columns at the end
    assert sample.header[-2:] == ["", ""] and sample.frame["station"].nunique() == 8
    text = "date,hour,type,1001A,,2001A,\n20250101,1,PM2.5,30,7,31,\n"
    table = raw(write(tmp_path / "a.csv", text))
    assert table.frame["station"].tolist() == ["1001A", "2001A"]
    assert table.frame["pm25"].tolist() == ["30", "31"]
    assert any("2 columns without a station code" in str(n) and "values on 1 lines" in str(n)
               for n in table.notes)
    wide = raw(WIDE / "2025010214.csv")  # an empty-named column in the wide layout
    assert validate_table(wide).rows_rejected == 0


@pytest.mark.parametrize("final_newline", [True, False])
def test_crlf_and_lf_and_no_final_newline_read_alike(tmp_path: Path, final_newline: bool) -> None:
    text = TWO_BY_TWO if final_newline else TWO_BY_TWO.rstrip("\n")
    lf = raw(write(tmp_path / "lf.csv", text))
    crlf = raw(write(tmp_path / "crlf.csv", text, newline="\r\n"))
    pd.testing.assert_frame_equal(lf.frame, crlf.frame)
    assert lf.lines.tolist() == crlf.lines.tolist() and not lf.malformed and not crlf.malformed
    assert (LONG / "china_sites_20250101.csv").read_bytes().count(b"\r\n") == 361
    assert not (LONG / "china_sites_20250102.csv").read_bytes().endswith(b"\n")
    assert not raw(LONG / "china_sites_20250102.csv").malformed


def test_a_whole_hour_absent_leaves_a_valid_day() -> None:
    selected = select_stations(tables(LONG), ["2002A"], required=True).tables
    data = build_dataset(selected, SPEC, CheckOptions())
    assert data.air_hourly is not None and data.air_daily is not None
    jan2 = data.air_hourly[data.air_hourly["date"] == pd.Timestamp("2025-01-02")]
    assert 5 not in set(jan2["hour"]) and len(jan2) == 23
    day = data.air_daily.set_index("date").loc[pd.Timestamp("2025-01-02")]
    assert not np.isnan(day["pm25"])


def test_empty_fields_and_dashes_are_missing() -> None:
    text = (LONG / "china_sites_20250102.csv").read_text(encoding="utf-8")
    assert ",—" in text and ",," in text
    validated = tables(LONG / "china_sites_20250102.csv")[0]
    assert validated.rows_rejected == 0
    assert validated.frame["pm25"].isna().any()


def test_a_station_absent_from_one_file() -> None:
    read = tables(LONG)
    present = [set(t.frame["station"]) for t in read]
    assert "2004A" in present[0] and "2004A" not in present[1] and "2004A" in present[2]
    wide = [set(t.frame["station"]) for t in tables(WIDE)]
    assert "1002A" not in wide[3] and "1002A" in wide[2]
    selected = select_stations(read, ["2004A"], required=True)
    assert [len(t.frame) for t in selected.tables] == [24, 0, 24]
    data = build_dataset(selected.tables, SPEC, CheckOptions())
    assert data.air_daily is not None  # a day without the station is a day without data


# --- published values against ecotarget's -----------------------------------------------------------

def _garbage_o3_8h(source: Path, target: Path) -> None:
    shutil.copytree(source, target)
    for path in target.iterdir():
        text = path.read_bytes().decode("utf-8")
        if "china_sites" in path.name:
            lines = [(",".join(line.split(",")[:3] + ["x-99"] * (line.count(",") - 2))
                      if ",O3_8h" in line else line) for line in text.split("\n")]
            text = "\n".join(lines)
        else:
            rows = [line.split(",") for line in text.split("\n")]
            header = rows[0]
            for row in rows[1:]:
                for name in ("o3_8h", "o3_8h_24h"):
                    if header.index(name) < len(row):
                        row[header.index(name)] = "-5e9"
            text = "\n".join(",".join(row) for row in rows)
        path.write_bytes(text.encode("utf-8"))


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("folder", [LONG, WIDE])
def test_o3_8h_columns_are_ignored(tmp_path: Path, folder: Path) -> None:
    garbage = tmp_path / folder.name
    _garbage_o3_8h(folder, garbage)
    assert (garbage / next(p.name for p in folder.iterdir())).read_bytes() != \
        (folder / next(p.name for p in folder.iterdir())).read_bytes()
    # the station-hours' AQI and the published values (compared), then the daily figures
    before = run("aqi", str(folder), "--compare-published", "--format", "csv")
    after = run("aqi", str(garbage), "--compare-published", "--format", "csv")
    assert after.exit_code == 0
    for stream in ("stdout", "stderr"):
        assert (getattr(after, stream).replace(str(garbage), "")
                == getattr(before, stream).replace(str(folder), ""))
    clean, dirty = check_json(str(folder), *PINGHU), check_json(str(garbage), *PINGHU)
    assert dirty["results"] == clean["results"]
    assert len(dirty["row_errors"]) == len(clean["row_errors"])


# --- the samples ------------------------------------------------------------------------------------

def test_the_bundled_run_does_not_read_the_network_folder() -> None:
    names = [Path(s.name) for s in expand_paths([str(SAMPLES)])]
    assert names and all(p.parent == SAMPLES for p in names)


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_the_samples_are_what_the_script_writes(tmp_path: Path) -> None:
    assert make_samples(["--root", str(tmp_path)]) == 0  # it also checks the planted count
    for folder in (LONG, WIDE):
        for path in folder.iterdir():
            written = tmp_path / path.relative_to(ROOT)
            assert written.read_bytes() == path.read_bytes(), path.name
