"""Rendering of ``ecotarget aqi``: station-day and station-hour rows as a table, CSV or
JSON, the published-value comparison, and the city days as a coloured month calendar.

Renderers receive their stream or console; nothing here parses options or exits.
"""

from __future__ import annotations

import calendar as calendar_module
import json
import re
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING

import numpy as np
import pandas as pd
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ecotarget.catalogue import Text as CatalogueText
from ecotarget.catalogue import words
from ecotarget.render.common import STATUS_STYLE, STATUS_SYMBOL, STATUS_WORD
from ecotarget.render.safe import inert, spreadsheet_cell
from ecotarget.render.table import make_console
from ecotarget.standards.aqi import CATEGORIES

if TYPE_CHECKING:
    from ecotarget.tables.aqi import CalendarData, GoodDaySummary
    from ecotarget.tables.published import Comparison

SCHEMA_VERSION = 1
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")  # Monday first, as Chinese calendars
#: headers that are words, by catalogue key; pollutant codes and AQI are the same in both
_HEADER_KEYS = {"date": "aqi.date", "time": "aqi.time", "station": "aqi.station",
                "类别": "aqi.category", "primary": "aqi.primary", "valid": "aqi.valid",
                "value": "aqi.value", "published": "aqi.published", "ecotarget": "aqi.ecotarget"}


def header_word(header: str, lang: str) -> str:
    """A column header in ``lang``: ``header_word("类别", "en") == "category"``, ``PM2.5`` as is.

    >>> header_word("primary", "zh"), header_word("PM2.5", "zh"), header_word("类别", "en")
    ('首要污染物', 'PM2.5', 'category')
    """
    return words(_HEADER_KEYS[header], lang) if header in _HEADER_KEYS else header
_CELL = 5  # display cells per calendar day: "123良" or a coloured " 123 ", under " 12日"
_MONTH_WIDTH = 7 * _CELL + 6
_MONTH_GAP = 4
NO_VALUE = "·"  # a day without a valid AQI

# Terminal table columns: (frame column, header, right-aligned). CSV and JSON carry every
# column; the terminal shows the values and the AQI, which is what fits on a screen.
DAY_VIEW = (("date", "date", False), ("station", "station", False), ("pm25", "PM2.5", True),
             ("pm10", "PM10", True), ("so2", "SO2", True), ("no2", "NO2", True),
             ("co", "CO", True), ("o3_1h_max", "O3-1h", True), ("o3_8h_max", "O3-8h", True),
             ("aqi", "AQI", True), ("category", "类别", False),
             ("primary_pollutants", "primary", False), ("valid", "valid", False))
HOUR_VIEW = (("time", "time", False), ("station", "station", False),
              ("pm25", "PM2.5", True), ("pm10", "PM10", True), ("so2", "SO2", True),
              ("no2", "NO2", True), ("co", "CO", True), ("o3", "O3", True),
              ("aqi", "AQI", True), ("category", "类别", False),
              ("primary_pollutants", "primary", False))


# --- rows: table, CSV, JSON -----------------------------------------------------------------

def plain_rows(rows: pd.DataFrame, *, time_format: str) -> pd.DataFrame:
    """Rows ready to print: dates as ISO text, whole-number float columns as integers.

    A float column whose values are all whole (PM2.5, the rounded daily values) prints
    as ``40``, not ``40.0``; CO keeps its decimal.  Vectorised, one pass per column.
    """
    out = rows.copy()
    for name, form in (("date", "%Y-%m-%d"), ("time", time_format)):
        if name in out and pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime(form)
    for name in out.columns:
        column = out[name]
        if column.dtype == np.float64:
            values = column.to_numpy()
            finite = values[np.isfinite(values)]
            if (finite == np.round(finite)).all():
                out[name] = column.astype("Int64")
    return out


def write_rows_json(rows: pd.DataFrame, stream: IO[str]) -> None:
    """Rows as one JSON document: ISO 8601 times; NaN and <NA> become null; numbers stay numbers."""
    body = plain_rows(rows, time_format="%Y-%m-%dT%H:%M:%S").to_json(
        orient="records", force_ascii=False, double_precision=10)
    stream.write(f'{{"schema_version": {SCHEMA_VERSION}, "rows": {body}}}\n')


