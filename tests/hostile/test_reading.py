"""Hostile and unlucky inputs at the reader: rejects of large files, time zones, invisible
characters. Each case has its exact outcome."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.read import Source, read_table
from ecotarget.read import bulk as bulk_reader
from ecotarget.read.clean import to_china_time
from ecotarget.validate import validate_table
from tests.conftest import TARGETS

AIR_HEADER = "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3\n"
DEBUG = {"ECOTARGET_DEBUG": "1"}


def english(malformed: Mapping[int, object]) -> dict[int, str]:
    """The reader's reasons for malformed rows, in English (each is a catalogue Text)."""
    return {position: str(reason) for position, reason in malformed.items()}


def run(*args: str) -> object:
    return CliRunner().invoke(cli, [*args, "--targets", str(TARGETS)], env=DEBUG)


# --- rejects from the bulk (Arrow) reader ----------------------------------------------------

@pytest.mark.parametrize("bulk", [False, True])
def test_rejects_of_a_large_file_keep_the_original_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool) -> None:
    """The bulk path keeps no text: the rejected lines are read again by number, byte for byte
    (the spaces and the trailing "40 " stay as written)."""
    source = tmp_path / "air.csv"
    source.write_text(AIR_HEADER + "2025-01-06 01:00,A,35,50,5,30,0.6,40\n"
                      "2025-01-06 02:00,A, x ,50,5,30,0.6,40 \n"
                      "2025-01-06 03:00,A,35,50,5,30,0.6,40\n"
                      "2025-01-06 04:00,A,35,50,5,30,0.6,-7\n", encoding="utf-8")
    if bulk:
        monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)
    assert (read_table(Source(str(source))).reread is not None) is bulk
    rejects = tmp_path / "rejects.csv"
    result = CliRunner().invoke(cli, ["validate", str(source), "--targets", str(TARGETS),
                                      "--rejects", str(rejects), "--lang", "en"], env=DEBUG)
    assert result.exit_code == 1, result.output
    lines = rejects.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3,reason"
    assert lines[1].startswith("2025-01-06 02:00,A, x ,50,5,30,0.6,40 ,\"PM2.5: not a number")
    assert lines[2].startswith("2025-01-06 04:00,A,35,50,5,30,0.6,-7,\"O3: must be ≥ 0")
    assert len(lines) == 3


def test_lines_by_number_reads_only_the_wanted_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"h\r\nl2\r\nl3\nl4")
    assert bulk_reader.lines_by_number(Source(str(path)), "utf-8", [4, 2, 7]) == {
        2: "l2", 4: "l4"}
    assert bulk_reader.lines_by_number(Source(str(path)), "utf-8", []) == {}


def test_a_short_row_in_the_rejects_gets_its_missing_fields(tmp_path: Path) -> None:
    """The original text, then one empty field per missing one, so that the reason stays in
    the reason column: "2025-13,培训期数" has 2 of 3 fields → one more comma, then the reason."""
    source = tmp_path / "ledger.csv"
    source.write_text("月份,指标,数值\n2025-13,培训期数,1\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    CliRunner().invoke(cli, ["validate", str(source), "--targets", str(TARGETS), "--rejects",
                             str(rejects), "--lang", "en"])
    assert rejects.read_text(encoding="utf-8").splitlines()[1] == (
        "2025-13,培训期数,1,月份: not a month: write YYYY-MM (e.g. 2025-03)")
    # the reason is in the run's language: Chinese by default
    CliRunner().invoke(cli, ["validate", str(source), "--targets", str(TARGETS), "--rejects",
                             str(rejects)])
    assert rejects.read_text(encoding="utf-8").splitlines()[1] == (
        "2025-13,培训期数,1,月份: 不是月份：请写成年-月，如 2025-03")


# --- time zones ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2025-01-06T04:00:00+08:00", "2025-01-06 04:00:00"),  # CST already: offset dropped
    ("2025-01-05T20:00:00Z", "2025-01-06 04:00:00"),  # 20:00 UTC + 8 h
    ("2025-01-05T20:00Z", "2025-01-06 04:00:00"),
    ("2025-01-06 00:30-01:00", "2025-01-06 09:30:00"),  # 01:30 UTC + 8 h
    ("2025-01-06T12:00:00+0900", "2025-01-06 11:00:00"),  # 03:00 UTC + 8 h
    ("2025-12-31T16:00:00Z", "2026-01-01 00:00:00"),  # crosses into the next year
    ("2025-01-06 04:00", None),
    ("2025-01-06", None),  # "-06" is the day, not an offset
    ("2025-01-06T04:00+99:00", None),  # not a time: validation names it
])
def test_to_china_time(text: str, expected: str | None) -> None:
    assert to_china_time(text) == expected


