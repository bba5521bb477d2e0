"""Exact output of the command line, compared whole (as sqlite-utils' CLI tests do).

Every run is at 150 columns without colour, from a fixed working directory, so that the
output is the same on every machine. The golden strings were checked by hand once; when an
intended change alters one, check the new output by hand and paste it in.

rich pads a table's title with spaces to the table's width: :func:`title` writes those
lines, so that no golden string ends in invisible spaces.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.cells import cell_len

from ecotarget.cli import cli
from tests.conftest import ROOT

ENV = {"COLUMNS": "150", "NO_COLOR": "1"}
WATER_SAMPLE = ROOT / "data" / "samples" / "water-2025.csv"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=ENV, catch_exceptions=False)


def lines(*rows: str) -> str:
    return "".join(f"{row}\n" for row in rows)


def title(text: str, width: int) -> str:
    """A table title as rich prints it: padded with spaces to the table's width in cells."""
    return text + " " * (width - cell_len(text))


# --- the README's first run ---------------------------------------------------------------------

def readme_first_run() -> tuple[list[str], str]:
    """The command and the output of the README's "Install and first run" session."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Install and first run\n", 1)[1]
    session = section.split("```console\n", 1)[1].split("```\n", 1)[0]
    prompt, output = session.split("\n", 1)
    assert prompt.startswith("$ "), prompt
    command = shlex.split(prompt.rsplit("&& ", 1)[1])  # the last of the chained commands
    assert command[0] == "ecotarget", command
    return command[1:], output


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_check_prints_exactly_what_the_readme_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    args, expected = readme_first_run()
    assert args == ["check", "data/samples"]
    monkeypatch.chdir(ROOT)  # the title names ./config/targets.yaml as the README does
    result = run(*args)
    assert result.stdout == expected
    assert result.stderr == ""
    assert result.exit_code == 1  # as the README says: a target is not met


# --- targets ------------------------------------------------------------------------------------

TARGETS_FILE = """\
plan: {year: 2025, region: 测试县, issuer: 测试局}
targets:
  - {id: good_days, section: headline, name: 空气质量优良率, name_en: Good air-quality days,
     clause: 空气质量优良率达到90%以上, metric: air.good_day_rate, op: '>=', target: 90, unit: '%'}
  - {id: training, section: tasks, name: 各类培训, name_en: Training sessions,
     clause: 全年开展各类培训20期, metric: ledger.total, params: {indicator: 培训期数},
     op: '>=', target: 20, unit: 期}
  - {id: survey, section: milestones, name: 年度生物多样性调查, name_en: Biodiversity survey,
     clause: 11月底前完成调查, metric: ledger.milestone, params: {indicator: 调查完成},
     op: '==', target: 1, due: 2025-11-30}
