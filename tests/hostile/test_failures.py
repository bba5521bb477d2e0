"""Every cause that ended in "internal error" is a located message and exit 2."""

from __future__ import annotations

import errno
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ecotarget.cli import cli
from tests.conftest import ROOT, SAMPLES, TARGETS

LEDGER = SAMPLES / "ledger-2025.csv"
DEBUG = {"ECOTARGET_DEBUG": "1"}  # an uncaught exception fails the test instead of exit 2


def run(*args: str) -> Result:
    """A run in English (unless the test names --lang): the messages are compared as
    written in English here; tests/cli/test_language.py has them in Chinese."""
    lang = [] if "--lang" in args else ["--lang", "en"]
    return CliRunner().invoke(cli, [*args, *lang], env=DEBUG)


def targets_with(tmp_path: Path, old: str, new: str) -> Path:
    text = TARGETS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "targets.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("encoding", "shown"), [
    ("base64", "base64"), ("rot13", "rot13"), ("zlib", "zlib"), ("undefined", "undefined"),
    ("klingon", "klingon")])
def test_an_encoding_that_is_not_a_text_encoding(encoding: str, shown: str) -> None:
    result = run("check", str(LEDGER), "--targets", str(TARGETS), "--encoding", encoding)
    assert result.exit_code == 2
    assert result.stderr == (f"ecotarget: error: {LEDGER}: --encoding {shown}: not a text "
                             "encoding (try utf-8 or gb18030)\n")


@pytest.mark.parametrize("as_of", ["0001-01-01", "1999-12-31", "2026-01-01", "2024-12"])
def test_as_of_outside_the_plan_year(as_of: str) -> None:
    result = run("check", str(LEDGER), "--targets", str(TARGETS), "--as-of", as_of)
    assert result.exit_code == 2
    shown = "2024-12-31" if as_of == "2024-12" else as_of
    assert result.stderr == f"ecotarget: error: --as-of {shown}: not inside the plan year 2025\n"


def test_as_of_on_the_plan_years_edges_is_accepted() -> None:
    for as_of in ("2025-01-01", "2025-12-31"):
        result = run("check", str(LEDGER), "--targets", str(TARGETS), "--as-of", as_of,
                     "--fail-on", "never", "--format", "json")
        assert result.exit_code == 0, result.output


