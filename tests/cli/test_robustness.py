"""Never a traceback: broken inputs, random bytes, a failing renderer and Ctrl-C.

ecotarget runs from cron, so every run must end with exit 0, 1 or 2 and a message. The
corpus under tests/data/broken/ holds one small file per way an export goes wrong; each has
its exact expected outcome here. The hypothesis tests feed random bytes and random CSV-ish
text to ``check`` and ``validate`` with ECOTARGET_DEBUG=1, so that an exception the CLI's
last net would have caught still fails the test.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecotarget.cli import cli
from tests.conftest import ROOT, TARGETS

BROKEN = ROOT / "tests" / "data" / "broken"
DEBUG = {"ECOTARGET_DEBUG": "1"}  # an uncaught exception surfaces instead of exit 2

# file → (validate's exit code, a phrase of its message, check's exit code with --fail-on never)
CORPUS: dict[str, tuple[int, str, int]] = {
    "empty.csv": (2, "empty.csv: the file is empty", 2),
    "header-only.csv": (0, "no data rows below the header", 0),
    "binary.csv": (2, "binary.csv: binary data, not a CSV text file (save it as CSV)", 2),
    "truncated-last-line.csv": (1, "cut short: 2 of 3 fields on the last line, and the file "
                                   "ends without a line break; the file looks truncated", 0),
    "wrong-delimiter.csv": (2, "line 1 is separated by '|', which is not read: save the file "
                               "with commas (CSV), tabs or semicolons", 2),
    "mixed-encoding.csv": (2, "mixes encodings: lines 1–2 are UTF-8 but line 3 is not", 2),
    "unknown-columns.csv": (2, "no header row recognised as any input kind in the first 10 "
                               "lines (line 1: 'foo,bar,baz')", 2),
    "unclosed-quote.csv": (1, 'a quote (\\") opens a value that is never closed', 0),
    "too-many-fields.csv": (1, "4 fields where the header has 3", 0),
    "xlsx-named-csv.csv": (2, "an Excel .xlsx workbook (zip data), not CSV text", 2),
    "crlf-title-row.csv": (1, "not a number (text is accepted only as a grade on a target's "
                              "scale)", 0),
    "utf16-tab.txt": (0, '"encoding": "utf-16"', 0),
}


#: the corpus files whose fatal message is said in Chinese too
IN_CHINESE = {"empty.csv", "binary.csv", "wrong-delimiter.csv", "unknown-columns.csv",
              "xlsx-named-csv.csv"}


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def assert_accounted(document: dict[str, Any]) -> None:
    """Every row is accepted or rejected, and every rejected row is listed."""
    for source in document["inputs"]:
        assert source["rows_read"] == source["rows_accepted"] + source["rows_rejected"]
    assert len(document["row_errors"]) == sum(s["rows_rejected"] for s in document["inputs"])


def test_every_corpus_file_has_an_expected_outcome() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(CORPUS)


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_input_corpus(name: str) -> None:
    code, phrase, check_code = CORPUS[name]
    path = str(BROKEN / name)
    result = invoke("validate", path, "--targets", str(TARGETS), "--format", "json",
                    "--lang", "en", env=DEBUG)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == code, result.output
    assert phrase in result.output
    assert "Traceback" not in result.output
    if code == 2:
        assert result.stdout == "" and result.stderr.startswith("ecotarget: error: ")
        assert result.stderr.count("\n") == 1  # one line that says what is wrong
    else:
        assert_accounted(json.loads(result.stdout))
    checked = invoke("check", path, "--targets", str(TARGETS), "--fail-on", "never",
                     "--format", "json", "--lang", "en", env=DEBUG)
    assert checked.exit_code == check_code, checked.output
    if check_code == 2:
        assert checked.stderr == result.stderr
        # in Chinese (the default), the same one line where the message is in the catalogue
        chinese = invoke("check", path, "--targets", str(TARGETS), "--format", "json", env=DEBUG)
        assert chinese.stderr.count("\n") == 1
        assert chinese.stderr.startswith("ecotarget: 错误：") or name not in IN_CHINESE
    else:
        assert_accounted(json.loads(checked.stdout))


@pytest.mark.slow
def test_a_10_mb_single_line(tmp_path: Path) -> None:
    no_header = tmp_path / "one-line.csv"
    no_header.write_bytes(b"a" * 10_000_000)
    result = invoke("check", str(no_header), "--targets", str(TARGETS), "--lang", "en",
                    env=DEBUG)
    assert result.exit_code == 2
    assert result.stderr == (f"ecotarget: error: {no_header}: line 1 is 10,000,000 characters "
                             "long, and no header is longer than 100,000: no header row found "
                             "in the first 10 lines (is the file one line, or its line breaks "
                             "lost?)\n")

    huge_value = tmp_path / "huge-value.csv"
    huge_value.write_bytes("月份,指标,数值\n2025-01,培训期数,".encode() + b"9" * 10_000_000 + b"\n")
    result = invoke("validate", str(huge_value), "--targets", str(TARGETS), "--format", "json",
                    env=DEBUG)
    assert result.exit_code == 1
    (error,) = json.loads(result.stdout)["row_errors"]
    # a line longer than any row (LINE_MAX_CHARS) is rejected unread, shown cut
    line = "2025-01,培训期数," + "9" * 10_000_000
    assert error["value"] == line[:200] + "… (10,000,013 characters)"
    assert error["message"].startswith("malformed row: a line of 10,000,013 characters, far "
                                       "beyond any row of a monitoring export (limit 1,048,576)")

    quoted = tmp_path / "huge-quoted.csv"  # the same inside quotes, on the csv module's path
    quoted.write_bytes('月份,指标,数值,备注\n2025-01,培训期数,1,"'.encode() + b"x" * 10_000_000
                       + '"\n2025-02,培训期数,2,"a\nb"\n'.encode())
    result = invoke("validate", str(quoted), "--targets", str(TARGETS), "--format", "json",
                    env=DEBUG)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["inputs"][0]["rows_read"] == 2
    (error,) = document["row_errors"]
    assert error["line"] == 2 and "a line of 10,000,017 characters" in error["message"]

    # below that length, a quoted value beyond the csv module's field limit is named so
    quoted.write_bytes('月份,指标,数值,备注\n2025-01,培训期数,1,"'.encode() + b"x" * 500_000
                       + '"\n2025-02,培训期数,2,"a\nb"\n'.encode())
    result = invoke("validate", str(quoted), "--targets", str(TARGETS), "--format", "json",
                    env=DEBUG)
    (error,) = json.loads(result.stdout)["row_errors"]
    assert error["line"] == 2 and "unreadable (field larger than field limit" in error["message"]


# --- random inputs ---------------------------------------------------------------------------

PERIODS = ["2025-01", "2025-13", "2025年3月", "202502", "2024-12", "2030-01", "2025-01-01"]
TIMES = ["2025-01-01 01:00", "2025-01-01 01:30", "2025/1/1 2时", "2031-01-01 00:00", "2025-01-02",
         "20250103", "2024-12-31 24:00"]
NUMBERS = ["35", "1,234", "99.1%", "0.993", "１２", "-99", "800", "0", "1e400", "inf", "—", "-",
           "--", "无", "NA", "/", "", "#DIV/0!", "12.5mg"]
WORDS = ["培训期数", "达标率", "平湖", "1001A", "Ⅲ", "劣V", "河流", "湖库", "国控", "是", "ND",
         "<0.01", "0.02L", "[red]x[/red]", '"', '"a,b"', '"x\ny"', "\r", "\u2028", "\x85", "\t",
         ";", ","]
# each header with the values its columns usually hold (a column's pool, or anything at all)
HEADERS: list[tuple[str, list[list[str]]]] = [
    ("月份,指标,数值,备注", [PERIODS, WORDS, NUMBERS, WORDS]),
    ("month;indicator;value", [PERIODS, WORDS, NUMBERS]),
    ("平湖市2025年台账,,\n月份,指标,数值", [PERIODS, WORDS, NUMBERS]),
    ("时间,站点,PM2.5,PM10,CO,O3", [TIMES, WORDS, NUMBERS, NUMBERS, NUMBERS, NUMBERS]),
    ("日期,站点,PM2.5,O3-8h", [TIMES, WORDS, NUMBERS, NUMBERS]),
    ("监测时间\t站点名称\tＰＭ２.５（μg/m³）\t一氧化碳【mg/m3】", [TIMES, WORDS, NUMBERS, NUMBERS]),
    ("时间,站点,浓度,,\n,,PM2.5,PM10,CO", [TIMES, WORDS, NUMBERS, NUMBERS, NUMBERS]),
    ("断面名称,采样日期,溶解氧,高锰酸盐指数,水体类型,断面级别,水质目标",
     [WORDS, TIMES, NUMBERS + WORDS, NUMBERS + WORDS, WORDS, WORDS, WORDS]),
]


@st.composite
def csvish(draw: st.DrawFn) -> str:
    """A header an export might have, then rows of mostly plausible, partly broken cells."""
    header, pools = draw(st.sampled_from(HEADERS))
    delimiter = draw(st.sampled_from([",", "\t", ";"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        width = draw(st.sampled_from([len(pools), len(pools), len(pools) - 1, len(pools) + 1]))
        cells = [draw(st.one_of(st.sampled_from(pools[i % len(pools)]), st.text(max_size=6)))
                 for i in range(width)]
        rows.append(delimiter.join(cells))
    return header + newline + newline.join(rows) + draw(st.sampled_from(["", newline]))


INPUTS = st.one_of(
    st.binary(max_size=400),
    csvish().map(lambda text: text.encode("utf-8")),
    csvish().map(lambda text: text.encode("gb18030")),
    csvish().map(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for all examples (hypothesis reruns a test body, not its fixtures)."""
    return tmp_path_factory.mktemp("fuzz")


