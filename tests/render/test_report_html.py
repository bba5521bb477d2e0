"""The monthly report's HTML page: self-contained, well-formed, its figures those of
``check --format json``, every chart titled and labelled in the report's language.

The fast tests use the small hand-made input of tests/tables/monthly_inputs.py; the ones
on the bundled samples (every figure, the section grid, the stations) are slow.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ecotarget.catalogue import words
from ecotarget.cli import cli
from ecotarget.pipeline import monthly_report
from ecotarget.render.report_html import render_report_html
from ecotarget.tables.monthly import MonthlyReport
from ecotarget.targets import load_targets
from tests.conftest import SAMPLES, TARGETS

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source"}
# SVG elements matplotlib writes empty (<path ... />): closed where they open
SELF_CLOSING = re.compile(r"<[a-zA-Z][^>]*/>")


class Page(HTMLParser):
    """The page's elements with their attributes and text, and every nesting error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.open_texts: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        texts: list[str] = []
        self.elements.append((tag, {k: v or "" for k, v in attrs}, texts))
        if tag not in VOID:
            self.stack.append(tag)
            self.open_texts.append(texts)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        self.open_texts.pop()

    def handle_data(self, data: str) -> None:
        for texts in self.open_texts:
            texts.append(data)

    def find(self, tag: str | None = None, **wanted: str) -> list[tuple[dict[str, str], str]]:
        return [(attrs, "".join(texts)) for name, attrs, texts in self.elements
                if (tag is None or name == tag)
                and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())]


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


@pytest.fixture(scope="module")
def small(monthly_inputs: tuple[Path, Path],
          march_report: MonthlyReport) -> tuple[Path, Path, MonthlyReport]:
    data, targets = monthly_inputs
    return data, targets, march_report


@pytest.fixture(scope="module")
def pages(small: tuple[Path, Path, MonthlyReport]) -> dict[str, str]:
    """The small report's page in each language (drawn once: charts take seconds)."""
    return {lang: render_report_html(small[2], lang) for lang in ("zh", "en")}


def check_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# --- self-contained and well-formed --------------------------------------------------------------

EXTERNAL = re.compile(r"""(?:\bsrc\s*=|\bhref\s*=|url\(|@import)\s*["']?\s*(?:https?:)?//""", re.I)


def external_references(page: str) -> list[str]:
    """Every src, href, url( or @import that reaches outside the file."""
    return EXTERNAL.findall(page) + re.findall(r"<script[^>]*\bsrc", page, re.I)


def test_the_reference_finder_finds_what_it_must() -> None:
    # the check itself can fail: each of these is an external reference
    for bad in ('<img src="http://x/y.png">', "<a href='//cdn/x'>", "a { background: url(https://x) }",
                '@import "//fonts/x.css";', '<script src="app.js"></script>'):
        assert external_references(bad), bad
    assert external_references('<a href="#air">') == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_is_self_contained_and_well_formed(small: Any, pages: dict[str, str], lang: str) -> None:
    page = pages[lang]
    assert external_references(page) == []
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page
    parsed = parse(page)
    assert parsed.find("html")[0][0]["lang"] == ("zh-CN" if lang == "zh" else "en")
    # A4 and one section a page when printed
    assert "@page { size: A4" in page and "break-before: page" in page


def test_a_chinese_font_list_for_the_text(small: Any, pages: dict[str, str]) -> None:
    page = pages["zh"]
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", ' \
           '"SimHei", sans-serif' in page
    assert "<!DOCTYPE svg" not in page and "<metadata>" not in page and "<?xml" not in page


# --- the figures are check's ------------------------------------------------------------------

def figures(parsed: Page) -> dict[tuple[str, str], str]:
    return {(attrs["data-id"], attrs["data-field"]): attrs["data-value"]
            for attrs, _ in parsed.find("td") if "data-id" in attrs and "data-field" in attrs}


