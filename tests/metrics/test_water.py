"""Water metrics and water validation on small hand-made inputs.

Every expected figure is worked out in a comment from GB 3838-2002 Table 1 (class III:
DO ≥ 5, CODMn ≤ 6, NH3-N ≤ 1.0, TP ≤ 0.2 river / 0.05 lake, Hg ≤ 0.0001, Mn ≤ 0.1) and the
CWQI rule (C/Cs with Cs the class III limit; DO 5/C).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotarget.metrics.water_sections import section_table
from ecotarget.pipeline import CheckOptions, check
from ecotarget.read import Source, read_table
from ecotarget.report import Result
from ecotarget.targets import load_targets
from ecotarget.validate import validate_table

HEADER = "断面名称,断面级别,水体类型,水质目标,饮用水水源地,采样日期,溶解氧,高锰酸盐指数,氨氮,总磷"

TARGETS = """\
plan: {{year: 2025, region: 测试县, issuer: 测试局}}
settings:
  water: {{below_detection_limit: {rule}, drinking_pass: {drinking_pass}}}
targets:
  - {{id: share, section: headline, name: 断面, name_en: Sections, clause: c,
     metric: water.class_share, params: {{levels: [national, provincial, municipal],
     max_class: III, expected: {expected}}}, op: ">=", target: 100, unit: "%"}}
  - {{id: listed, section: headline, name: 列名断面, name_en: Listed, clause: c,
     metric: water.class_share, params: {{levels: [national], sections: {sections}}},
     op: ">=", target: 100, unit: "%"}}
  - {{id: cwqi, section: headline, name: 国控, name_en: CWQI, clause: c, metric: water.cwqi,
     params: {{levels: [national]}}, op: "<", target: previous_year, unit: ""}}
  - {{id: drink, section: headline, name: 水源地, name_en: Sources, clause: c,
     metric: drinking.compliance_rate, params: {{basis: count}}, op: ">=", target: 100,
     unit: "%"}}
  - {{id: drink_volume, section: headline, name: 水量, name_en: Volume, clause: c,
     metric: drinking.compliance_rate, params: {{basis: volume}}, op: ">=", target: 100,
     unit: "%"}}
