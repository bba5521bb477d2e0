"""The targets file's errors in both languages: each problem a catalogue Text,
located ``file:line: field: message`` in either language, pydantic's error types said by
the catalogue, and no English word in Chinese nor Chinese in English outside the values a
message quotes and the YAML words a user writes.

The lines below count from this BASE file, written out::

    1 plan  2 settings  3 targets:  4 - id  5 section  6 name  7 name_en  8 clause
    9 metric  10 params  11 op  12 target  13 unit
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

import ecotarget.targets
from ecotarget.catalogue import Text
from ecotarget.errors import TargetsFileError
from ecotarget.params import WaterShareParams
from ecotarget.registry import METRICS
from ecotarget.targets import load_targets
from ecotarget.targets_problems import problem_text
from tests.language import cjk_runs, english_words
from tests.test_targets import TOTAL

BASE = """\
plan: {year: 2025, region: 平湖市, issuer: 平湖分局}
settings: {lang: zh}
targets:
""" + TOTAL
TARGET = BASE[BASE.index("  - id"):]
MILESTONE = TARGET.replace("ledger.total", "ledger.milestone").replace('">="', '"=="')


def _changed(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new)


#: name → the file's content (bytes as they are; text as UTF-8). Every error of the brief:
#: the file as a whole, then each pydantic type a user meets, then the file's own rules.
CASES: dict[str, bytes | str] = {
    "too large": BASE,  # with the limit lowered to 100 bytes
    "binary": b"plan:\x00\x01",
    "not utf-8": b"\xff\xfe\xfa",
    "yaml syntax": "plan: {year: 2025\n",
    "too deep": "a: " + "[" * 60 + "]" * 60 + "\n",
    "empty": b"",
    "not a mapping": "- a\n- b\n",
    "duplicate key": BASE + "    unit: 个\n",
    "not a calendar date": BASE + "    due: 2025-02-29\n",
    "duplicate id": BASE + TARGET,
    "missing": _changed("    name_en: Trainings\n", ""),
    "extra_forbidden": BASE + "    colour: red\n",
    "literal_error": _changed("section: tasks", "section: task"),
    "int_parsing": _changed("year: 2025", "year: twenty"),
    "greater_than_equal": _changed("year: 2025", "year: 1999"),
    "less_than_equal": _changed("year: 2025", "year: 2200"),
    "date_from_datetime_parsing": BASE + "    due: soon\n",
    "string_type": _changed("name: 各类培训", "name: 5"),
    "bool_parsing": BASE + "    stretch: maybe\n",
    "list_type": _changed("targets:\n", "stations: 平湖监测站\ntargets:\n"),
    "dict_type": _changed("{indicator: 培训期数}", "[培训期数]"),
    "model_type": _changed("plan: {year: 2025, region: 平湖市, issuer: 平湖分局}", "plan: 5"),
    "string_too_short": _changed("name: 各类培训", 'name: ""'),
    "too_short": BASE[:BASE.index("  - id")].replace("targets:\n", "targets: []\n"),
    "id pattern": _changed("id: trainings", "id: Trainings"),
    "op": _changed('op: ">="', 'op: "=>"'),
    "metric near": _changed("ledger.total", "ledger.totl"),
    "metric far": _changed("ledger.total", "foo"),
    "params": _changed("{indicator: 培训期数}", "{indicatr: 培训期数, aggregate: mean}"),
    "target word": _changed("target: 20", "target: true"),
    "target size": _changed("target: 20", "target: .inf"),
    "not on the scale": _changed("target: 20", "target: E"),
    "milestone due": BASE.replace(TARGET, MILESTONE).replace("target: 20", "target: 1"),
    "scale distinct": _changed("ledger.total", "ledger.latest").replace(
        "{indicator: 培训期数}", "{indicator: 档次, scale: [A, A]}"),
    "max_class": _changed("ledger.total", "water.class_share").replace(
        "{indicator: 培训期数}", "{levels: [national], max_class: VI}"),
    "two regions": BASE + "regions:\n  A: [s1, s2]\n  B: [s2]\n",
    "section level": BASE + "sections:\n  S: {level: 区控}\n",
    "section waterbody": BASE + "sections:\n  S: {waterbody: sea}\n",
    "section class": BASE + "sections:\n  S: {target_class: VI}\n",
}

#: the words a message quotes as they are written in a targets file or on a command line,
#: the same in both languages (YAML keys and words, metric names, the codes a field takes)
WRITTEN = {
    "YAML", "UTF", "README", "plan", "targets", "previous_year", "params", "scale", "due",
    "true", "false", "target_class", "headline", "tasks", "milestones", "zh", "en",
    "sum", "latest", "pm25_mean", "I", "II", "III", "IV", "V", "劣V",
    "national", "provincial", "municipal", "county", "river", "lake", "reservoir",
    "国控", "省控", "市控", "县控", "河流", "湖库", "湖泊", "水库", *METRICS,
    # numbers as Python writes them: the bound of a target, and the value .inf
    "1e+15", "inf",
}
#: what one case's message names from its own file: params fields, stations and regions
CASE_DATA = {"params": {"indicator", "aggregate", "indicatr"}, "max_class": {"max_class"},
             "two regions": {"s2", "A", "B"}}


def _problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> list[Text]:
    if case == "too large":
        monkeypatch.setattr(ecotarget.targets, "TARGETS_FILE_LIMIT", 100)
    path = tmp_path / "t.yaml"
    content = CASES[case]
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(TargetsFileError) as caught:
        load_targets(path)
    assert caught.value.problems
    return caught.value.problems


def _messages(problems: list[Text], lang: str) -> list[str]:
    """Each problem without its location (file:line and the field's path are data)."""
    return [problem.params["problem"].render(lang) for problem in problems]


def _quoted(text: str) -> set[str]:
    """The values a message quotes ('…') and the parser's own words after 解析器原文."""
    return set(re.findall(r"'[^']*'", text)) | set(re.findall(r"解析器原文：(.*)）", text))


@pytest.mark.parametrize("case", list(CASES))
def test_every_targets_file_error_in_one_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  case: str) -> None:
    problems = _problems(tmp_path, monkeypatch, case)
    data = WRITTEN | CASE_DATA.get(case, set())
    for zh, en in zip(_messages(problems, "zh"), _messages(problems, "en"), strict=True):
        assert english_words(zh, data | _quoted(zh)) == [], zh
        assert cjk_runs(en, data | _quoted(en)) == [], en
        assert zh != en
    # the location is the same in both languages: file:line, then the field's path
    for problem in problems:
        assert problem.render("en").startswith(str(tmp_path / "t.yaml"))
        assert problem.render("zh").startswith(problem.params["where"])