def test_an_offset_among_plain_times_is_converted_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "tz.csv"
    path.write_text(AIR_HEADER + "2025-01-06 03:00,A,35,50,5,30,0.6,40\n"
                    "2025-01-05T20:00:00Z,A,35,50,5,30,0.6,40\n"
                    "2025-01-06T05:00:00+08:00,A,35,50,5,30,0.6,40\n", encoding="utf-8")
    table = validate_table(read_table(Source(str(path))))
    assert table.rows_rejected == 0
    assert [str(t) for t in table.frame["time"]] == [
        "2025-01-06 03:00:00", "2025-01-06 04:00:00", "2025-01-06 05:00:00"]
    assert [n.render("en") for n in table.notes] == [
        "时间: 2 times with a UTC offset converted to China Standard Time (UTC+8)"]
    assert [n.render("zh") for n in table.notes] == [
        "时间：2 个带时区偏移的时间已换算为北京时间（东八区）"]


def test_a_file_of_offsets_keeps_its_days(tmp_path: Path) -> None:
    """Every time +08:00: the hours stay on 2025-01-06, check and aqi run."""
    path = tmp_path / "tz.csv"
    path.write_text(AIR_HEADER + "".join(
        f"2025-01-06T{h:02d}:00:00+08:00,A,35,50,5,30,0.6,40\n" for h in range(1, 24)),
        encoding="utf-8")
    assert run("check", str(path), "--format", "json").exit_code in (0, 1)
    result = run("aqi", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert {row["date"][:10] for row in rows} == {"2025-01-06"}


# --- invisible characters ----------------------------------------------------------------------

def test_format_characters_are_stripped_from_indicators_and_counted(tmp_path: Path) -> None:
    """A BOM before 培训期数 and a zero-width space inside it: both rows count as 培训期数."""
    path = tmp_path / "ledger.csv"
    path.write_text("月份,指标,数值\n2025-01,\ufeff培训期数,3\n2025-02,培\u200b训期数,2\n"
                    "2025-03,培训期数,1\n", encoding="utf-8")
    result = run("check", str(path), "--format", "json", "--fail-on", "never")
    document = json.loads(result.stdout)
    trainings = next(r for r in document["results"] if r["id"] == "trainings")
    assert trainings["actual"] == 6  # 3 + 2 + 1
    assert document["inputs"][0]["notes"] == [
        "invisible characters (BOM, zero-width or direction marks) removed from 指标 (2 cells): "
        "clean them in the source file"]


# --- no silent shifts --------------------------------------------------------------------------

def test_a_full_width_comma_stays_data_and_the_short_row_is_rejected(tmp_path: Path) -> None:
    """"A，35" is one cell: the row has 6 fields for 8 columns and is rejected, never padded
    (padding read CO=60 from the O3 cell: AQI 200 instead of 50)."""
    path = tmp_path / "air.csv"
    path.write_text(AIR_HEADER + "2025-01-06 03:00,A，35,50,5,30,60\n"
                    "2025-01-06 04:00,A，B,35,50,5,30,0.6,40\n", encoding="utf-8")
    result = run("validate", str(path), "--format", "json")
    document = json.loads(result.stdout)
    (error,) = document["row_errors"]
    assert (error["line"], error["message"]) == (2, (
        "malformed row: 6 fields, the header has 8: every value after the gap would be read "
        "into the wrong column; write the missing cells (empty is fine) or check the "
        "delimiters"))
    hourly = run("aqi", str(path), "--hourly", "--format", "json")
    (row,) = json.loads(hourly.stdout)["rows"]
    assert row["station"] == "A,B"  # NFKC folds the full-width comma inside the cell


@pytest.mark.parametrize(("last", "flagged"), [
    ("2025-04,培训期数,16", True),  # 160 cut to 16: shorter than 160, 152, 170
    ("2025-04,培训期数,99", True),
    ("2025-04,培训期数,160", False),
    ("2025-04,培训期数,1600", False),
])
def test_a_last_value_cut_short_without_a_final_newline(tmp_path: Path, last: str,
                                                       flagged: bool) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text("月份,指标,数值\n2025-01,培训期数,160\n2025-02,培训期数,152\n"
                    f"2025-03,培训期数,170\n{last}", encoding="utf-8")
    table = read_table(Source(str(path)))
    if flagged:
        value = last.rsplit(",", 1)[1]
        assert english(table.malformed) == {3: (
            f"possibly cut short: the last value '{value}' is shorter than every value of its "
            "column above (3+ characters), and the file ends without a line break; check that "
            "the file is complete, or end it with a line break")}
    else:
        assert english(table.malformed) == {}
    with_newline = tmp_path / "complete.csv"
    with_newline.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert english(read_table(Source(str(with_newline))).malformed) == {}


def test_a_row_of_a_million_cells_is_read_in_linear_time(tmp_path: Path) -> None:
    """The C parser built every column of the widest line for every row (195 s for one row
    of 1 M cells); the csv path reads it in well under a second and names it."""
    import time

    path = tmp_path / "wide.csv"
    # 500,000 cells: a line just below the length a line may have (LINE_MAX_CHARS)
    path.write_text("月份,指标,数值\n2025-01,培训期数,1\n2025-02,培训期数,1" + ",9" * 500_000
                    + "\n" + "2025-03,培训期数,1\n" * 1000, encoding="utf-8")
    started = time.monotonic()
    table = read_table(Source(str(path)))
    assert time.monotonic() - started < 20
    assert english(table.malformed) == {1: "500003 fields where the header has 3: a delimiter inside a "
                                  "value? quote the value or remove the extra delimiter"}


# --- a line longer than any row ----------------------------------------------------------------

TOO_LONG = ("a line of 1,048,577 characters, far beyond any row of a monitoring export "
            "(limit 1,048,576): not read; check whether the file is damaged or wrongly joined")


@pytest.mark.parametrize("quoted", [False, True])
def test_a_line_longer_than_any_row_is_rejected_unread(tmp_path: Path, quoted: bool) -> None:
    """A line of LINE_MAX_CHARS + 1 characters (2²⁰ + 1) is rejected with its length and the
    limit; the rows around it are read, with their own line numbers. ``quoted``: a quote
    elsewhere in the file sends it to the csv module's path, which must agree."""
    head = "2025-01-06 01:00,A,35,50,5,30,0.6,40\n"
    prefix = "2025-01-06 02:00,A,"
    huge = prefix + "1" * (2**20 + 1 - len(prefix))
    tail = '2025-01-06 03:00,"A",35,50,5,30,0.6,40\n' if quoted else head.replace("01:00", "03:00")
    path = tmp_path / "air.csv"
    path.write_text(AIR_HEADER + head + huge + "\n" + tail, encoding="utf-8")
    table = read_table(Source(str(path)))
    assert table.lines.tolist() == [2, 3, 4]
    assert english(table.malformed) == {1: TOO_LONG}
    rejects = tmp_path / "rejects.csv"
    result = CliRunner().invoke(cli, ["validate", str(path), "--targets", str(TARGETS),
                                      "--rejects", str(rejects), "--lang", "en"], env=DEBUG)
    assert result.exit_code == 1, result.output
    assert "1 rejected" in result.output and "limit 1,048,576" in result.output
    assert len(result.output) < 10_000  # the value is shown cut, never the whole line
    written = rejects.read_text(encoding="utf-8").splitlines()
    assert written[1].startswith(huge + ',"时间: malformed row: a line of 1,048,577 characters')


def test_a_line_of_the_limit_exactly_is_read(tmp_path: Path) -> None:
    """2²⁰ characters: a (bad) row read like any other, its value named."""
    prefix, suffix = "2025-01-06 02:00,A,", ",50,5,30,0.6,40"
    digits = 2**20 - len(prefix) - len(suffix)
    path = tmp_path / "air.csv"
    path.write_text(AIR_HEADER + prefix + "1" * digits + suffix + "\n", encoding="utf-8")
    table = read_table(Source(str(path)))
    assert table.malformed == {}
    assert table.frame["pm25"].str.len().tolist() == [digits]


def test_a_line_too_long_in_a_network_file_rejects_its_hour(tmp_path: Path) -> None:
    """The national network's long layout reads its lines with the same parser."""
    path = tmp_path / "china_sites_20250106.csv"
    huge = "20250106,1,PM10," + "9" * 2**20
    path.write_text("date,hour,type,1001A\n20250106,1,PM2.5,35\n" + huge + "\n"
                    "20250106,2,PM2.5,36\n20250106,2,PM10,50\n", encoding="utf-8")
    table = read_table(Source(str(path)))
    assert table.layout == "network-long"
    # the hour of the line is rejected whole (its row named by the line at fault), as for a
    # pollutant line cut short; the next hour is read
    assert table.lines.tolist() == [3, 4]
    assert english(table.malformed) == {0: "the PM10 line of 2025-01-06 01:00 (line 3): a line "
                                           "of 1,048,592 characters, far beyond any row of a "
                                           "monitoring export (limit 1,048,576): not read; check "
                                           "whether the file is damaged or wrongly joined"}
    assert table.frame["pm10"].tolist()[1] == "50"