"""


def run(tmp_path: Path, csv_text: str, *, rule: str = "half", drinking_pass: str = "every_round",
        expected: int = 3, sections: list[str] | None = None, as_of: str = "2025-03-31",
        period: tuple[str, str] | None = None) -> dict[str, Result]:
    """Write the CSV and a targets file, run the check, return the results by id."""
    data = tmp_path / "water.csv"
    data.write_text(csv_text, encoding="utf-8")
    targets = tmp_path / "targets.yaml"
    targets.write_text(TARGETS.format(rule=rule, drinking_pass=drinking_pass, expected=expected,
                                      sections=sections or ["无此断面"]), encoding="utf-8")
    options = CheckOptions(
        as_of=dt.date.fromisoformat(as_of), today=dt.date(2026, 1, 31),
        period=None if period is None else (dt.date.fromisoformat(period[0]),
                                            dt.date.fromisoformat(period[1])))
    report = check([str(data)], load_targets(targets), options)
    return {r.id: r for r in report.results}


def by_section(result: Result) -> dict[str, dict[str, Any]]:
    return {s["section"]: s for s in result.detail["sections"]}


# --- class share ------------------------------------------------------------------------------

# A: national; TP 0.25 in January is class IV (0.2 < 0.25 ≤ 0.3), but the mean
#    (0.25 + 0.13 + 0.15)/3 = 0.17667 is class III; DO 6.5 (II), CODMn 3 (II), NH3-N 0.4 (II).
# B: provincial; NH3-N 2.5 every month > 2.0 (class V limit) → 劣V; exceedance multiple
#    (2.5 − 1.0)/1.0 = 1.50.
# C: municipal; DO 7 (II), CODMn 3 (II), NH3-N 0.3 (II), TP 0.08 (II) → II.
# Share: A and C are at III or better, B is not → 2/3 × 100 = 66.67 → 66.7.
THREE_SECTIONS = f"""{HEADER}
A,国控,河流,III,否,2025-01-10,6.5,3,0.4,0.25
A,国控,河流,III,否,2025-02-10,6.5,3,0.4,0.13
A,国控,河流,III,否,2025-03-10,6.5,3,0.4,0.15
B,省控,河流,III,否,2025-01-11,6.5,3,2.5,0.1
B,省控,河流,III,否,2025-02-11,6.5,3,2.5,0.1
B,省控,河流,III,否,2025-03-11,6.5,3,2.5,0.1
C,市控,河流,II,否,2025-01-12,7,3,0.3,0.08
C,市控,河流,II,否,2025-02-12,7,3,0.3,0.08
C,市控,河流,II,否,2025-03-12,7,3,0.3,0.08
"""


def test_class_share_uses_the_mean_of_each_item(tmp_path: Path) -> None:
    result = run(tmp_path, THREE_SECTIONS)["share"]
    assert result.actual == 66.7 and result.status == "not_met"
    assert result.how.render("en") == "2/3 sections · Jan–Mar"
    sections = by_section(result)
    assert sections["A"]["class"] == "III" and sections["A"]["means"]["tp"] == 0.176667
    assert sections["B"]["class"] == "劣V" and sections["B"]["main_pollutants"] == "氨氮(1.50)"
    assert sections["C"]["class"] == "II" and sections["C"]["main_pollutants"] == ""
    # target classes: A III met; B III missed; C II met
    assert [sections[s]["meets_target"] for s in "ABC"] == [True, False, True]
    assert sections["A"]["samples"] == 3 and sections["A"]["level"] == "national"
    assert result.detail["class_counts"] == {"I": 0, "II": 1, "III": 1, "IV": 0, "V": 0,
                                             "劣V": 1}


def test_class_share_over_one_month_sees_the_class_iv_sample(tmp_path: Path) -> None:
    # January only: A has TP 0.25 → IV, B 劣V, C II → 1/3 × 100 = 33.33 → 33.3
    result = run(tmp_path, THREE_SECTIONS, as_of="2025-01-31",
                 period=("2025-01-01", "2025-01-31"))["share"]
    assert result.actual == 33.3 and result.how.render("en") == "1/3 sections · Jan"
    assert by_section(result)["A"]["main_pollutants"] == "总磷(0.25)"  # (0.25 − 0.2)/0.2


def test_fewer_sections_than_expected_is_insufficient_and_names_the_missing(
        tmp_path: Path) -> None:
    # 13 expected: S01..S12 sampled in 2025; S13 only in 2024, so its name is known.
    lines = [HEADER] + [f"S{i:02d},市控,河流,III,否,2025-02-10,7,3,0.3,0.08" for i in range(1, 13)]
    lines.append("S13,市控,河流,III,否,2024-02-10,7,3,0.3,0.08")
    names = [f"S{i:02d}" for i in range(1, 13)] + ["新断面"]
    results = run(tmp_path, "\n".join(lines) + "\n", expected=13, sections=names)
    share = results["share"]
    assert share.status == "insufficient_data" and share.actual == 100.0  # 12/12 × 100
    assert share.reason.render("en") == "12 of 13 sections have samples; missing: S13"
    # listed sections: 13 names, the 12 sampled ones are found, 新断面 is not
    listed = results["listed"]
    assert listed.reason.render("en") == "12 of 13 sections have samples; missing: 新断面"


def test_unknown_missing_sections_are_counted_not_named(tmp_path: Path) -> None:
    result = run(tmp_path, THREE_SECTIONS, expected=5)["share"]
    assert result.reason.render("en") == ("3 of 5 sections have samples; missing: 2 not named "
                             "(list the sections under params.sections)")


# Hg (class I/II ≤ 0.00005, III ≤ 0.0001): 0.00008, 0.0001L, 0.0001L. The other items are
# class II (DO 7, CODMn 3, NH3-N 0.3, TP 0.08).
#   half: (0.00008 + 0.00005 + 0.00005)/3 = 0.00006   → III
#   zero: (0.00008 + 0 + 0)/3           = 0.0000267 → I  → section II
#   dl:   (0.00008 + 0.0001 + 0.0001)/3 = 0.0000933 → III
BELOW_DL = f"""{HEADER},汞
H,国控,河流,III,否,2025-01-10,7,3,0.3,0.08,0.00008
H,国控,河流,III,否,2025-02-10,7,3,0.3,0.08,0.0001L
H,国控,河流,III,否,2025-03-10,7,3,0.3,0.08,<0.0001
"""


@pytest.mark.parametrize(("rule", "mean", "used", "cls"), [
    ("half", 6e-05, [5e-05], "III"),
    ("zero", 2.66667e-05, [0.0], "II"),
    ("dl", 9.33333e-05, [0.0001], "III"),
])
def test_below_detection_limit_rule_shows_in_the_mean(tmp_path: Path, rule: str, mean: float,
                                                      used: list[float], cls: str) -> None:
    section = by_section(run(tmp_path, BELOW_DL, rule=rule, expected=1)["share"])["H"]
    assert section["means"]["hg"] == pytest.approx(mean, rel=1e-6)
    assert section["below_dl"] == {"汞": {"samples": 2, "values_used": used}}
    assert section["class"] == cls


def test_lake_uses_the_lake_phosphorus_limit(tmp_path: Path) -> None:
    # TP 0.08: river class II (≤ 0.1), lake class IV (0.05 < 0.08 ≤ 0.1), multiple
    # (0.08 − 0.05)/0.05 = 0.60. CWQI of the lake: DO 5/7 + 3/6 + 0.3/1 + 0.08/0.05
    # = 0.714286 + 0.5 + 0.3 + 1.6 = 3.114286 → 3.1143.
    text = f"{HEADER}\nL,市控,湖库,III,否,2025-01-10,7,3,0.3,0.08\n"
    section = by_section(run(tmp_path, text, expected=1)["share"])["L"]
    assert (section["waterbody"], section["class"]) == ("lake", "IV")
    assert section["main_pollutants"] == "总磷(0.60)" and section["cwqi"] == 3.1143


# --- CWQI -------------------------------------------------------------------------------------

# Items DO, CODMn, NH3-N, TP; indices 5/DO, CODMn/6, NH3-N/1, TP/0.2.
# 2024: N1 DO 5, CODMn 6, NH3-N 1.0, TP 0.2 → 1 + 1 + 1 + 1 = 4.0
#       N2 DO 10, CODMn 3, NH3-N 0.5, TP 0.1 → 0.5 × 4 = 2.0         mean 3.0
# 2025: N1 DO 6.25, CODMn 4.8, NH3-N 0.8, TP 0.16 → 0.8 × 4 = 3.2
#       N2 as in 2024 → 2.0                                            mean 2.6
# ΔCWQI = (2.6 − 3.0)/3.0 × 100 = −13.33 %; N1 (3.2 − 4)/4 = −20 %; N2 0 %.
CWQI = f"""{HEADER}
N1,国控,河流,III,否,2024-01-10,5,6,1.0,0.2
N2,国控,河流,III,否,2024-01-10,10,3,0.5,0.1
N1,国控,河流,III,否,2025-01-10,6.25,4.8,0.8,0.16
N2,国控,河流,III,否,2025-01-10,10,3,0.5,0.1
P,省控,河流,III,否,2025-01-10,2,12,3,0.5
"""


def test_cwqi_improves_on_the_previous_year(tmp_path: Path) -> None:
    result = run(tmp_path, CWQI, as_of="2025-01-31")["cwqi"]
    assert (result.actual, result.target_value, result.status) == (2.6, 3.0, "met")
    assert result.how.render("en") == "2 sections · Jan · vs 3.0000 in 2024 (-13.33%)"
    rows = {s["section"]: s for s in result.detail["sections"]}  # P is provincial: not counted
    assert set(rows) == {"N1", "N2"}
    assert (rows["N1"]["cwqi"], rows["N1"]["cwqi_previous"], rows["N1"]["change_pct"]) == (
        3.2, 4.0, -20.0)
    assert rows["N2"]["change_pct"] == 0.0
    assert result.detail["previous_year"]["change_pct"] == -13.33
    assert "UNCONFIRMED" in result.detail["aggregation"]


def test_cwqi_section_missing_in_one_year_is_insufficient(tmp_path: Path) -> None:
    # N3 was sampled in 2024 only; N4 appears in 2025 only. The baseline still covers the
    # sections of both years (N1, N2): 3.0; the actual covers 2025's N1, N2, N4.
    text = CWQI + ("N3,国控,河流,III,否,2024-01-12,5,6,1.0,0.2\n"
                   "N4,国控,河流,III,否,2025-01-12,10,3,0.5,0.1\n")
    result = run(tmp_path, text, as_of="2025-01-31")["cwqi"]
    assert result.status == "insufficient_data" and result.target_value == 3.0
    # actual: (3.2 + 2.0 + 2.0)/3 = 2.4
    assert result.actual == 2.4
    assert result.reason.render("en") == ("no samples in 2024 (2024-01-01..2024-01-31) for: N4; "
                             "no samples in 2025 for: N3")


def test_cwqi_baseline_covers_the_whole_last_month_of_the_previous_year(tmp_path: Path) -> None:
    # As of 2025-01-10 (the 2025 sample day) the 2024 sample of 2024-01-20 still counts:
    # monitoring is monthly, so January is compared with January.
    text = CWQI.replace("2024-01-10", "2024-01-20")
    result = run(tmp_path, text, as_of="2025-01-10")["cwqi"]
    assert result.target_value == 3.0 and result.status == "met"


# --- drinking-water sources -------------------------------------------------------------------

# W1: Mn 0.05, 0.15 (fails: > 0.1), 0.04; mean (0.05 + 0.15 + 0.04)/3 = 0.08 ≤ 0.1 passes.
# W2: Mn 0.03 every round. Volumes: W1 100 a round (300), W2 50 a round (150).
#   every round: W2 passes, W1 fails → 1/2 = 50.0 %; by volume 150/450 = 33.3 %
#   mean:        both pass → 100.0 %; by volume 450/450 = 100.0 %
#   by sample:   5 of 6 rounds pass → 83.33 → 83.3 %
DRINKING = f"""{HEADER},锰,取水量(万m³)
W1,县控,河流,III,是,2025-01-05,7,3,0.3,0.08,0.05,100
W1,县控,河流,III,是,2025-02-05,7,3,0.3,0.08,0.15,100
W1,县控,河流,III,是,2025-03-05,7,3,0.3,0.08,0.04,100
W2,,河流,III,是,2025-01-06,7,3,0.3,0.08,0.03,50
W2,,河流,III,是,2025-02-06,7,3,0.3,0.08,0.03,50
W2,,河流,III,是,2025-03-06,7,3,0.3,0.08,0.03,50
"""


def test_one_failing_round_fails_the_source_under_every_round(tmp_path: Path) -> None:
    results = run(tmp_path, DRINKING)
    count, volume = results["drink"], results["drink_volume"]
    assert (count.actual, count.status) == (50.0, "not_met")
    assert count.how.render("en") == "1/2 sources · every round · Jan–Mar"
    assert count.detail["by_sample"] == 83.3 and count.detail["by_volume"] == 33.3
    assert volume.actual == 33.3
    w1 = {s["source"]: s for s in count.detail["sources"]}["W1"]
    assert (w1["rounds_passed"], w1["passes"], w1["failing_items"]) == (2, False, ["锰"])
    assert w1["failing_rounds"] == [{"date": dt.date(2025, 2, 5),
                                     "failing": "锰0.15mg/L(限值0.1)"}]
    # sources are not river sections: no section of the share target
    assert results["share"].how.render("en") == "no national/provincial/municipal section in the period"


def test_mean_rule_passes_the_source_whose_means_pass(tmp_path: Path) -> None:
    results = run(tmp_path, DRINKING, drinking_pass="mean")
    assert (results["drink"].actual, results["drink"].status) == (100.0, "met")
    assert results["drink_volume"].actual == 100.0
    assert results["drink"].how.render("en") == "2/2 sources · annual mean · Jan–Mar"


def test_volume_basis_without_volumes_is_insufficient(tmp_path: Path) -> None:
    text = DRINKING.replace(",100\n", ",\n").replace(",50\n", ",\n")
    results = run(tmp_path, text)
    assert results["drink"].actual == 50.0  # by count still works
    assert results["drink_volume"].status == "insufficient_data"
    assert results["drink_volume"].reason.render("en") == "no intake volume (取水量) in the source samples"


def test_no_water_input_and_no_samples_in_the_period(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值\n2025-01,x,1\n", encoding="utf-8")
    targets = tmp_path / "targets.yaml"
    targets.write_text(TARGETS.format(rule="half", drinking_pass="every_round", expected=3,
                                      sections=["x"]), encoding="utf-8")
    report = check([str(ledger)], load_targets(targets), CheckOptions(today=dt.date(2026, 1, 1)))
    assert {r.how.render("en") for r in report.results} == {"no water input"}
    assert {r.status for r in report.results} == {"no_data"}
    # water rows in 2024 only: nothing in the 2025 window; and none of them is a source
    late = run(tmp_path, CWQI.replace("2025-01-10", "2024-02-10"), as_of="2025-03-31")
    assert {late[i].how.render("en") for i in ("share", "listed", "cwqi")} == {"no samples in the period"}
    assert late["drink"].how.render("en") == "no drinking-water source in the water input"
    # sources sampled in 2024 only: "no samples in the period" for the sources too
    old = run(tmp_path, DRINKING.replace("2025-", "2024-"), as_of="2025-03-31")
    assert old["drink"].how.render("en") == "no samples in the period"
    assert {r.status for r in (*late.values(), *old.values())} == {"no_data"}


# --- validation -------------------------------------------------------------------------------


def validated(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "v.csv"
    path.write_text(text, encoding="utf-8")
    return validate_table(read_table(Source(str(path))))


def test_words_and_measurements_become_codes_and_numbers(tmp_path: Path) -> None:
    table = validated(tmp_path, """断面名称,断面级别,水体类型,水质目标,饮用水水源地,采样日期,总磷,汞,pH
