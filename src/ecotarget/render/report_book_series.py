"""The workbook's monthly sheets: air, the AQI calendar, water, ledger and tasks; and
:func:`workbook`, the whole :class:`~ecotarget.render.report_book.Book` of a report.

Each monthly sheet's first table holds the series month by month (a row per month, the
month a real date shown ``yyyy-mm``), and its charts are drawn from that table's columns,
so that a number changed in the sheet moves the chart. Colours: the HJ 633 category
colours for AQI; for water classes the HTML page's palette (I deep blue, II blue,
III green, IV yellow, V orange, 劣V red).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from ecotarget.catalogue import Text, words
from ecotarget.render.report_book import (
    Book,
    Cell,
    Chart,
    Series,
    Sheet,
    Table,
    changes_sheet,
    column,
    data_sheet,
    date_cell,
    month_cell,
    number,
    status_cell,
    summary_sheet,
    targets_table,
    text,
)
from ecotarget.tables.monthly import AirSeries, MonthlyReport, TargetSeries, WaterSeries

#: HJ 633 categories by level (1–6) and their AQI ranges (HJ 633 Table 2)
AQI_LEVELS = {1: ("优", "0–50"), 2: ("良", "51–100"), 3: ("轻度污染", "101–150"),
              4: ("中度污染", "151–200"), 5: ("重度污染", "201–300"), 6: ("严重污染", ">300")}
#: HJ 633's category colours (the HTML page's too), by the category's Chinese name
AQI_COLOURS = {"优": "#00e400", "良": "#ffff00", "轻度污染": "#ff7e00", "中度污染": "#ff0000",
               "重度污染": "#99004c", "严重污染": "#7e0023"}
#: GB 3838 class colours, the HTML page's (I deep blue … 劣V red)
CLASS_COLOURS = {"I": "#1565c0", "II": "#42a5f5", "III": "#66bb6a", "IV": "#ffee58",
                 "V": "#ffa726", "劣V": "#e53935"}
GOOD_AQI = 100  # HJ 633: a day with AQI ≤ 100 is good; the others name a primary pollutant
BAR, LINE, PACE, GOAL, LAST_YEAR = "#90caf9", "#0d47a1", "#ef6c00", "#c62828", "#555555"

Columns = list[tuple[str, list[Cell]]]


def _table(key: str, caption: str, columns: Columns, empty: str = "") -> Table:
    """A table from its columns (header, cells), read across."""
    rows = tuple(zip(*(cells for _, cells in columns), strict=True)) if columns else ()
    return Table(key, caption, tuple(h for h, _ in columns), rows, empty=empty)


def _series_columns(series: TargetSeries, months: Sequence[str], what: str, lang: str
                    ) -> tuple[Columns, list[Series]]:
    """The month's figure, the figure to date, the target and the pace (when the target has
    one) of ``series`` on ``months``, and the chart series drawing them (column indexes
    relative to the first of these columns)."""
    by_month = {m.month: m for m in series.months}
    unit = series.unit_en if lang == "en" else series.unit
    parts = [("rpt.month_value", "value"), ("rpt.to_date", "to_date"),
             ("rpt.target_line", "target"), ("rpt.pace_line", "pace")]
    styles = [Series(0, "column", BAR), Series(1, "line", LINE),
              Series(2, "line", GOAL, "round_dot"), Series(3, "line", PACE, "dash")]
    columns: Columns = []
    drawn: list[Series] = []
    for (key, field), style in zip(parts, styles, strict=True):
        cells = [number(getattr(by_month[m], field), series.unit) if m in by_month else Cell(None)
                 for m in months]
        if field in ("to_date", "pace") and all(c.value is None for c in cells):
            continue  # a target without a pace, a series drawn month against month
        drawn.append(Series(len(columns), style.kind, style.colour, style.dash))
        columns.append((column(what, words(key, lang), unit, lang), cells))
    return columns, drawn


def _shifted(series: list[Series], by: int) -> tuple[Series, ...]:
    return tuple(Series(s.column + by, s.kind, s.colour, s.dash) for s in series)


# --- air ---------------------------------------------------------------------------------------

def air_columns(air: AirSeries, months: Sequence[str], lang: str) -> tuple[Columns, list[Chart]]:
    """The air sheet's table (a row per month) and the charts drawn from it."""
    month_axis = words("rpt.month", lang)
    columns: Columns = [(month_axis, [month_cell(m) for m in months])]
    charts: list[Chart] = []
    categories = {c.month: c for c in air.categories}
    columns.append((words("rpt.valid_days", lang),
                    [Cell(categories[m].valid_days) if m in categories else Cell(None)
                     for m in months]))
    for series, what, title, axis in (
            (air.good_day, words("wb.good_rate", lang), "rpt.good_rate_title", "rpt.good_rate_axis"),
            (air.pm25, words("wb.pm25", lang), "rpt.pm25_title", "rpt.pm25_axis")):
        if series is None:
            continue
        added, drawn = _series_columns(series, months, what, lang)
        charts.append(Chart(words(title, lang), month_axis, words(axis, lang), "air", 0,
                            _shifted(drawn, len(columns))))
        columns.extend(added)
    if air.allowance and air.year_allowance is not None:
        allowance = {a.month: a for a in air.allowance}
        first = len(columns)
        for key, field in (("rpt.non_good_month", "non_good_days"),
                           ("rpt.allowance_left", "allowance"),
                           ("wb.allowance_pro_rata", "pro_rata")):
            columns.append((words(key, lang), [Cell(getattr(allowance[m], field))
                                               if m in allowance else Cell(None) for m in months]))
        charts.append(Chart(words("rpt.allowance_title", lang), month_axis,
                            words("rpt.allowance_axis", lang), "air", 0,
                            (Series(first, "column", "#ffcc80"), Series(first + 1, "line", LINE),
                             Series(first + 2, "line", PACE, "dash"))))
    if air.categories:
        first = len(columns)
        for category in AQI_COLOURS:
            name = words(f"rpt.aqi.{category}", lang)
            columns.append((Text("wb.days_of", {"category": name}).render(lang),
                            [Cell(categories[m].days.get(category, 0)) if m in categories
                             else Cell(None) for m in months]))
        charts.append(Chart(words("rpt.categories_title", lang), month_axis,
                            words("rpt.allowance_axis", lang), "air", 0,
                            tuple(Series(first + i, "column", colour)
                                  for i, colour in enumerate(AQI_COLOURS.values())),
                            stacked=True))
    return columns, charts


