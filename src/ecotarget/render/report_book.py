"""The monthly report's workbook as plain data: sheets of tables and the charts drawn from them.

:mod:`ecotarget.render.report_xlsx` writes a :class:`Book` with XlsxWriter; this module and
:mod:`ecotarget.render.report_book_series` decide what is in it, reading a
:class:`~ecotarget.tables.monthly.MonthlyReport` and the catalogue, and import no
spreadsheet library. Every cell holds a number, a date or a text (never a number as text);
a missing figure is None, an empty cell. Text that comes from the inputs (names, paths,
values) passes through :func:`~ecotarget.render.safe.spreadsheet_cell`, so that a station
called ``=HYPERLINK(…)`` stays text.

Cell styles are keys the writer knows: ``status.<status>`` (check's xlsx palette),
``aqi.<level 1–6>`` and ``aqi.0`` (no valid day), ``class.<I…劣V>`` and ``class.none``,
``worse`` (a class worse than the target), ``pass`` / ``fail``. Number formats: ``pct``
(one decimal, as the report shows a percentage), ``date``, ``month`` (a month's first day
shown ``yyyy-mm``), or general.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ecotarget.catalogue import Text, words
from ecotarget.render.common import STATUS_WORD, format_goal, plan_words, unit_in
from ecotarget.render.safe import spreadsheet_cell
from ecotarget.report import STATUSES, Result
from ecotarget.tables.monthly import Comparison, MonthlyReport

Value = str | int | float | dt.date | None
OP_SIGN = {">=": "≥", "<=": "≤", "==": "=", "<": "<", ">": ">"}


@dataclass(frozen=True)
class Cell:
    """One cell: its value, a style key, a number format key and a comment (see the module
    docstring)."""

    value: Value
    style: str = ""
    number: str = ""
    note: str = ""


@dataclass(frozen=True)
class Series:
    """One series of a chart: the table column holding its values (the column's header
    names it), drawn as columns or a line in ``colour`` (``#rrggbb``), a line ``dash``
    (XlsxWriter's dash types: ``dash``, ``round_dot``) or solid."""

    column: int
    kind: Literal["column", "line"]
    colour: str
    dash: str = ""


@dataclass(frozen=True)
class Chart:
    """A native chart of a table's columns: categories from ``categories``, the series from
    theirs, over the table's rows ``rows`` (first, last; None: every row)."""

    title: str
    x_name: str
    y_name: str
    table: str
    categories: int
    series: tuple[Series, ...]
    stacked: bool = False
    rows: tuple[int, int] | None = None


@dataclass(frozen=True)
class Table:
    """A table with a header row (an Excel table with its filter buttons); ``key`` names it
    for the charts, ``empty`` is said instead when it has no rows."""

    key: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty: str = ""


@dataclass(frozen=True)
class Sheet:
    """A sheet: a title, lines under it, its tables one under another (the first one's header
    row frozen, with ``freeze_columns`` columns), notes under them, and its charts."""

    name: str
    title: str
    lines: tuple[str, ...]
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...] = ()
    freeze_columns: int = 0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Book:
    """The whole workbook, sheets in order."""

    sheets: tuple[Sheet, ...]


def text(value: str) -> Cell:
    """A cell of text from an input: inert, never a formula.

    >>> text('=HYPERLINK("http://x","y")').value
    '\\'=HYPERLINK("http://x","y")'
    """
    return Cell(spreadsheet_cell(value))


def number(value: float | int | str | None, unit: str = "") -> Cell:
    """A figure: a number in a numeric cell (a percentage to one decimal, as the report
    shows it), a text figure (a grade) as text, None as an empty cell.

    >>> number(89.8, "%"), number(None).value, number("B").value
    (Cell(value=89.8, style='', number='pct', note=''), None, 'B')
    """
    if value is None:
        return Cell(None)
    if isinstance(value, str):
        return text(value)
    return Cell(value, number="pct" if unit == "%" else "")


def month_cell(month: str) -> Cell:
    """``2025-03`` as the date 2025-03-01, shown ``yyyy-mm``.

    >>> month_cell("2025-03").value
    datetime.date(2025, 3, 1)
    """
    return Cell(dt.date.fromisoformat(f"{month}-01"), number="month")


def date_cell(day: dt.date | None) -> Cell:
    """A date in a date cell; None: an empty cell."""
    return Cell(day, number="date") if day is not None else Cell(None)


def status_cell(status: str, lang: str) -> Cell:
    """The status in words, on its colour."""
    return Cell(STATUS_WORD[lang][status], style=f"status.{status}")


def column(what: str, part: str, unit: str, lang: str) -> str:
    """A header: ``优良率·累计（%）`` / ``good-day rate, to date (%)``; no unit, no brackets.

    >>> column("优良率", "累计", "%", "zh"), column("PM2.5", "month", "", "en")
    ('优良率·累计（%）', 'PM2.5, month')
    """
    if unit:
        return Text("wb.col", {"what": what, "part": part, "unit": unit}).render(lang)
    return Text("wb.col_plain", {"what": what, "part": part}).render(lang)


def name_of(result: Result, lang: str) -> str:
    """A target's name in ``lang``."""
    return result.name_en if lang == "en" else result.name


def actual_cell(result: Result, lang: str) -> Cell:
    """The actual figure; a milestone's as done / not done."""
    if result.metric == "ledger.milestone":
        return Cell(words("goal.done" if result.actual == 1 else "goal.not_done", lang))
    return number(result.actual, result.unit)


# --- summary -----------------------------------------------------------------------------------

def targets_table(results: list[Result] | tuple[Result, ...], lang: str, *, key: str,
                  caption: str, projection: bool = False) -> Table:
    """Targets with their goal, figure, status and reason (the summary's list of those not
    met, and each section's own targets); ``projection``: a column for the year-end
    projection (the air targets)."""
    headers = [words("head.target", lang), words("head.goal", lang), words("head.actual", lang),
               words("wb.unit", lang), words("head.status", lang), words("head.reason", lang)]
    if projection:
        headers.append(words("rpt.projection", lang))
    rows = []
    for r in results:
        row = [text(name_of(r, lang)), text(format_goal(r, lang)), actual_cell(r, lang),
               text(unit_in(r, lang)), status_cell(r.status, lang), text(r.reason.render(lang))]
        if projection:
            row.append(number(r.outlook.get("projected"), r.unit))
        rows.append(tuple(row))
    return Table(key, caption, tuple(headers), tuple(rows), empty=words("rpt.none", lang))


def all_targets_table(report: MonthlyReport, lang: str) -> Table:
    """Every target, one row each, the figures of ``check --format json``."""
    headers = ("wb.id", "wb.section", "head.target", "wb.op", "wb.target", "wb.compared_with",
               "head.actual", "wb.unit", "head.margin", "rpt.pace_line", "head.status",
               "rpt.last_date", "rpt.due", "head.how", "head.reason")
    rows = []
    for r in report.report.results:
        goal = (words("goal.previous_year", lang) if r.target == "previous_year" else r.target)
        rows.append((
            text(r.id), Cell(words(f"section.{r.section}", lang)), text(name_of(r, lang)),
            Cell(OP_SIGN[r.op]), number(goal, r.unit), number(r.target_value, r.unit),
            number(r.actual, r.unit), text(unit_in(r, lang)), number(r.margin, r.unit),
            number(r.pace_target, r.unit), status_cell(r.status, lang),
            date_cell(r.data_through), date_cell(r.due), text(r.how.render(lang)),
            text(r.reason.render(lang))))
    return Table("targets", words("rpt.all_targets", lang),
                 tuple(words(h, lang) for h in headers), tuple(rows))


def counts_table(report: MonthlyReport, lang: str) -> Table:
    """The number of targets per status."""
    summary = report.report.summary
    rows = tuple((status_cell(s, lang), Cell(summary[s])) for s in STATUSES)
    return Table("counts", words("rpt.counts", lang),
                 (words("head.status", lang), words("wb.targets", lang)), rows)


def title_lines(report: MonthlyReport, lang: str) -> tuple[str, tuple[str, ...]]:
    """The workbook's title and the lines under it: the period, the plan, the data's dates,
    the warnings."""
    checked = report.report
    plan = checked.plan
    region = (plan.get("region_en") if lang == "en" else None) or plan.get("region", "")
    title = Text("rpt.title", {"region": region, "year": plan.get("year", "")}).render(lang)
    start, end = checked.period
    lines = [Text("rpt.subtitle", {"start": start, "end": end, "as_of": checked.as_of}).render(lang)]
    plan_title = (plan.get("title_en") if lang == "en" else None) or plan.get("title")
    if plan_title:
        lines.append(f"{words('rpt.plan', lang)}: {plan_title}" if lang == "en"
                     else f"{words('rpt.plan', lang)}：{plan_title}")
    lines.append(Text("rpt.made_by", {"version": checked.version,
                                      "targets": checked.targets_file}).render(lang))
    if checked.kinds_differ:
        dates = " · ".join(t.render(lang) for t in checked.kind_dates())
        lines.append(f"{words('rpt.data_through', lang)}: {dates}")
    lines.extend(w.render(lang) for w in checked.warnings)
    return title, tuple(spreadsheet_cell(line) for line in lines)


def summary_sheet(report: MonthlyReport, lang: str) -> Sheet:
    """Sheet 1: the targets not met with their reasons, the counts, every target."""
    behind = report.behind
    caption = (Text("rpt.behind", {"n": len(behind)}).render(lang) if behind
               else words("rpt.all_met", lang))
    title, lines = title_lines(report, lang)
    return Sheet(words("wb.sheet.summary", lang), title, lines, (
        targets_table(behind, lang, key="behind", caption=caption),
        counts_table(report, lang), all_targets_table(report, lang)), freeze_columns=1)


# --- changes, data ------------------------------------------------------------------------------

def changes_sheet(comparison: Comparison, lang: str) -> Sheet:
    """``--compare-to``: the statuses and figures that moved, and which way."""
    direction = {True: "rpt.better", False: "rpt.worse", None: "rpt.moved"}
    rows = []
    for change in comparison.changes:
        def shown(value: float | str | None, what: str = change.what) -> Cell:
            return status_cell(str(value), lang) if what == "status" else number(value)
        rows.append((text(change.name_en if lang == "en" else change.name),
                     Cell(words(f"rpt.what_{change.what}", lang)), shown(change.before),
                     shown(change.after), Cell(words(direction[change.better], lang))))
    intro = Text("rpt.changes_intro", {"period": comparison.label,
                                       "as_of": comparison.as_of}).render(lang)
    headers = tuple(words(k, lang) for k in ("head.target", "rpt.what", "rpt.before",
                                             "rpt.after", "rpt.direction"))
    return Sheet(words("wb.sheet.changes", lang),
                 Text("rpt.s_changes", {"period": comparison.label}).render(lang), (intro,),
                 (Table("changes", "", headers, tuple(rows), empty=words("rpt.no_changes", lang)),),
                 freeze_columns=1)


def data_sheet(report: MonthlyReport, lang: str) -> Sheet:
    """Sheet 5: every input's rows and last date, each kind's last date, the rejected rows'
    reasons grouped."""
    inputs = tuple((text(i.path), Cell(words(f"kind.{i.kind}", lang)), Cell(i.rows_read),
                    Cell(i.rows_accepted), Cell(i.rows_rejected), date_cell(i.last_date))
                   for i in report.inputs)
    kinds = tuple((Cell(words(f"kind.{kind}", lang)), date_cell(day))
                  for kind, day in report.report.data_through.items())
    # the problem in the workbook's language (a group from an older model may lack the Chinese)
    groups = tuple((text(g.path), text(g.column),
                    text(g.message_zh if lang == "zh" and g.message_zh else g.message), Cell(g.count),
                    Cell(g.example_line), text(g.example_value)) for g in report.rejected)
    heads = {"inputs": ("wb.path", "wb.kind", "wb.rows_read", "wb.rows_accepted",
                        "wb.rows_rejected", "rpt.last_date"),
             "kinds": ("wb.kind", "rpt.last_date"),
             "rejected": ("wb.path", "wb.column", "wb.problem", "rpt.count", "wb.example_line",
                          "wb.example_value")}

    def headers(key: str) -> tuple[str, ...]:
        return tuple(words(h, lang) for h in heads[key])

    return Sheet(words("wb.sheet.data", lang), words("rpt.s_data", lang), (), (
        Table("inputs", words("rpt.inputs", lang), headers("inputs"), inputs),
        Table("kinds", words("rpt.data_through", lang), headers("kinds"), kinds),
        Table("rejected", words("rpt.rejected_groups", lang), headers("rejected"), groups,
              empty=words("rpt.no_rejected", lang))))


def plan_name(report: MonthlyReport, lang: str) -> str:
    """``平湖市 2025`` / ``Pinghu 2025``: the workbook's subject (its document title)."""
    return plan_words(report.report.plan, lang)


__all__ = ["OP_SIGN", "Book", "Cell", "Chart", "Series", "Sheet", "Table", "Value",
           "actual_cell", "all_targets_table", "changes_sheet", "column", "counts_table",
           "data_sheet", "date_cell", "month_cell", "name_of", "number", "plan_name",
           "status_cell", "summary_sheet", "targets_table", "text", "title_lines"]