def assert_figures_equal(parsed: Page, document: dict[str, Any]) -> int:
    shown = figures(parsed)
    compared = 0
    for result in document["results"]:
        for field in ("actual", "margin"):
            value = shown[(result["id"], field)]
            expected = result[field]
            if isinstance(expected, (int, float)):
                assert float(value) == pytest.approx(expected, abs=0), (result["id"], field)
            else:
                assert value == ("" if expected is None else str(expected)), (result["id"], field)
            compared += 1
    counts = {attrs["data-status-count"]: int(attrs["data-value"])
              for attrs, _ in parsed.find("li") if "data-status-count" in attrs}
    assert counts == document["summary"]
    return compared


def test_every_figure_is_checks(small: Any, pages: dict[str, str]) -> None:
    data, targets, _ = small
    document = check_json(str(data), "--targets", str(targets))
    parsed = parse(pages["en"])
    assert assert_figures_equal(parsed, document) == 2 * 5


def test_the_month_tables_are_check_by_month(small: Any, pages: dict[str, str]) -> None:
    data, targets, _ = small
    document = check_json(str(data), "--targets", str(targets), "--by", "month")
    parsed = parse(pages["zh"])
    # the air tables of section 2: good days 90.3, 100.0, 83.9 (monthly_inputs.py)
    for result in document["results"]:
        if result["id"] not in ("good", "pm25"):
            continue
        table = [attrs for attrs, _ in parsed.find("td", data_field="value")]
        assert table  # the tables exist
    shown = [float(a["data-value"]) for a, _ in parsed.find("td", data_field="value")][:3]
    assert shown == [r["actual"] for r in document["results"][0]["breakdown"]["rows"]]
    assert shown == [90.3, 100.0, 83.9]


def test_summary_lists_every_target_not_met_with_its_reason(small: Any, pages: dict[str, str]) -> None:
    parsed = parse(pages["en"])
    summary = next(text for attrs, text in parsed.find("section") if attrs.get("id") == "summary")
    assert "Targets not met, and why (3)" in summary
    # pm25 at risk: the figure 45, the goal ≤ 35, and why
    assert "PM2.5" in summary and "≤ 35" in summary and "45" in summary
    assert "behind so far" in summary


# --- charts -----------------------------------------------------------------------------------------

def svg_texts(page: str) -> list[tuple[dict[str, str], list[str]]]:
    """Each chart's attributes and the words of its <text> elements."""
    out = []
    for match in re.finditer(r"<svg\b([^>]*)>(.*?)</svg>", page, re.S):
        attrs = dict(re.findall(r'([\w:-]+)="([^"]*)"', match.group(1)))
        texts = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text\b[^>]*>(.*?)</text>",
                                                              match.group(2), re.S)]
        out.append((attrs, texts))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_has_a_title_and_axis_labels_in_the_language(small: Any, pages: dict[str, str], lang: str) -> None:
    charts = svg_texts(pages[lang])
    # good days, PM2.5, allowance, categories; two ledger counts; the milestone timeline
    assert len(charts) == 7
    for attrs, texts in charts:
        title, x, y = attrs["aria-label"], attrs["data-x"], attrs["data-y"]
        assert title and x and y, attrs["data-chart"]
        for label in (x, y):
            assert label in texts, (attrs["data-chart"], label)
        assert title in texts or title.replace(" ", "") in "".join(texts), attrs["data-chart"]
        if attrs["data-chart"].startswith("air-") or attrs["data-chart"] in ("allowance",
                                                                              "categories"):
            assert x == words("rpt.month", lang)
    by_name = {attrs["data-chart"]: attrs for attrs, _ in charts}
    assert by_name["air-good"]["aria-label"] == words("rpt.good_rate_title", lang)
    assert by_name["air-good"]["data-y"] == words("rpt.good_rate_axis", lang)
    if lang == "zh":
        assert by_name["air-good"]["aria-label"] == "空气质量优良率（逐月）"
        assert by_name["timeline"]["data-x"] == "日期"
    else:
        assert by_name["air-good"]["aria-label"] == "Good-day rate by month"
        assert by_name["timeline"]["data-x"] == "date"


