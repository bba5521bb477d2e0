"""The release's published classes against ecotarget's, the period mean of automatic samples,
the targets file's ``sections:``, and the commands on data/samples/water-release.

The sample's generator (scripts/make_water_release_sample.py) writes ecotarget's own class
as the published one everywhere except the two samples of its ``PLANTED``: 广陈塘山塘桥
2025-07-01 08:00 published one class better, 平湖塘东湖桥 2025-07-03 16:00 one class worse.
72 samples (4 sections × 6 a day × 3 days), 3 not assessed (2 维护, 1 停运), 2 normal
samples published with ``*``: 67 compared, 65 agreeing, 65/67 = 97.01… → 97.0%.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.errors import InputError, TargetsFileError
from ecotarget.pipeline import CheckOptions, check, read_inputs
from ecotarget.read import Source, expand_paths
from ecotarget.tables.published_water import compare_published_classes
from ecotarget.tables.water import water_report
from ecotarget.targets import load_targets
from tests.conftest import MINIMAL_TARGETS, ROOT, SAMPLES

RELEASE = SAMPLES / "water-release"
RELEASE_TARGETS = RELEASE / "targets.yaml"
PLANTED = [("广陈塘山塘桥", "2025-07-01 08:00", "II", "III"),
           ("平湖塘东湖桥", "2025-07-03 16:00", "IV", "III")]
HEADER = "断面名称,监测时间,水质类别,pH(无量纲),溶氧量(mg/L),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),站点情况"


def test_the_sample_is_what_its_script_writes() -> None:
    # scripts/ is not a package: load the generator from its file
    spec = importlib.util.spec_from_file_location(
        "make_water_release_sample", ROOT / "scripts" / "make_water_release_sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = module.build()
    assert sorted(files) == sorted(p.name for p in RELEASE.glob("*.csv"))
    for name, text in files.items():
        assert (RELEASE / name).read_text(encoding="utf-8") == text
    # the planted disagreements the tests below count are the script's
    assert [(s, f"{d:%Y-%m-%d} {h:02d}:00") for s, d, h in module.PLANTED] == [
        (s, t) for s, t, _, _ in PLANTED]


def _tables(text: str, targets: str | None = None, name: str = "release.csv") -> list:
    loaded = load_targets(targets)
    return read_inputs([Source(name, text.encode("utf-8"))], loaded.spec, CheckOptions())


def test_the_sample_counts_exactly_the_planted_disagreements() -> None:
    loaded = load_targets(RELEASE_TARGETS)
    tables = read_inputs(expand_paths([str(RELEASE)]), loaded.spec, CheckOptions())
    comparison = compare_published_classes(tables)
    assert (comparison.compared, comparison.agreeing, comparison.percent) == (67, 65, 97.0)
    shown = [(r.section, f"{r.time:%Y-%m-%d %H:%M}", r.published, r.ecotarget)
             for r in comparison.disagreements.itertuples()]
    names = {2: "II", 3: "III", 4: "IV"}
    assert [(s, t, names[p], names[e]) for s, t, p, e in shown] == PLANTED


def test_a_lake_without_its_waterbody_is_classed_as_a_river() -> None:
    # without the sample's targets file 东湖湖心 is taken as a river: its TP (0.02–0.06 made
    # up) meets the river's class II limit 0.1, so samples the release published at III or
    # IV by the lake's TP limits now disagree as well
    tables = read_inputs(expand_paths([str(RELEASE)]), load_targets().spec, CheckOptions())
    comparison = compare_published_classes(tables)
    assert comparison.compared == 67 and comparison.agreeing < 65
    extra = set(comparison.disagreements["section"]) - {"广陈塘山塘桥", "平湖塘东湖桥"}
    assert extra == {"东湖湖心"}


def test_hand_worked_samples() -> None:
    # line 2: DO 6.2 II, CODMn 3.1 II, NH3-N 0.42 II, TP 0.085 II → II, published Ⅱ: agree
    # line 3: NH3-N 1.2 → IV (1.0 < 1.2 ≤ 1.5), published Ⅲ: disagree, deciding NH3-N
    # line 4: published *: not compared; line 5: 维护: not assessed, not compared
    # line 6: DO 0.61D (flagged: missing), the rest II → II, published II: agree
    tables = _tables(f"""{HEADER}
