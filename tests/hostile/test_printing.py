"""Printed text is inert and composed cells start no formula, whatever the input holds."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecotarget.cli import cli
from ecotarget.cli import options as cli_options
from ecotarget.read import Source
from ecotarget.render.safe import inert, spreadsheet_cell
from tests.conftest import TARGETS

DEBUG = {"ECOTARGET_DEBUG": "1"}
AIR_HEADER = "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3\n"
WATER_HEADER = "断面名称,断面级别,水质目标,采样日期,pH,溶解氧,高锰酸盐指数,氨氮,总磷\n"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
EVIL = '\x1b]0;pwn\x07\x1b[2J=HYPERLINK("http://evil","x")'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--targets", str(TARGETS)], env=DEBUG)


def assert_inert(output: str) -> None:
    assert CONTROL.search(output) is None, repr(output)


def assert_no_formula(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(FORMULA) or re.fullmatch(r"[+-][\d.]+", cell), cell


@pytest.mark.parametrize(("text", "expected"), [
    ("\x1b[31mred", "\\x1b[31mred"),
    ("a\rb\nc\td", "a\\rb\\nc\\td"),
    ("\x9b2J", "\\x9b2J"),  # the C1 control sequence introducer
    ("\u202egnp.exe", "\\u202egnp.exe"),  # right-to-left override
    ("[bold]x[/]", "[bold]x[/]"),  # markup is not a control character: printed as written
])
def test_inert(text: str, expected: str) -> None:
    assert inert(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("+1+1", "'+1+1"),
    ("-1+1", "'-1+1"),
    ("-", "'-"),
    ("-12.5", "-12.5"),
    ("+3", "+3"),
    ("99%", "99%"),
    ("平湖=1", "平湖=1"),  # only the first character matters
    ("\r=1", "\\r=1"),
])
def test_spreadsheet_cell(text: str, expected: str) -> None:
    assert spreadsheet_cell(text) == expected


def test_aqi_outputs_show_escapes_and_no_formula(tmp_path: Path) -> None:
    path = tmp_path / "air.csv"
    path.write_text(AIR_HEADER + f"2025-01-06 03:00,{EVIL.replace(',', ';')},35,50,5,30,0.6,40\n"
                    "2025-01-06 04:00,@SUM(1+1),35,50,5,30,0.6,40\n", encoding="utf-8")
    for args in ([], ["--hourly"], ["--format", "csv"], ["--hourly", "--format", "csv"]):
        result = run("aqi", str(path), *args)
        assert result.exit_code == 0, result.output
        assert_inert(result.stdout)
        assert "\\x1b]0;pwn\\x07\\x1b[2J=HYPERLINK" in result.stdout
        if "csv" in args:
            assert_no_formula(result.stdout)
            assert "'@SUM(1+1)" in result.stdout


def test_validate_table_shows_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: the table's file cell does not wrap
    path = Path("air\x1b[2J.csv")
    path.write_text(AIR_HEADER + "2025-01-06 03:00,A,\x1b[2J9,50,5,30,0.6,40\n", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert_inert(result.output)
    assert "\\x1b[2J9" in result.stdout and "air\\x1b[2J.csv" in result.stdout
    checked = run("check", str(path), "--fail-on", "never", "--lang", "en")
    assert_inert(checked.stderr)
    assert "air\\x1b[2J.csv:2: PM2.5: '\\x1b[2J9': not a number" in checked.stderr
    chinese = run("check", str(path), "--fail-on", "never", "--lang", "zh")
    assert_inert(chinese.stderr)
    assert "air\\x1b[2J.csv:2: PM2.5: '\\x1b[2J9': 不是数字" in chinese.stderr


def test_water_outputs_show_escapes_and_no_formula(tmp_path: Path) -> None:
    path = tmp_path / "water.csv"
    path.write_text(WATER_HEADER + "=cmd|' /C calc'!A0\x1b[2J,国控,Ⅲ,2025-03-05,7.5,8,3,0.2,0.1\n",
                    encoding="utf-8")
    table = run("water", str(path), "--period", "2025")
    assert table.exit_code == 0, table.output
    assert_inert(table.stdout)
    assert "\\x1b" in table.stdout  # the cell may wrap in the table: the escape is shown
    flat = run("water", str(path), "--period", "2025", "--format", "csv")
    assert_no_formula(flat.stdout)
    assert "section,'=cmd|' /C calc'!A0\\x1b[2J,national" in flat.stdout


def test_a_progress_bar_path_is_not_markup(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A path holding "[/]" used to end the bar in a thread's MarkupError traceback."""
    monkeypatch.setattr(cli_options, "PROGRESS_MIN_BYTES", 0)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with cli_options.progress_reporter([Source("-", b"x")], steps=2) as step:
        assert step is not None
        step("reading a[/]b[bold]\x1b[2J.csv")
        step("done")
    assert "Traceback" not in capsys.readouterr().err


# --- composed from hostile text -------------------------------------------------------------

HOSTILE = st.text(
    alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\x1b", "\x07", "\x9b", "[", "]",
                              "/", "(", ")", "\u202e", "\u200b", "\ufeff", "a", "平", "1", " "]),
    min_size=1, max_size=12)


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(HOSTILE, min_size=1, max_size=3), as_xlsx=st.booleans())
def test_hostile_names_never_reach_a_terminal_or_a_formula(
        tmp_path: Path, names: list[str], as_xlsx: bool) -> None:
    rows = [[f"2025-01-06 0{i + 1}:00", name, "35", "50", "5", "30", "0.6", "40"]
            for i, name in enumerate(names)]
    if as_xlsx:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(AIR_HEADER.strip().split(","))
        for row in rows:  # openpyxl refuses C0 controls in a cell: drop those, keep the rest
            sheet.append([re.sub("[\x00-\x1f]", "", cell) for cell in row])
        path = tmp_path / "air.xlsx"
        book.save(path)
    else:
        path = tmp_path / "air.csv"
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([AIR_HEADER.strip().split(","), *rows])
        path.write_text(out.getvalue(), encoding="utf-8")
    for args in (["--hourly"], ["--hourly", "--format", "csv"], ["--format", "csv"]):
        result = run("aqi", str(path), *args)
        assert result.exit_code in (0, 1, 2), result.output
        assert_inert(result.output)
        if "csv" in args:
            assert_no_formula(result.stdout)
    checked = run("validate", str(path))
    assert_inert(checked.output)
