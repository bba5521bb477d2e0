"""The monthly report's sections as plain values for the HTML template.

Each function turns one part of a :class:`~ecotarget.tables.monthly.MonthlyReport` into
rows of display text (numbers formatted as ``check`` formats them, words from the
catalogue in the report's language) with the raw figure beside each shown number: the
template writes it into a ``data-value`` attribute, so a reader (or a test) can take every
figure back out of the page. The charts are drawn by :mod:`ecotarget.render.report_charts`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any

from ecotarget.catalogue import Text, words
from ecotarget.render.common import (
    STATUS_SYMBOL,
    format_actual,
    format_goal,
    format_margin,
    format_value,
    section_title,
    status_text,
    unit_in,
)
from ecotarget.report import STATUSES, Result
from ecotarget.tables.monthly import (
    AirDay,
    Change,
    Comparison,
    MonthlyReport,
    SectionRow,
    SourceRound,
    TargetSeries,
)

Row = dict[str, Any]
#: text colour on each HJ 633 category's colour: dark on the light ones
AQI_CSS = {"优": "aqi1", "良": "aqi2", "轻度污染": "aqi3", "中度污染": "aqi4", "重度污染": "aqi5",
           "严重污染": "aqi6"}
#: GB 3838 classes → CSS class of their colour (blue I … red 劣V)
CLASS_CSS = {"I": "w1", "II": "w2", "III": "w3", "IV": "w4", "V": "w5", "劣V": "w6"}


def raw(value: object) -> str:
    """A figure as the ``data-value`` attribute carries it: JSON's form of the number.

    >>> raw(89.8), raw(14.0), raw(None), raw("B")
    ('89.8', '14.0', '', 'B')
    """
    if value is None:
        return ""
    return repr(float(value)) if isinstance(value, (int, float)) else str(value)


def class_name(name: str | None, lang: str) -> str:
    """``Ⅲ类`` / ``III``; ``劣Ⅴ类`` / ``worse than V``; ``–`` for no class."""
    if name is None:
        return "–"
    return words("class.worse_than_V" if name == "劣V" else f"class.{name}", lang)


def result_row(result: Result, lang: str) -> Row:
    """One target's line: name, goal, figure, status, margin, how and reason."""
    return {
        "id": result.id, "name": result.name_en if lang == "en" else result.name,
        "section": section_title(result.section, lang), "status": result.status,
        "status_text": status_text(result.status, lang), "goal": format_goal(result, lang),
        "actual": format_actual(result, lang), "margin": format_margin(result.margin, result.unit),
        "how": result.how.render(lang), "reason": result.reason.render(lang),
        "unit": unit_in(result, lang),
        "raw": {"actual": raw(result.actual), "target_value": raw(result.target_value),
                "margin": raw(result.margin), "pace_target": raw(result.pace_target)},
    }


def summary(report: MonthlyReport, lang: str) -> Row:
    """Section 1: counts per status, every target not met with its reason, all targets."""
    counts = report.report.summary
    return {
        "counts": [{"status": s, "symbol": STATUS_SYMBOL[s], "label": words(f"status.{s}", lang),
                    "n": counts[s]} for s in STATUSES],
        "total": len(report.report.results),
        "behind": [result_row(r, lang) for r in report.behind],
        "behind_title": Text("rpt.behind", {"n": len(report.behind)}).render(lang),
        "all": [result_row(r, lang) for r in report.report.results],
        "warnings": [w.render(lang) for w in report.report.warnings],
    }


def change_row(change: Change, lang: str) -> Row:
    """One change: what moved, from what to what, and whether that is better."""
    def shown(value: float | str | None) -> str:
        if change.what == "status" and isinstance(value, str):
            return status_text(value, lang)
        return format_value(value)

    direction = ("rpt.moved" if change.better is None
                 else "rpt.better" if change.better else "rpt.worse")
    return {"id": change.target_id, "name": change.name_en if lang == "en" else change.name,
            "what": change.what, "what_text": words(f"rpt.what_{change.what}", lang),
            "before": shown(change.before), "after": shown(change.after),
            "raw_before": raw(change.before), "raw_after": raw(change.after),
            "better": change.better, "direction": words(direction, lang)}


