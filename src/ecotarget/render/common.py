"""Formatting shared by every renderer: status words and symbols, number display."""

from __future__ import annotations

import math

STATUS_SYMBOL = {"met": "✓", "at_risk": "!", "not_met": "✗", "insufficient_data": "?",
                 "no_data": "–"}
STATUS_STYLE = {"met": "green", "at_risk": "yellow", "not_met": "bold red",
                "insufficient_data": "magenta", "no_data": "dim"}
STATUS_WORD = {
    "en": {"met": "met", "at_risk": "at risk", "not_met": "not met",
           "insufficient_data": "insufficient data", "no_data": "no data"},
    "zh": {"met": "达标", "at_risk": "有风险", "not_met": "未达标",
           "insufficient_data": "数据不足", "no_data": "无数据"},
}
SECTION_TITLE = {
    "en": {"headline": "Headline targets", "tasks": "Countable tasks", "milestones": "Milestones"},
    "zh": {"headline": "一、全年工作目标", "tasks": "二、年度重点任务",
           "milestones": "二、年度重点任务（节点）"},
}


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


def format_target(op: str, target: float | str, unit: str) -> str:
    shown = "previous year" if target == "previous_year" else format_value(target)
    op_text = {">=": "≥", "<=": "≤", "==": "=", "<": "<", ">": ">"}[op]
    suffix = f" {unit}" if unit and target != "previous_year" else ""
    return f"{op_text} {shown}{suffix}"


def format_margin(margin: float | None, unit: str) -> str:
    if margin is None:
        return ""
    text = format_value(abs(margin), unit if unit == "%" else "")
    return f"{'+' if margin >= 0 else '−'}{text}"
