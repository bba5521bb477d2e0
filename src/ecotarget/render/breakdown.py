"""The rows of ``check --by station|month|section`` as printed lines under their target.

:func:`breakdown_lines` gives plain cells that the table (:mod:`ecotarget.render.table`),
Markdown and CSV (:mod:`ecotarget.render.flat`) place under the target's own row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecotarget.catalogue import CATALOGUE, PARTS_SEPARATOR, Text, words
from ecotarget.render.common import format_margin, format_value
from ecotarget.report import Result


@dataclass(frozen=True)
class BreakdownLine:
    """One breakdown row as cells: what it is (a month, station or section), the goal it is
    judged against, its figure, its status (None: not judged) and how it was found."""

    part: str
    goal: str
    actual: str
    status: str | None
    margin: str
    how: Text | str  # a catalogue Text, or language-free (CWQI and pollutant codes)
    raw_actual: Any = None  # the figures as numbers (CSV)
    raw_goal: Any = None


def breakdown_lines(result: Result, lang: str = "zh") -> list[BreakdownLine]:
    """The lines of a result's breakdown (none when it has none); a section's water class in
    ``lang`` (Ⅲ类 / III), the ``how`` as a Text to render (:func:`shown`).

    >>> r = Result(id="t", name="n", name_en="n", section="headline", metric="air.pm25_mean",
    ...     unit="µg/m³", op="<=", target=26.0, target_value=26.0, actual=27.0,
    ...     status="at_risk", margin=-1.0, how="", reason="", clause="",
    ...     breakdown={"by": "station", "rows": [{"station": "A", "good_day_rate": 90.0,
    ...     "pm25": 28.0, "valid_days": 31, "non_good_days": 3, "without_pm25": 26.0}]})
    >>> line = breakdown_lines(r)[0]
    >>> line.part, line.actual, shown(line.how, "en")
    ('A', '28', '31 valid days · 3 non-good · the rest: 26')
    >>> shown(line.how, "zh")
    '有效 31 天 · 非优良 3 天 · 其余站点：26'

    """
    found = result.breakdown
    if not found:
        return []
    by = found["by"]
    return [_line(by, row, result, lang) for row in found["rows"]]


def _class_word(value: str | None, lang: str) -> str:
    """A GB 3838 class in ``lang``: ``III`` → Ⅲ类 / III, ``劣V`` → 劣Ⅴ类 / worse than V."""
    if not value:
        return "–"
    key = "class.worse_than_V" if value in ("劣V", "劣Ⅴ") else f"class.{value}"
    return words(key, lang) if key in CATALOGUE else value


def _line(by: str, row: dict[str, Any], result: Result, lang: str) -> BreakdownLine:
    unit = result.unit
    if by == "month":
        goal = format_value(row["target_value"], unit) if row["target_value"] is not None else ""
        return BreakdownLine(row["month"], goal, format_value(row["actual"], unit),
                             row["status"], format_margin(row["margin"], unit), row["how"],
                             row["actual"], row["target_value"])
    if by == "station":
        key = "pm25" if result.metric == "air.pm25_mean" else "good_day_rate"
        how = Text("breakdown.station_how", {"valid": row["valid_days"],
                                             "non_good": row["non_good_days"]})
        if f"without_{key}" in row:
            how = Text("list.parts", {"items": (how, Text("breakdown.without", {
                "value": format_value(row[f"without_{key}"], unit)}))})
        return BreakdownLine(row["station"], "", format_value(row[key], unit), None, "", how,
                             row[key])
    cwqi = "" if row["cwqi"] is None else f"CWQI {row['cwqi']:.4f}"
    codes = PARTS_SEPARATOR.join(part for part in (row["main_pollutants"], cwqi) if part)
    return BreakdownLine(f"{row['month']} {row['section']}", "", _class_word(row["class"], lang),
                         None, "", codes, row["class"])


def shown(how: Text | str, lang: str) -> str:
    """A breakdown line's ``how`` in ``lang`` (a plain string is the same in both)."""
    return how.render(lang) if isinstance(how, Text) else how


__all__ = ["BreakdownLine", "breakdown_lines", "shown"]
