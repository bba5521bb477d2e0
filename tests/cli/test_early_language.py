"""The language of an error raised before a command knows its targets: ``--lang``,
else the targets file's ``settings.lang``, else zh. Each command reads the targets file
first, so that what it refuses next (an output that is an input, options that contradict
each other) is said in the file's language; a targets file that cannot be read is said in
zh, or in its own ``settings.lang`` when it was parsed far enough to tell. click's own usage
errors and ``--help`` stay English: they are click's interface.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "config" / "targets.yaml"
LEDGER = ROOT / "data" / "samples" / "ledger-2025.csv"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # ./config/targets.yaml is the default targets file


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    return result.exit_code, result.stderr


@pytest.fixture
def english(tmp_path: Path) -> Path:
    """The bundled targets with ``settings.lang: en``."""
    path = tmp_path / "en.yaml"
    path.write_text(BUNDLED.read_text(encoding="utf-8").replace("  lang: zh ", "  lang: en "),
                    encoding="utf-8")
    assert "  lang: en " in path.read_text(encoding="utf-8")
    return path


def _output_is_input(tmp_path: Path, *extra: str) -> tuple[int, str]:
    data = tmp_path / "ledger.csv"
    data.write_bytes(LEDGER.read_bytes())
    return run("check", str(data), "-o", str(data), *extra)


def test_the_targets_files_language_says_an_early_refusal(tmp_path: Path,
                                                          english: Path) -> None:
    code, err = _output_is_input(tmp_path, "--targets", str(english))
    assert code == 2
    assert err == (f"ecotarget: error: --output {tmp_path}/ledger.csv is also an input: "
                   "choose another file so that the input is not overwritten\n")


def test_the_bundled_targets_say_it_in_chinese(tmp_path: Path) -> None:
    code, err = _output_is_input(tmp_path)
    assert code == 2
    assert err == f"ecotarget: 错误：--output {tmp_path}/ledger.csv 也是输入文件：请换一个文件，以免覆盖输入\n"


def test_lang_wins_over_the_targets_file(tmp_path: Path, english: Path) -> None:
    _, err = _output_is_input(tmp_path, "--targets", str(english), "--lang", "zh")
    assert err.startswith("ecotarget: 错误：--output ")
    _, err = _output_is_input(tmp_path, "--lang", "en")
    assert err.startswith("ecotarget: error: --output ")


@pytest.mark.parametrize("args", [
    ("check", str(LEDGER), "--format", "xlsx"),
    ("aqi", str(LEDGER), "--calendar", "--hourly"),
    ("rank", str(LEDGER), "--by", "cwqi"),
    ("report", str(LEDGER), "-o", "r.pdf"),
], ids=["check", "aqi", "rank", "report"])
def test_every_commands_early_refusal_follows_the_file(english: Path,
                                                        args: tuple[str, ...]) -> None:
    code, zh = run(*args)
    assert code == 2 and zh.startswith("ecotarget: 错误：")
    code, en = run(*args, "--targets", str(english))
    assert code == 2 and en.startswith("ecotarget: error: ")


def test_an_unreadable_targets_file_is_said_in_chinese(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    code, err = run("check", str(LEDGER), "--targets", str(missing))
    assert code == 2
    assert err == f"ecotarget: {missing}：无法读取目标文件：没有这个文件或目录\n"
    _, err = run("check", str(LEDGER), "--targets", str(missing), "--lang", "en")
    assert err == f"ecotarget: {missing}: cannot read the targets file: No such file or directory\n"


def test_a_targets_file_that_does_not_validate_speaks_its_own_language(tmp_path: Path,
                                                                      english: Path) -> None:
    text = english.read_text(encoding="utf-8")
    # the first target's metric, misspelt: its line is found by the message
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("metric: air.good_day_rate", "metric: air.good_days", 1),
                      encoding="utf-8")
    line = 1 + text.splitlines().index("    metric: air.good_day_rate")
    code, err = run("targets", "--targets", str(broken))
    assert code == 2
    assert err == (f"ecotarget: {broken}:{line}: targets[0].metric: unknown metric "
                   "'air.good_days'; closest known: air.good_day_rate\n")
    code, err = run("targets", "--targets", str(broken), "--lang", "zh")
    assert err == (f"ecotarget: {broken}:{line}：targets[0].metric：未知的计算方法 "
                   "'air.good_days'；最接近的有 air.good_day_rate\n")
    # the same file in Chinese: without --lang, Chinese
    chinese = tmp_path / "zh.yaml"
    chinese.write_text(broken.read_text(encoding="utf-8").replace("  lang: en ", "  lang: zh "),
                       encoding="utf-8")
    assert "未知的计算方法" in run("targets", "--targets", str(chinese))[1]


def test_a_file_that_does_not_parse_is_said_in_chinese(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("settings: {lang: en}\nplan: {year: 2025\n", encoding="utf-8")
    code, err = run("targets", "--targets", str(bad))
    assert code == 2 and err.startswith(f"ecotarget: {bad}:3：YAML 语法错误")


def test_clicks_own_usage_errors_stay_english() -> None:
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2 and "Missing argument 'PATHS...'" in result.stderr
