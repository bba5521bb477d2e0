"""Tables at any width: nothing cut (no ``…``), every name whole, numbers never split.

A name is whole when it appears in the output with the table's borders and the spaces of
wrapped lines removed: a wrapped 市控以上断面Ⅲ类水比例 reads 市控以上断面Ⅲ类水比 / 例 in the
cell, which joins back; a cut one (市控以上断面Ⅲ…) never would.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.targets import load_targets
from tests.conftest import ROOT

SAMPLES = ROOT / "data" / "samples"
WIDTHS = (60, 80, 100, 120, 200)


def run(width: int, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": str(width), "NO_COLOR": "1"},
                                catch_exceptions=False)
    return result.stdout


def joined(text: str) -> str:
    """The output's text column by column is lost once wrapped; the first cell of a row is
    enough for names: keep the first column's text and join its lines."""
    cells = [re.split(r"[│┃]", line)[1].strip() for line in text.splitlines()
             if line.startswith(("│", "┃"))]
    return "".join(cells) if cells else re.sub(r"\s+", "", text)


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("width", WIDTHS)
def test_check_cuts_nothing_at_any_width(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = run(width, "check", str(SAMPLES))
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines()[:-2]), out
    whole = joined(out)
    for target in load_targets(ROOT / "config" / "targets.yaml").spec.targets:
        assert target.name in whole, (width, target.name)
    # numbers are never split across lines, wide or narrow
    assert "127,896/128,797.6" in out
    assert "（91.2）" in out


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_narrow_check_is_a_block_per_target(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = run(80, "check", str(SAMPLES))
    assert "┃" not in out
    # the block of one target, checked by hand against the 150-column table of the README
    assert ("生态环境公众满意度\n"
            "  要求  > 上年 (87.4)\n"
            "  实际  88.9\n"
            "  状态  ✓ 达标\n"
            "  差距  +1.5\n"
            "  依据  2025-09，上年 2024-09\n") in out


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("width", WIDTHS)
def test_water_cuts_nothing_at_any_width(width: int) -> None:
    out = run(width, "water", str(SAMPLES / "water-2025.csv"))
    assert "…" not in out
    whole = joined(out) + re.sub(r"\s+", "", out)
    for name in ("新埭塘新埭", "上海塘金丝娘桥", "广陈塘饮用水水源地"):
        assert name in whole, (width, name)
    if width >= 100:  # headers in the run's language (zh), whole
        assert "主要污染物" in out and "目标类别" in out
    else:  # a block per section: `目标类别  Ⅲ类` lines (the pollutants line only when some)
        assert "  目标类别    Ⅲ类" in out
    english = run(width, "water", str(SAMPLES / "water-2025.csv"), "--lang", "en")
    assert "…" not in english
    if width >= 100:  # an English header may wrap between its words, never be cut
        assert "main" in english and "pollutants" in english
    else:
        assert "target class" in english


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("width", WIDTHS)
def test_aqi_cuts_nothing_at_any_width(width: int) -> None:
    out = run(width, "aqi", str(SAMPLES))
    assert "…" not in out
    header = next(line for line in out.splitlines() if line.lstrip().startswith("日期"))
    assert header.split() == ["日期", "站点", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3-1h",
                              "O3-8h", "AQI", "类别", "首要污染物", "有效"]