A,2025-07-01 00:00,Ⅱ,7.5,6.2,3.1,0.42,0.085,正常
A,2025-07-01 04:00,Ⅲ,7.5,6.2,3.1,1.2,0.085,正常
A,2025-07-01 08:00,*,7.5,6.2,3.1,0.42,0.085,正常
A,2025-07-01 12:00,Ⅱ,*,*,*,*,*,维护
A,2025-07-01 16:00,II,7.5,0.61D,3.1,0.42,0.085,正常
""")
    comparison = compare_published_classes(tables)
    assert (comparison.compared, comparison.agreeing) == (3, 2)
    (row,) = comparison.disagreements.itertuples()
    assert (row.line, row.published, row.ecotarget, row.deciding) == (3, 3, 4, ("nh3n",))


def test_no_published_class_is_one_message() -> None:
    tables = _tables("断面名称,采样日期,溶解氧\nA,2025-07-01,6.2\n")
    with pytest.raises(InputError, match="no published class to compare with"):
        compare_published_classes(tables)


def test_the_period_mean_of_automatic_samples() -> None:
    # section A, 2025-07-01: NH3-N 0.9, 1.3, 1.1 over the normal samples (the 维护 one's 5.0
    # is left out) → mean 3.3/3 = 1.1 → IV (1.0 < 1.1 ≤ 1.5), though two samples are III;
    # DO 6, 6, 6 → II; TP 0.1 → II: the period class is IV, by NH3-N
    tables = _tables(f"""{HEADER}
A,2025-07-01 00:00,Ⅲ,7.5,6,3,0.9,0.1,正常
A,2025-07-01 04:00,Ⅳ,7.5,6,3,1.3,0.1,正常
A,2025-07-01 08:00,*,7.5,6,3,5.0,0.1,维护
A,2025-07-01 12:00,Ⅳ,7.5,6,3,1.1,0.1,正常
""")
    report = water_report(tables, load_targets().spec.settings)
    (section,) = report.sections
    assert section["samples"] == 3
    assert section["means"]["nh3n"] == pytest.approx(1.1)
    assert section["class"] == "IV"
    assert report.inputs[0]["rows_accepted"] == 4


SECTIONS_YAML = """\
sections:
  上海塘金丝娘桥: {level: 国控, waterbody: 河流, target_class: Ⅲ}
  东湖湖心: {level: municipal, waterbody: reservoir, target_class: 2}
  C: {}
