"""Rounding ties in ``aqi --compare-published``: hand-made network files, worked by hand.

The network averages the unrounded hourly values; its files give them rounded, so
ecotarget's mean of the rounded hours can land exactly half-way between two published
values while the network's own mean lay on either side. Such a difference of one unit is a
tie, counted as agreeing; anything else stays a disagreement.

Two days (20250101, 20250102) in the long layout, stations 2001A and 2002A, hours i = 0..47
(i = 24 + hour on the second day; a label marks the end of its hour). Every hour is
PM2.5 30, PM10 50, SO2 8, NO2 20, O3 40, CO 0.5 except:

* 2001A CO alternates 0.5 (even i), 0.6 (odd i): every 24 consecutive hours hold twelve of
  each, (12 × 0.5 + 12 × 0.6) / 24 = 13.2 / 24 = 0.55 exactly half-way; GB/T 8170 rounds
  it half to even, to 0.6; the other rounding is 0.5.
* 2002A PM2.5 is 42 at i = 23: the windows ending at i = 23..46 hold it,
  (23 × 30 + 42) / 24 = 732 / 24 = 30.5 → 30, other 31; the window ending at 47 is 30.
* 2002A SO2 at i = 24 is 16, at i = 25..46 is 68 and at i = 47 is 900 (over 800: the 2012
  edition takes the SO2 IAQI of the 24-h mean, HJ 633-2012 Table 1 note 2). The window
  ending at 47 holds (16 + 22 × 68 + 900) / 24 = 2412 / 24 = 100.5 → 100, other 101.
  IAQI(100) = 50 + (100 − 50) × 50 / (150 − 50) = 75; IAQI(101) = 75.5 → 76 (rounded up).
  The other pollutants give at most 50 (PM10 50), so the AQI is 75 (ecotarget) or 76.

Published values (every other published cell is empty, so not compared):

  station-hour        published                          ecotarget      outcome
  2001A i=10 (01 10:00) AQI 50                           50             agrees
  2001A i=23 (01 23:00) CO_24h 0.5                       0.6 (0.55)     tie
  2001A i=30 (02 06:00) CO_24h 0.6                       0.6            agrees
  2001A i=40 (02 16:00) CO_24h 0.4                       0.6 (0.55)     disagrees: not a neighbour
  2002A i=23 (01 23:00) PM2.5_24h 31                     30 (30.5)      tie
  2002A i=35 (02 11:00) PM2.5_24h 31                     30 (30.5)      tie
  2002A i=46 (02 22:00) PM2.5_24h 30                     30             agrees
  2002A i=47 (02 23:00) SO2_24h 101, AQI 76              100, 75        two ties: one tie hour

N = 8 station-hours, K = 3 agreeing + 4 at a tie = 7, 7 / 8 = 87.5 %.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from ecotarget.cli import cli
from tests.read.test_network import LONG, LONG_AGREEMENT

TYPES = ("AQI", "PM2.5", "PM2.5_24h", "PM10", "SO2", "SO2_24h", "NO2", "O3", "CO", "CO_24h")
STATIONS = ("2001A", "2002A")
BASE = {"PM2.5": "30", "PM10": "50", "SO2": "8", "NO2": "20", "O3": "40", "CO": "0.5"}
PUBLISHED = {("2001A", 10, "AQI"): "50", ("2001A", 23, "CO_24h"): "0.5",
             ("2001A", 30, "CO_24h"): "0.6", ("2001A", 40, "CO_24h"): "0.4",
             ("2002A", 23, "PM2.5_24h"): "31", ("2002A", 35, "PM2.5_24h"): "31",
             ("2002A", 46, "PM2.5_24h"): "30", ("2002A", 47, "SO2_24h"): "101",
             ("2002A", 47, "AQI"): "76"}
EN_LINE = "agreement: 7/8 (87.5%); 4 at a rounding tie"
ZH_LINE = "一致：7/8（87.5%）；其中 4 个为修约临界值"


def _hourly(station: str, i: int, kind: str) -> str:
    if station == "2001A" and kind == "CO":
        return "0.5" if i % 2 == 0 else "0.6"
    if station == "2002A" and kind == "PM2.5" and i == 23:
        return "42"
    if station == "2002A" and kind == "SO2" and i >= 24:
        return {24: "16", 47: "900"}.get(i, "68")
    return BASE[kind]


def _cell(station: str, i: int, kind: str, published: dict[tuple[str, int, str], str]) -> str:
    if kind == "AQI" or kind.endswith("_24h"):
        return published.get((station, i, kind), "")
    return _hourly(station, i, kind)


def write_pair(folder: Path, published: dict[tuple[str, int, str], str] = PUBLISHED) -> Path:
    """The two daily files of the module docstring, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for day, date in enumerate(("20250101", "20250102")):
        lines = ["date,hour,type," + ",".join(STATIONS)]
        for hour in range(24):
            i = 24 * day + hour
            lines.extend(f"{date},{hour},{kind}," + ",".join(
                _cell(station, i, kind, published) for station in STATIONS) for kind in TYPES)
        (folder / f"china_sites_{date}.csv").write_text("\n".join(lines) + "\n",
                                                        encoding="utf-8")
    return folder


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"NO_COLOR": "1"})