def _fuzz(work: Path, command: str, data: bytes, options: list[str]) -> None:
    path = work / "input.csv"
    path.write_bytes(data)
    rejects = work / "rejects.csv"
    result = invoke(command, str(path), "--targets", str(TARGETS), *options,
                    "--rejects", str(rejects), env=DEBUG)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}")
    assert result.exit_code in (0, 1, 2)
    assert result.output.strip(), "a run must say something"
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 2 and ("error:" in result.stderr or "错误：" in result.stderr):
        assert result.stderr.startswith("ecotarget: ")
    elif "--format" in options and "json" in options:
        assert_accounted(json.loads(result.stdout))


FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(INPUTS, st.sampled_from([[], ["--format", "json"], ["--format", "csv", "--strict"],
                                ["--format", "markdown", "--kind", "air"]]))
@pytest.mark.slow
def test_check_never_raises(work: Path, data: bytes, options: list[str]) -> None:
    _fuzz(work, "check", data, options)


@FUZZ
@given(INPUTS, st.sampled_from([[], ["--format", "json"], ["--kind", "ledger"],
                                ["--format", "json", "--encoding", "gb18030"]]))
@pytest.mark.slow
def test_validate_never_raises(work: Path, data: bytes, options: list[str]) -> None:
    _fuzz(work, "validate", data, options)


