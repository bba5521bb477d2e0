"""``check --by station|month|section``: rows that add back up to the region's figure where
they should, and small inputs worked out by hand."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.pipeline import CheckOptions, check
from ecotarget.targets import load_targets
from tests.conftest import SAMPLES, TARGETS

# every test here checks the samples month by month (seconds each): the full run has them
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def by_month() -> dict[str, Any]:
    report = check([str(SAMPLES)], load_targets(TARGETS), CheckOptions(breakdown="month"))
    return {r.id: r for r in report.results}


def test_days_per_category_per_month_sum_to_the_periods(by_month: dict[str, Any]) -> None:
    # January–October 2025: each month's valid, good and per-category days add up to the
    # year to date's (272 good of 303 valid days, the README's first run).
    result = by_month["air_good_day_rate"]
    rows = result.breakdown["rows"]
    assert [r["month"] for r in rows] == [f"2025-{m:02d}" for m in range(1, 11)]
    stats = result.detail["stats"]
    assert sum(r["valid_days"] for r in rows) == stats["valid_days"] == 303
    assert sum(r["good_days"] for r in rows) == stats["good_days"] == 272
    for category, days in stats["days_by_category"].items():
        assert sum(r["days_by_category"][category] for r in rows) == days, category


def test_a_month_is_judged_against_the_target_as_it_stands(by_month: dict[str, Any]) -> None:
    # January 2025: 25 good of 31 valid days, 25/31 × 100 = 80.645… → 80.6 < 90: not met,
    # margin −9.4; February 27/28 = 96.428… → 96.4: met.
    rows = {r["month"]: r for r in by_month["air_good_day_rate"].breakdown["rows"]}
    assert (rows["2025-01"]["actual"], rows["2025-01"]["status"],
            rows["2025-01"]["margin"]) == (80.6, "not_met", -9.4)
    assert (rows["2025-01"]["good_days"], rows["2025-01"]["valid_days"]) == (25, 31)
    assert (rows["2025-02"]["actual"], rows["2025-02"]["status"]) == (96.4, "met")


def test_monthly_totals_of_a_flow_add_up_to_the_period(by_month: dict[str, Any]) -> None:
    # trainings (ledger.total, a flow): the months' counts sum to the year to date's 15, and
    # each month is judged against its pro-rata share of 20, e.g. January 20 × 31/365 = 1.7.
    result = by_month["trainings"]
    rows = result.breakdown["rows"]
    assert sum(r["actual"] or 0 for r in rows) == result.actual == 15
    january = rows[0]
    how, reason = january["how"].render("en"), january["reason"].render("en")
    assert "pace 1.7" in how or "1.7" in reason


def test_a_milestone_has_no_monthly_rows(by_month: dict[str, Any]) -> None:
    milestone = next(r for r in by_month.values() if r.metric == "ledger.milestone")
    assert milestone.breakdown["rows"] == []
    assert "one deliverable" in milestone.breakdown["note"].render("en")
    assert milestone.breakdown["note"].render("zh") == "节点任务只有一项成果：没有逐月数值"


def test_station_rows_and_the_region_without_each_station() -> None:
    # Two stations: the region without one is the other one alone, so each station's
    # "without" figure is the other station's own figure.
    report = check([str(SAMPLES)], load_targets(TARGETS), CheckOptions(breakdown="station"))
    result = next(r for r in report.results if r.id == "air_good_day_rate")
    rows = {r["station"]: r for r in result.breakdown["rows"]}
    assert set(rows) == {"平湖监测站", "当湖街道"}
    assert rows["平湖监测站"]["without_good_day_rate"] == rows["当湖街道"]["good_day_rate"]
    assert rows["当湖街道"]["without_pm25"] == rows["平湖监测站"]["pm25"]
    # 当湖街道 is down 2025-04-15 and 04-16 (scripts/make_air_samples.py): two valid days
    # fewer than 平湖监测站.
    assert rows["平湖监测站"]["valid_days"] - rows["当湖街道"]["valid_days"] == 2
    ledger = next(r for r in report.results if r.metric == "ledger.total")
    assert ledger.breakdown["rows"] == []


# A: January TP 0.25 (IV: 0.2 < 0.25 ≤ 0.3; multiple (0.25 − 0.2)/0.2 = 0.25), February TP
#    0.13 (III). B: NH3-N 2.5 > 2.0 both months: 劣V, multiple (2.5 − 1)/1 = 1.50.
WATER = """\
断面名称,断面级别,水体类型,水质目标,饮用水水源地,采样日期,溶解氧,高锰酸盐指数,氨氮,总磷
A,国控,河流,III,否,2025-01-10,6.5,3,0.4,0.25
A,国控,河流,III,否,2025-02-10,6.5,3,0.4,0.13
B,国控,河流,II,否,2025-01-11,6.5,3,2.5,0.1
B,国控,河流,II,否,2025-02-11,6.5,3,2.5,0.1
"""
SHARE_TARGET = """\
  - id: national_class3
    section: headline
    name: 国控断面Ⅲ类比例
    name_en: National sections at class III
    clause: 国控断面达到Ⅲ类
    metric: water.class_share
    params: {levels: [national]}
    op: ">="
    target: 100
    unit: "%"
