"""The rows of ``check --by station|month|section`` as printed lines under their target.

:func:`breakdown_lines` gives plain cells that the table (:mod:`ecotarget.render.table`),
Markdown and CSV (:mod:`ecotarget.render.flat`) place under the target's own row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    how: str
    raw_actual: Any = None  # the figures as numbers (CSV)
    raw_goal: Any = None


def breakdown_lines(result: Result) -> list[BreakdownLine]:
    """The lines of a result's breakdown (none when it has none).

    >>> r = Result(id="t", name="n", name_en="n", section="headline", metric="air.pm25_mean",
    ...     unit="µg/m³", op="<=", target=26.0, target_value=26.0, actual=27.0,
    ...     status="at_risk", margin=-1.0, how="", reason="", clause="",
    ...     breakdown={"by": "station", "rows": [{"station": "A", "good_day_rate": 90.0,
    ...     "pm25": 28.0, "valid_days": 31, "non_good_days": 3, "without_pm25": 26.0}]})
    >>> line = breakdown_lines(r)[0]
    >>> line.part, line.actual, line.how
    ('A', '28', '31 valid days · 3 non-good · the rest: 26')
    """
    found = result.breakdown
    if not found:
        return []
    by = found["by"]
    return [_line(by, row, result) for row in found["rows"]]


def _line(by: str, row: dict[str, Any], result: Result) -> BreakdownLine:
    unit = result.unit
    if by == "month":
        goal = format_value(row["target_value"], unit) if row["target_value"] is not None else ""
        return BreakdownLine(row["month"], goal, format_value(row["actual"], unit),
                             row["status"], format_margin(row["margin"], unit), row["how"],
                             row["actual"], row["target_value"])
    if by == "station":
        key = "pm25" if result.metric == "air.pm25_mean" else "good_day_rate"
        how = f"{row['valid_days']} valid days · {row['non_good_days']} non-good"
        if f"without_{key}" in row:
            how += f" · the rest: {format_value(row[f'without_{key}'], unit)}"
        return BreakdownLine(row["station"], "", format_value(row[key], unit), None, "", how,
                             row[key])
    cwqi = "" if row["cwqi"] is None else f"CWQI {row['cwqi']:.4f}"
    how = " · ".join(part for part in (row["main_pollutants"], cwqi) if part)
    return BreakdownLine(f"{row['month']} {row['section']}", "", row["class"] or "–", None, "",
                         how, row["class"])


__all__ = ["BreakdownLine", "breakdown_lines"]