def _body(stdout: str) -> list[list[str]]:
    lines = stdout.rstrip("\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("──")) + 1
    return [line.split() for line in lines[start:-1]]


def test_ties_count_as_agreeing_and_the_one_disagreement_is_listed(tmp_path: Path) -> None:
    result = run("aqi", str(write_pair(tmp_path / "net")), "--compare-published",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").split("\n")[-1] == EN_LINE
    assert _body(result.stdout) == [["2025-01-02", "16:00", "2001A", "CO_24h", "0.4", "0.6"]]


def test_the_tie_line_in_chinese(tmp_path: Path) -> None:
    result = run("aqi", str(write_pair(tmp_path / "net")), "--compare-published")
    assert result.stdout.rstrip("\n").split("\n")[-1] == ZH_LINE
    as_csv = run("aqi", str(tmp_path / "net"), "--compare-published", "--format", "csv")
    assert as_csv.stderr.strip().endswith(ZH_LINE)
    # the station-hour's line: its first line holding a value of that station (hour 16's
    # AQI cell is empty, so PM2.5: the header, 16 hours of 10 lines, then AQI, PM2.5 = 163)
    assert as_csv.stdout.splitlines()[1:] == [
        f"2025-01-02 16:00,2001A,CO_24h,0.4,0.6,{tmp_path / 'net' / 'china_sites_20250102.csv'}"
        f",{1 + 16 * len(TYPES) + 2}"]


def test_json_counts_the_ties_and_marks_each_tie_row(tmp_path: Path) -> None:
    result = run("aqi", str(write_pair(tmp_path / "net")), "--compare-published",
                 "--format", "json")
    document = json.loads(result.stdout)
    assert (document["compared"], document["agreeing"], document["ties"],
            document["agreement_percent"]) == (8, 7, 4, 87.5)
    assert document["agreement"] == EN_LINE
    rows = {(r["time"], r["station"], r["value"]): (r["published"], r["ecotarget"], r["tie"])
            for r in document["rows"]}
    assert rows == {
        ("2025-01-01T23:00:00", "2001A", "CO_24h"): (0.5, 0.6, True),
        ("2025-01-02T16:00:00", "2001A", "CO_24h"): (0.4, 0.6, False),
        ("2025-01-01T23:00:00", "2002A", "PM2.5_24h"): (31, 30, True),
        ("2025-01-02T11:00:00", "2002A", "PM2.5_24h"): (31, 30, True),
        ("2025-01-02T23:00:00", "2002A", "SO2_24h"): (101, 100, True),
        ("2025-01-02T23:00:00", "2002A", "AQI"): (76, 75, True),
    }


def _changed(**cells: str) -> dict[tuple[str, int, str], str]:
    """PUBLISHED with some cells replaced, named ``station_i_type``."""
    out = dict(PUBLISHED)
    for key, value in cells.items():
        station, i, kind = key.split("_", 2)
        out[(station, int(i), kind)] = value
    return out


def _line(tmp_path: Path, published: dict[tuple[str, int, str], str]) -> str:
    result = run("aqi", str(write_pair(tmp_path / "net", published)), "--compare-published",
                 "--lang", "en")
    return result.stdout.rstrip("\n").split("\n")[-1]


def test_only_the_other_rounding_of_a_half_way_mean_is_a_tie(tmp_path: Path) -> None:
    cases: list[tuple[dict[tuple[str, int, str], str], str]] = [
        # 2002A at i = 47: PM2.5 mean exactly 30 (no tie), 31 is a plain disagreement:
        # the tie hour becomes a disagreeing hour (6/8), three ties left
        (_changed(**{"2002A_47_PM2.5_24h": "31"}),
         "agreement: 6/8 (75.0%); 3 at a rounding tie"),
        # 2002A at i = 46: 30.5 → 30; published 29 is not the other rounding (31)
        (_changed(**{"2002A_46_PM2.5_24h": "29"}),
         "agreement: 6/8 (75.0%); 4 at a rounding tie"),
        # 2001A at i = 10: AQI 51 against 50 with SO2 8 (no 24-h mean enters): disagrees
        (_changed(**{"2001A_10_AQI": "51"}),
         "agreement: 6/8 (75.0%); 4 at a rounding tie"),
        # 2002A at i = 47: AQI 74 is not the AQI of SO2 24-h 101 (76): disagrees
        (_changed(**{"2002A_47_AQI": "74"}),
         "agreement: 6/8 (75.0%); 3 at a rounding tie"),
        # 2001A at i = 40: 0.5 instead of 0.4 is now the other rounding of 0.55
        (_changed(**{"2001A_40_CO_24h": "0.5"}),
         "agreement: 8/8 (100.0%); 5 at a rounding tie"),
    ]
    for number, (published, line) in enumerate(cases):
        assert _line(tmp_path / str(number), published) == line, number


def test_the_network_samples_have_no_tie() -> None:
    # scripts/make_network_samples.py publishes the means of the rounded hours, rounded as
    # ecotarget rounds them: a half-way mean agrees there, so no difference is a tie
    result = run("aqi", str(LONG), "--compare-published", "--lang", "en")
    assert result.stdout.rstrip("\n").split("\n")[-1] == LONG_AGREEMENT
    assert LONG_AGREEMENT.endswith("; 0 at a rounding tie")