A,国考,水库,Ⅱ类,Y,2025-01-10,0.1,ND,7.2
B,Provincial,,3,,2025-01-10,<0.01,0.00004L,6.8
C,市控,河流,劣Ⅴ,否,2025-01-10,0.02L,未检出(0.00004),-
""")
    assert table.rows_rejected == 0
    frame = table.frame
    assert frame["level"].tolist() == ["national", "provincial", "municipal"]
    assert frame["waterbody"].tolist() == ["lake", "river", "river"]  # B: empty → river
    assert frame["target_class"].tolist() == [2, 3, 6]
    assert frame["source"].tolist() == [True, False, False]
    # value: NaN when below DL; __bdl flags it; __dl holds the stated limit
    assert np.isnan(frame["tp"].iloc[1]) and frame["tp"].iloc[0] == 0.1
    assert frame["tp__bdl"].tolist() == [False, True, True]
    assert frame["tp__dl"].iloc[1:].tolist() == [0.01, 0.02]
    assert frame["hg__bdl"].tolist() == [True, True, True]
    assert np.isnan(frame["hg__dl"].iloc[0]) and frame["hg__dl"].iloc[2] == 0.00004
    assert np.isnan(frame["ph"].iloc[2])  # '-' is missing, not zero
    notes = [n.render("en") for n in table.notes]
    assert "1 rows without 水体类型: taken as river" in notes
    assert "3 item columns: 总磷, 汞, pH" in notes
    assert "3 个监测项目列：总磷、汞、pH" in [n.render("zh") for n in table.notes]


@pytest.mark.parametrize(("row", "column", "message"), [
    ("A,国家,河流,III,否,2025-01-10,0.1,7", "断面级别", "unknown level: write 国控/国考"),
    ("A,国控,沟渠,III,否,2025-01-10,0.1,7", "水体类型", "unknown waterbody"),
    ("A,国控,河流,VI,否,2025-01-10,0.1,7", "水质目标", "not a water class"),
    ("A,国控,河流,III,maybe,2025-01-10,0.1,7", "饮用水水源地", "unknown source"),
    ("A,国控,河流,III,否,2025-01-10,abc,7", "总磷",
     "not a measurement: write a number, ND, <0.01 or 0.01L"),
    ("A,国控,河流,III,否,2025-01-10,-0.1,7", "总磷", "a concentration cannot be negative"),
    ("A,国控,河流,III,否,2025-01-10,0.1,15", "pH", "pH must be between 0 and 14"),
    ("A,国控,河流,III,否,2025-01-10,,", "总磷", "no measured item in this row"),
])
def test_bad_cells_reject_the_row_with_a_message(tmp_path: Path, row: str, column: str,
                                                 message: str) -> None:
    table = validated(tmp_path, "断面名称,断面级别,水体类型,水质目标,饮用水水源地,采样日期,总磷,pH\n"
                      f"{row}\nB,国控,河流,III,否,2025-01-10,0.1,7\n")
    assert (table.rows_read, table.rows_rejected) == (2, 1)
    (error,) = table.errors
    assert (error.line, error.column) == (2, column) and error.message.startswith(message)


def test_a_file_without_waterbody_column_is_all_rivers(tmp_path: Path) -> None:
    table = validated(tmp_path, "断面名称,采样日期,总磷\nA,2025-01-10,0.1\n")
    assert table.frame["waterbody"].tolist() == ["river"]
    assert table.frame["source"].tolist() == [False]
    assert "no waterbody column (水体类型): every section is taken as a river" in [
        n.render("en") for n in table.notes]


# --- a law: the below-DL rules order the means ------------------------------------------------


@pytest.mark.slow  # a property test: many generated cases
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.floats(0.001, 0.5)), min_size=1, max_size=8))
def test_zero_half_dl_order_every_mean(cells: list[tuple[bool, float]]) -> None:
    # each cell is either a measured value or "<value" (below that DL); the mean under
    # "zero" ≤ under "half" ≤ under "dl", with equality only when nothing is below DL
    rows = pd.DataFrame({
        "section": "S", "date": pd.Timestamp("2025-01-10"), "waterbody": "river",
        "tp": [np.nan if below else v for below, v in cells],
        "tp__bdl": [below for below, _ in cells],
        "tp__dl": [v if below else np.nan for below, v in cells],
    })
    means = [section_table(rows, rule).at["S", "tp"] for rule in ("zero", "half", "dl")]
    assert means[0] <= means[1] <= means[2]
    assert (means[0] == means[2]) == (not any(below for below, _ in cells))


def test_cwqi_with_different_items_in_the_two_years_is_insufficient(tmp_path: Path) -> None:
    # 2025 adds 汞 for N1: 5 items against 4 in 2024, so the two sums are not comparable
    text = f"""{HEADER},汞
N1,国控,河流,III,否,2024-01-10,5,6,1.0,0.2,
N2,国控,河流,III,否,2024-01-10,10,3,0.5,0.1,
N1,国控,河流,III,否,2025-01-10,6.25,4.8,0.8,0.16,0.00005
N2,国控,河流,III,否,2025-01-10,10,3,0.5,0.1,
"""
    result = run(tmp_path, text, as_of="2025-01-31")["cwqi"]
    assert result.status == "insufficient_data"
    assert result.reason.render("en") == "items measured differ between the years for: N1 (5 vs 4)"


def test_a_file_without_levels_says_so(tmp_path: Path) -> None:
    text = "断面名称,采样日期,总磷\nA,2025-01-10,0.1\n"
    result = run(tmp_path, text)["share"]
    assert result.how.render("en") == "no level column (断面级别) in the water input"
    assert result.status == "insufficient_data"
    assert result.reason.render("en") == ("0 of 3 sections have samples; missing: 3 not named "
                             "(list the sections under params.sections)")