"""

TARGETS_TABLE = lines(
    title('测试县 2025 · 测试局 · targets.yaml', 136),
    '┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┓',
    '┃ 编号                     ┃ 名称               ┃ 要求              ┃ 台账指标         ┃ 单位              ┃ 原文                      ┃',
    '┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━┩',
    '│ 一、全年工作目标         │                    │                   │                  │                   │                           │',
    '│ good_days                │ 空气质量优良率     │ ≥ 90 %            │ （空气监测数据） │ %                 │ 空气质量优良率达到90%以上 │',
    '│ 二、年度重点任务         │                    │                   │                  │                   │                           │',
    '│ training                 │ 各类培训           │ ≥ 20 期           │ 培训期数         │ 期                │ 全年开展各类培训20期      │',
    '│ 二、年度重点任务（节点） │                    │                   │                  │                   │                           │',
    '│ survey                   │ 年度生物多样性调查 │ 2025-11-30 前完成 │ 调查完成         │ 1 完成 / 0 未完成 │ 11月底前完成调查          │',
    '└──────────────────────────┴────────────────────┴───────────────────┴──────────────────┴───────────────────┴───────────────────────────┘',
    '共 3 个目标',
)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding targets.yaml, so that paths print short and the same."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "targets.yaml").write_text(TARGETS_FILE, encoding="utf-8")
    return tmp_path


def test_targets_table(in_tmp: Path) -> None:
    result = run("targets", "--targets", "targets.yaml")
    assert result.stdout == TARGETS_TABLE
    assert result.stderr == "" and result.exit_code == 0


# --- validate -----------------------------------------------------------------------------------

BAD_LEDGER = "月份,指标,数值,备注\n2025-01,培训期数,2,ok\n2025-02,培训期数,two,typo\n2025-13,培训期数,1,\n"

VALIDATION_TABLE = lines(
    title('inputs', 78),
    '┏━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓',
    '┃ file    ┃ kind   ┃ encoding ┃ read ┃ accepted ┃ rejected ┃ ignored columns ┃',
    '┡━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩',
    '│ bad.csv │ ledger │ utf-8    │    3 │        1 │        2 │                 │',
    '└─────────┴────────┴──────────┴──────┴──────────┴──────────┴─────────────────┘',
    title('rejected rows', 107),
    '┏━━━━━━━━━┳━━━━━━┳━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓',
    '┃ file    ┃ line ┃ column ┃ value   ┃ problem                                                             ┃',
    '┡━━━━━━━━━╇━━━━━━╇━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩',
    "│ bad.csv │ 3    │ 数值   │ two     │ not a number (text is accepted only as a grade on a target's scale) │",
    '│ bad.csv │ 4    │ 月份   │ 2025-13 │ not a month: write YYYY-MM (e.g. 2025-03)                           │',
    '└─────────┴──────┴────────┴─────────┴─────────────────────────────────────────────────────────────────────┘',
    '3 rows read, 1 accepted, 2 rejected',
)


def test_validate_table_of_a_bad_file(in_tmp: Path) -> None:
    (in_tmp / "bad.csv").write_text(BAD_LEDGER, encoding="utf-8")
    result = run("validate", "bad.csv", "--targets", "targets.yaml", "--lang", "en")
    assert result.stdout == VALIDATION_TABLE
    assert result.stderr == "" and result.exit_code == 1


# --- water --------------------------------------------------------------------------------------

WATER_TABLE = lines(
    'Water sections · 2025-01-01..2025-07-10 · below DL: half',
    '┏━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━┓',
    '┃ section        ┃ level     ┃ waterbody ┃ samples ┃ class ┃ main pollutants ┃ target class ┃ meets target ┃   CWQI ┃',
    '┡━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━┩',
    '│ 上海塘金丝娘桥 │ national  │ river     │       2 │ III   │                 │ III          │ yes          │ 6.0261 │',
    '│ 东湖湖心       │ municipal │ lake      │       2 │ III   │                 │ III          │ yes          │ 5.8077 │',
    '└────────────────┴───────────┴───────────┴─────────┴───────┴─────────────────┴──────────────┴──────────────┴────────┘',
    'Drinking-water sources · 2025-01-01..2025-07-10 · pass: every round',
    '┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━┓',
    '┃ source             ┃ samples ┃ rounds passed ┃ passes ┃ failing items ┃',
    '┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━┩',
    '│ 广陈塘饮用水水源地 │       2 │             2 │ yes    │               │',
    '└────────────────────┴─────────┴───────────────┴────────┴───────────────┘',
)


def test_water_table_of_a_small_file(in_tmp: Path) -> None:
    # two sections and one drinking-water source, sampled in June and July 2025
    sample = WATER_SAMPLE.read_text(encoding="utf-8").splitlines()
    chosen = [row for row in sample[1:]
              if row.split(",")[0] in ("上海塘金丝娘桥", "东湖湖心", "广陈塘饮用水水源地")
              and row.split(",")[5][:7] in ("2025-06", "2025-07")]
    (in_tmp / "water.csv").write_text("\n".join([sample[0], *chosen]) + "\n", encoding="utf-8")
    result = run("water", "water.csv", "--targets", "targets.yaml", "--lang", "en")
    assert result.stdout == WATER_TABLE
    assert result.stderr == "" and result.exit_code == 0
