"""The terminal table: one row per target, grouped by the plan's sections."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ecotarget.render.breakdown import breakdown_lines
from ecotarget.render.common import (
    SECTION_TITLE,
    STATUS_STYLE,
    STATUS_SYMBOL,
    STATUS_WORD,
    format_margin,
    format_target,
    format_value,
)
from ecotarget.report import STATUSES, Report


def make_console(stream: IO[str]) -> Console:
    """A console that colours only a terminal, and never when ``NO_COLOR`` is set."""
    is_tty = stream.isatty() if hasattr(stream, "isatty") else False
    width = None if is_tty else int(os.environ.get("COLUMNS", "120"))
    return Console(file=stream, highlight=False, markup=False, emoji=False, width=width,
                   no_color=bool(os.environ.get("NO_COLOR")) or not is_tty,
                   force_terminal=is_tty, soft_wrap=False)


def render_table(report: Report, console: Console, *, lang: str = "zh") -> None:
    words = STATUS_WORD[lang]
    title = Text(f"{report.plan.get('region', '')} {report.plan.get('year', '')} · "
                 f"as of {report.as_of.isoformat()} · {report.targets_file}")
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for header, justify in (("target" if lang == "en" else "目标", "left"),
                            ("goal" if lang == "en" else "要求", "left"),
                            ("actual" if lang == "en" else "实际", "right"),
                            ("status" if lang == "en" else "状态", "left"),
                            ("margin" if lang == "en" else "差距", "right"),
                            ("how" if lang == "en" else "依据", "left")):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    section = None
    for result in report.results:
        if result.section != section:
            section = result.section
            table.add_row(Text(SECTION_TITLE[lang][section], style="bold"), end_section=False)
        name = result.name_en if lang == "en" else result.name
        unit = result.unit
        actual = format_value(result.actual, unit)
        if result.metric == "ledger.milestone":
            actual = "done" if result.actual == 1 else "not done"
            if lang == "zh":
                actual = "已完成" if result.actual == 1 else "未完成"
        status = Text(f"{STATUS_SYMBOL[result.status]} {words[result.status]}",
                      style=STATUS_STYLE[result.status])
        goal = (f"done by {result.due}" if result.metric == "ledger.milestone"
                else format_target(result.op, result.target, unit))
        if (result.target == "previous_year" and isinstance(result.target_value, (int, float))
                and result.status != "insufficient_data"):
            goal += f" ({format_value(result.target_value, unit)})"
        table.add_row(Text(name), Text(goal), Text(actual), status,
                      Text(format_margin(result.margin, unit)), Text(result.how))
        for line in breakdown_lines(result):  # check --by: the rows under their target
            table.add_row(Text(f"  · {line.part}"), Text(line.goal), Text(line.actual),
                          Text(f"{STATUS_SYMBOL[line.status]} {words[line.status]}",
                               style=STATUS_STYLE[line.status]) if line.status else Text(""),
                          Text(line.margin), Text(line.how))
    console.print(table)
    console.print(summary_line(report, lang))


def summary_line(report: Report, lang: str = "zh") -> Text:
    counts = report.summary
    words = STATUS_WORD[lang]
    text = Text(f"{len(report.results)} targets: " if lang == "en" else
                f"共 {len(report.results)} 项：")
    parts = [s for s in STATUSES if counts[s]]
    for i, status in enumerate(parts):
        if i:
            text.append(" · ")
        text.append(f"{STATUS_SYMBOL[status]} {counts[status]} {words[status]}",
                    style=STATUS_STYLE[status])
    rows = sum(i.rows_read for i in report.inputs)
    rejected = sum(i.rows_rejected for i in report.inputs)
    outside = sum(i.rows_out_of_period for i in report.inputs)
    other = sum(i.rows_other_stations for i in report.inputs)
    text.append(f"  ({len(report.inputs)} inputs, {rows} rows"
                + (f", {rejected} rejected" if rejected else "")
                + (f", {outside} out of period" if outside else "")
                + (f", {other} at other stations" if other else "") + ")")
    return text