#: the exact messages of a handful, by hand (the line numbers from BASE's table above)
EXACT = {
    "literal_error": (
        "t.yaml:5: targets[0].section: must be one of headline, tasks, milestones (got 'task')",
        "t.yaml:5：targets[0].section：须为 headline、tasks、milestones 之一（写的是 'task'）"),
    # name_en is absent: the line of the target it belongs to
    "missing": ("t.yaml:4: targets[0].name_en: missing (required)",
                "t.yaml:4：targets[0].name_en：缺少此字段（必填）"),
    "metric near": (
        "t.yaml:9: targets[0].metric: unknown metric 'ledger.totl'; closest known: ledger.total, "
        "ledger.ratio, ledger.milestone",
        "t.yaml:9：targets[0].metric：未知的计算方法 'ledger.totl'；最接近的有 ledger.total、"
        "ledger.ratio、ledger.milestone"),
    # the unit of line 13 given again on line 14
    "duplicate key": (
        "t.yaml:14: duplicate key 'unit' (also on line 13): the last would silently win; keep one",
        "t.yaml:14：键 'unit' 重复（第 13 行也有）：后者会悄悄覆盖前者；请只保留一个"),
    "greater_than_equal": ("t.yaml:1: plan.year: must be ≥ 2000 (got 1999)",
                           "t.yaml:1：plan.year：须 ≥ 2000（写的是 1999）"),
    "empty": ("t.yaml: the targets file is empty", "t.yaml：目标文件是空的"),
    # the second target's id, on line 14 (13 + 1), the first on line 4
    "duplicate id": (
        "t.yaml:14: targets[1].id: duplicate target id 'trainings' (first on line 4)",
        "t.yaml:14：targets[1].id：目标编号 'trainings' 重复（首次出现在第 4 行）"),
    "params": (
        "t.yaml:10: targets[0].params: indicator: missing (required); aggregate: must be one "
        "of sum, latest (got 'mean'); indicatr: unknown field",
        "t.yaml:10：targets[0].params：indicator：缺少此字段（必填）；aggregate：须为 sum、latest 之一"
        "（写的是 'mean'）；indicatr：未知字段"),
}