def stations_table(air: AirSeries, lang: str) -> Table:
    """Each station's own figures and the region's without it (``check --by station``)."""
    heads = ("rpt.station", "rpt.good_rate", "rpt.pm25", "rpt.valid_days", "rpt.non_good_days",
             "rpt.without_rate", "rpt.without_pm25")
    rows = tuple((text(s.station), number(s.good_day_rate, "%"), number(s.pm25),
                  Cell(s.valid_days), Cell(s.non_good_days), number(s.without_good_day_rate, "%"),
                  number(s.without_pm25)) for s in air.stations)
    return Table("stations", words("rpt.stations", lang), tuple(words(h, lang) for h in heads),
                 rows)


def air_sheet(report: MonthlyReport, lang: str) -> Sheet:
    """Sheet 2: the air series month by month with their charts, the air targets with the
    year-end projection, the stations."""
    air = report.air
    name, title = words("wb.sheet.air", lang), words("rpt.s_air", lang)
    if air.good_day is None and air.pm25 is None:
        return Sheet(name, title, (words("rpt.no_air", lang),), ())
    columns, charts = air_columns(air, report.months, lang)
    tables = (_table("air", words("wb.air_table", lang), columns),
              targets_table(air.results, lang, key="air_targets",
                            caption=words("wb.targets_of", lang), projection=True),
              stations_table(air, lang))
    return Sheet(name, title, (), tables, tuple(charts), freeze_columns=1)


def calendar_sheet(report: MonthlyReport, lang: str) -> Sheet:
    """The daily AQI as a grid, a row per month and a column per day, each day on its HJ 633
    colour, a non-good day's primary pollutant in its comment."""
    days = {d.date: d for d in report.air.days}
    rows = []
    for month in report.months:
        year, number_of = int(month[:4]), int(month[5:])
        length = calendar.monthrange(year, number_of)[1]
        cells = [month_cell(month)]
        for day_of_month in range(1, 32):
            day = (days.get(dt.date(year, number_of, day_of_month))
                   if day_of_month <= length else None)
            if day is None:
                cells.append(Cell(None))  # not a day of the month, or outside the period
            elif day.aqi is None:
                cells.append(Cell(None, style="aqi.0"))
            else:
                category = words(f"rpt.aqi.{day.category}", lang)
                note = (Text("wb.day_note", {"date": day.date, "aqi": day.aqi,
                                             "category": category, "primary": day.primary})
                        .render(lang) if day.aqi > GOOD_AQI and day.primary else "")
                cells.append(Cell(day.aqi, style=f"aqi.{day.level}", note=note))
        rows.append(tuple(cells))
    headers = (words("rpt.month", lang), *(str(n) for n in range(1, 32)))
    legend = tuple((Cell(words(f"rpt.aqi.{name}", lang), style=f"aqi.{level}"), Cell(span))
                   for level, (name, span) in AQI_LEVELS.items())
    return Sheet(words("wb.sheet.calendar", lang), words("rpt.calendar", lang),
                 (words("wb.calendar_note", lang),),
                 (Table("calendar", "", headers, tuple(rows)),
                  Table("legend", words("wb.legend", lang),
                        (words("aqi.category", lang), words("wb.aqi_range", lang)), legend)),
                 freeze_columns=1)


