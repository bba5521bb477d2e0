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
    data_dates,
    format_goal,
    format_margin,
    format_value,
    status_text,
)
from ecotarget.report import STATUSES, Report, Result


def make_console(stream: IO[str]) -> Console:
    """A console that colours only a terminal, and never when ``NO_COLOR`` is set."""
    is_tty = stream.isatty() if hasattr(stream, "isatty") else False
    width = None if is_tty else int(os.environ.get("COLUMNS", "120"))
    return Console(file=stream, highlight=False, markup=False, emoji=False, width=width,
                   no_color=bool(os.environ.get("NO_COLOR")) or not is_tty,
                   force_terminal=is_tty, soft_wrap=False)


#: from this console width on, the reason gets a column of its own instead of a line under
#: the result (at 160 columns the six columns of the sample leave it about 40)
REASON_COLUMN_WIDTH = 160
REASON_WORD = {"zh": "原因", "en": "why"}
HEADERS = {"zh": ("目标", "要求", "实际", "状态", "差距", "依据"),
           "en": ("target", "goal", "actual", "status", "margin", "how")}


def render_table(report: Report, console: Console, *, lang: str = "zh") -> None:
    """The report as a table: a row per target, and why for each result that is not met.

    The reason is a dim, indented line under the row's 依据, or a column of its own when
    the console is at least :data:`REASON_COLUMN_WIDTH` wide.
    """
    title = Text(f"{report.plan.get('region', '')} {report.plan.get('year', '')} · "
                 f"as of {report.as_of.isoformat()}{data_dates(report, lang)} · "
                 f"{report.targets_file}")
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    wide = console.width >= REASON_COLUMN_WIDTH
    for header, justify in zip(HEADERS[lang], ("left", "left", "right", "left", "right", "left"),
                               strict=True):
        # Chinese reasons have no spaces to wrap at: fold them rather than cut them short
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    if wide:
        table.add_column(REASON_WORD[lang], overflow="fold")
    section = None
    for result in report.results:
        if result.section != section:
            section = result.section
            table.add_row(Text(SECTION_TITLE[lang][section], style="bold"), end_section=False)
        reason = "" if result.status == "met" else result.reason.render(lang)
        how = Text(result.how)
        if reason and not wide:
            how.append(f"\n  {REASON_WORD[lang]}：{reason}" if lang == "zh" else
                       f"\n  {REASON_WORD[lang]}: {reason}", style="dim")
        cells = [Text(result.name_en if lang == "en" else result.name),
                 Text(format_goal(result, lang)), Text(_actual(result, lang)),
                 Text(status_text(result.status, lang), style=STATUS_STYLE[result.status]),
                 Text(format_margin(result.margin, result.unit)), how]
        if wide:
            cells.append(Text(reason, style="dim"))
        table.add_row(*cells)
        for line in breakdown_lines(result):  # check --by: the rows under their target
            row = [Text(f"  · {line.part}"), Text(line.goal), Text(line.actual),
                   Text(status_text(line.status, lang), style=STATUS_STYLE[line.status])
                   if line.status else Text(""), Text(line.margin), Text(line.how)]
            table.add_row(*row, *([Text("")] if wide else []))
    console.print(table)
    console.print(summary_line(report, lang))


def _actual(result: Result, lang: str) -> str:
    if result.metric != "ledger.milestone":
        return format_value(result.actual, result.unit)
    if lang == "zh":
        return "已完成" if result.actual == 1 else "未完成"
    return "done" if result.actual == 1 else "not done"


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
