"""CSV and Markdown: one line per target, for spreadsheets and reports."""

from __future__ import annotations

import csv
from typing import IO

from ecotarget.catalogue import LIST_SEPARATOR, Text, words
from ecotarget.render.breakdown import breakdown_lines, shown
from ecotarget.render.common import (
    HEADERS,
    STATUS_WORD,
    data_dates,
    format_actual,
    format_goal,
    format_margin,
    plan_words,
    section_title,
    status_text,
)
from ecotarget.render.safe import inert, spreadsheet_row
from ecotarget.report import Report

CSV_COLUMNS = ("id", "section", "name", "name_en", "metric", "op", "target", "target_value",
               "unit", "actual", "status", "margin", "pace_target", "pace_margin",
               "data_through", "how", "how_en", "reason", "reason_en",
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
             _blank(r.pace_target), _blank(r.pace_margin), _blank(r.data_through),
             r.how.render("zh"), r.how.render("en"), r.reason.render("zh"), r.reason.render("en"),
             report.as_of.isoformat(), start.isoformat(), end.isoformat()]
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
        for line in breakdown_lines(r, "en"):  # one CSV row per breakdown row
            writer.writerow(spreadsheet_row([
                r.id, r.section, r.name, r.name_en, r.metric, r.op, r.target,
                _blank(line.raw_goal), r.unit, _blank(line.raw_actual), line.status or "",
                line.margin, "", "", "", shown(line.how, "zh"), shown(line.how, "en"), "", "",
                *run, (r.breakdown or {}).get("by", ""), line.part]))


def _cell(text: str) -> str:
    return inert(text.replace("|", "\\|").replace("\n", " "))


def render_markdown(report: Report, stream: IO[str], *, lang: str = "zh") -> None:
    labels = STATUS_WORD[lang]
    as_of = Text("title.as_of", {"date": report.as_of}).render(lang)
    stream.write(f"# {plan_words(report.plan, lang)} — {as_of}{data_dates(report, lang)}\n")
    headers = [words(key, lang) for key in (*HEADERS, "head.reason")]
    section = None
    for r in report.results:
        if r.section != section:
            section = r.section
            stream.write(f"\n## {section_title(section, lang)}\n\n")
            stream.write(f"| {' | '.join(headers)} |\n")
            stream.write("|---|---|--:|---|--:|---|---|\n")
        name = r.name_en if lang == "en" else r.name
        stream.write("| " + " | ".join(_cell(c) for c in (
            name, format_goal(r, lang), format_actual(r, lang), status_text(r.status, lang),
            format_margin(r.margin, r.unit), r.how.render(lang), r.reason.render(lang))) + " |\n")
        for line in breakdown_lines(r, lang):  # check --by: the rows under their target
            status = status_text(line.status, lang) if line.status else ""
            stream.write("| " + " | ".join(_cell(c) for c in (
                f"· {line.part}", line.goal, line.actual, status, line.margin,
                shown(line.how, lang), ""))
                + " |\n")
    counts = LIST_SEPARATOR[lang].join(
        Text("summary.count", {"n": n, "status": labels[s]}).render(lang)
        for s, n in report.summary.items() if n)
    stream.write(f"\n{Text('summary.counts', {'n': len(report.results), 'counts': counts}).render(lang)}\n")
