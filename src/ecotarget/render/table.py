"""The terminal table: one row per target, grouped by the plan's sections."""

from __future__ import annotations

import os
from typing import IO

from rich.console import Console
from rich.text import Text

from ecotarget.catalogue import Text as CatalogueText
from ecotarget.catalogue import words
from ecotarget.render.breakdown import BreakdownLine, breakdown_lines, shown
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
from ecotarget.render.wrap import blocks, fitted_table
from ecotarget.report import STATUSES, Report, Result

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


#: below this console width each target is a block of lines instead of a table row
BLOCK_WIDTH = 100


def render_table(report: Report, console: Console, *, lang: str = "zh") -> None:
    """The report as a table: a row per target, and why for each result that is not met.

    The reason is a dim, indented line under the row's 依据, or a column of its own when
    the console is at least :data:`REASON_COLUMN_WIDTH` wide. Below :data:`BLOCK_WIDTH`
    columns each target is a block of lines (name; goal; actual; status; why). No cell is
    ever cut: names, goals and reasons wrap inside their cell (see :mod:`.wrap`).
    """
    source = report.targets_file
    title = Text(f"{plan_words(report.plan, lang)} · "
                 f"{CatalogueText('title.as_of', {'date': report.as_of}).render(lang)}"
                 f"{data_dates(report, lang)} · "
                 f"{words('title.bundled', lang) if source == 'bundled' else source}")
    if console.width < BLOCK_WIDTH or not _render_grid(report, console, title, lang):
        _render_blocks(report, console, title, lang)
    console.print(summary_line(report, lang))


def _cells(result: Result, lang: str) -> tuple[list[Text], Text]:
    """The six cells of a target's row (name, goal, actual, status, margin, how), and why."""
    reason = "" if result.status == "met" else result.reason.render(lang)
    cells = [Text(result.name_en if lang == "en" else result.name),
             Text(format_goal(result, lang)), Text(format_actual(result, lang)),
             Text(status_text(result.status, lang), style=STATUS_STYLE[result.status]),
             Text(format_margin(result.margin, result.unit)), Text(result.how.render(lang))]
    return cells, Text(reason, style="dim")


def _render_grid(report: Report, console: Console, title: Text, lang: str) -> bool:
    """Print the table; ``False`` (and nothing printed) when it cannot fit uncut."""
    wide = console.width >= REASON_COLUMN_WIDTH
    headers = [words(h, lang) for h in (*HEADERS, *(["head.reason"] if wide else []))]
    rows: list[list[Text]] = []
    section = None
    for result in report.results:
        if result.section != section:
            section = result.section
            rows.append([Text(section_title(section, lang), style="bold")])
        cells, reason = _cells(result, lang)
        if wide:
            cells.append(reason)
        elif reason.plain:
            cells[-1].append(f"\n  {words('head.reason', lang)}{COLON[lang]}{reason.plain}",
                             style="dim")
        rows.append(cells)
        for line in breakdown_lines(result, lang):  # check --by: the rows under their target
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
    labels = [words(h, lang) for h in (*HEADERS[1:], "head.reason")]
    records: list[tuple[Text, list[tuple[str, Text]]]] = [(title, [])]
    section = None
    for result in report.results:
        if result.section != section:
            section = result.section
            records.append((Text(""), []))
            records.append((Text(section_title(section, lang), style="bold"), []))
        cells, reason = _cells(result, lang)
        records.append((cells[0].copy(), list(zip(labels, [*cells[1:], reason], strict=True))))
        for line in breakdown_lines(result, lang):
            records.append((Text(f"  · {line.part}"),
                            list(zip(labels, _part_cells(line, lang), strict=False))))
    blocks(console, records)
    console.print()


def _part_cells(line: BreakdownLine, lang: str) -> list[Text]:
    """Goal, actual, status, margin and how of one breakdown row (``check --by``)."""
    status = (Text(status_text(line.status, lang), style=STATUS_STYLE[line.status])
              if line.status else Text(""))
    return [Text(line.goal), Text(line.actual), status, Text(line.margin),
            Text(shown(line.how, lang))]


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
    not_assessed = sum(i.rows_not_assessed for i in report.inputs)
    counted = [CatalogueText("summary.inputs", {"n": len(report.inputs), "rows": rows})]
    counted += [CatalogueText(key, {"n": n}) for key, n in (
        ("summary.rejected", rejected), ("summary.out_of_period", outside),
        ("summary.other_stations", other), ("summary.not_assessed", not_assessed)) if n]
    text.append(f"  ({LIST_COMMA[lang].join(t.render(lang) for t in counted)})")
    return text
