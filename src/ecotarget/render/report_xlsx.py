"""The monthly report as an Excel workbook (``ecotarget report --output FILE.xlsx``).

:func:`~ecotarget.render.report_book_series.workbook` decides what the sheets hold (a sheet
per section of the report, real numbers in cells); this module writes that
:class:`~ecotarget.render.report_book.Book` with XlsxWriter: every table an Excel table
(header row, filter buttons), the first table's header row frozen on each sheet, columns
as wide as their contents (a CJK character counts two), the status, AQI category and water
class colours, and native Excel charts (editable, not pictures) drawn from the sheet's own
cells. XlsxWriter is imported here only, and this module only when a workbook is written
(:data:`ecotarget.render.MONTHLY_RENDERERS`), so ``ecotarget --help`` never loads it.

Text is always written as text (``write_string``, and the workbook refuses to read a
string as a formula or a link), numbers as numbers, dates as Excel dates with a date
format, and a missing figure as an empty cell. The file is the same bytes for the same
report: its creation date is the report's as-of date.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from typing import IO, Any

import xlsxwriter  # type: ignore[import-untyped]

from ecotarget.catalogue import Text
from ecotarget.errors import UsageError
from ecotarget.render.common import STATUS_FILL
from ecotarget.render.report_book import Book, Cell, Chart, Sheet, Table, plan_name
from ecotarget.render.report_book_series import AQI_COLOURS, AQI_LEVELS, CLASS_COLOURS, workbook
from ecotarget.tables.monthly import MonthlyReport

NUMBER_FORMATS = {"pct": "0.0", "date": "yyyy-mm-dd", "month": "yyyy-mm"}
MAX_WIDTH, MIN_WIDTH = 50, 5  # a long reason runs on into the empty cells to its right
FILTER_BUTTON = 3  # an Excel table's header has a filter button to the right of its words
CHART_WIDTH, CHART_HEIGHT, CHART_ROWS = 540, 300, 16  # 16 rows of 20 px hold a chart
TABLE_STYLE = "Table Style Light 1"
WHITE_TEXT = {"aqi.4", "aqi.5", "aqi.6", "class.I", "class.劣V"}  # dark fills


def style_properties(style: str, number: str) -> dict[str, Any]:
    """XlsxWriter format properties of a cell's style keys and number format.

    >>> style_properties("status.met", "pct")
    {'num_format': '0.0', 'bg_color': '#C6EFCE'}
    >>> style_properties("class.IV worse", "")
    {'bg_color': '#ffee58', 'bold': True, 'border': 2}
    """
    properties: dict[str, Any] = {}
    if number:
        properties["num_format"] = NUMBER_FORMATS[number]
    for key in style.split():
        kind, _, name = key.partition(".")
        if kind == "status":
            properties["bg_color"] = "#" + STATUS_FILL[name][2:]
        elif key in ("pass", "fail"):
            properties["bg_color"] = "#" + STATUS_FILL["met" if key == "pass" else "not_met"][2:]
        elif kind == "aqi":
            level = int(name)
            properties["bg_color"] = AQI_COLOURS[AQI_LEVELS[level][0]] if level else "#fafafa"
        elif kind == "class":
            properties["bg_color"] = CLASS_COLOURS.get(name, "#fafafa")
        elif key == "worse":
            properties.update(bold=True, border=2)
        if key in WHITE_TEXT:
            properties["font_color"] = "#ffffff"
    return properties


def shown_width(cell: Cell) -> int:
    """How many character widths a cell's value takes on screen (CJK counts two).

    >>> shown_width(Cell("平湖监测站")), shown_width(Cell(89.8, number="pct"))
    (10, 4)
    >>> shown_width(Cell(dt.date(2025, 3, 1), number="month")), shown_width(Cell(None))
    (7, 0)
    """
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 7 if cell.number == "month" else 10
    if isinstance(value, float):
        value = f"{value:.1f}" if cell.number == "pct" else f"{value:g}"
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(value))


class Writer:
    """Writes a :class:`Book` into an XlsxWriter workbook, one format per style."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.formats: dict[tuple[str, str], Any] = {}
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.caption = book.add_format({"bold": True, "font_size": 11})
        self.note = book.add_format({"italic": True, "font_color": "#555555"})
        self.tables = 0

    def format(self, cell: Cell) -> Any:
        """The format of a cell's style and number format (None: the default)."""
        key = (cell.style, cell.number)
        if key == ("", ""):
            return None
        if key not in self.formats:
            self.formats[key] = self.book.add_format(style_properties(*key))
        return self.formats[key]

    def cell(self, sheet: Any, row: int, col: int, cell: Cell) -> None:
        """One cell: text as text, a number as a number, a date as a date, None empty."""
        value, fmt = cell.value, self.format(cell)
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            sheet.write_blank(row, col, None, fmt)  # an unformatted blank writes nothing
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            sheet.write_number(row, col, value, fmt)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)
        if cell.note:
            sheet.write_comment(row, col, cell.note, {"x_scale": 2})

    def table(self, sheet: Any, row: int, table: Table) -> int:
        """Write ``table`` with its header at ``row``; the row after its last."""
        self.tables += 1
        headers = unique(table.headers)
        sheet.add_table(row, 0, row + len(table.rows), len(headers) - 1, {
            "name": f"T{self.tables}_{table.key}", "style": TABLE_STYLE,
            "columns": [{"header": h} for h in headers]})
        for r, cells in enumerate(table.rows, start=row + 1):
            for c, cell in enumerate(cells):
                self.cell(sheet, r, c, cell)
        return row + len(table.rows) + 1

    def chart(self, sheet: Sheet, spec: Chart, where: dict[str, tuple[int, int]]) -> Any:
        """A native chart of ``spec`` over the cells its table was written to."""
        header, count = where[spec.table]
        first, last = spec.rows or (0, count - 1)
        top, bottom = header + 1 + first, header + 1 + last
        kinds = {s.kind for s in spec.series}
        main = self.book.add_chart({"type": "column", "subtype": "stacked"} if spec.stacked
                                   else {"type": "column" if "column" in kinds else "line"})
        lines = (self.book.add_chart({"type": "line"}) if kinds == {"column", "line"} else main)
        for series in spec.series:
            drawn: dict[str, Any] = {
                "name": [sheet.name, header, series.column],
                "categories": [sheet.name, top, spec.categories, bottom, spec.categories],
                "values": [sheet.name, top, series.column, bottom, series.column]}
            if series.kind == "column":
                drawn.update(fill={"color": series.colour}, border={"color": "#666666"},
                             gap=60)
                main.add_series(drawn)
            else:
                drawn["line"] = {"color": series.colour, "width": 2,
                                 **({"dash_type": series.dash} if series.dash else {})}
                drawn["marker"] = ({"type": "none"} if series.dash else
                                   {"type": "circle", "size": 4,
                                    "fill": {"color": series.colour},
                                    "border": {"color": series.colour}})
                lines.add_series(drawn)
        if lines is not main:
            main.combine(lines)
        main.set_title({"name": spec.title, "name_font": {"size": 11}})
        main.set_x_axis({"name": spec.x_name, "text_axis": True, "num_format": "yyyy-mm"})
        main.set_y_axis({"name": spec.y_name, "major_gridlines": {
            "visible": True, "line": {"color": "#e0e0e0"}}})
        main.set_legend({"position": "bottom"})
        main.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
        return main

    def sheet(self, spec: Sheet) -> None:
        """One sheet: the title and lines, the tables one under another, notes, charts."""
        sheet = self.book.add_worksheet(spec.name)
        sheet.write_string(0, 0, spec.title, self.title)
        row = 1
        for line in spec.lines:
            sheet.write_string(row, 0, line, self.note)
            row += 1
        row += 1
        where: dict[str, tuple[int, int]] = {}
        for table in spec.tables:
            if table.caption:
                sheet.write_string(row, 0, table.caption, self.caption)
                row += 1
            if not table.rows:
                sheet.write_string(row, 0, table.empty or "–", self.note)
                row += 2
                continue
            if not where:  # the first table's header stays in view
                sheet.freeze_panes(row + 1, spec.freeze_columns)
                sheet.repeat_rows(row)
            where[table.key] = (row, len(table.rows))
            row = self.table(sheet, row, table) + 1
        for note in spec.notes:
            sheet.write_string(row, 0, note, self.note)
            row += 1
        fit_columns(sheet, spec.tables)
        self.place_charts(sheet, spec, where)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # as wide as one page, as long as it takes

    def place_charts(self, sheet: Any, spec: Sheet, where: dict[str, tuple[int, int]]) -> None:
        """The charts right of the tables, from the first table's header down, two abreast
        when there are more than four."""
        charts = [c for c in spec.charts if c.table in where]
        if not charts:
            return
        column = max(len(t.headers) for t in spec.tables) + 1
        top = min(row for row, _ in where.values())
        across = 2 if len(charts) > 4 else 1
        for i, chart in enumerate(charts):
            sheet.insert_chart(top + (i // across) * CHART_ROWS, column, self.chart(spec, chart, where),
                               {"x_offset": (i % across) * (CHART_WIDTH + 10), "y_offset": 0})


def unique(headers: tuple[str, ...]) -> list[str]:
    """Headers made unique (an Excel table requires it): a repeated one gets `` (2)``.

    >>> unique(("目标", "目标", "月份"))
    ['目标', '目标 (2)', '月份']
    """
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        out.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return out


def fit_columns(sheet: Any, tables: tuple[Table, ...]) -> None:
    """Each column as wide as its widest header or cell (titles and notes run on)."""
    widths: dict[int, int] = {}
    for table in tables:
        if not table.rows:
            continue
        for col, header in enumerate(table.headers):
            width = shown_width(Cell(header)) + FILTER_BUTTON
            width = max([width, *(shown_width(r[col]) + 1 for r in table.rows)])
            widths[col] = max(widths.get(col, 0), width)
    for col, width in widths.items():
        sheet.set_column(col, col, min(max(width, MIN_WIDTH), MAX_WIDTH))


def book_bytes(book: Book, title: str, created: dt.date) -> bytes:
    """The bytes of the .xlsx file of ``book``."""
    out = io.BytesIO()
    excel = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False})
    excel.set_properties({"title": title, "creator": "ecotarget",
                          "created": dt.datetime(created.year, created.month, created.day)})
    writer = Writer(excel)
    for sheet in book.sheets:
        writer.sheet(sheet)
    excel.close()
    return out.getvalue()


def render_report_xlsx(report: MonthlyReport, lang: str) -> bytes:
    """The workbook of ``report`` in ``lang`` as the bytes of an .xlsx file."""
    return book_bytes(workbook(report, lang), plan_name(report, lang), report.report.as_of)


def write_report_xlsx(report: MonthlyReport, stream: IO[str], lang: str) -> None:
    """Write the workbook to the file behind ``stream``; a terminal or pipe is refused."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None or stream.isatty():
        raise UsageError(Text("output.workbook", {"fmt": "xlsx"}))
    data = render_report_xlsx(report, lang)
    stream.flush()
    buffer.write(data)
    buffer.flush()


__all__ = ["Writer", "book_bytes", "fit_columns", "render_report_xlsx", "shown_width",
           "style_properties", "unique", "write_report_xlsx"]