def test_the_calendar_colours_each_day_by_its_category(small: Any, pages: dict[str, str]) -> None:
    parsed = parse(pages["zh"])
    (first, text), = parsed.find("td", data_date="2025-01-01")
    # 1 January: PM2.5 100 → AQI 132, 轻度污染 (#ff7e00), primary pollutant PM2.5
    assert first["data-aqi"] == "132" and first["class"] == "aqi3" and "PM2.5" in text
    (good, text), = parsed.find("td", data_date="2025-02-01")
    assert good["data-aqi"] == "57" and good["class"] == "aqi2" and "PM2.5" not in text


def test_compare_to_lists_exactly_the_changes_made(small: Any, pages: dict[str, str]) -> None:
    parsed = parse(pages["en"])
    rows = [(a["data-change"], a["data-what"], a["data-before"], a["data-after"], a["data-better"])
            for a, _ in parsed.find("tr") if "data-change" in a]
    # worked out in tests/tables/test_monthly.py
    assert rows == [("classroom", "status", "at_risk", "on_track", "true"),
                    ("good", "actual", "94.9", "91.1", "false"),
                    ("pm25", "actual", "43.0", "45.0", "false"),
                    ("trainings", "actual", "3.0", "6.0", "true"),
                    ("classroom", "actual", "0.0", "4.0", "true")]


def test_names_from_the_data_are_escaped(small: Any) -> None:
    import dataclasses

    monthly = small[2]
    result = dataclasses.replace(monthly.report.results[1], name="<b>PM</b>&")
    report = dataclasses.replace(monthly.report, results=[monthly.report.results[0], result,
                                                          *monthly.report.results[2:]])
    page = render_report_html(dataclasses.replace(monthly, report=report), "zh")
    assert "<b>PM</b>" not in page and "&lt;b&gt;PM&lt;/b&gt;&amp;" in page


# --- the samples -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def samples() -> MonthlyReport:
    return monthly_report([str(SAMPLES)], load_targets(TARGETS))


def rows_of(parsed: Page, row_key: str) -> dict[tuple[str, str], str]:
    """(row's data-<row_key>, cell's data-month or data-field) → the cell's figure."""
    shown: dict[tuple[str, str], str] = {}
    current = None
    for name, attrs, _ in parsed.elements:
        if name == "tr":
            current = attrs.get(f"data-{row_key}")
        elif name == "td" and current is not None:
            if row_key == "section" and "data-class" in attrs:
                shown[(current, attrs["data-month"])] = attrs["data-class"]
            elif row_key == "station" and "data-field" in attrs:
                shown[(current, attrs["data-field"])] = attrs["data-value"]
    return shown


@pytest.mark.slow
def test_samples_every_figure_grid_and_station_is_checks(samples: MonthlyReport) -> None:
    parsed = parse(render_report_html(samples, "zh"))
    assert assert_figures_equal(parsed, check_json(str(SAMPLES))) == 2 * 36
    by_section = check_json(str(SAMPLES), "--by", "section")
    rows = next(r for r in by_section["results"] if r["id"] == "water_sections_class3")
    expected = {(row["section"], row["month"]): row["class"] for row in rows["breakdown"]["rows"]}
    assert len(expected) == 13 * 10
    assert rows_of(parsed, "section") == expected
    stations = check_json(str(SAMPLES), "--by", "station")["results"][0]["breakdown"]["rows"]
    shown = rows_of(parsed, "station")
    assert len(shown) == 2 * 6
    for row in stations:
        for key, value in row.items():
            if key != "station":
                assert float(shown[(row["station"], key)]) == value, (row["station"], key)
