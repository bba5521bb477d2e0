"""CSV and Markdown: one line per target, for spreadsheets and reports."""

from __future__ import annotations

import csv
from typing import IO

from ecotarget.render.common import (
    SECTION_TITLE,
    STATUS_SYMBOL,
    STATUS_WORD,
    format_margin,
    format_target,
    format_value,
)
from ecotarget.render.safe import inert, spreadsheet_row
from ecotarget.report import Report

CSV_COLUMNS = ("id", "section", "name", "name_en", "metric", "op", "target", "target_value",
               "unit", "actual", "status", "margin", "how", "reason")


def render_csv(report: Report, stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in report.results:
        writer.writerow(spreadsheet_row([r.id, r.section, r.name, r.name_en, r.metric, r.op, r.target,
                         "" if r.target_value is None else r.target_value,
                         r.unit, "" if r.actual is None else r.actual, r.status,
                         "" if r.margin is None else r.margin, r.how, r.reason]))


def _cell(text: str) -> str:
    return inert(text.replace("|", "\\|").replace("\n", " "))


def render_markdown(report: Report, stream: IO[str], *, lang: str = "zh") -> None:
    words = STATUS_WORD[lang]
    stream.write(f"# {report.plan.get('region', '')} {report.plan.get('year', '')} "
                 f"— as of {report.as_of.isoformat()}\n")
    section = None
    for r in report.results:
        if r.section != section:
            section = r.section
            stream.write(f"\n## {SECTION_TITLE[lang][section]}\n\n")
            stream.write("| target | goal | actual | status | margin | how |\n")
            stream.write("|---|---|--:|---|--:|---|\n")
        name = r.name_en if lang == "en" else r.name
        goal = (f"done by {r.due}" if r.metric == "ledger.milestone"
                else format_target(r.op, r.target, r.unit))
        stream.write("| " + " | ".join(_cell(c) for c in (
            name, goal, format_value(r.actual, r.unit),
            f"{STATUS_SYMBOL[r.status]} {words[r.status]}",
            format_margin(r.margin, r.unit), r.how)) + " |\n")
    counts = ", ".join(f"{n} {words[s]}" for s, n in report.summary.items() if n)
    stream.write(f"\n{len(report.results)} targets: {counts}\n")
