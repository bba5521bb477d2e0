"""The monthly report's workbook (``ecotarget report --output FILE.xlsx``).

The fast tests use the small hand-made input of tests/tables/monthly_inputs.py (January–
March 2025, its figures worked out by hand there); the slow ones the bundled samples. Every
figure read back from the workbook is compared with ``check --format json`` of the same
inputs, never with the model the workbook was written from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from ecotarget.cli import cli
from ecotarget.render.common import STATUS_FILL, STATUS_WORD
from ecotarget.render.report_xlsx import render_report_xlsx
from ecotarget.tables.monthly import MonthlyReport, RejectGroup, StationFigures
from tests.conftest import ROOT
from tests.language import cjk_runs, english_words

HOSTILE = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(scope="module")
def inputs(monthly_inputs: tuple[Path, Path]) -> tuple[Path, Path]:
    return monthly_inputs


@pytest.fixture(scope="module")
def monthly(march_report: MonthlyReport) -> MonthlyReport:
    return march_report


@pytest.fixture(scope="module")
def check_json(inputs: tuple[Path, Path]) -> dict[str, Any]:
    data, targets = inputs
    result = CliRunner().invoke(cli, ["check", str(data), "--targets", str(targets),
                                      "--format", "json", "--by", "month"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.output)
    return document


def book_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def books(monthly: MonthlyReport) -> dict[str, bytes]:
    return {lang: render_report_xlsx(monthly, lang) for lang in ("zh", "en")}


def table(sheet: Worksheet, key: str) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of the Excel table written for ``key`` (named ``T<n>_<key>``)."""
    (found,) = [sheet.tables[name] for name in sheet.tables if name.split("_", 1)[1] == key]
    rows = [[c.value for c in row] for row in sheet[found.ref]]
    return [str(h) for h in rows[0]], rows[1:]


def cells(sheet: Worksheet, key: str) -> list[list[Any]]:
    """The cells (not values) of a table's rows."""
    (found,) = [sheet.tables[name] for name in sheet.tables if name.split("_", 1)[1] == key]
    return [list(row) for row in sheet[found.ref]][1:]


def column(sheet: Worksheet, key: str, header: str) -> list[Any]:
    headers, rows = table(sheet, key)
    return [row[headers.index(header)] for row in rows]


def table_headers(book: openpyxl.Workbook) -> list[str]:
    return [str(c.value) for sheet in book.worksheets for t in sheet.tables.values()
            for c in sheet[t.ref][0]]


