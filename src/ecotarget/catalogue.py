"""Every sentence the program says to a person, in Chinese and English, keyed by name.

A :class:`Text` is a key of :data:`CATALOGUE` and the values to put into its placeholders;
it is rendered when a language is chosen, so a result carries its reason once and each
renderer shows it in the reader's language. Placeholders are :meth:`str.format` fields.
A value that is itself a :class:`Text` is rendered in the same language; a tuple of values
is joined with the language's list separator; a float loses trailing zeros.

Now the catalogue holds the status labels and every reason a metric or the evaluation can
give; headings, goals and units are to join it, under keys of their own prefix.

>>> Text("reason.done", {"month": "2025-05"}).render("zh")
'已完成（2025-05）'
>>> Text("reason.on_pace", {"pace": 74.96, "date": "2025-10-31"}).render("en")
'on pace: 74.96 expected by 2025-10-31'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
#: how a list of values is joined, per language (a Chinese list takes the enumeration comma)
LIST_SEPARATOR: dict[str, str] = {"zh": "、", "en": ", "}
#: how separate problems are joined, per language
CLAUSE_SEPARATOR: dict[str, str] = {"zh": "；", "en": "; "}

CATALOGUE: dict[str, dict[str, str]] = {
    # --- statuses: labels of the table, Markdown and summaries ---------------------------
    "status.met": {"zh": "达标", "en": "met"},
    "status.on_track": {"zh": "进度正常", "en": "on track"},
    "status.at_risk": {"zh": "有风险", "en": "at risk"},
    "status.not_met": {"zh": "未达标", "en": "not met"},
    "status.insufficient_data": {"zh": "数据不足", "en": "insufficient data"},
    "status.no_data": {"zh": "无数据", "en": "no data"},
    # --- input kinds, as the subject of a reason or a warning ----------------------------
    "kind.ledger": {"zh": "台账", "en": "ledger"},
    "kind.air": {"zh": "空气", "en": "air"},
    "kind.water": {"zh": "水质", "en": "water"},
    # --- reasons of the evaluation -------------------------------------------------------
    "reason.met": {"zh": "已达到目标", "en": "target met"},
    "reason.not_met": {"zh": "未达到目标", "en": "target missed"},
    "reason.no_data": {"zh": "本期没有输入含有该指标", "en": "no input carries this indicator "
                                                           "for the period"},
    "reason.no_baseline": {"zh": "没有上年基数", "en": "no baseline figure for the previous year"},
    "reason.year_over": {"zh": "年度已结束，目标未达到",
                         "en": "the year is over and the target was not reached"},
    "reason.on_pace": {"zh": "进度正常：截至 {date} 应达 {pace}",
                       "en": "on pace: {pace} expected by {date}"},
    "reason.behind_pace": {"zh": "落后于进度：截至 {date} 应达 {pace}",
                           "en": "behind pace: {pace} expected by {date}"},
    "reason.unreachable": {"zh": "即使余下每天都达标也无法达到",
                           "en": "cannot be reached even if every remaining day is good"},
    "reason.behind": {"zh": "目前落后：余下时间须好于今年以来",
                      "en": "behind so far: the rest of the year must do better than the "
                            "year so far"},
    "reason.projection_keeps": {"zh": "目前达标，全年预测仍达标",
                                "en": "met so far, and the projection keeps it met"},
    "reason.projection_misses": {"zh": "目前达标，但全年预测（{projected}）不达标",
                                 "en": "met so far, but the projection ({projected}) misses it"},
    "reason.projection_reaches": {
        "zh": "目前落后；若余下时间与上年同期相当，全年预测（{projected}）可达标",
        "en": "behind so far; the projection ({projected}) reaches the target if the rest of "
              "the year is like last year's"},
    "reason.projection_misses_too": {"zh": "目前落后，全年预测（{projected}）也不达标",
                                     "en": "behind so far, and the projection ({projected}) "
                                           "misses it too"},
    "reason.no_data_after": {"zh": "{after} 以后没有{subject}数据",
                             "en": "no {subject} data after {after}"},
    "reason.unmatched_months": {
        "zh": "{months} 只报了比值的一侧（缺 {indicators}），不计算跨未配对月份的比值",
        "en": "{months} reported on one side of the ratio only (no {indicators}): no ratio "
              "over unmatched months"},
    # --- milestones ----------------------------------------------------------------------
    "reason.done": {"zh": "已完成（{month}）", "en": "done {month}"},
    "reason.overdue": {"zh": "未完成，应于 {due} 完成", "en": "not done; was due {due}"},
    "reason.due_soon": {"zh": "未完成，{due} 到期（剩 {days} 天）",
                        "en": "not done; due {due} ({days} days left)"},
    "reason.on_schedule": {"zh": "未完成，{due} 到期，尚未进入最后 {warning} 天",
                           "en": "not done; due {due}, not yet in its last {warning} days"},
    "reason.no_ledger": {"zh": "没有台账输入", "en": "no ledger input"},
    # --- ledger metrics ------------------------------------------------------------------
    "reason.zero_denominator": {"zh": "本期分母为零", "en": "the denominator is zero over the period"},
    "reason.previous_year_lacks": {"zh": "上年缺少 {months}", "en": "the previous year lacks {months}"},
    "reason.no_previous_ratio": {"zh": "没有上年比值（分母为零或缺失）",
                                 "en": "no previous-year figure (zero or missing denominator)"},
    "reason.no_previous_figure": {"zh": "上年同期没有数据",
                                  "en": "no figure in the same months of the previous year"},
    # --- air metrics ---------------------------------------------------------------------
    "reason.month_valid_days": {"zh": "{month} 有效天数 {valid} 天，应至少 {required} 天",
                                "en": "{month} has {valid} valid days of {required} required"},
    "reason.year_valid_days": {"zh": "全年有效天数 {valid} 天，应至少 {required} 天",
                               "en": "the year has {valid} valid days of {required}"},
    # --- water metrics -------------------------------------------------------------------
    "reason.sections_missing": {"zh": "{expected} 个断面中 {n} 个有监测数据；缺：{missing}",
                                "en": "{n} of {expected} sections have samples; missing: "
                                      "{missing}"},
    "reason.sections_unnamed": {"zh": "{count} 个未列名（请在 params.sections 中列出断面）",
                                "en": "{count} not named (list the sections under "
                                      "params.sections)"},
    "reason.no_samples_baseline": {"zh": "{year} 年（{start}..{end}）没有以下断面的样品：{sections}",
                                   "en": "no samples in {year} ({start}..{end}) for: {sections}"},
    "reason.no_samples_year": {"zh": "{year} 年没有以下断面的样品：{sections}",
                               "en": "no samples in {year} for: {sections}"},
    "reason.items_differ": {"zh": "两年监测项目不同：{sections}",
                            "en": "items measured differ between the years for: {sections}"},
    "reason.no_volume": {"zh": "水源地样品没有取水量", "en": "no intake volume (取水量) in the "
                                                          "source samples"},
    "reason.volume_missing": {"zh": "{count} 个样品缺取水量",
                              "en": "{count} samples lack an intake volume (取水量)"},
    # --- several problems as one reason: the items are Texts, joined per language
    "list.clauses": {"zh": "{items}", "en": "{items}"},
    # --- warnings on stderr --------------------------------------------------------------
    "warn.kinds_differ": {"zh": "各类输入的数据截止日期不同：{dates}；每个目标按其自身数据的截止日期评价",
                          "en": "the inputs end on different dates: {dates}; each target is "
                                "judged as of its own data"},
    "warn.unmatched_months": {"zh": "比值只报了一侧的月份：{items}",
                              "en": "months reported on one side of a ratio only: {items}"},
    "warn.unmatched_item": {"zh": "{name} {months}", "en": "{name_en} {months}"},
    "kind.dated": {"zh": "{kind} {date}", "en": "{kind} {date}"},
    "warn.empty_period": {"zh": "{start}..{end} 期间没有任何目标的数据（数据截至 {through}）",
                          "en": "no data for any target in {start}..{end} (the data end "
                                "{through})"},
}


def _shown(value: Any, lang: str) -> str:
    """One placeholder value as text in ``lang``."""
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR[lang].join(_shown(v, lang) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # 74.96 stays 74.96, 75.0 becomes 75: a figure shows the digits it has
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0")
    return str(value)


@dataclass(frozen=True)
class Text:
    """A catalogue key and its placeholder values: words to render in a language later."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in CATALOGUE:
            raise KeyError(f"no catalogue entry {self.key!r}")

    def render(self, lang: str) -> str:
        """The text in ``lang`` ("zh" or "en") with its placeholders filled."""
        template = CATALOGUE[self.key][lang]
        if self.key == "list.clauses":  # separate problems, not items of one list
            return CLAUSE_SEPARATOR[lang].join(_shown(v, lang) for v in self.params["items"])
        return template.format(**{k: _shown(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.render("en")


def joined(parts: list[Text]) -> Text | None:
    """Several problems as one reason (None when there are none).

    >>> joined([Text("reason.no_ledger"), Text("reason.zero_denominator")]).render("en")
    'no ledger input; the denominator is zero over the period'
    >>> joined([]) is None
    True
    """
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Text("list.clauses", {"items": tuple(parts)})



def status_label(status: str, lang: str) -> str:
    """The label of a status in ``lang``: ``status_label("on_track", "zh") == "进度正常"``."""
    return CATALOGUE[f"status.{status}"][lang]


__all__ = ["CATALOGUE", "LANGS", "Text", "joined", "status_label"]
