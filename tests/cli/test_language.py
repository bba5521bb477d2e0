"""One language per run: every command's output in zh has no English words, and in en no
Chinese outside the values that come from the data.

The data values allowed are the sample files' own names: water sections and sources,
ledger indicators (a reason may name one), station names. Target names come from
``name_en`` in English, so they are not among them.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli.main import cli
from ecotarget.targets import load_targets
from tests.language import cjk_runs, english_words

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


def _column(path: Path, index: int) -> set[str]:
    with path.open(encoding="utf-8-sig") as handle:
        return {row[index] for row in list(csv.reader(handle))[1:] if len(row) > index}


def _header(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig") as handle:
        return set(next(csv.reader(handle)))


#: names that come from the data and keep their own text in every language: sections,
#: indicators, stations, and the water file's item headers (validate lists its columns)
DATA = (_column(SAMPLES / "water-2025.csv", 0) | _column(SAMPLES / "ledger-2025.csv", 1)
        | _header(SAMPLES / "water-2025.csv")
        | {"平湖监测站", "当湖街道"})  # the air samples' stations


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    os.environ.pop("COLUMNS", None)


CASES = {
    "check table": ("check", str(SAMPLES)),
    "check markdown": ("check", str(SAMPLES), "--format", "markdown"),
    "water": ("water", str(SAMPLES / "water-2025.csv")),
    "aqi": ("aqi", str(SAMPLES / "air-hourly-2025.csv")),
    "aqi calendar": ("aqi", str(SAMPLES), "--calendar"),
    "validate": ("validate", str(SAMPLES / "ledger-2025.csv"), str(SAMPLES / "water-2025.csv")),
}
@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("case", list(CASES))
def test_zh_output_has_no_english_word(case: str) -> None:
    out = run(*CASES[case], "--lang", "zh")
    # B: the grade of 省厅赛马比拼档次, a value of the targets file; O3-1h/O3-8h: pollutant
    # codes of HJ 633; air_good_day_rate: the id of the target the calendar judges by;
    # utf-8: an input's encoding, as validate names it
    assert out and english_words(out, DATA | {"B", "O3-1h", "O3-8h", "air_good_day_rate",
                                              "utf-8"}) == []


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("case", list(CASES))
def test_en_output_has_no_chinese_outside_data(case: str) -> None:
    out = run(*CASES[case], "--lang", "en")
    assert out and cjk_runs(out, DATA | _indicators()) == []


def _indicators() -> set[str]:
    """The ledger indicators the bundled targets name (a reason may name one with no rows)."""
    spec = load_targets(ROOT / "config" / "targets.yaml").spec
    return {v for t in spec.targets for v in t.params.values() if isinstance(v, str)}


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_default_language_comes_from_the_targets_file(tmp_path: Path) -> None:
    targets = (ROOT / "config" / "targets.yaml").read_text(encoding="utf-8")
    english = tmp_path / "targets.yaml"
    english.write_text(targets.replace("  lang: zh ", "  lang: en "), encoding="utf-8")
    out = run("check", str(SAMPLES), "--targets", str(english))
    assert out.startswith("Pinghu 2025 · as of 2025-10-31")
    # --lang wins over the file
    assert run("check", str(SAMPLES), "--targets", str(english), "--lang", "zh").startswith(
        "平湖市 2025 · 截至 2025-10-31")


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_english_goals_use_unit_en() -> None:
    out = run("check", str(SAMPLES), "--lang", "en", "--format", "markdown")
    # ≥ 90 个 → ≥ 90 projects; = 0 起 → = 0 incidents; done by …
    assert "| ≥ 90 projects (pace 75) |" in out and "| = 0 incidents |" in out
    assert "| done by 2025-12-31 |" in out and "Jan–Oct" in out


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_chinese_goals_and_months() -> None:
    out = run("check", str(SAMPLES), "--lang", "zh", "--format", "markdown")
    # 1–10月 for Jan–Oct, 上年 for previous year, 前完成 for done by
    assert "| ≥ 90 个 (进度 75) |" in out and "| < 上年 (393) |" in out
    assert "| 2025-12-31 前完成 |" in out and "1–10月" in out


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_json_carries_both_languages() -> None:
    import json

    document = json.loads(run("check", str(SAMPLES), "--format", "json"))
    good = next(r for r in document["results"] if r["id"] == "air_good_day_rate")
    assert good["how"] == "272/303 天 · 1–10月 · 余下 61 天至多 5 天非优良"
    assert good["how_en"] == "272/303 days · Jan–Oct · ≤ 5 non-good of 61 days left"
    projects = next(r for r in document["results"] if r["unit"] == "个")
    assert projects["unit_en"] == "projects"
    assert document["plan"]["region_en"] == "Pinghu"


# --- rejected rows, notes and fatal errors: stderr too ----------------------------------------

def run_all(*args: str) -> tuple[int, str]:
    """(exit code, stdout and stderr together) of a run that may fail."""
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    return result.exit_code, result.stdout + result.stderr


#: an air file whose every row is rejected: a negative PM2.5, text, a CO column in µg/m³
BAD_AIR = ("时间,站点,PM2.5,CO\n2025-01-01 01:00,甲,35,800\n2025-01-01 02:00,甲,-3,900\n"
           "2025-01-01 03:00,甲,x,1200\n")
#: a ledger with an unknown indicator, a negative figure, a bad month and a bad grade
BAD_LEDGER = ("月份,指标,数值\n2025-01,培训次数,2\n2025-02,培训期数,-5\n2025-13,培训期数,1\n"
              "2025-03,省厅赛马比拼档次,E\n")


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("content", [BAD_AIR, BAD_LEDGER], ids=["air", "ledger"])
def test_rejected_rows_and_warnings_in_one_language(tmp_path: Path, command: str,
                                                     content: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    data = DATA | {"甲", "培训次数", "培训期数", "省厅赛马比拼档次", "bad.csv", "CO"}
    code, zh = run_all(command, str(path), "--lang", "zh", "--fail-on", "never"
                       ) if command == "check" else run_all(command, str(path), "--lang", "zh")
    assert code in (0, 1) and ("拒收" in zh)
    # the grades of the scale (A–D), a value written (E, x), the program's name on stderr,
    # the encoding, and the command a message names
    allowed = data | {"A", "B", "C", "D", "E", "x", "ecotarget", "utf-8", "ecotarget targets",
                      "ecotarget validate"}
    assert english_words(zh, allowed) == []
    args = (command, str(path), "--lang", "en", *(["--fail-on", "never"] if command == "check"
                                                  else []))
    code, en = run_all(*args)
    assert code in (0, 1) and "rejected" in en
    assert cjk_runs(en, data | _indicators() | {"月份", "指标", "数值", "是", "完成", "否",
                                                "未完成"}) == []


@pytest.mark.parametrize("args", [
    ("check", "no-such-file.csv"),
    ("check", str(SAMPLES), "--period", "July"),
    ("check", str(SAMPLES), "--as-of", "June"),
    ("validate", str(ROOT / "tests" / "data" / "broken" / "empty.csv")),
    ("validate", str(ROOT / "tests" / "data" / "broken" / "unknown-columns.csv")),
], ids=["no file", "period", "as-of", "empty", "no header"])
def test_fatal_errors_in_one_language(args: tuple[str, ...]) -> None:
    code, zh = run_all(*args, "--lang", "zh")
    assert code == 2 and zh.startswith("ecotarget: 错误：")
    # option names, the value given, the examples' codes and the paths stay as written
    allowed = {"ecotarget", "period", "as-of", "kind", "July", "June", "Q1", "PM2", "foo",
               "bar", "baz"}
    assert english_words(zh, allowed) == []
    code, en = run_all(*args, "--lang", "en")
    assert code == 2 and en.startswith("ecotarget: error: ")
    # the example headers of the three kinds are what to write, in Chinese
    assert cjk_runs(en, {"月份,指标,数值", "时间,站点,PM2.5,…", "断面名称,采样日期,溶解氧,…"}) == []


def test_rank_and_template_speak_the_run_language(tmp_path: Path) -> None:
    rank = ("rank", str(SAMPLES / "rank" / "air"), "--regions",
            str(SAMPLES / "rank" / "regions.csv"), "--period", "2025-01", "--format",
            "markdown")
    regions = {"平湖市", "嘉善县", "海盐县", "海宁市", "桐乡市"}
    _, zh = run_all(*rank, "--lang", "zh")
    assert zh.startswith("# 空气质量排名 · 综合指数 · ")
    # the whole table, the unranked region's reason (有效天数不足（HJ 663）…) included
    assert "有效天数不足（HJ 663）：2025-01 有效天数 26 天，应至少 27 天" in zh
    assert english_words(zh, regions | {"PM2", "CO-95", "O3-8h-90", "HJ"}) == []
    _, en = run_all(*rank, "--lang", "en")
    assert en.startswith("# Air quality ranking · composite index · ")
    assert cjk_runs(en, regions) == []
    template = ("template", "ledger", "-o", str(tmp_path / "ledger.csv"))
    assert english_words(run_all(*template, "--lang", "zh")[1], {"ecotarget"}) == []
    assert cjk_runs(run_all(*template, "--lang", "en")[1]) == []


# --- the rarer fatal and usage errors, rank reasons, the network file's rejected hours ----------

#: an option as written on the command line (--as-of, -o): the same in both languages
_OPTION = re.compile(r"(?<![\w-])--?[a-z][\w-]*")


def _rare_cases(tmp: Path) -> dict[str, tuple[tuple[str, ...], set[str]]]:
    """Name → (command line, the data values and codes its output may quote)."""
    loop = tmp / "loop.csv"
    loop.symlink_to(loop)
    broken = tmp / "broken.csv"
    broken.symlink_to(tmp / "gone.csv")
    mixed = tmp / "mixed.csv"  # a UTF-8 line, then rows appended from a GBK export
    mixed.write_bytes("月份,指标,数值\n2025-01,培训期数,1\n".encode()
                      + "2025-02,培训期数,2\n".encode("gbk"))
    release = tmp / "export.csv"  # the water release's MM-DD times, no year in the name
    release.write_text("断面名称,监测时间,水质类别,pH\nA,07-01 04:00,Ⅱ,7.5\n", encoding="utf-8")
    book = tmp / "book.xlsx"
    book.write_bytes(b"not a zip")
    regions = tmp / "regions.csv"
    regions.write_text("station,region\n2001A,平湖市\n2002A,\n", encoding="utf-8")
    twice = tmp / "china_sites_20250101.csv"  # a network file with PM2.5 twice in one hour
    twice.write_text("date,hour,type,1001A\n20250101,1,PM2.5,30\n20250101,1,PM2.5,31\n"
                     "20250101,2,PM2.5,32\n", encoding="utf-8")
    huge = tmp / "huge.csv"
    huge.write_text("月份,指标,数值\n2025-01,培训期数," + "1" * 300 + "x\n", encoding="utf-8")
    ledger = str(SAMPLES / "ledger-2025.csv")
    long = str(SAMPLES / "network" / "long")
    rank = ("rank", str(SAMPLES / "rank" / "air"), "--regions",
            str(SAMPLES / "rank" / "regions.csv"), "--period", "2025-01", "--by", "change",
            "--format", "markdown")
    regions_named = {"平湖市", "嘉善县", "海盐县", "海宁市", "桐乡市"}
    return {
        "symlink loop": (("check", str(loop)), set()),
        "broken symlink": (("check", str(broken)), set()),
        "stdin twice": (("check", "-", "-"), set()),
        "mixed encodings": (("check", str(mixed)), {"UTF", "GBK"}),
        "not an encoding": (("check", ledger, "--encoding", "base64"), {"base64", "utf",
                                                                         "gb18030"}),
        "no year": (("validate", str(release)), {"07-01 04:00", "监测时间"}),
        "xlsx": (("validate", str(book)), {"xlsx", "zip", "Excel", "CSV"}),
        "regions": (("rank", str(SAMPLES / "rank" / "air"), "--regions", str(regions)),
                    {"2002A", "region"}),
        "choose stations": (("check", long), {"stations", "ecotarget", "aqi"}),
        "no such station": (("check", long, "--station", "NOPE"), {"NOPE"}),
        "as-of outside period": (("check", ledger, "--period", "2025-10", "--as-of",
                                  "2025-06-30"), set()),
        "as-of outside year": (("check", ledger, "--as-of", "2024-12-31"), set()),
        "output is input": (("check", ledger, "-o", ledger), set()),
        "empty output": (("check", ledger, "-o", ""), set()),
        "xlsx to a terminal": (("check", ledger, "--format", "xlsx"), {"xlsx"}),
        "calendar as json": (("aqi", str(SAMPLES), "--calendar", "--format", "json"),
                             {"table", "csv", "json", "city"}),
        "rank by": (("rank", str(SAMPLES / "rank" / "air"), "--by", "cwqi"),
                    {"cwqi", "air", "composite", "good_day_rate", "pm25", "change"}),
        "network hour twice": (("validate", str(twice)),
                               {"PM2", "1001A", "date", "hour", "utf-8"}),
        "long value": (("validate", str(huge)), {"培训期数", "数值", "utf-8"}),
        "rank reasons": (rank, regions_named | {"PM2", "CO-95", "O3-8h-90", "HJ"}),
    }


RARE = ["symlink loop", "broken symlink", "stdin twice", "mixed encodings", "not an encoding",
        "no year", "xlsx", "regions", "choose stations", "no such station",
        "as-of outside period", "as-of outside year", "output is input", "empty output",
        "xlsx to a terminal", "calendar as json", "rank by", "network hour twice",
        "long value", "rank reasons"]


@pytest.mark.parametrize("case", RARE)
def test_rare_errors_and_reasons_in_one_language(tmp_path: Path, case: str) -> None:
    args, data = _rare_cases(tmp_path)[case]
    lang_args = ["--targets", str(ROOT / "config" / "targets.yaml")] if args[0] in (
        "check", "validate") else []
    outputs = {}
    for lang in ("zh", "en"):
        # wide enough that no path is folded inside its table cell
        result = CliRunner().invoke(cli, [*args, *lang_args, "--lang", lang], input=b"",
                                    env={"COLUMNS": "400", "NO_COLOR": "1"})
        assert result.exit_code in (1, 2) or case == "rank reasons", (case, result.output)
        outputs[lang] = _OPTION.sub(" ", result.stdout + result.stderr)
    zh, en = outputs["zh"], outputs["en"]
    # the program's name and the values a message quotes stay as written
    assert english_words(zh, data | {"ecotarget"}) == [], zh
    assert cjk_runs(en, data | DATA | {"站点,地区", "站点", "月份,指标,数值", "断面名称,采样日期,溶解氧,…",
                                       "水质类别", "培训期数", "平湖市"}) == [], en


def test_the_size_limits_in_both_languages() -> None:
    # 64 MiB without a line break, 8 GiB in all: the limits as arguments, to test them small
    import io

    from ecotarget.errors import InputError
    from ecotarget.read.source import read_bounded

    with pytest.raises(InputError) as no_break:
        read_bounded(io.BytesIO(b"x" * 10), "zero", first_line_limit=8)
    assert no_break.value.said("zh") == "zero：前 8 字节中没有换行：不是 CSV 文本文件"
    with pytest.raises(InputError) as large:
        read_bounded(io.BytesIO(b"a,b\n" * 1000), "big.csv", limit=2000)
    assert large.value.said("en") == ("big.csv: larger than 2,000 bytes: split it (by year or by "
                                      "station) and read the parts")
    assert large.value.said("zh") == "big.csv：大于 2,000 字节：请拆分（按年份或按站点）后分别读取"