# --- water -------------------------------------------------------------------------------------

def class_cell(name: str | None, worse: bool = False) -> Cell:
    """A GB 3838 class on its colour; bold with a border when worse than the target."""
    style = f"class.{name}" if name else "class.none"
    return Cell(name, style=f"{style} worse" if worse else style)


def grid_table(water: WaterSeries, lang: str) -> Table:
    """The section × month grid of classes, the target class beside each section."""
    rank = ("I", "II", "III", "IV", "V", "劣V")
    rows = []
    for section in water.sections:
        by_month = {m.month: m for m in section.months}
        target = rank.index(section.target_class) if section.target_class in rank else None
        cells = [text(section.section),
                 Cell(words(f"level.{section.level}", lang) if section.level else None),
                 Cell(section.target_class)]
        for month in water.months:
            found = by_month.get(month)
            name = found.water_class if found else None
            cells.append(class_cell(name, target is not None and name in rank
                                    and rank.index(name) > target))
        rows.append(tuple(cells))
    headers = (words("water.section", lang), words("water.level", lang),
               words("water.target_class", lang), *water.months)
    return Table("grid", words("rpt.grid", lang), headers, tuple(rows))


def worse_table(water: WaterSeries, lang: str) -> Table:
    """Each month a section was worse than its target, with the main pollutants."""
    rows = tuple((text(s.section), month_cell(m.month), class_cell(m.water_class, True),
                  Cell(s.target_class), text(m.main_pollutants))
                 for s in water.sections if s.worse for m in s.months
                 if m.water_class is not None and s.target_class is not None
                 and grid_rank(m.water_class) > grid_rank(s.target_class))
    heads = ("water.section", "rpt.month", "water.class", "water.target_class",
             "water.main_pollutants")
    return Table("worse", words("rpt.worse_sections", lang), tuple(words(h, lang) for h in heads),
                 rows, empty=words("rpt.none", lang))


def grid_rank(name: str) -> int:
    """A class's rank, I = 1 … 劣V = 6.

    >>> grid_rank("III"), grid_rank("劣V")
    (3, 6)
    """
    return ("I", "II", "III", "IV", "V", "劣V").index(name) + 1


def sources_table(water: WaterSeries, lang: str) -> Table:
    """Each drinking-water source, round by round: passed or failed (failing items in the
    comment)."""
    rounds: dict[str, dict[str, Cell]] = {}
    for r in water.sources:
        items = Text("wb.failing_note", {"items": r.failing_items}).render(lang) \
            if r.failing_items else ""
        rounds.setdefault(r.source, {})[r.month] = Cell(
            words("rpt.pass" if r.passes else "rpt.fail", lang),
            style="pass" if r.passes else "fail", note=items)
    rows = tuple((text(source), *(by_month.get(m, Cell(None)) for m in water.months))
                 for source, by_month in rounds.items())
    return Table("sources", words("rpt.sources", lang),
                 (words("water.source", lang), *water.months), rows)