# config/targets.yaml: line 10 is "  published: 2025-05-08", line 27 the first "target: 90"
@pytest.mark.parametrize(("old", "new", "message"), [
    ("published: 2025-05-08", "published: 2025-02-29",
     ":12: published: '2025-02-29' is not a date of the calendar (write YYYY-MM-DD)"),
    ("published: 2025-05-08", "published: 2025-13-01",
     ":12: published: '2025-13-01' is not a date of the calendar (write YYYY-MM-DD)"),
    ("due: 2025-12-31", "due: 2025-13-01",
     ":379: due: '2025-13-01' is not a date of the calendar (write YYYY-MM-DD)"),
    ("target: 90", "target: .inf",
     ":30: targets[0].target: must be a finite number of at most 1e+15 in size (got inf)"),
    ("target: 90", "target: 123456789012345678901234567890123456789",
     ":30: targets[0].target: must be a finite number of at most 1e+15 in size "
     "(got 123456789012345678901234567890123456789)"),
    ("target: 90", "target: 1e308",
     ":30: targets[0].target: must be a finite number of at most 1e+15 in size (got 1e+308)"),
])
def test_targets_values_that_crashed(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = targets_with(tmp_path, old, new)
    result = run("check", str(LEDGER), "--targets", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"ecotarget: {path}{message}\n"


def test_a_target_given_as_1e3_is_the_number_1000(tmp_path: Path) -> None:
    """YAML 1.1 reads 1e3 (no dot) as text; it is a number here."""
    path = targets_with(tmp_path, "target: 26", "target: 1e3")
    result = run("targets", "--targets", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"target": 1000.0' in result.stdout


def test_duplicate_yaml_keys_name_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text("plan: {year: 2025, region: x, issuer: y}\ntargets: []\n"
                    "plan: {year: 2024, region: x, issuer: y}\n", encoding="utf-8")
    result = run("check", str(LEDGER), "--targets", str(path))
    assert result.exit_code == 2
    assert result.stderr == (f"ecotarget: {path}:3: duplicate key 'plan' (also on line 1): the "
                             "last would silently win; keep one\n")


def test_a_duplicate_target_id_names_its_line(tmp_path: Path) -> None:
    text = TARGETS.read_text(encoding="utf-8")
    first = text.index("  - id:")
    second = text.index("  - id:", first + 1)
    path = tmp_path / "targets.yaml"
    path.write_text(text[:second] + text[first:second] + text[second:], encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    ids = [i for i, line in enumerate(lines, 1) if line.startswith("  - id: air_good_day_rate")]
    result = run("check", str(LEDGER), "--targets", str(path))
    assert result.exit_code == 2
    assert result.stderr == (f"ecotarget: {path}:{ids[1]}: targets[1].id: duplicate target id "
                             f"'air_good_day_rate' (first on line {ids[0]})\n")


@pytest.mark.parametrize("text", ["a: " + "[" * 700 + "]" * 700 + "\n",
                                  "a: " + "{b: " * 700 + "1" + "}" * 700 + "\n"])
def test_yaml_nested_600_deep(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("check", str(LEDGER), "--targets", str(path))
    assert result.exit_code == 2
    assert re.fullmatch(rf"ecotarget: {re.escape(str(path))}:1: nested more than 50 levels "
                        r"deep: not a targets file\n", result.stderr)


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_closed_stdout_and_a_full_disk() -> None:
    exe = (f"{sys.executable} -m ecotarget check {LEDGER} --targets {TARGETS} --format json "
           "--lang en")
    closed = _shell(f"{exe} >&-")
    assert closed.returncode == 2
    assert closed.stderr == ("ecotarget: error: standard output is closed: name a file with "
                             "--output FILE\n")
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    full = _shell(f"{exe} > /dev/full")
    assert (full.returncode, full.stderr) == (2, "ecotarget: error: standard output: the disk "
                                                 "is full\n")
    device = _shell(f"{exe} -o /dev/full")
    assert (device.returncode, device.stderr) == (2, "ecotarget: error: --output /dev/full: the "
                                                     "disk is full\n")


# --- inputs that are not what they seem ----------------------------------------------------------

def test_dev_zero_as_an_input_and_as_targets() -> None:
    """/dev/zero never ends: refused after 64 MiB without a line break (about a second), and
    as a targets file after 4 MiB."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    as_input = run("check", "/dev/zero", "--targets", str(TARGETS))
    assert as_input.exit_code == 2
    assert as_input.stderr == ("ecotarget: error: /dev/zero: no line break in the first "
                               "67,108,864 bytes: not a CSV text file\n")
    as_targets = run("check", str(LEDGER), "--targets", "/dev/zero")
    assert as_targets.exit_code == 2
    assert as_targets.stderr == ("ecotarget: /dev/zero: larger than 4,194,304 bytes: not a "
                                 "targets file\n")


def test_symlink_loop_broken_link_and_a_second_stdin(tmp_path: Path) -> None:
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    broken = tmp_path / "broken.csv"
    broken.symlink_to(tmp_path / "gone.csv")
    assert run("check", str(loop), "--targets", str(TARGETS)).stderr == (
        f"ecotarget: error: {loop}: a symbolic link to itself (a loop)\n")
    assert run("check", str(broken), "--targets", str(TARGETS)).stderr == (
        f"ecotarget: error: {broken}: a symbolic link to nothing (broken)\n")
    twice = CliRunner().invoke(cli, ["check", "-", "-", "--targets", str(TARGETS), "--lang", "en"],
                               input=LEDGER.read_bytes(), env=DEBUG)
    assert twice.exit_code == 2
    assert twice.stderr == ("ecotarget: error: - (standard input) is named twice: it can be "
                            "read only once\n")


def test_a_header_line_over_100k_characters(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("月份,指标,数值," + "x" * 150_000 + "\n2025-01,培训期数,1\n", encoding="utf-8")
    result = run("check", str(path), "--targets", str(TARGETS))
    assert result.exit_code == 2
    assert result.stderr == (f"ecotarget: error: {path}: line 1 is 150,009 characters long, and "
                             "no header is longer than 100,000: no header row found in the first "
                             "10 lines (is the file one line, or its line breaks lost?)\n")


# --- unreadable folders, repeated keys, unreadable times -------------------------------------------

def _refuse(error: OSError) -> Callable[..., object]:
    def refuse(*_: object) -> object:
        raise error
    return refuse


def test_an_unreadable_input_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as root permissions are not enforced, so the listing is made to fail as it would
    (tmp_path / "ledger.csv").write_bytes(LEDGER.read_bytes())
    monkeypatch.setattr(Path, "iterdir", _refuse(PermissionError(errno.EACCES,
                                                                 "Permission denied")))
    result = run("check", str(tmp_path), "--targets", str(TARGETS))
    assert result.exit_code == 2
    assert result.stderr == (f"ecotarget: error: {tmp_path}: cannot read the directory: "
                             "Permission denied\n")


def test_a_path_inside_a_folder_that_may_not_be_searched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # stat() of a path below a folder without search permission fails with EACCES
    path = tmp_path / "locked" / "ledger.csv"
    monkeypatch.setattr(Path, "is_symlink", _refuse(PermissionError(errno.EACCES,
                                                                    "Permission denied")))
    result = run("check", str(path), "--targets", str(TARGETS), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"ecotarget: error: {path}: cannot read: Permission denied\n"


HOURLY_HEADER = "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3\n"


def _hour(time: str, station: str) -> str:
    return f"{time},{station},30,50,8,20,0.5,40\n"


def test_a_station_hour_in_two_files_names_that_key_and_its_copies_only(tmp_path: Path) -> None:
    # both files hold the same two station-hours (A and B at 01:00): the message names the
    # first, (A, 01:00), and its two copies (a.csv:2, b.csv:2), never B's lines (a.csv:3)
    rows = _hour("2025-01-06 01:00", "A") + _hour("2025-01-06 01:00", "B")
    for name in ("a.csv", "b.csv", "c.csv"):
        (tmp_path / name).write_text(HOURLY_HEADER + rows, encoding="utf-8")
    a, b, c = (tmp_path / n for n in ("a.csv", "b.csv", "c.csv"))
    hint = " (or check --hour-label: hours 0 and 24 name the same hour)"
    twice = run("aqi", str(a), str(b))
    assert twice.exit_code == 2
    assert twice.stderr == (f"ecotarget: error: the same station-hour (A, 2025-01-06 01:00) "
                            f"comes twice: {a}:2, {b}:2; keep one copy{hint}\n")
    thrice = run("check", str(a), str(b), str(c), "--targets", str(TARGETS))
    assert thrice.exit_code == 2
    assert thrice.stderr == (f"ecotarget: error: the same station-hour (A, 2025-01-06 01:00) "
                             f"comes 3 times: {a}:2, {b}:2, {c}:2; keep one copy{hint}\n")


def test_a_ledger_month_in_two_files_names_that_key_and_its_copies_only(tmp_path: Path) -> None:
    # each file holds the month 2025-01 of two indicators; the first (2025-01, 各类培训期数)
    # comes from a.csv:2 and b.csv:3 (b lists the indicators the other way round)
    first, second = "2025-01,各类培训期数,2\n", "2025-01,一般工业固废产生量,100\n"
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("月份,指标,数值\n" + first + second, encoding="utf-8")
    b.write_text("月份,指标,数值\n" + second + first, encoding="utf-8")
    result = run("check", str(a), str(b), "--targets", str(TARGETS))
    assert result.exit_code == 2
    assert result.stderr == ("ecotarget: error: the same month and indicator (2025-01, "
                             f"各类培训期数) comes from more than one file: {a}:2, {b}:3; keep "
                             "one copy\n")


@pytest.mark.parametrize("time", ["2025-01-06 -1:00", "2025-01-06 -01:00", "2025-01-06T-1:00"])
def test_a_negative_hour_is_an_unreadable_time_not_a_duplicate(tmp_path: Path, time: str) -> None:
    # the lenient date parser dropped the sign: "-1:00" became 01:00, a copy of line 4
    path = tmp_path / "air.csv"
    path.write_text(HOURLY_HEADER + _hour("2025-01-06 00:00", "A") + _hour(time, "A")
                    + _hour("2025-01-06 01:00", "A"), encoding="utf-8")
    result = run("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [(e["line"], e["column"], e["value"], e["message"])
            for e in document["row_errors"]] == [
        (3, "时间", time, "not a date: write YYYY-MM-DD or YYYY-MM-DD HH:MM")]


@pytest.mark.parametrize("option", ["-o", "--rejects"])
def test_an_empty_output_path(option: str) -> None:
    result = run("check", str(LEDGER), "--targets", str(TARGETS), option, "")
    assert result.exit_code == 2
    name = "--output" if option == "-o" else option
    assert result.stderr == f"ecotarget: error: {name}: the path is empty\n"


def test_dash_as_the_output_is_stdout_not_a_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", str(LEDGER), "--targets", str(TARGETS), "--format", "json",
                 "-o", "-", "--fail-on", "never")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema_version"]
    assert list(tmp_path.iterdir()) == []


def test_rejects_on_a_full_disk_name_the_rejects_option(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    path = tmp_path / "air.csv"
    path.write_text(HOURLY_HEADER + _hour("2025-01-06 x", "A"), encoding="utf-8")
    result = run("validate", str(path), "--rejects", "/dev/full")
    assert result.exit_code == 2
    assert result.stderr == "ecotarget: error: --rejects /dev/full: the disk is full\n"
    missing = tmp_path / "no" / "rejects.csv"
    result = run("validate", str(path), "--rejects", str(missing))
    assert result.stderr == (f"ecotarget: error: --rejects {missing}: cannot write there: No "
                             "such file or directory\n")