#: a day's validity as printed: CSV keeps true/false (for scripts), the table the run's words
_VALID_WORDS = {"csv": {True: "true", False: "false"}, "zh": {True: "是", False: "否"},
                "en": {True: "yes", False: "no"}}


def _printable_rows(rows: pd.DataFrame, lang: str = "csv") -> pd.DataFrame:
    """Rows as the CSV (``lang="csv"``: ``valid`` as true/false) or the table in ``lang``
    shows them, with minute times."""
    plain = plain_rows(rows, time_format="%Y-%m-%d %H:%M")
    if "valid" in plain:
        plain["valid"] = plain["valid"].map(_VALID_WORDS[lang])
    if lang == "zh" and "station" in plain:  # the city days' own label, 全市 in a zh table
        plain["station"] = plain["station"].where(plain["station"] != "city",
                                                  words("aqi.city", lang))
    return plain


def write_rows_csv(rows: pd.DataFrame, stream: IO[str]) -> None:
    """Rows as CSV with a header row, every column; text cells safe in a spreadsheet."""
    # %.10g: a value as written (35.4, 0.6) and whole values without ".0"
    spreadsheet_safe(_printable_rows(rows)).to_csv(stream, index=False, lineterminator="\n",
                                                    float_format="%.10g")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column's cells made :func:`~ecotarget.render.safe.spreadsheet_cell`
    (no formula, no control character), once per distinct text."""
    return _map_text(frame, spreadsheet_cell)


def _map_text(frame: pd.DataFrame, convert: Callable[[str], str]) -> pd.DataFrame:
    changed = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            distinct = column.dropna().unique()
            mapping = {text: convert(text) for text in distinct if isinstance(text, str)}
            mapping = {text: new for text, new in mapping.items() if text != new}
            if mapping:
                changed[name] = column.mask(column.isin(list(mapping)), column.map(mapping))
    return frame.assign(**changed) if changed else frame


def write_rows_table(rows: pd.DataFrame, stream: IO[str], hourly: bool, lang: str = "zh") -> None:
    """Rows as a terminal table of the values and the AQI (:data:`HOUR_VIEW` or :data:`DAY_VIEW`),
    headers, categories and yes/no in ``lang``."""
    render_rows(_printable_rows(rows, lang), make_console(stream),
                HOUR_VIEW if hourly else DAY_VIEW, lang)


def render_rows(plain: pd.DataFrame, console: Console,
                view: Sequence[tuple[str, str, bool]], lang: str = "zh") -> None:
    """Aligned columns with a header; the category cell on its HJ 633 colour.

    Built column by column (a rich ``Table`` takes seconds per ten thousand rows, and an
    hourly listing has hundreds of thousands); widths are display cells, so 平湖监测站
    lines up.
    """
    cells, widths = [], []
    view = [(name, header_word(header, lang), right) for name, header, right in view]
    for name, header, right in view:
        # the category in English from its own column; the colour still follows the Chinese
        shown = "category_en" if name == "category" and lang == "en" and "category_en" in plain \
            else name
        column = _text(plain[shown])
        padded, width = _pad(column, header, right)
        cells.append(padded)
        widths.append(width)
    headers = [_pad_one(header, width, right)
               for (_, header, right), width in zip(view, widths, strict=True)]
    lines = cells[0].to_numpy(dtype=object)
    for column in cells[1:]:
        lines = lines + _GAP + column.to_numpy(dtype=object)
    head = _GAP.join(headers)
    rows_line = CatalogueText("aqi.rows", {"n": len(plain)}).render(lang)
    rule = _GAP.join("─" * w for w in widths)
    if console.no_color or console.color_system is None:
        # Nothing to style: plain text straight to the stream (never parsed as markup),
        # which keeps a million-row listing to seconds instead of minutes in rich.
        console.file.write("\n".join([head, rule, *lines, rows_line]) + "\n")
        return
    text = Text()
    text.append(head, style="bold")
    text.append("\n" + rule)
    body_start = len(text.plain) + 1
    text.append("\n" + "\n".join(lines))
    text.append(f"\n{rows_line}")
    if len(plain):
        # Character offsets of each row's category cell (CJK stations are one character
        # but two cells wide, so offsets vary by row).
        at = [name for name, _, _ in view].index("category")
        before = sum(cells[i].str.len().to_numpy() + len(_GAP) for i in range(at))
        line_length = pd.Series(lines, dtype=object).str.len().to_numpy()
        row_start = np.concatenate([[0], np.cumsum(line_length + 1)[:-1]]) + body_start
        start = row_start + before
        length = cells[at].str.len().to_numpy()
        styles = _category_styles()
        category = plain["category"].to_numpy(dtype=object)
        for i in np.flatnonzero(plain["category"].notna().to_numpy()):  # styling only
            text.stylize(styles[category[i]], int(start[i]), int(start[i] + length[i]))
    console.print(text, no_wrap=True, overflow="ignore", crop=False)


_GAP = "  "


def _text(column: pd.Series) -> pd.Series:
    """Cell text: floats as written (%.10g, so 35.4 and 40, not 40.0), missing as ""."""
    if column.dtype == np.float64:
        values = column.to_numpy()
        text = np.char.mod("%.10g", values).astype(object)
        text[np.isnan(values)] = ""
        return pd.Series(text, index=column.index, dtype=object)
    cells = column.astype("object").where(column.notna(), "").astype(str)
    # a station name from the input may hold an escape sequence: shown, never obeyed
    distinct = {value: inert(value) for value in cells.unique()}
    if any(value != shown for value, shown in distinct.items()):
        cells = cells.map(distinct)
    return cells


def _pad_one(value: str, width: int, right: bool) -> str:
    fill = " " * (width - cell_len(value))
    return fill + value if right else value + fill


def _pad(column: pd.Series, header: str, right: bool) -> tuple[pd.Series, int]:
    """A column padded to one display width (measured once per distinct value)."""
    distinct = column.unique()
    width_of = {value: cell_len(value) for value in distinct}
    widths = column.map(width_of).to_numpy(dtype=np.int64)
    width = max([cell_len(header), *width_of.values()])
    fills = np.array([" " * k for k in range(width + 1)], dtype=object)[width - widths]
    values = column.to_numpy(dtype=object)
    padded = fills + values if right else values + fills
    return pd.Series(padded, index=column.index, dtype=object), width


def _category_styles() -> dict[str, str]:
    """Rich style per category name: the HJ 633 Appendix A colour as background."""
    return {c.zh: f"{_ink(c.rgb)} on {c.hex}" for c in CATEGORIES}


def _ink(rgb: tuple[int, int, int]) -> str:
    """Black on light backgrounds, white on dark ones (relative luminance)."""
    red, green, blue = rgb
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 120 else "white"


# --- published values -----------------------------------------------------------------------

_COMPARISON_VIEW = (("time", "time", False), ("station", "station", False),
                    ("value", "value", False), ("published", "published", True),
                    ("ecotarget", "ecotarget", True))


def _disagreements(comparison: Comparison) -> pd.DataFrame:
    return comparison.disagreements[["time", "station", "value", "published", "ecotarget",
                                     "path", "line"]]


def write_comparison_json(comparison: Comparison, stream: IO[str]) -> None:
    """The counts and the agreement line as fields, then the differing values as rows.

    The rows are the disagreements and the rounding ties, each with ``tie`` true or false.
    """
    differing = comparison.differences[["time", "station", "value", "published", "ecotarget",
                                        "tie", "path", "line"]]
    body = plain_rows(differing, time_format="%Y-%m-%dT%H:%M:%S").to_json(
        orient="records", force_ascii=False, double_precision=10)
    head = json.dumps({"compared": comparison.compared, "agreeing": comparison.agreeing,
                       "ties": comparison.ties, "agreement_percent": comparison.percent,
                       "agreement": comparison.line(), "notes": list(comparison.notes)},
                      ensure_ascii=False)
    stream.write(f'{{"schema_version": {SCHEMA_VERSION}, {head[1:-1]}, "rows": {body}}}\n')


def write_comparison_csv(comparison: Comparison, stream: IO[str]) -> None:
    """The disagreeing values as CSV rows only (the command prints the agreement line on stderr)."""
    plain = plain_rows(_disagreements(comparison), time_format="%Y-%m-%d %H:%M")
    spreadsheet_safe(plain).to_csv(stream, index=False, lineterminator="\n", float_format="%.10g")


def agreement_line(comparison: Comparison, lang: str) -> str:
    """``agreement: K/N (P%); T at a rounding tie`` / ``一致：K/N（P%）；其中 T 个为修约临界值``."""
    shown = "–" if comparison.percent is None else f"{comparison.percent:.1f}%"
    return CatalogueText("aqi.agreement", {"agreeing": comparison.agreeing,
                                           "compared": comparison.compared,
                                           "percent": shown,
                                           "ties": comparison.ties}).render(lang)


def write_comparison_table(comparison: Comparison, stream: IO[str], lang: str = "zh") -> None:
    """The notes, the disagreeing values (ties left out), then the agreement line.

    A missing ecotarget value shows as —.
    """
    plain = plain_rows(_disagreements(comparison), time_format="%Y-%m-%d %H:%M")
    lines = [inert(note) for note in comparison.notes]
    if len(plain):
        cells, widths = [], []
        for name, header, right in _COMPARISON_VIEW:
            text = _text(plain[name]).where(plain[name].notna(), "—")
            padded, width = _pad(pd.Series(text, dtype=object), header_word(header, lang), right)
            cells.append(padded.to_numpy(dtype=object))
            widths.append(width)
        lines.append(_GAP.join(_pad_one(header_word(header, lang), width, right)
                               for (_, header, right), width
                               in zip(_COMPARISON_VIEW, widths, strict=True)))
        lines.append(_GAP.join("─" * width for width in widths))
        joined = cells[0]
        for column in cells[1:]:
            joined = joined + _GAP + column
        lines.extend(joined.tolist())
    lines.append(agreement_line(comparison, lang))
    stream.write("\n".join(lines) + "\n")


# --- calendar -------------------------------------------------------------------------------

def render_calendar(data: CalendarData, console: Console, lang: str = "zh") -> None:
    """Months side by side, each day's AQI on its category colour, a legend and the outlook.

    Without colour (``NO_COLOR``, or output that is not a terminal) each day shows the
    category's first character after the number (优 良 轻 中 重 严), so nothing is lost.
    """
    colour = not console.no_color and console.color_system is not None
    blocks = [_month_block(data.days, year, month, colour, lang) for year, month in data.months]
    per_row = max(1, (console.width + _MONTH_GAP) // (_MONTH_WIDTH + _MONTH_GAP))
    for start in range(0, len(blocks), per_row):
        group = blocks[start:start + per_row]
        for line in range(max(len(b) for b in group)):
            text = Text()
            for i, block in enumerate(group):
                if i:
                    text.append(" " * _MONTH_GAP)
                cell = block[line] if line < len(block) else Text(" " * _MONTH_WIDTH)
                text.append_text(cell)
            console.print(text)
        console.print()
    console.print(_legend(colour, lang))
    if data.summary is not None:
        for summary_line in _summary_lines(data.summary, lang):
            console.print(summary_line)


def write_calendar_table(data: CalendarData, stream: IO[str], lang: str = "zh") -> None:
    """:func:`render_calendar` on a console for ``stream`` (colour only on a terminal)."""
    render_calendar(data, make_console(stream), lang)


def _month_block(days: pd.DataFrame, year: int, month: int, colour: bool,
                 lang: str = "zh") -> list[Text]:
    """The lines of one month: title, weekday header, then one line per week.

    Every cell is five display cells: ``  5日`` / ``   5 ``, ``123良`` / ``123G `` (an
    English initial is one cell, a Chinese one two).
    """
    styles = _category_styles()
    initials = {c.zh: c.zh[0] if lang == "zh" else f"{c.en[0]} " for c in CATEGORIES}
    in_month = days[(days["date"].dt.year == year) & (days["date"].dt.month == month)]
    by_day = {int(d.day): (aqi, category, valid) for d, aqi, category, valid in zip(
        in_month["date"], in_month["aqi"], in_month["category"], in_month["valid"],
        strict=True)}
    title = Text(CatalogueText("aqi.month_title", {"year": year, "month": CatalogueText(
        f"month.{month}")}).render(lang), style="bold")
    title.align("center", _MONTH_WIDTH)  # pads by display cells: 年 and 月 are two wide
    # a Chinese weekday is two cells wide, as Mo/Tu: " 一  " and " Mo  " are both five
    lines = [title, Text(" ".join(f" {words(f'weekday.{n}', lang)}  " for n in range(7)))]
    for week in calendar_module.Calendar(firstweekday=0).monthdayscalendar(year, month):
        # two lines a week: the day of month ("  5日", five cells as an AQI cell), then
        # that day's AQI beneath it
        dates, line = Text(style="dim"), Text()
        for i, day in enumerate(week):
            if i:
                dates.append(" ")
                line.append(" ")
            dates.append((f"{day:>3}日" if lang == "zh" else f"{day:>4} ") if day else " " * _CELL)
            aqi, category, valid = by_day.get(day, (None, None, False))
            if day == 0:
                line.append(" " * _CELL)
            elif not valid or aqi is None or category not in styles:
                line.append(f"{NO_VALUE:>3}  ")
            elif colour:
                line.append(f"{int(aqi):>4} ", style=styles[category])
            else:
                line.append(f"{int(aqi):>3}{initials[category]}")
        lines.extend((dates, line))
    return lines


def _legend(colour: bool, lang: str = "zh") -> Text:
    """The categories' colours (or initials) and AQI spans, in ``lang``."""
    styles = _category_styles()
    text = Text("AQI: ")
    for c in CATEGORIES:
        span = f"{c.aqi_min}–{c.aqi_max}" if c.aqi_max is not None else f">{c.aqi_min - 1}"
        name, initial = (c.zh, c.zh[0]) if lang == "zh" else (c.en, c.en[0])
        if colour:
            text.append(f" {initial} ", style=styles[c.zh])
            text.append(f" {name} {span}  ")
        else:
            whole = f"={name}" if len(name) > 1 else ""  # 轻=轻度污染; 优 and 良 are whole
            text.append(f"{initial}{whole} {span}  ")
    text.append(f"{NO_VALUE}={words('aqi.no_value', lang)}")
    return text


