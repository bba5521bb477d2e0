"""The terminal table: one row per target, grouped by the plan's sections."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ecotarget.catalogue import Text as CatalogueText
from ecotarget.catalogue import words
from ecotarget.render.common import (
    HEADERS,
    STATUS_STYLE,
    STATUS_SYMBOL,
    STATUS_WORD,
    data_dates,
    format_actual,
    format_goal,
    format_margin,
    plan_words,
    section_title,
    status_text,
)
from ecotarget.report import STATUSES, Report

#: the colon after "why" in the reason line, and the comma between counts, per language
COLON = {"zh": "：", "en": ": "}
LIST_COMMA = {"zh": "，", "en": ", "}


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


def render_table(report: Report, console: Console, *, lang: str = "zh") -> None:
    """The report as a table: a row per target, and why for each result that is not met.

    The reason is a dim, indented line under the row's 依据, or a column of its own when
    the console is at least :data:`REASON_COLUMN_WIDTH` wide.
    """
    title = Text(f"{plan_words(report.plan, lang)} · "
                 f"{CatalogueText('title.as_of', {'date': report.as_of}).render(lang)}"
                 f"{data_dates(report, lang)} · {report.targets_file}")
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    wide = console.width >= REASON_COLUMN_WIDTH
    headers = [words(h, lang) for h in HEADERS]
    for header, justify in zip(headers, ("left", "left", "right", "left", "right", "left"),
                               strict=True):
        # Chinese reasons have no spaces to wrap at: fold them rather than cut them short
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    if wide:
        table.add_column(words("head.reason", lang), overflow="fold")
    section = None
    for result in report.results:
        if result.section != section:
            section = result.section
            table.add_row(Text(section_title(section, lang), style="bold"), end_section=False)
        reason = "" if result.status == "met" else result.reason.render(lang)
        how = Text(result.how.render(lang))
        if reason and not wide:
            how.append(f"\n  {words('head.reason', lang)}{COLON[lang]}{reason}", style="dim")
        cells = [Text(result.name_en if lang == "en" else result.name),
                 Text(format_goal(result, lang)), Text(format_actual(result, lang)),
                 Text(status_text(result.status, lang), style=STATUS_STYLE[result.status]),
                 Text(format_margin(result.margin, result.unit)), how]
        if wide:
            cells.append(Text(reason, style="dim"))
        table.add_row(*cells)
    console.print(table)
    console.print(summary_line(report, lang))


def summary_line(report: Report, lang: str = "zh") -> Text:
    counts = report.summary
    labels = STATUS_WORD[lang]
    text = Text(CatalogueText("summary.targets", {"n": len(report.results)}).render(lang))
    parts = [s for s in STATUSES if counts[s]]
    for i, status in enumerate(parts):
        if i:
            text.append(" · ")
        count = CatalogueText("summary.count", {"n": counts[status], "status": labels[status]})
        text.append(f"{STATUS_SYMBOL[status]} {count.render(lang)}",
                    style=STATUS_STYLE[status])
    rows = sum(i.rows_read for i in report.inputs)
    rejected = sum(i.rows_rejected for i in report.inputs)
    outside = sum(i.rows_out_of_period for i in report.inputs)
    other = sum(i.rows_other_stations for i in report.inputs)
    counted = [CatalogueText("summary.inputs", {"n": len(report.inputs), "rows": rows})]
    counted += [CatalogueText(key, {"n": n}) for key, n in (
        ("summary.rejected", rejected), ("summary.out_of_period", outside),
        ("summary.other_stations", other)) if n]
    text.append(f"  ({LIST_COMMA[lang].join(t.render(lang) for t in counted)})")
    return text
