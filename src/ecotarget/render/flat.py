"""CSV and Markdown: one line per target, for spreadsheets and reports."""

from __future__ import annotations

import csv
from typing import IO

from ecotarget.render.breakdown import breakdown_lines
from ecotarget.render.common import (
    SECTION_TITLE,
    STATUS_WORD,
    data_dates,
    format_goal,
    format_margin,
    format_value,
    status_text,
)
from ecotarget.render.safe import inert, spreadsheet_row
from ecotarget.report import Report

CSV_COLUMNS = ("id", "section", "name", "name_en", "metric", "op", "target", "target_value",
               "unit", "actual", "status", "margin", "pace_target", "pace_margin",
               "data_through", "how", "reason", "reason_en",
               # which run a row is from: monthly files appended together stay apart
               "as_of", "period_start", "period_end")


def _blank(value: object) -> object:
    return "" if value is None else value


def report_rows(report: Report) -> list[list[object]]:
    """The report's rows as :data:`CSV_COLUMNS` values: numbers stay numbers, ``""`` for none.

    The CSV and the xlsx workbook both write these rows, so they have the same columns.
    """
    start, end = report.period
    return [[r.id, r.section, r.name, r.name_en, r.metric, r.op, r.target,
             _blank(r.target_value), r.unit, _blank(r.actual), r.status, _blank(r.margin),
             _blank(r.pace_target), _blank(r.pace_margin), _blank(r.data_through), r.how,
             r.reason.render("zh"), r.reason.render("en"), report.as_of.isoformat(),
             start.isoformat(), end.isoformat()]
            for r in report.results]


BREAKDOWN_COLUMNS = ("by", "part")  # check --by: which breakdown, and its month/station/section


def render_csv(report: Report, stream: IO[str]) -> None:
    """The report as CSV, one row per target (:data:`CSV_COLUMNS`).

    With ``check --by``, each target's breakdown rows follow it, and two more columns say
    which breakdown and which part (month, station or section) a row is.
    """
    writer = csv.writer(stream, lineterminator="\n")
    with_parts = any(r.breakdown is not None for r in report.results)
    writer.writerow(CSV_COLUMNS + (BREAKDOWN_COLUMNS if with_parts else ()))
    start, end = report.period
    run = [report.as_of.isoformat(), start.isoformat(), end.isoformat()]
    for r, row in zip(report.results, report_rows(report), strict=True):
        writer.writerow(spreadsheet_row(row + (["", ""] if with_parts else [])))
        for line in breakdown_lines(r):  # one CSV row per breakdown row
            writer.writerow(spreadsheet_row([r.id, r.section, r.name, r.name_en, r.metric, r.op, r.target,
                             _blank(line.raw_goal), r.unit, _blank(line.raw_actual),
                             line.status or "", line.margin, "", "", "", line.how, "", "",
                             *run, (r.breakdown or {}).get("by", ""), line.part]))


def _cell(text: str) -> str:
    return inert(text.replace("|", "\\|").replace("\n", " "))


def render_markdown(report: Report, stream: IO[str], *, lang: str = "zh") -> None:
    words = STATUS_WORD[lang]
    stream.write(f"# {report.plan.get('region', '')} {report.plan.get('year', '')} "
                 f"— as of {report.as_of.isoformat()}{data_dates(report, lang)}\n")
    section = None
    for r in report.results:
        if r.section != section:
            section = r.section
            stream.write(f"\n## {SECTION_TITLE[lang][section]}\n\n")
            stream.write("| target | goal | actual | status | margin | how | reason |\n")
            stream.write("|---|---|--:|---|--:|---|---|\n")
        name = r.name_en if lang == "en" else r.name
        stream.write("| " + " | ".join(_cell(c) for c in (
            name, format_goal(r, lang), format_value(r.actual, r.unit), status_text(r.status, lang),
            format_margin(r.margin, r.unit), r.how, r.reason.render(lang))) + " |\n")
        for line in breakdown_lines(r):  # check --by: the rows under their target
            status = status_text(line.status, lang) if line.status else ""
            stream.write("| " + " | ".join(_cell(c) for c in (
                f"· {line.part}", line.goal, line.actual, status, line.margin, line.how, ""))
                + " |\n")
    counts = ", ".join(f"{n} {words[s]}" for s, n in report.summary.items() if n)
    stream.write(f"\n{len(report.results)} targets: {counts}\n")