def water_sheet(report: MonthlyReport, lang: str) -> Sheet:
    """Sheet 3: the class grid, sections worse than their target, CWQI against last year
    (with its chart), the sources by round, the water targets."""
    water = report.water
    name, title = words("wb.sheet.water", lang), words("rpt.s_water", lang)
    if not (water.sections or water.cwqi or water.sources):
        return Sheet(name, title, (words("rpt.no_water", lang),), ())
    tables = [grid_table(water, lang), worse_table(water, lang)]
    charts = []
    if water.cwqi is not None:
        cwqi = {m.month: m for m in water.cwqi.months}
        month_axis = words("rpt.month", lang)
        columns: Columns = [
            (month_axis, [month_cell(m) for m in water.months]),
            (words("rpt.this_year", lang), [number(cwqi[m].value) if m in cwqi else Cell(None)
                                             for m in water.months]),
            (words("rpt.last_year", lang), [number(cwqi[m].target) if m in cwqi else Cell(None)
                                             for m in water.months]),
            (words("head.status", lang), [status_cell(cwqi[m].status, lang) if m in cwqi
                                          else Cell(None) for m in water.months])]
        tables.append(_table("cwqi", words("wb.cwqi_table", lang), columns))
        charts.append(Chart(words("rpt.cwqi_title", lang), month_axis, words("rpt.cwqi_axis", lang),
                            "cwqi", 0, (Series(1, "line", LINE), Series(2, "line", LAST_YEAR, "dash"))))
    if water.sources:
        tables.append(sources_table(water, lang))
    tables.append(targets_table(water.results, lang, key="water_targets",
                                caption=words("wb.targets_of", lang)))
    return Sheet(name, title, (), tuple(tables), tuple(charts), freeze_columns=1,
                 notes=(words("wb.grid_note", lang),))


# --- ledger and tasks --------------------------------------------------------------------------

def ledger_sheet(report: MonthlyReport, lang: str) -> Sheet:
    """Sheet 4: each count and ratio month by month against its pace (a block of rows per
    target, a chart each), and the milestones with their due dates."""
    name, title = words("wb.sheet.ledger", lang), words("rpt.s_ledger", lang)
    if not (report.ledger or report.milestones):
        return Sheet(name, title, (words("rpt.no_ledger", lang),), ())
    parts = ("wb.month_figure", "rpt.to_date", "rpt.pace_line", "wb.target")
    headers = (words("head.target", lang), words("wb.unit", lang), words("rpt.month", lang),
               *(words(p, lang) for p in parts), words("head.status", lang))
    rows: list[tuple[Cell, ...]] = []
    charts = []
    for series in report.ledger:
        unit = series.unit_en if lang == "en" else series.unit
        label = series.name_en if lang == "en" else series.name
        first = len(rows)
        rows.extend((text(label), text(unit), month_cell(m.month), number(m.value, series.unit),
                     number(m.to_date, series.unit), number(m.pace, series.unit),
                     number(m.target, series.unit), status_cell(m.status, lang))
                    for m in series.months)
        drawn = [Series(3, "column", BAR), Series(4, "line", LINE)]
        if any(m.pace is not None for m in series.months):
            drawn.append(Series(5, "line", PACE, "dash"))
        drawn.append(Series(6, "line", GOAL, "round_dot"))
        charts.append(Chart(Text("wb.series_title", {"name": label}).render(lang),
                            words("rpt.month", lang),
                            Text("rpt.value_axis", {"unit": unit or "–"}).render(lang),
                            "ledger", 2, tuple(drawn), rows=(first, len(rows) - 1)))
    milestones = tuple((text(m.name_en if lang == "en" else m.name), date_cell(m.due),
                        month_cell(m.done_in) if m.done_in else Cell(None),
                        status_cell(m.status, lang)) for m in report.milestones)
    heads = ("head.target", "rpt.due", "rpt.done_in", "head.status")
    return Sheet(name, title, (words("rpt.ledger_intro", lang),), (
        Table("ledger", words("wb.series_table", lang), headers, tuple(rows),
              empty=words("rpt.none", lang)),
        Table("milestones", words("rpt.milestones", lang), tuple(words(h, lang) for h in heads),
              milestones, empty=words("rpt.none", lang))), tuple(charts), freeze_columns=1)


def workbook(report: MonthlyReport, lang: str) -> Book:
    """The whole workbook: summary, changes (with ``--compare-to``), air, the AQI calendar,
    water, ledger and tasks, data."""
    sheets = [summary_sheet(report, lang)]
    if report.comparison is not None:
        sheets.append(changes_sheet(report.comparison, lang))
    sheets.append(air_sheet(report, lang))
    if report.air.days:
        sheets.append(calendar_sheet(report, lang))
    sheets.extend((water_sheet(report, lang), ledger_sheet(report, lang), data_sheet(report, lang)))
    return Book(tuple(sheets))


__all__ = ["AQI_COLOURS", "AQI_LEVELS", "CLASS_COLOURS", "air_columns", "air_sheet",
           "calendar_sheet", "class_cell", "grid_rank", "grid_table", "ledger_sheet",
           "sources_table", "stations_table",
           "water_sheet", "workbook", "worse_table"]