"""


def test_section_rows_by_hand(write_csv, write_targets, tmp_path: Path) -> None:
    data = write_csv(WATER, "water.csv")
    targets = write_targets(SHARE_TARGET)
    result = CliRunner().invoke(cli, ["check", str(data), "--targets", str(targets), "--by",
                                      "section", "--format", "json"])
    rows = json.loads(result.stdout)["results"][0]["breakdown"]["rows"]
    found = {(r["month"], r["section"]): (r["class"], r["main_pollutants"]) for r in rows}
    assert found == {("2025-01", "A"): ("IV", "总磷(0.25)"), ("2025-01", "B"): ("劣V", "氨氮(1.50)"),
                     ("2025-02", "A"): ("III", ""), ("2025-02", "B"): ("劣V", "氨氮(1.50)")}
    # by month: January 0 of 2 sections at III or better (0.0 %), February 1 of 2 (50.0 %).
    # The period is not the months added up: A's period class is that of its mean TP,
    # (0.25 + 0.13)/2 = 0.19 → III, so Jan–Feb has 1 of 2 (50.0 %).
    months = CliRunner().invoke(cli, ["check", str(data), "--targets", str(targets), "--by",
                                      "month", "--format", "csv"])
    lines = list(csv.DictReader(io.StringIO(months.stdout)))
    assert [(r["part"], r["actual"], r["status"]) for r in lines] == [
        ("", "50.0", "not_met"), ("2025-01", "0.0", "not_met"), ("2025-02", "50.0", "not_met")]
    assert lines[1]["by"] == "month"


def test_no_breakdown_key_unless_asked() -> None:
    report = check([str(SAMPLES / "ledger-2025.csv")], load_targets(TARGETS))
    assert all(r.breakdown is None for r in report.results)
    result = CliRunner().invoke(cli, ["check", str(SAMPLES / "ledger-2025.csv"),
                                      "--format", "json"])
    assert "breakdown" not in json.loads(result.stdout)["results"][0]
    table = CliRunner().invoke(cli, ["check", str(SAMPLES / "ledger-2025.csv"), "--by",
                                     "month"])
    assert "  · 2025-01" in table.stdout


def test_breakdown_words_follow_the_language() -> None:
    # --by station on the two sample stations: the table's `how` of a station row is
    # "有效 N 天 · 非优良 M 天 · 其余站点：X" in zh and "N valid days · M non-good · the rest: X"
    # in en; the JSON carries both, and a month row's how as how/how_en.
    air = str(SAMPLES / "air-hourly-2025.csv")
    zh = CliRunner().invoke(cli, ["check", air, "--by", "station"], env={"COLUMNS": "200"})
    assert "其余站点：" in zh.stdout and "valid days" not in zh.stdout
    en = CliRunner().invoke(cli, ["check", air, "--by", "station", "--lang", "en"],
                            env={"COLUMNS": "200"})
    assert "valid days" in en.stdout and "其余站点" not in en.stdout
    doc = json.loads(CliRunner().invoke(cli, ["check", str(SAMPLES / "ledger-2025.csv"),
                                              "--by", "month", "--format", "json"]).stdout)
    row = next(r for r in doc["results"] if r["breakdown"]["rows"])["breakdown"]["rows"][0]
    assert isinstance(row["how"], str) and isinstance(row["how_en"], str)
    assert isinstance(row["reason_en"], str)
    milestone = next(r for r in doc["results"] if r["metric"] == "ledger.milestone")
    assert milestone["breakdown"]["note_en"] == "a milestone is one deliverable: no monthly figure"
    assert milestone["breakdown"]["note"] == "节点任务只有一项成果：没有逐月数值"
