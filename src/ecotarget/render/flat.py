"""CSV and Markdown: one line per target, for spreadsheets and reports."""

from __future__ import annotations

import csv
from typing import IO

from ecotarget.render.breakdown import breakdown_lines
from ecotarget.render.common import (
    SECTION_TITLE,
    STATUS_SYMBOL,
    STATUS_WORD,
    format_margin,
    format_target,
    format_value,
)
from ecotarget.report import Report

CSV_COLUMNS = ("id", "section", "name", "name_en", "metric", "op", "target", "target_value",
               "unit", "actual", "status", "margin", "how", "reason")


BREAKDOWN_COLUMNS = ("by", "part")  # check --by: which breakdown, and its month/station/section


def render_csv(report: Report, stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    with_parts = any(r.breakdown is not None for r in report.results)
    writer.writerow(CSV_COLUMNS + (BREAKDOWN_COLUMNS if with_parts else ()))
    for r in report.results:
        writer.writerow([r.id, r.section, r.name, r.name_en, r.metric, r.op, r.target,
                         "" if r.target_value is None else r.target_value,
                         r.unit, "" if r.actual is None else r.actual, r.status,
                         "" if r.margin is None else r.margin, r.how, r.reason]
                        + (["", ""] if with_parts else []))
        for line in breakdown_lines(r):  # one CSV row per breakdown row
            writer.writerow([r.id, r.section, r.name, r.name_en, r.metric, r.op, r.target,
                             "" if line.raw_goal is None else line.raw_goal, r.unit,
                             "" if line.raw_actual is None else line.raw_actual,
                             line.status or "", line.margin, line.how, "",
                             (r.breakdown or {}).get("by", ""), line.part])


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
        for line in breakdown_lines(r):  # check --by: the rows under their target
            status = f"{STATUS_SYMBOL[line.status]} {words[line.status]}" if line.status else ""
            stream.write("| " + " | ".join(_cell(c) for c in (
                f"· {line.part}", line.goal, line.actual, status, line.margin, line.how))
                + " |\n")
    counts = ", ".join(f"{n} {words[s]}" for s, n in report.summary.items() if n)
    stream.write(f"\n{len(report.results)} targets: {counts}\n")