def _basis(basis: str, lang: str) -> str:
    """The projection's basis in ``lang`` (the metric states it in English).

    >>> _basis("2024 months 11–12", "zh"), _basis("2024 months 11–12", "en")
    ('2024 年 11–12 月', '2024 months 11–12')
    """
    found = re.fullmatch(r"(\d{4}) months (\d+)–(\d+)", basis)
    if found:
        year, first, last = found.groups()
        return CatalogueText("aqi.basis_months", {"year": year, "first": first,
                                                  "last": last}).render(lang)
    if basis.startswith("the year so far continues"):
        return words("aqi.basis_continues", lang)
    return basis


def _summary_lines(s: GoodDaySummary, lang: str = "zh") -> list[Text]:
    op = {">=": "≥", "<=": "≤", "==": "=", "<": "<", ">": ">"}[s.op]
    rate = "–" if s.rate is None else f"{s.rate:.1f}%"
    source = s.target_id if s.target_id else words("aqi.default_target", lang)
    head = Text(CatalogueText("aqi.rate_line", {
        "start": s.start, "end": s.end, "rate": rate, "good": s.good_days,
        "valid": s.valid_days, "op": op, "goal": f"{s.goal:g}", "source": source}).render(lang))
    head.append(f"{STATUS_SYMBOL[s.status]} {STATUS_WORD[lang][s.status]}",
                style=STATUS_STYLE[s.status])
    lines = [head]
    goal = f"{s.goal:g}"
    if s.days_left:
        if s.allowance is None:
            lines.append(Text(CatalogueText("aqi.no_allowance", {
                "left": s.days_left, "goal": goal}).render(lang)))
        else:
            lines.append(Text(CatalogueText("aqi.allowance", {
                "n": s.allowance, "left": s.days_left, "year": s.year}).render(lang)))
        if s.projected is not None:
            lines.append(Text(CatalogueText("aqi.projection", {
                "basis": _basis(s.projection_basis or "", lang),
                "rate": f"{s.projected:.1f}"}).render(lang)))
        elif s.projection_basis:
            lines.append(Text(CatalogueText("aqi.projection_only", {
                "basis": _basis(s.projection_basis, lang)}).render(lang)))
    else:
        reason = s.reason.render(lang)
        lines.append(Text(CatalogueText("aqi.year_complete", {
            "year": s.year, "reason": reason}).render(lang)))
    return lines


__all__ = ["DAY_VIEW", "HOUR_VIEW", "agreement_line", "header_word", "plain_rows",
           "render_calendar", "render_rows",
           "write_calendar_table",
           "write_comparison_csv", "write_comparison_json", "write_comparison_table",
           "write_rows_csv", "write_rows_json", "write_rows_table"]