"""


def test_the_sections_mapping_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    body = MINIMAL_TARGETS.replace("targets:\n", SECTIONS_YAML + "targets:\n")
    path.write_text(body.replace("{targets}", _ONE_TARGET), encoding="utf-8")
    sections = load_targets(path).spec.sections
    assert sections["上海塘金丝娘桥"].attributes() == {
        "level": "national", "waterbody": "river", "target_class": "III"}
    assert sections["东湖湖心"].attributes() == {
        "level": "municipal", "waterbody": "lake", "target_class": "II"}
    assert sections["C"].attributes() == {"level": None, "waterbody": None, "target_class": None}


@pytest.mark.parametrize(("entry", "expected"), [
    ("{level: 区控}", "unknown level '区控'"),
    ("{waterbody: sea}", "unknown waterbody 'sea'"),
    ("{target_class: VI}", "target_class 'VI' is not a water class"),
    ("{class: III}", "sections.A.class: unknown field"),
])
def test_a_bad_section_is_named_with_its_line(tmp_path: Path, entry: str, expected: str) -> None:
    path = tmp_path / "targets.yaml"
    body = MINIMAL_TARGETS.replace("targets:\n", f"sections:\n  A: {entry}\ntargets:\n")
    path.write_text(body.replace("{targets}", _ONE_TARGET), encoding="utf-8")
    with pytest.raises(TargetsFileError) as caught:
        load_targets(path)
    (problem,) = (p.render("en") for p in caught.value.problems)
    assert problem.startswith(f"{path}:3: sections.A")
    assert expected in problem


_ONE_TARGET = """\
  - {id: t, section: headline, name: 断面, name_en: sections, clause: 断面, metric: water.class_share,
     params: {levels: [national], max_class: III}, op: ">=", target: 100, unit: "%"}"""


def test_check_on_the_folder_evaluates_the_water_target() -> None:
    report = check([str(RELEASE)], load_targets(RELEASE_TARGETS))
    (result,) = report.results
    # 4 sections, each III over 2025-07-01..03 (the sample's generator keeps them II–III)
    assert (result.status, result.actual) == ("met", 100.0)
    assert [i.rows_not_assessed for i in report.inputs] == [0, 2, 1]
    assert sum(i.rows_accepted for i in report.inputs) == 72


def test_without_the_sections_no_section_has_a_level() -> None:
    report = check([str(RELEASE)], load_targets(RELEASE_TARGETS.parent.parent.parent.parent
                                                 / "config" / "targets.yaml"))
    water = next(r for r in report.results if r.id == "water_sections_class3")
    assert water.status == "insufficient_data"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_command_in_both_languages() -> None:
    base = ("water", str(RELEASE), "--targets", str(RELEASE_TARGETS), "--compare-published")
    code, out, _ = _run(*base, "--lang", "en")
    assert code == 0
    assert out.splitlines() == [
        "section       time              published  ecotarget  deciding item",
        "────────────  ────────────────  ─────────  ─────────  "
        "──────────────────────────────────────────────────────",
        "广陈塘山塘桥  2025-07-01 08:00  II         III        permanganate index, total "
        "phosphorus",
        "平湖塘东湖桥  2025-07-03 16:00  IV         III        permanganate index, ammonia "
        "nitrogen, total phosphorus",
        "agreement: 65/67 (97.0%)",
    ]
    code, out, _ = _run(*base, "--lang", "zh")
    assert out.splitlines()[0].split() == ["断面", "监测时间", "发布类别", "本程序", "定类项目"]
    assert out.splitlines()[2].split()[3:5] == ["Ⅱ类", "Ⅲ类"]
    assert out.splitlines()[-1] == "一致：65/67（97.0%）"


def test_the_command_as_json_and_csv() -> None:
    base = ("water", str(RELEASE), "--targets", str(RELEASE_TARGETS), "--compare-published")
    _code, out, _ = _run(*base, "--format", "json")
    document = json.loads(out)
    assert (document["compared"], document["agreeing"], document["agreement_percent"]) == (
        67, 65, 97.0)
    assert document["agreement"] == "agreement: 65/67 (97.0%)"
    assert [(r["section"], r["time"], r["published"], r["ecotarget"]) for r in
            document["rows"]] == PLANTED
    assert document["rows"][0]["deciding"] == ["codmn", "tp"]
    _, out, err = _run(*base, "--format", "csv", "--lang", "en")
    assert out.splitlines()[0] == "section,time,published,ecotarget,deciding,path,line"
    assert len(out.splitlines()) == 3 and "agreement: 65/67 (97.0%)" in err


def test_the_period_chooses_the_samples_compared() -> None:
    # 2025-07-03 only: 24 samples, 1 停运, no * class that day → 23 compared; the one
    # planted that day (平湖塘东湖桥 16:00) disagrees
    code, out, _ = _run("water", str(RELEASE), "--targets", str(RELEASE_TARGETS),
                        "--compare-published", "--period", "2025-07-03..2025-07-03",
                        "--lang", "en")
    assert code == 0
    assert out.splitlines()[-1] == "agreement: 22/23 (95.7%)"
    assert out.splitlines()[2].startswith("平湖塘东湖桥  2025-07-03 16:00")


def test_validate_and_check_count_the_samples_not_assessed() -> None:
    code, out, _ = _run("validate", str(RELEASE), "--targets", str(RELEASE_TARGETS),
                        "--format", "json")
    assert code == 0
    assert [i["rows_not_assessed"] for i in json.loads(out)["inputs"]] == [0, 2, 1]
    code, out, _ = _run("check", str(RELEASE), "--targets", str(RELEASE_TARGETS),
                        "--format", "json")
    assert [i["rows_not_assessed"] for i in json.loads(out)["inputs"]] == [0, 2, 1]
    code, out, _ = _run("check", str(RELEASE), "--targets", str(RELEASE_TARGETS),
                        "--lang", "en")
    assert "3 samples not assessed" in out


def test_year_option_on_the_commands(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"{HEADER}\nA,07-01 04:00,Ⅱ,7.5,6.2,3.1,0.42,0.085,正常\n", encoding="utf-8")
    code, _, err = _run("validate", str(path), "--lang", "en")
    assert code == 2 and "pass --year YYYY" in err and "export.csv" in err
    for command in ("validate", "water", "check"):
        code, out, err = _run(command, str(path), "--year", "2025")
        assert code in (0, 1), (command, err)
    code, out, _ = _run("water", str(path), "--year", "2025", "--compare-published")
    assert out.splitlines() == ["一致：1/1（100.0%）"]