@pytest.mark.parametrize("case", list(EXACT))
def test_exact_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    problems = _problems(tmp_path, monkeypatch, case)
    prefix = f"{tmp_path}/"
    en, zh = EXACT[case]
    assert [p.render("en").removeprefix(prefix) for p in problems] == [en]
    assert [p.render("zh").removeprefix(prefix) for p in problems] == [zh]


def test_an_unreadable_file_in_both_languages(tmp_path: Path) -> None:
    with pytest.raises(TargetsFileError) as caught:
        load_targets(tmp_path / "nope.yaml")
    assert caught.value.said("en") == (f"{tmp_path}/nope.yaml: cannot read the targets file: "
                                       "No such file or directory")
    assert caught.value.said("zh") == f"{tmp_path}/nope.yaml：无法读取目标文件：没有这个文件或目录"
    assert caught.value.lang is None  # nothing read: the language is the default's


def test_the_files_own_language_travels_with_its_errors(tmp_path: Path) -> None:
    # settings.lang is read from the parsed file even when it does not validate
    path = tmp_path / "t.yaml"
    path.write_text(BASE.replace("lang: zh", "lang: en").replace("ledger.total", "foo"),
                    encoding="utf-8")
    with pytest.raises(TargetsFileError) as caught:
        load_targets(path)
    assert caught.value.lang == "en"
    path.write_text(BASE.replace("lang: zh", "lang: fr"), encoding="utf-8")
    with pytest.raises(TargetsFileError) as caught:
        load_targets(path)
    assert caught.value.lang is None  # not a language: the default's


@pytest.mark.parametrize(("error", "en", "zh"), [
    ({"type": "float_parsing", "input": "abc"}, "not a number (got 'abc')", "不是数字（写的是 'abc'）"),
    ({"type": "greater_than", "input": 0, "ctx": {"gt": 0}}, "must be > 0 (got 0)",
     "须 > 0（写的是 0）"),
    ({"type": "less_than", "input": 9, "ctx": {"lt": 5}}, "must be < 5 (got 9)",
     "须 < 5（写的是 9）"),
    ({"type": "finite_number", "input": float("inf")}, "must be a finite number (got inf)",
     "须为有限的数（写的是 inf）"),
    ({"type": "date_type", "input": 3}, "not a date (got 3): write YYYY-MM-DD",
     "不是日期（写的是 3）：请写成年-月-日，如 2025-12-31"),
    # a type no targets file meets: pydantic's English, marked so in Chinese
    ({"type": "url_parsing", "input": "x", "msg": "Input should be a valid URL"},
     "Input should be a valid URL", "校验未通过（英文原文）：Input should be a valid URL"),
])
def test_types_no_targets_file_reaches_today(error: dict[str, object], en: str, zh: str) -> None:
    # the types above have no field of their kind in the models yet: said all the same
    text = problem_text({"msg": "", **error})
    assert (text.render("en"), text.render("zh")) == (en, zh)


def test_a_params_model_says_its_own_rule_in_both_languages() -> None:
    with pytest.raises(ValidationError) as caught:
        WaterShareParams.model_validate({"levels": ["national"], "max_class": "VI"})
    (error,) = caught.value.errors()
    assert problem_text(error).render("zh") == "须为 I、II、III、IV、V 之一（写的是 'VI'）"
    assert str(caught.value.errors()[0]["msg"]).endswith("must be one of I, II, III, IV, V "
                                                         "(got 'VI')")