TARGETS_TEXT = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.sampled_from([b"plan: {year: 2025\n", b"- a\n- b\n", b"plan: 1\ntargets: 2\n", b"~\n",
                     b"plan: {year: 2025, region: x, issuer: y}\ntargets:\n  - {id: a}\n",
                     b"\xef\xbb\xbfplan: [\n", b"'unterminated\n", b"&a [*a]\n"]),
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TARGETS_TEXT)
def test_a_broken_targets_file_is_a_message(work: Path, data: bytes) -> None:
    path = work / "targets.yaml"
    path.write_bytes(data)
    result = invoke("targets", "--targets", str(path), env=DEBUG)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ecotarget: {path}")
    assert "Traceback" not in result.output


# --- --output is atomic ----------------------------------------------------------------------


def _failing_renderer(*args: Any, **kwargs: Any) -> None:
    stream = next(a for a in [*args, *kwargs.values()] if hasattr(a, "write"))
    stream.write("half a report")
    raise RuntimeError("renderer failed")


def test_check_output_is_untouched_when_the_renderer_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecotarget import render

    monkeypatch.setitem(render.REPORT_RENDERERS, "table", _failing_renderer)
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    report = out_dir / "report.txt"
    report.write_text("yesterday's report\n", encoding="utf-8")
    result = invoke("check", str(ROOT / "data" / "samples" / "ledger-2025.csv"), "--targets",
                    str(TARGETS), "--output", str(report), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.endswith("internal error: RuntimeError: renderer failed (set "
                                  "ECOTARGET_DEBUG=1 for the traceback, and please report it)\n")
    assert report.read_text(encoding="utf-8") == "yesterday's report\n"
    assert [p.name for p in out_dir.iterdir()] == ["report.txt"]  # no temporary file left


def test_validate_output_is_untouched_when_the_renderer_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecotarget import render

    monkeypatch.setitem(render.VALIDATION_RENDERERS, "json", _failing_renderer)
    report = tmp_path / "validation.json"
    result = invoke("validate", str(ROOT / "data" / "samples" / "ledger-2025.csv"), "--targets",
                    str(TARGETS), "--output", str(report), "--format", "json")
    assert result.exit_code == 2 and "RuntimeError: renderer failed" in result.stderr
    assert not report.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_is_complete_when_the_run_succeeds(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = invoke("check", str(ROOT / "data" / "samples" / "ledger-2025.csv"), "--targets",
                    str(TARGETS), "--output", str(report), "--format", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["schema_version"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


# --- Ctrl-C ----------------------------------------------------------------------------------


def _interrupt(*args: Any, **kwargs: Any) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", ["check", "validate"])
def test_ctrl_c_exits_130_with_one_line(command: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    monkeypatch.setattr(pd, "read_csv", _interrupt)  # the reader's C parser, mid-file
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值\n2025-01,培训期数,3\n", encoding="utf-8")
    result = invoke(command, str(ledger), "--targets", str(TARGETS))
    assert result.exit_code == 130
    assert result.stderr == "ecotarget: 已中断\n"  # interrupted, in the run's language (zh)
    assert result.stdout == ""


def test_ctrl_c_while_writing_output_leaves_no_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from ecotarget import render

    monkeypatch.setitem(render.REPORT_RENDERERS, "json", _interrupt)
    report = tmp_path / "report.json"
    result = invoke("check", str(ROOT / "data" / "samples" / "ledger-2025.csv"), "--targets",
                    str(TARGETS), "--output", str(report), "--format", "json")
    assert result.exit_code == 130 and result.stderr == "ecotarget: 已中断\n"
    english = invoke("check", str(ROOT / "data" / "samples" / "ledger-2025.csv"), "--targets",
                     str(TARGETS), "--output", str(report), "--format", "json", "--lang", "en")
    assert english.exit_code == 130 and english.stderr == "ecotarget: interrupted\n"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_outside_a_command(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    # ecotarget.cli.main is the entry point the package re-exports; the module is this one
    main_module = importlib.import_module("ecotarget.cli.main")

    monkeypatch.setattr(main_module, "cli", _interrupt)
    with pytest.raises(SystemExit) as exited:
        main_module.main()
    assert exited.value.code == 130
    assert capsys.readouterr().err == "ecotarget: interrupted\n"