def changes(comparison: Comparison | None, lang: str) -> Row | None:
    """The changes since ``--compare-to``'s period (None without it)."""
    if comparison is None:
        return None
    return {"period": comparison.label,
            "title": Text("rpt.s_changes", {"period": comparison.label}).render(lang),
            "intro": Text("rpt.changes_intro", {"period": comparison.label,
                                                 "as_of": comparison.as_of}).render(lang),
            "rows": [change_row(c, lang) for c in comparison.changes]}


def series_rows(series: TargetSeries, lang: str) -> list[Row]:
    """A series' months as table rows: the month's own figure, to date, target, pace."""
    unit = series.unit
    return [{"month": m.month, "value": format_value(m.value, unit),
             "to_date": format_value(m.to_date, unit), "target": format_value(m.target, unit),
             "pace": format_value(m.pace, unit) if m.pace is not None else "",
             "status": m.status, "status_text": status_text(m.status, lang),
             "raw": {"value": raw(m.value), "to_date": raw(m.to_date), "target": raw(m.target),
                     "pace": raw(m.pace)}}
            for m in series.months]


def calendar_months(days: Sequence[AirDay], lang: str) -> list[Row]:
    """The days as month calendars: weeks of seven cells (Monday first), None outside the
    month; a cell has its day, AQI, category colour and, on a non-good day, the primary
    pollutant."""
    by_month: dict[tuple[int, int], dict[int, AirDay]] = {}
    for day in days:
        by_month.setdefault((day.date.year, day.date.month), {})[day.date.day] = day
    out = []
    for (year, month), known in by_month.items():
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
            weeks.append([_day_cell(known.get(d), d, year, month) if d else None for d in week])
        out.append({"title": Text("aqi.month_title", {"year": year, "month": Text(
            f"month.{month}")}).render(lang), "weeks": weeks})
    return out


def _day_cell(day: AirDay | None, number: int, year: int, month: int) -> Row:
    date = dt.date(year, month, number)
    if day is None or day.aqi is None:
        return {"day": number, "date": date.isoformat(), "aqi": "", "css": "aqi0", "primary": "",
                "category": ""}
    return {"day": number, "date": date.isoformat(), "aqi": day.aqi,
            "css": AQI_CSS.get(day.category or "", "aqi0"), "category": day.category,
            "primary": day.primary if day.aqi > 100 else ""}


def grid(sections: Sequence[SectionRow], months: Sequence[str], lang: str) -> list[Row]:
    """The section × month class grid: one row per section, a cell per month."""
    rows = []
    for section in sections:
        by_month = {m.month: m for m in section.months}
        cells = []
        for month in months:
            found = by_month.get(month)
            name = found.water_class if found else None
            worse = (found is not None and section.target_class is not None and name is not None
                     and _rank(name) > _rank(section.target_class))
            cells.append({"month": month, "class": name or "", "text": class_name(name, lang),
                          "css": CLASS_CSS.get(name or "", "w0"), "worse": worse,
                          "pollutants": found.main_pollutants if found else ""})
        pollutants = sorted({str(c["pollutants"]) for c in cells if c["worse"]
                             and c["pollutants"]})
        rows.append({"section": section.section,
                     "worse_text": Text("rpt.worse_section", {
                         "section": section.section,
                         "target": class_name(section.target_class, lang),
                         "pollutants": tuple(pollutants)}).render(lang),
                     "level": words(f"level.{section.level}", lang) if section.level else "",
                     "target": class_name(section.target_class, lang), "worse": section.worse,
                     "cells": cells, "pollutants": pollutants})
    return rows


def _rank(name: str) -> int:
    return ("I", "II", "III", "IV", "V", "劣V").index(name) + 1


def source_table(rounds: Sequence[SourceRound], months: Sequence[str], lang: str) -> list[Row]:
    """Each drinking-water source with a cell per round (month): pass, or the failing items."""
    by_source: dict[str, dict[str, SourceRound]] = {}
    for item in rounds:
        by_source.setdefault(item.source, {})[item.month] = item
    return [{"source": source, "cells": [
        {"month": m, "passes": r.passes if (r := found.get(m)) else None,
         "text": ("✓ " + words("rpt.pass", lang) if r.passes else
                  "✗ " + "、".join(r.failing_items or (words("rpt.fail", lang),)))
         if (r := found.get(m)) else "–"} for m in months]}
        for source, found in by_source.items()]


__all__ = ["AQI_CSS", "CLASS_CSS", "calendar_months", "change_row", "changes", "class_name",
           "grid", "raw", "result_row", "series_rows", "source_table", "summary"]
