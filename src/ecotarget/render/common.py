"""Formatting shared by every renderer: status words and symbols, number display."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ecotarget.catalogue import LANGS, Text, status_label, words
from ecotarget.report import STATUSES, Report, Result

if TYPE_CHECKING:  # the targets models load pydantic, which `ecotarget --help` must not wait for
    from ecotarget.targets import Target

STATUS_SYMBOL = {"met": "✓", "on_track": "→", "at_risk": "!", "not_met": "✗",
                 "insufficient_data": "?", "no_data": "–"}
STATUS_STYLE = {"met": "green", "on_track": "cyan", "at_risk": "yellow", "not_met": "bold red",
                "insufficient_data": "magenta", "no_data": "dim"}
#: fill colours of a status cell in a workbook (ARGB), the light tints spreadsheets use for
#: the same meaning as the terminal's green, cyan, yellow, red, magenta and dim (check's
#: xlsx and the monthly report's workbook)
STATUS_FILL = {"met": "FFC6EFCE", "on_track": "FFDDEBF7", "at_risk": "FFFFEB9C",
               "not_met": "FFFFC7CE", "insufficient_data": "FFE4DFEC", "no_data": "FFEDEDED"}
#: status labels per language, from the catalogue
STATUS_WORD: dict[str, dict[str, str]] = {
    lang: {status: status_label(status, lang) for status in STATUSES} for lang in LANGS}
#: the column headings of the report, as catalogue keys
HEADERS = ("head.target", "head.goal", "head.actual", "head.status", "head.margin", "head.how")


def section_title(section: str, lang: str) -> str:
    """``一、全年工作目标`` / ``Headline targets``: the heading of a plan section."""
    return words(f"section.{section}", lang)


def unit_in(result: Result | Target, lang: str) -> str:
    """The unit in ``lang``: ``unit_en`` in English where the targets file gives one."""
    if lang == "en" and result.unit_en is not None:
        return result.unit_en
    return result.unit


def plan_words(plan: dict[str, Any], lang: str) -> str:
    """``平湖市 2025`` / ``Pinghu 2025``: the region (its English form in English) and year."""
    region = (plan.get("region_en") if lang == "en" else None) or plan.get("region", "")
    return f"{region} {plan.get('year', '')}"


def format_value(value: float | str | None, unit: str = "") -> str:
    """A figure as the bureau writes it: percentages to 0.1, whole numbers without decimals."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return "–"
    if unit == "%":
        return f"{value:.1f}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_target(op: str, target: float | str, unit: str, lang: str = "en") -> str:
    """``≥ 90 个`` / ``≥ 90 projects``, ``< 上年`` / ``< previous year``.

    >>> format_target(">=", 90, "个", "zh"), format_target("<", "previous_year", "", "zh")
    ('≥ 90 个', '< 上年')
    """
    shown = (words("goal.previous_year", lang) if target == "previous_year"
             else format_value(target))
    op_text = {">=": "≥", "<=": "≤", "==": "=", "<": "<", ">": ">"}[op]
    suffix = f" {unit}" if unit and target != "previous_year" else ""
    return f"{op_text} {shown}{suffix}"


def format_margin(margin: float | None, unit: str) -> str:
    if margin is None:
        return ""
    text = format_value(abs(margin), unit if unit == "%" else "")
    return f"{'+' if margin >= 0 else '−'}{text}"


def format_pace(pace: float, target: float | str, unit: str) -> str:
    """The pro-rata figure due by now, with the precision of the year's target.

    >>> format_pace(74.96, 90, "个"), format_pace(83.3, 100, "%"), format_pace(2.25, 4.5, "")
    ('75', '83.3', '2.2')
    """
    if unit == "%":
        return format_value(pace, unit)
    decimals = 0
    if isinstance(target, float) and not target.is_integer():
        decimals = len(repr(target).split(".")[1])
    return f"{pace:,.{decimals}f}"


def format_goal(result: Result, lang: str) -> str:
    """The 要求 cell: the year's target, the previous year's figure it is compared with, and
    the pace where the pace decided the status: ``≥ 90 个 (进度 75)``."""
    if result.metric == "ledger.milestone":
        return Text("goal.done_by", {"due": result.due}).render(lang)
    goal = format_target(result.op, result.target, unit_in(result, lang), lang)
    if (result.target == "previous_year" and isinstance(result.target_value, (int, float))
            and result.status != "insufficient_data"):
        goal += f" ({format_value(result.target_value, result.unit)})"
    if result.pace_target is not None:
        goal += (f" ({words('goal.pace', lang)} "
                 f"{format_pace(result.pace_target, result.target, result.unit)})")
    return goal


def format_actual(result: Result, lang: str) -> str:
    """The 实际 cell: the figure, or whether a milestone is done."""
    if result.metric != "ledger.milestone":
        return format_value(result.actual, result.unit)
    return words("goal.done" if result.actual == 1 else "goal.not_done", lang)


def status_text(status: str, lang: str) -> str:
    """``→ 进度正常``: the symbol and the label of a status."""
    return f"{STATUS_SYMBOL[status]} {STATUS_WORD[lang][status]}"


def data_dates(report: Report, lang: str) -> str:
    """`` · 台账 2025-11 · 空气 2025-10-31``: each input kind's last date, when they differ."""
    if not report.kinds_differ:
        return ""
    return "".join(f" · {text.render(lang)}" for text in report.kind_dates())