def chart_texts(data: bytes) -> dict[str, list[str]]:
    """Each chart part of the file and the texts of its titles (chart, then the axes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: [re.sub(r"<[^>]+>", "", t) for t in
                       re.findall(r"<c:title>(.*?)</c:title>", archive.read(name).decode(), re.S)]
                for name in archive.namelist() if name.startswith("xl/charts/chart")}


# --- the workbook's shape -------------------------------------------------------------------

def test_one_sheet_per_section_in_the_chosen_language(books: dict[str, bytes]) -> None:
    # no water input in the hand-made data: the water sheet says so
    assert book_of(books["zh"]).sheetnames == [
        "总体情况", "变化", "环境空气", "空气日历", "水环境", "台账与任务", "数据情况"]
    assert book_of(books["en"]).sheetnames == [
        "Summary", "Changes", "Air", "AQI calendar", "Water", "Ledger & tasks", "Data"]
    water = book_of(books["zh"])["水环境"]
    assert water["A2"].value == "没有水质输入"


def test_numbers_are_numeric_and_missing_figures_blank(books: dict[str, bytes]) -> None:
    number = re.compile(r"[+-]?\d+(\.\d+)?%?")
    book = book_of(books["en"])
    for sheet in book.worksheets:
        for found in sheet.tables.values():
            for row in list(sheet[found.ref])[1:]:  # the header row is text by Excel's rule
                for cell in row:
                    assert not (isinstance(cell.value, str) and number.fullmatch(cell.value)), \
                        (sheet.title, cell.coordinate, cell.value)
                    assert cell.value not in ("None", "nan", "–"), (sheet.title, cell.coordinate)
    headers, rows = table(book["Summary"], "targets")
    good = rows[[r[0] for r in rows].index("good")]
    assert isinstance(good[headers.index("actual")], float)
    # the good-day rate has no pace (check's pace_target is null): an empty cell, not 0
    assert good[headers.index("pace")] is None


def test_dates_are_dates_with_a_date_format(books: dict[str, bytes]) -> None:
    book = book_of(books["en"])
    summary = cells(book["Summary"], "targets")
    headers, _ = table(book["Summary"], "targets")
    through = summary[0][headers.index("last date")]
    assert through.value == dt.datetime(2025, 3, 31) and through.number_format == "yyyy-mm-dd"
    month = cells(book["Air"], "air")[0][0]
    assert month.value == dt.datetime(2025, 1, 1) and month.number_format == "yyyy-mm"
    due = cells(book["Ledger & tasks"], "milestones")[0][1]
    assert due.value == dt.datetime(2025, 6, 30) and due.is_date


def test_headers_frozen_and_tables_filtered(books: dict[str, bytes]) -> None:
    book = book_of(books["zh"])
    for sheet in book.worksheets:
        if not sheet.tables:
            continue
        first = min(sheet.tables.values(), key=lambda t: int(re.sub(r"\D", "", t.ref.split(":")[0])))
        header_row = int(re.sub(r"\D", "", first.ref.split(":")[0]))
        # the pane is frozen just under the first table's header row
        assert int(re.sub(r"\D", "", sheet.freeze_panes or "")) == header_row + 1, sheet.title
        assert all(t.autoFilter is not None for t in sheet.tables.values()), sheet.title


def test_columns_fit_their_contents_cjk_counted_double(books: dict[str, bytes]) -> None:
    sheet = book_of(books["zh"])["数据情况"]
    # the kind column holds 台账 / 空气 (4 wide) under 数据类型 (8 wide + 3 for the filter)
    # (XlsxWriter stores a width with the cell padding Excel adds: 11 → 11.71)
    assert round(width(sheet, 2)) == 12
    sheet = book_of(books["zh"])["空气日历"]
    # a day column: "31" + the filter button, or an AQI of three digits
    assert round(width(sheet, 32)) == 6


def width(sheet: Worksheet, index: int) -> float:
    """The width of column ``index`` (1: A); openpyxl keeps equal neighbours as one range."""
    (found,) = [d.width for d in sheet.column_dimensions.values() if d.min <= index <= d.max]
    return float(found)


# --- the figures: those of check --format json ----------------------------------------------

def test_every_target_figure_equals_checks(books: dict[str, bytes],
                                           check_json: dict[str, Any]) -> None:
    for lang in ("zh", "en"):
        book = book_of(books[lang])
        sheet = book.worksheets[0]
        headers, rows = table(sheet, "targets")
        by_id = {row[0]: dict(zip(headers, row, strict=True)) for row in rows}
        labels = {label: status for status, label in STATUS_WORD[lang].items()}
        words = {"zh": ("实际", "比较基数", "差距", "进度线", "状态", "数据截至"),
                 "en": ("actual", "compared with", "margin", "pace", "status", "last date")}[lang]
        actual, compared, margin, pace, status, through = words
        assert list(by_id) == [r["id"] for r in check_json["results"]]
        for result in check_json["results"]:
            row = by_id[result["id"]]
            if result["metric"] != "ledger.milestone":
                assert row[actual] == result["actual"], result["id"]
            assert row[compared] == result["target_value"]
            assert row[margin] == result["margin"]
            assert row[pace] == result["pace_target"]
            assert labels[row[status]] == result["status"]
            assert row[through].date().isoformat() == result["data_through"]
        counts = dict(table(sheet, "counts")[1])
        assert {labels[k]: v for k, v in counts.items()} == check_json["summary"]


def test_monthly_series_equal_checks_by_month(books: dict[str, bytes],
                                              check_json: dict[str, Any]) -> None:
    results = {r["id"]: r for r in check_json["results"]}
    book = book_of(books["en"])
    air = book["Air"]
    # each month's own figure is check --by month's row; the last month to date is check's
    assert column(air, "air", "good-day rate, this month (%)") == [
        row["actual"] for row in results["good"]["breakdown"]["rows"]] == [90.3, 100.0, 83.9]
    assert column(air, "air", "PM2.5, this month (µg/m³)") == [
        row["actual"] for row in results["pm25"]["breakdown"]["rows"]]
    assert column(air, "air", "good-day rate, to date (%)")[-1] == results["good"]["actual"]
    assert column(air, "air", "PM2.5, to date (µg/m³)")[-1] == results["pm25"]["actual"]
    assert column(air, "air", "valid days") == [
        row["valid_days"] for row in results["good"]["breakdown"]["rows"]]
    assert column(air, "air", "lightly polluted (days)") == [3, 0, 5]
    # the allowance at the last month's end is the check's outlook
    assert column(air, "air", "non-good days still allowed")[-1] == \
        results["good"]["outlook"]["allowance"] == 28
    projected = column(air, "air_targets", "year-end projection")
    assert projected == [results[t]["outlook"].get("projected") for t in ("good", "pm25")]
    headers, rows = table(book["Ledger & tasks"], "ledger")
    trainings = [dict(zip(headers, r, strict=True)) for r in rows if r[0] == "Trainings"]
    assert [r["the month's figure"] for r in trainings] == [row["actual"] for row in
                                               results["trainings"]["breakdown"]["rows"]]
    assert trainings[-1]["to date"] == results["trainings"]["actual"] == 6.0
    assert trainings[-1]["pace"] == results["trainings"]["pace_target"]
    # the input's account of rows is check's
    inputs = table(book["Data"], "inputs")[1]
    assert [(r[0], r[2], r[3], r[4]) for r in inputs] == [
        (i["path"], i["rows_read"], i["rows_accepted"], i["rows_rejected"])
        for i in check_json["inputs"]]


def test_status_cells_on_checks_colours(books: dict[str, bytes]) -> None:
    book = book_of(books["en"])
    for row in cells(book["Summary"], "targets"):
        status = row[10]
        wanted = STATUS_FILL[{v: k for k, v in STATUS_WORD["en"].items()}[status.value]]
        assert status.fill.fgColor.rgb == wanted, row[0].value


def test_the_calendar_is_a_grid_of_months_and_days(books: dict[str, bytes]) -> None:
    sheet = book_of(books["en"])["AQI calendar"]
    headers, rows = table(sheet, "calendar")
    assert headers == ["month", *(str(n) for n in range(1, 32))]
    assert [r[0] for r in rows] == [dt.datetime(2025, m, 1) for m in (1, 2, 3)]
    grid = cells(sheet, "calendar")
    # 1 January: PM2.5 100 → AQI 132, lightly polluted (#ff7e00), its primary pollutant noted;
    # 4 January: PM2.5 40 → AQI 57, good (#ffff00), no note
    first, fourth = grid[0][1], grid[0][4]
    assert first.value == 132 and first.fill.fgColor.rgb == "FFFF7E00"
    assert first.comment is not None and "primary pollutant PM2.5" in first.comment.text
    assert fourth.value == 57 and fourth.fill.fgColor.rgb == "FFFFFF00"
    assert fourth.comment is None
    # February has 28 days: its 29th–31st cells are empty
    assert [c.value for c in grid[1][29:32]] == [None, None, None]


def test_each_monthly_sheet_has_its_charts(books: dict[str, bytes]) -> None:
    book = book_of(books["zh"])
    # air: good-day rate, PM2.5, the allowance, days per category; the ledger: one per count
    assert len(book["环境空气"]._charts) == 4
    assert len(book["台账与任务"]._charts) == 2
    for lang in ("zh", "en"):
        texts = chart_texts(books[lang])
        assert len(texts) == 6
        for name, titles in texts.items():
            # a title and both axis names, in the chosen language
            assert len(titles) == 3 and all(titles), (name, titles)
            joined = " ".join(titles)
            # the classroom's unit (期) has no English in the targets file: data, not words
            assert (english_words(joined) if lang == "zh" else cjk_runs(joined, ["期"])) == [], \
                (name, titles)
        assert any(t[0] == ("空气质量优良率（逐月）" if lang == "zh" else "Good-day rate by month")
                   for t in texts.values())


def test_headers_in_one_language(books: dict[str, bytes]) -> None:
    zh = book_of(books["zh"])
    assert english_words(" ".join(table_headers(zh) + zh.sheetnames)) == []
    en = book_of(books["en"])
    assert cjk_runs(" ".join(table_headers(en) + en.sheetnames)) == []


def test_changes_sheet_lists_the_moves(books: dict[str, bytes], monthly: MonthlyReport) -> None:
    assert monthly.comparison is not None
    headers, rows = table(book_of(books["en"])["Changes"], "changes")
    assert headers == ["target", "what", "before", "now", "direction"]
    assert len(rows) == len(monthly.comparison.changes) > 0
    # classroom: at risk at the end of February (0 < 1.94), on track at the end of March
    assert ["Classroom", "status", "at risk", "on track", "better"] in rows
    # its figure moved 0 → 4, a number in both cells
    assert ["Classroom", "figure", 0, 4, "better"] in rows


# --- text from the inputs ---------------------------------------------------------------------

def test_a_formula_in_an_input_stays_text(monthly: MonthlyReport) -> None:
    hostile = dataclasses.replace(
        monthly,
        air=dataclasses.replace(monthly.air, stations=(StationFigures(
            station=HOSTILE, good_day_rate=90.0, pm25=30.0, valid_days=90, non_good_days=9),)),
        rejected=(RejectGroup(path="@evil.csv", column="+cmd", message="not a number",
                              count=2, example_line=3, example_value="-2+3",
                              message_zh="不是数字"),))
    data = render_report_xlsx(hostile, "en")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist()
                  if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in s for s in sheets)  # not one formula in the workbook
    book = book_of(data)
    station = cells(book["Air"], "stations")[0][0]
    assert station.data_type == "s" and station.value == "'" + HOSTILE
    rejected = table(book["Data"], "rejected")[1]
    assert rejected == [["'@evil.csv", "'+cmd", "not a number", 2, 3, "'-2+3"]]
    # the problem in the workbook's language
    zh = table(book_of(render_report_xlsx(hostile, "zh"))["数据情况"], "rejected")[1]
    assert zh == [["'@evil.csv", "'+cmd", "不是数字", 2, 3, "'-2+3"]]


# --- the command ------------------------------------------------------------------------------

def test_report_writes_the_workbook(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    data, targets = inputs
    out = tmp_path / "march.xlsx"
    result = CliRunner().invoke(cli, ["report", str(data), "--targets", str(targets),
                                      "--lang", "en", "--output", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert book_of(out.read_bytes()).sheetnames[0] == "Summary"
    again = tmp_path / "again.bin"
    result = CliRunner().invoke(cli, ["report", str(data), "--targets", str(targets),
                                      "--lang", "en", "--output", str(again), "--format", "xlsx",
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    # the same report gives the same bytes (the file's date is the report's as-of date)
    assert again.read_bytes() == out.read_bytes()


def test_a_workbook_is_not_written_to_a_terminal(inputs: tuple[Path, Path]) -> None:
    data, targets = inputs
    result = CliRunner().invoke(cli, ["report", str(data), "--targets", str(targets),
                                      "--format", "xlsx", "--output", "-"])
    assert result.exit_code == 2
    # said in the run's language (Chinese here): name an .xlsx file with --output
    assert "--output" in result.output and ".xlsx" in result.output


# --- the bundled samples ----------------------------------------------------------------------

@pytest.mark.slow
def test_samples_workbook_in_both_languages(tmp_path: Path) -> None:
    samples = str(ROOT / "data" / "samples")
    document = json.loads(CliRunner().invoke(cli, ["check", samples, "--format", "json"]).output)
    results = {r["id"]: r for r in document["results"]}
    for lang in ("zh", "en"):
        out = tmp_path / f"report-{lang}.xlsx"
        result = CliRunner().invoke(cli, ["report", samples, "--lang", lang, "--output", str(out),
                                          "--quiet"])
        assert result.exit_code == 0, result.output
        book = book_of(out.read_bytes())
        assert len(book.sheetnames) == 6  # no --compare-to: no changes sheet
        summary = book.worksheets[0]
        headers, rows = table(summary, "targets")
        for row in rows:
            result_json = results[row[0]]
            if result_json["metric"] != "ledger.milestone":
                assert row[headers.index("实际" if lang == "zh" else "actual")] == \
                    result_json["actual"], row[0]
        air, water, ledger = book.worksheets[1], book.worksheets[3], book.worksheets[4]
        # air: the last month to date is the check's rate (89.8) and PM2.5 (27)
        rate = column(air, "air", "优良率·累计（%）" if lang == "zh" else "good-day rate, to date (%)")
        assert rate[-1] == results["air_good_day_rate"]["actual"] == 89.8
        assert len(air._charts) == 4 and len(water._charts) == 1
        assert len(ledger._charts) == len({r[0] for r in table(ledger, "ledger")[1]}) > 10
        # the class grid: 13 sections by 10 months, each class on its colour (III green)
        grid = cells(water, "grid")
        assert len(grid) == 13 and len(grid[0]) == 3 + 10
        third = [c for row in grid for c in row[3:] if c.value == "III"]
        assert third and all(c.fill.fgColor.rgb == "FF66BB6A" for c in third)
