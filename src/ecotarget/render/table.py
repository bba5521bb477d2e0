"""The terminal table: one row per target, grouped by the plan's sections."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console
from rich.text import Text

from ecotarget.render.breakdown import BreakdownLine, breakdown_lines
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
from ecotarget.render.wrap import blocks, fitted_table
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


#: below this console width each target is a block of lines instead of a table row
BLOCK_WIDTH = 100
BUNDLED_WORD = {"zh": "内置", "en": "bundled"}


def render_table(report: Report, console: Console, *, lang: str = "zh") -> None:
    """The report as a table: a row per target, and why for each result that is not met.

    The reason is a dim, indented line under the row's 依据, or a column of its own when
    the console is at least :data:`REASON_COLUMN_WIDTH` wide. Below :data:`BLOCK_WIDTH`
    columns each target is a block of lines (name; goal; actual; status; why). No cell is
    ever cut: names, goals and reasons wrap inside their cell (see :mod:`.wrap`).
    """
    source = report.targets_file
    title = Text(f"{report.plan.get('region', '')} {report.plan.get('year', '')} · "
                 f"as of {report.as_of.isoformat()}{data_dates(report, lang)} · "
                 f"{BUNDLED_WORD[lang] if source == 'bundled' else source}")
    if console.width < BLOCK_WIDTH or not _render_grid(report, console, title, lang):
        _render_blocks(report, console, title, lang)
    console.print(summary_line(report, lang))


def _cells(result: Result, lang: str) -> tuple[list[Text], Text]:
    """The six cells of a target's row (name, goal, actual, status, margin, how), and why."""
    reason = "" if result.status == "met" else result.reason.render(lang)
    cells = [Text(result.name_en if lang == "en" else result.name),
             Text(format_goal(result, lang)), Text(_actual(result, lang)),
             Text(status_text(result.status, lang), style=STATUS_STYLE[result.status]),
             Text(format_margin(result.margin, result.unit)), Text(result.how)]
    return cells, Text(reason, style="dim")


def _render_grid(report: Report, console: Console, title: Text, lang: str) -> bool:
    """Print the table; ``False`` (and nothing printed) when it cannot fit uncut."""
    wide = console.width >= REASON_COLUMN_WIDTH
    headers = [*HEADERS[lang], *([REASON_WORD[lang]] if wide else [])]
    rows: list[list[Text]] = []
    section = None
    for result in report.results:
        if result.section != section:
            section = result.section
            rows.append([Text(SECTION_TITLE[lang][section], style="bold")])
        cells, reason = _cells(result, lang)
        if wide:
            cells.append(reason)
        elif reason.plain:
            cells[-1].append(f"\n  {REASON_WORD[lang]}：{reason.plain}" if lang == "zh" else
                             f"\n  {REASON_WORD[lang]}: {reason.plain}", style="dim")
        rows.append(cells)
        for line in breakdown_lines(result):  # check --by: the rows under their target
            rows.append([Text(f"  · {line.part}"), *_part_cells(line, lang),
                         *([Text("")] if wide else [])])
    # name, goal, how and why wrap; actual, status and margin are short and never do
    flexible = [True, True, False, False, False, True, True][:len(headers)]
    justify = ["left", "left", "right", "left", "right", "left", "left"][:len(headers)]
    table = fitted_table(console, headers, rows, justify=justify, flexible=flexible, title=title)
    if table is not None:
        console.print(table)
    return table is not None


def _render_blocks(report: Report, console: Console, title: Text, lang: str) -> None:
    """One block per target: the name, then goal, actual, status, margin, how and why."""
    labels = [*HEADERS[lang][1:], REASON_WORD[lang]]
    records: list[tuple[Text, list[tuple[str, Text]]]] = [(title, [])]
    section = None
    for result in report.results:
        if result.section != section:
            section = result.section
            records.append((Text(""), []))
            records.append((Text(SECTION_TITLE[lang][section], style="bold"), []))
        cells, reason = _cells(result, lang)
        records.append((cells[0].copy(), list(zip(labels, [*cells[1:], reason], strict=True))))
        for line in breakdown_lines(result):
            records.append((Text(f"  · {line.part}"),
                            list(zip(labels, _part_cells(line, lang), strict=False))))
    blocks(console, records)
    console.print()


def _part_cells(line: BreakdownLine, lang: str) -> list[Text]:
    """Goal, actual, status, margin and how of one breakdown row (``check --by``)."""
    status = (Text(status_text(line.status, lang), style=STATUS_STYLE[line.status])
              if line.status else Text(""))
    return [Text(line.goal), Text(line.actual), status, Text(line.margin), Text(line.how)]


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
