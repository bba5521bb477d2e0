"""``ecotarget water`` through CliRunner, and ``ecotarget check`` on the water sample.

The small inputs are worked out by hand in comments (GB 3838-2002 class III limits: DO ≥ 5,
CODMn ≤ 6, NH3-N ≤ 1.0, TP ≤ 0.2, Mn ≤ 0.1). The figures of data/samples/water-2025.csv
are regression values of that generated file, except where a comment works one out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from ecotarget.cli import cli
from ecotarget.cli.water import water
from ecotarget.render.water import CSV_COLUMNS
from tests.conftest import SAMPLES, TARGETS

WATER_SAMPLE = SAMPLES / "water-2025.csv"

# A: TP 0.25 in January (IV: 0.2 < 0.25 ≤ 0.3, multiple (0.25 − 0.2)/0.2 = 0.25), mean over
#    Jan–Feb (0.25 + 0.13)/2 = 0.19 → III. B: NH3-N 2.5 > 2.0 → 劣V, (2.5 − 1)/1 = 1.50.
# W1 (source): Mn 0.15 in February fails (> 0.1); January passes → 1 of 2 rounds.
SMALL = """\
断面名称,断面级别,水体类型,水质目标,饮用水水源地,采样日期,溶解氧,高锰酸盐指数,氨氮,总磷,锰
A,国控,河流,III,否,2025-01-10,6.5,3,0.4,0.25,
A,国控,河流,III,否,2025-02-10,6.5,3,0.4,0.13,
B,省控,河流,II,否,2025-01-11,6.5,3,2.5,0.1,
B,省控,河流,II,否,2025-02-11,6.5,3,2.5,0.1,
W1,县控,河流,III,是,2025-01-05,7,3,0.3,0.08,0.05
W1,县控,河流,III,是,2025-02-05,7,3,0.3,0.08,0.15
A,国控,河流,III,否,2024-12-10,6.5,3,0.4,0.1,
"""


def group() -> click.Group:
    """A command group holding only ``water``, as cli.py will register it."""

    @click.group()
    def root() -> None:
        """Test group."""

    root.add_command(water)
    return root


def run_water(*args: str) -> Result:
    return CliRunner().invoke(group(), ["water", *args], catch_exceptions=False)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "water.csv"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_help_has_an_example() -> None:
    result = run_water("--help")
    assert result.exit_code == 0 and "Example" in result.output and "--period" in result.output


def test_table_lists_sections_then_sources(small: Path) -> None:
    result = run_water(str(small), "--targets", str(TARGETS), "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout
    # default window: the year of the last sample (2025-02-11), from 1 January to that day
    assert "Water sections · 2025-01-01..2025-02-11 · below DL: half" in out
    assert "Drinking-water sources · 2025-01-01..2025-02-11 · pass: every round" in out
    lines = out.splitlines()
    row_a = next(line for line in lines if "│ A " in line)
    row_b = next(line for line in lines if "│ B " in line)
    row_w1 = next(line for line in lines if "│ W1 " in line)
    assert "national" in row_a and " III " in row_a and " yes " in row_a
    assert "worse than V" in row_b and "氨氮(1.50)" in row_b and " no " in row_b
    # W1: 2 samples, 1 round passed, fails, failing item 锰
    assert [cell.strip() for cell in row_w1.split("│")[1:6]] == ["W1", "2", "1", "no", "锰"]
    assert out.index("│ B ") < out.index("│ W1 ")  # the sources table comes second
    assert "\x1b[" not in out


def test_table_cells_are_text_not_markup(small: Path) -> None:
    small.write_text(SMALL.replace("B,", "[bold]B[/bold],"), encoding="utf-8")
    out = run_water(str(small)).stdout
    assert "[bold]B[/bold]" in out


def test_json_document(small: Path) -> None:
    result = run_water(str(small), "--format", "json")
    document = json.loads(result.stdout)
    assert list(document) == ["schema_version", "ecotarget_version", "period", "settings",
                              "inputs", "sections", "sources", "row_errors"]
    assert document["schema_version"] == 1
    assert document["period"] == {"start": "2025-01-01", "end": "2025-02-11"}
    sections: dict[str, dict[str, Any]] = {s["section"]: s for s in document["sections"]}
    assert set(sections) == {"A", "B"}  # W1 is a source, listed under sources
    a = sections["A"]
    # A in 2025 only (the 2024-12 sample is outside the window): 2 samples, mean TP 0.19
    assert (a["samples"], a["class"], a["means"]["tp"]) == (2, "III", 0.19)
    for key in ("section", "level", "waterbody", "samples", "class", "main_pollutants",
                "target_class", "meets_target", "cwqi", "below_dl"):
        assert key in a
    (w1,) = document["sources"]
    assert (w1["source"], w1["samples"], w1["rounds_passed"], w1["passes"]) == ("W1", 2, 1, False)
    assert w1["failing_rounds"] == [{"date": "2025-02-05", "failing": "锰0.15mg/L(限值0.1)"}]


def test_csv_has_one_header_and_a_table_column(small: Path) -> None:
    result = run_water(str(small), "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == ("table,section,level,waterbody,samples,class,main_pollutants,"
                        "target_class,meets_target,cwqi,rounds_passed,passes,failing_items")
    assert tuple(lines[0].split(",")) == CSV_COLUMNS
    # B: CWQI 5/6.5 + 3/6 + 2.5/1 + 0.1/0.2 = 0.769231 + 0.5 + 2.5 + 0.5 = 4.269231
    assert "section,B,provincial,river,2,劣V,氨氮(1.50),II,no,4.2692,,," in lines
    assert "source,W1,,,2,,,,,,1,no,锰" in lines


def test_period_option(small: Path) -> None:
    # January alone: A's only sample has TP 0.25 → IV, main pollutant 总磷(0.25)
    result = run_water(str(small), "--period", "2025-01", "--format", "json")
    sections = {s["section"]: s for s in json.loads(result.stdout)["sections"]}
    assert (sections["A"]["class"], sections["A"]["main_pollutants"]) == ("IV", "总磷(0.25)")
    assert sections["A"]["meets_target"] is False
    # a period of the previous year works as well: December 2024 holds A only
    december = json.loads(run_water(str(small), "--period", "2024-12", "--format", "json").stdout)
    assert [s["section"] for s in december["sections"]] == ["A"] and december["sources"] == []


def test_unusable_input_and_options_exit_2(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值\n2025-01,x,1\n", encoding="utf-8")
    result = CliRunner().invoke(group(), ["water", str(ledger), "--lang", "en"])
    assert result.exit_code == 2 and "no water input" in result.stderr
    chinese = CliRunner().invoke(group(), ["water", str(ledger)])
    assert chinese.exit_code == 2 and "错误：没有水质输入" in chinese.stderr
    bad_period = CliRunner().invoke(group(), ["water", str(ledger), "--period", "July"])
    assert bad_period.exit_code == 2 and "--period 'July'" in bad_period.stderr


def test_rejected_rows_are_reported_on_stderr(small: Path) -> None:
    small.write_text(SMALL + "C,市控,河流,III,否,2025-01-12,abc,3,0.3,0.08,\n", encoding="utf-8")
    result = run_water(str(small), "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert "1 rows rejected" in result.stderr
    chinese = run_water(str(small), "--format", "json")
    assert "拒收 1 行，未计入（全部列于 JSON 的 row_errors 中）" in chinese.stderr
    (error,) = json.loads(result.stdout)["row_errors"]
    assert error["column"] == "溶解氧" and error["message"].startswith("not a measurement")


def test_water_command_on_the_sample() -> None:
    document = json.loads(run_water(str(WATER_SAMPLE), "--format", "json").stdout)
    assert document["period"] == {"start": "2025-01-01", "end": "2025-10-12"}
    assert len(document["sections"]) == 13 and len(document["sources"]) == 2
    assert {s["class"] for s in document["sections"]} == {"III"}
    assert all(s["passes"] and s["rounds_passed"] == 10 for s in document["sources"])


# --- ecotarget check on the water sample ------------------------------------------------------


def check_json(*args: str) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["check", str(WATER_SAMPLE), "--targets", str(TARGETS),
                                      "--format", "json", *args], catch_exceptions=False)
    return {r["id"]: r for r in json.loads(result.stdout)["results"]}


def test_check_water_sample_year_to_date() -> None:
    results = check_json("--as-of", "2025-10-31")
    share = results["water_sections_class3"]
    assert (share["actual"], share["status"], share["how_en"]) == (100.0, "met",
                                                                "13/13 sections · Jan–Oct")
    caoqiao = {s["section"]: s for s in share["detail"]["sections"]}["曹兑港曹桥"]
    assert caoqiao["class"] == "III"  # two class IV months, but the Jan–Oct mean TP is III
    assert caoqiao["means"]["tp"] <= 0.2
    cwqi = results["water_national_improvement"]
    assert (cwqi["actual"], cwqi["target_value"], cwqi["status"]) == (5.6315, 6.0374, "met")
    assert cwqi["detail"]["previous_year"]["change_pct"] == -6.72
    drinking = results["drinking_water_compliance"]
    assert (drinking["actual"], drinking["status"]) == (100.0, "met")
    assert drinking["detail"]["by_volume"] == 100.0


def test_check_water_sample_july() -> None:
    share = check_json("--period", "2025-07")["water_sections_class3"]
    # 曹兑港曹桥 has TP 0.25 in July → IV; the 12 others are III → 12/13 = 92.31 → 92.3
    assert (share["actual"], share["status"], share["how_en"]) == (92.3, "not_met",
                                                                "12/13 sections · Jul")
    caoqiao = {s["section"]: s for s in share["detail"]["sections"]}["曹兑港曹桥"]
    assert (caoqiao["class"], caoqiao["main_pollutants"]) == ("IV", "总磷(0.25)")
