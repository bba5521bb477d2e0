"""Files that open where people open them: a CSV with a BOM in a file (never on stdout), the
run's dates on every CSV row, and an xlsx workbook with the CSV's columns."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.render.flat import CSV_COLUMNS
from ecotarget.render.xlsx import STATUS_FILL
from tests.conftest import ROOT

SAMPLES = str(ROOT / "data" / "samples")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env={"NO_COLOR": "1"}, catch_exceptions=False)


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_csv_file_has_a_bom_and_stdout_none(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    invoke("check", SAMPLES, "--format", "csv", "--output", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,section,")
    assert data.count(b"\xef\xbb\xbf") == 1
    stdout = invoke("check", SAMPLES, "--format", "csv").stdout
    assert stdout.startswith("id,section,")
    assert stdout == data.decode("utf-8-sig")


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_every_csv_row_carries_as_of_and_period() -> None:
    lines = invoke("check", SAMPLES, "--format", "csv", "--as-of", "2025-06",
                   "--period", "2025-Q2").stdout.splitlines()
    assert lines[0].endswith(",as_of,period_start,period_end")
    assert len(lines) == 37  # the header and the 36 targets
    assert all(line.endswith(",2025-06-30,2025-04-01,2025-06-30") for line in lines[1:])


def test_xlsx_is_refused_without_output() -> None:
    result = invoke("check", SAMPLES, "--format", "xlsx", "--lang", "en")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook, not text for a terminal: give --output FILE.xlsx" \
        in result.stderr
    assert result.stdout == ""


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_xlsx_workbook(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = invoke("check", SAMPLES, "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 1  # not_met targets in the samples, as for any format
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == list(CSV_COLUMNS)
    assert sheet.freeze_panes == "A2"
    rows = {row[0].value: {h: c for h, c in zip(CSV_COLUMNS, row, strict=True)}
            for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == 36
    good = rows["air_good_day_rate"]
    # numbers are numbers: 272/303 good days = 89.77… shown as 89.8, margin 89.8 − 90 = −0.2
    assert good["actual"].value == pytest.approx(89.8)
    assert isinstance(good["actual"].value, float)
    assert good["margin"].value == pytest.approx(-0.2)
    assert good["status"].value == "at_risk"
    assert good["status"].fill.start_color.rgb == STATUS_FILL["at_risk"]
    assert rows["public_satisfaction"]["status"].fill.start_color.rgb == STATUS_FILL["met"]
    assert good["pace_target"].value is None  # blank in the CSV, empty in the workbook
    assert good["as_of"].value == "2025-10-31"
    assert sheet.column_dimensions["C"].width > 10  # names are not squeezed


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("args", [("water", "water-2025.csv"), ("aqi", "air-hourly-2025.csv")])
def test_water_and_aqi_csv_files_start_with_a_bom(tmp_path: Path, args: tuple[str, str]) -> None:
    # as check's: a file gets EF BB BF before the header, stdout none
    command, sample = args
    out = tmp_path / "x.csv"
    written = CliRunner().invoke(cli, [command, str(Path(SAMPLES) / sample), "--format", "csv",
                                       "--output", str(out)])
    assert written.exit_code == 0, written.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    piped = CliRunner().invoke(cli, [command, str(Path(SAMPLES) / sample), "--format", "csv"])
    assert not piped.stdout.startswith("\ufeff")
