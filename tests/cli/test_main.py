"""The command line end to end through CliRunner: output, JSON keys and types, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget import __version__
from ecotarget.cli import cli
from tests.conftest import ROOT, SAMPLES, TARGETS

LEDGER = SAMPLES / "ledger-2025.csv"


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_version_and_help() -> None:
    assert run("--version").output.strip() == f"ecotarget, version {__version__}"
    help_text = run("--help").output
    for command in ("check", "targets", "validate", "aqi", "water"):
        assert command in help_text


@pytest.mark.parametrize("command", ["check", "targets", "validate", "aqi", "water"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_check_ledger_table() -> None:
    result = run("check", str(LEDGER), "--targets", str(TARGETS), "--lang", "en")
    assert result.exit_code == 1  # the sample has targets not met
    out = result.output
    assert "Good air-quality days" in out and "✗ not met" in out and "! at risk" in out
    assert "36 targets:" in out
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal


def test_check_json_document() -> None:
    result = run("check", str(LEDGER), "--targets", str(TARGETS), "--format", "json")
    document = json.loads(result.output)
    assert list(document)[:2] == ["schema_version", "ecotarget_version"]
    assert document["schema_version"] == 2 and document["as_of"] == "2025-10-31"
    assert document["plan"]["year"] == 2025 and document["plan"]["region"] == "平湖市"
    (source,) = document["inputs"]
    assert source["rows_read"] == source["rows_accepted"] + source["rows_rejected"]
    by_id = {r["id"]: r for r in document["results"]}
    util = by_id["industrial_solid_waste_utilization"]
    assert isinstance(util["actual"], float) and util["status"] in ("met", "not_met")
    for key in ("id", "name", "name_en", "section", "metric", "unit", "op", "target", "actual",
                "status", "margin", "coverage", "outlook", "detail"):
        assert key in util
    assert sum(document["summary"].values()) == len(document["results"])
    assert result.exit_code == 1


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_fail_on_levels() -> None:
    base = ("check", str(LEDGER), "--targets", str(TARGETS), "--quiet")
    assert run(*base).exit_code == 1  # something is not met
    assert run(*base, "--fail-on", "never").exit_code == 0
    assert run(*base, "--fail-on", "at_risk").exit_code == 1
    assert run(*base, "--quiet").output == ""


def test_exit_zero_when_everything_is_met(tmp_path: Path, write_targets) -> None:
    targets = write_targets(
        "  - {id: t, section: tasks, name: 培训, name_en: T, clause: c, metric: ledger.total,\n"
        "     params: {indicator: 培训期数}, op: '>=', target: 2}\n")
    ledger = tmp_path / "l.csv"
    ledger.write_text("月份,指标,数值\n2025-01,培训期数,3\n", encoding="utf-8")
    result = run("check", str(ledger), "--targets", str(targets))
    assert result.exit_code == 0, result.output


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_stdin_and_directory(tmp_path: Path) -> None:
    from_stdin = run("check", "-", "--targets", str(TARGETS), "--format", "json",
                     input=LEDGER.read_bytes())
    (folder_copy := tmp_path / "in").mkdir()
    (folder_copy / "ledger.csv").write_bytes(LEDGER.read_bytes())
    (folder_copy / "notes.md").write_text("not an input")
    from_dir = run("check", str(folder_copy), "--targets", str(TARGETS), "--format", "json")
    a, b = json.loads(from_stdin.output), json.loads(from_dir.output)
    assert a["inputs"][0]["path"] == "-" and len(b["inputs"]) == 1
    assert [r["actual"] for r in a["results"]] == [r["actual"] for r in b["results"]]


def test_gbk_export_with_chinese_headers(tmp_path: Path) -> None:
    ledger = tmp_path / "gbk.csv"
    ledger.write_bytes("月份,指标,数值\n2025-01,培训期数,3\n".encode("gbk"))
    result = run("validate", str(ledger), "--targets", str(TARGETS), "--format", "json")
    document = json.loads(result.output)
    assert document["inputs"][0]["encoding"] == "gb18030" and result.exit_code == 0


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(bad), "--targets", str(TARGETS), "--lang",
                                      "en"])
    assert result.exit_code == 2
    assert "no header row recognised" in result.output and "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.csv"), "--lang", "en"])
    assert missing.exit_code == 2 and "no such file" in missing.output
    # in the run's language: Chinese from the targets file's settings.lang
    chinese = CliRunner().invoke(cli, ["check", str(bad), "--targets", str(TARGETS)])
    assert chinese.exit_code == 2 and chinese.output == (
        f"ecotarget: 错误：{bad}：前 10 行中没有可识别为任何输入类型的表头（第 1 行：'foo,bar'）。"
        "应类似 月份,指标,数值（台账）；时间,站点,PM2.5,…（空气）；断面名称,采样日期,溶解氧,…（水质）。"
        "可用 --kind 指定类型。\n")
    missing = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.csv")])
    assert missing.output == f"ecotarget: 错误：{tmp_path / 'nope.csv'}：没有这个文件或目录\n"


def test_bad_targets_file_exits_2(tmp_path: Path) -> None:
    targets = tmp_path / "t.yaml"
    targets.write_text("plan: {year: 2025, region: x, issuer: y}\ntargets:\n  - {id: a}\n")
    result = CliRunner().invoke(cli, ["check", str(LEDGER), "--targets", str(targets),
                                      "--lang", "en"])
    assert result.exit_code == 2
    assert f"{targets}:3: targets[0].metric: missing (required)" in result.output


def test_validate_exit_codes_and_rejects(tmp_path: Path) -> None:
    good = run("validate", str(LEDGER), "--targets", str(TARGETS))
    assert good.exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("月份,指标,数值,备注\n2025-01,培训期数,2,ok\n2025-02,培训期数,two,typo\n"
                   "2025-13,培训期数,1,\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = run("validate", str(bad), "--targets", str(TARGETS), "--format", "json",
                 "--rejects", str(rejects), "--lang", "en")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert [(e["line"], e["column"], e["value"]) for e in document["row_errors"]] == [
        (3, "数值", "two"), (4, "月份", "2025-13")]
    # message in English, as always, and message_zh, whatever the run's language
    assert [(e["message"], e["message_zh"]) for e in document["row_errors"]] == [
        ("not a number (text is accepted only as a grade on a target's scale)",
         "不是数字（文字只接受目标等级中的档次）"),
        ("not a month: write YYYY-MM (e.g. 2025-03)", "不是月份：请写成年-月，如 2025-03")]
    assert rejects.read_text(encoding="utf-8").splitlines() == [
        "月份,指标,数值,备注,reason",
        "2025-02,培训期数,two,typo,数值: not a number (text is accepted only as a grade on a "
        "target's scale)",
        "2025-13,培训期数,1,,月份: not a month: write YYYY-MM (e.g. 2025-03)",
    ]


def test_strict_turns_rejections_into_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("月份,指标,数值\n2025-01,培训期数,x\n", encoding="utf-8")
    lenient = run("check", str(bad), "--targets", str(TARGETS), "--fail-on", "never")
    strict = CliRunner().invoke(cli, ["check", str(bad), "--targets", str(TARGETS), "--strict",
                                      "--fail-on", "never"])
    assert lenient.exit_code == 0 and strict.exit_code == 2


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_output_file_and_formats(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = run("check", str(LEDGER), "--targets", str(TARGETS), "--format", "markdown",
                 "--output", str(out))
    assert result.output == "" and out.read_text(encoding="utf-8").startswith("# 平湖市 2025")
    csv_out = run("check", str(LEDGER), "--targets", str(TARGETS), "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("id,section,name,name_en,metric,op,target")
    assert len(csv_out.splitlines()) == 37


def test_targets_command() -> None:
    result = run("targets", "--targets", str(TARGETS), "--format", "json")
    document = json.loads(result.output)
    assert len(document["targets"]) == 36 and document["plan"]["year"] == 2025
    assert "air_good_day_rate" in run("targets", "--targets", str(TARGETS)).output


def test_as_of_and_period_options() -> None:
    result = run("check", str(LEDGER), "--targets", str(TARGETS), "--format", "json",
                 "--as-of", "2025-06", "--period", "2025-Q2")
    document = json.loads(result.output)
    assert document["as_of"] == "2025-06-30"
    assert document["period"] == {"start": "2025-04-01", "end": "2025-06-30"}
    bad = CliRunner().invoke(cli, ["check", str(LEDGER), "--as-of", "June"])
    assert bad.exit_code == 2 and "--as-of 'June'" in bad.output


def test_installed_cli_finds_its_bundled_targets_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = subprocess.run([sys.executable, "-c", "import ecotarget"], env=env, cwd=tmp_path,
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("ecotarget is not installed in this interpreter")
    result = subprocess.run([sys.executable, "-m", "ecotarget", "targets", "--format", "json"],
                            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plan"]["region"] == "平湖市"
    assert not (tmp_path / "config").exists() and tmp_path != ROOT


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"ecotarget {name}" in readme, name
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--") and option not in ("--help",):
                    assert option in readme, f"{name} {option}"


def test_progress_only_for_large_inputs_on_a_terminal(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from ecotarget.cli import options as cli_module
    from ecotarget.read import Source

    sources = [Source("x.csv", b"a" * 100)]
    with cli_module.progress_reporter(sources, steps=2) as progress:
        assert progress is None  # small input, and stderr is not a terminal here
    monkeypatch.setattr(cli_module, "PROGRESS_MIN_BYTES", 10)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with cli_module.progress_reporter(sources, steps=2) as progress:
        assert progress is not None
        progress("reading x.csv")
        progress("validating x.csv")
    with cli_module.progress_reporter(sources, steps=2, enabled=False) as progress:
        assert progress is None  # --quiet
    assert capsys.readouterr().out == ""  # the bar never touches stdout
