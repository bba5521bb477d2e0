"""Every sentence the program says to a person, in Chinese and English, keyed by name.

A :class:`Text` is a key of :data:`CATALOGUE` and the values to put into its placeholders;
it is rendered when a language is chosen, so a result carries its reason once and each
renderer shows it in the reader's language. Placeholders are :meth:`str.format` fields.
A value that is itself a :class:`Text` is rendered in the same language; a tuple of values
is joined with the language's list separator; a float loses trailing zeros.

The catalogue holds the status labels, every reason and ``how`` a metric or the evaluation
can give, the headings, goal phrases and summary lines of every command, the water words,
and the stderr warnings; a key's prefix says where it is used.

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

from ecotarget.catalogue_report import REPORT_WORDS
from ecotarget.catalogue_workbook import WORKBOOK_WORDS
from ecotarget.messages import INPUT_MESSAGES, ROW_ALSO
from ecotarget.messages_fatal import FATAL_MESSAGES
from ecotarget.messages_targets import TARGETS_FILE_MESSAGES

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
#: how a list of values is joined, per language (a Chinese list takes the enumeration comma)
LIST_SEPARATOR: dict[str, str] = {"zh": "、", "en": ", "}
#: how separate problems are joined, per language
CLAUSE_SEPARATOR: dict[str, str] = {"zh": "；", "en": "; "}
#: how the parts of a ``how`` are joined, in both languages
PARTS_SEPARATOR = " · "
#: keys whose Text joins its ``items`` with a separator the same in both languages
JOINED = {"list.parts": PARTS_SEPARATOR, "list.slashed": "/"}
#: keys whose Text joins its ``items`` with a separator of the language
JOINED_BY_LANG = {"list.clauses": CLAUSE_SEPARATOR, "row.also": ROW_ALSO}

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
    # --- months: 1–10月 / Jan–Oct ---------------------------------------------------------
    **{f"month.{n}": {"zh": str(n), "en": abbr} for n, abbr in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1)},
    "months.one": {"zh": "{month}月", "en": "{month}"},
    "months.range": {"zh": "{first}–{last}月", "en": "{first}–{last}"},
    "months.none": {"zh": "无月份", "en": "no month"},
    # --- how: what a figure was computed from, parts joined with " · " -------------------
    "how.none": {"zh": "", "en": ""},
    "list.parts": {"zh": "{items}", "en": "{items}"},
    "list.slashed": {"zh": "{items}", "en": "{items}"},
    "how.no_input": {"zh": "没有{kind}输入", "en": "no {kind} input"},
    "how.no_side_rows": {"zh": "没有{side}行", "en": "no {side} rows"},
    "word.numerator": {"zh": "分子", "en": "numerator"},
    "word.denominator": {"zh": "分母", "en": "denominator"},
    "how.pace_percent": {"zh": "进度 {pace}%", "en": "pace {pace}%"},
    "how.pace": {"zh": "进度 {pace}", "en": "pace {pace}"},
    "how.no_rows_of": {"zh": "没有“{indicator}”的行", "en": "no rows of {indicator}"},
    "how.versus": {"zh": "{current}，上年 {base}", "en": "{current} vs {base}"},
    "how.of_goal": {"zh": "{current}/{goal}", "en": "{current} of {goal}"},
    "how.done": {"zh": "{month} 完成", "en": "done {month}"},
    "how.due": {"zh": "{due} 到期", "en": "due {due}"},
    "how.due_left": {"zh": "{due} 到期（剩 {days} 天）", "en": "due {due} ({days} days left)"},
    "how.no_valid_day": {"zh": "本期没有有效天", "en": "no valid day in the period"},
    "how.no_valid_pm25": {"zh": "本期没有 PM2.5 有效天", "en": "no valid PM2.5 day in the period"},
    "how.good_days": {"zh": "{good}/{valid} 天", "en": "{good}/{valid} days"},
    "how.allowance": {"zh": "余下 {left} 天至多 {allowance} 天非优良",
                      "en": "≤ {allowance} non-good of {left} days left"},
    "how.mean_days": {"zh": "{days} 天均值", "en": "mean of {days} days"},
    "how.rest_max": {"zh": "余下均值 ≤ {max}", "en": "rest ≤ {max}"},
    "how.no_samples": {"zh": "本期没有样品", "en": "no samples in the period"},
    "how.no_level_section": {"zh": "本期没有{levels}断面", "en": "no {levels} section in the period"},
    "how.no_level_column": {"zh": "水质输入没有断面级别列",
                            "en": "no level column (断面级别) in the water input"},
    "how.sections_share": {"zh": "{meeting}/{n} 个断面", "en": "{meeting}/{n} sections"},
    "how.sections": {"zh": "{n} 个断面", "en": "{n} sections"},
    "how.versus_year": {"zh": "{year} 年为 {baseline}", "en": "vs {baseline} in {year}"},
    "how.versus_year_change": {"zh": "{year} 年为 {baseline}（{change}%）",
                               "en": "vs {baseline} in {year} ({change}%)"},
    "how.no_source": {"zh": "水质输入没有饮用水水源地",
                      "en": "no drinking-water source in the water input"},
    "how.volume_of": {"zh": "{passing}/{n} 个水源地的取水量", "en": "volume of {passing}/{n} sources"},
    "how.sources": {"zh": "{passing}/{n} 个水源地", "en": "{passing}/{n} sources"},
    "rule.every_round": {"zh": "每次达标", "en": "every round"},
    "rule.mean": {"zh": "年均值", "en": "annual mean"},
    "rule.mean_concentrations": {"zh": "浓度均值", "en": "mean concentrations"},
    # --- water section levels, classes and flags ------------------------------------------
    "level.national": {"zh": "国控", "en": "national"},
    "level.provincial": {"zh": "省控", "en": "provincial"},
    "level.municipal": {"zh": "市控", "en": "municipal"},
    "level.county": {"zh": "县控", "en": "county"},
    "level.other": {"zh": "其他", "en": "other"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    # --- goals: the 要求 column -------------------------------------------------------------
    "goal.done_by": {"zh": "{due} 前完成", "en": "done by {due}"},
    "goal.previous_year": {"zh": "上年", "en": "previous year"},
    "goal.pace": {"zh": "进度", "en": "pace"},
    "goal.done": {"zh": "已完成", "en": "done"},
    "goal.not_done": {"zh": "未完成", "en": "not done"},
    # --- headings of the check report ------------------------------------------------------
    "section.headline": {"zh": "一、全年工作目标", "en": "Headline targets"},
    "section.tasks": {"zh": "二、年度重点任务", "en": "Countable tasks"},
    "section.milestones": {"zh": "二、年度重点任务（节点）", "en": "Milestones"},
    "head.target": {"zh": "目标", "en": "target"},
    "head.goal": {"zh": "要求", "en": "goal"},
    "head.actual": {"zh": "实际", "en": "actual"},
    "head.status": {"zh": "状态", "en": "status"},
    "head.margin": {"zh": "差距", "en": "margin"},
    "head.how": {"zh": "依据", "en": "how"},
    "head.reason": {"zh": "原因", "en": "why"},
    "title.as_of": {"zh": "截至 {date}", "en": "as of {date}"},
    "title.bundled": {"zh": "内置", "en": "bundled"},  # the targets file shipped with the program
    "summary.targets": {"zh": "共 {n} 项：", "en": "{n} targets: "},
    "summary.inputs": {"zh": "{n} 个输入，{rows} 行", "en": "{n} inputs, {rows} rows"},
    "summary.rejected": {"zh": "拒收 {n} 行", "en": "{n} rejected"},
    "summary.out_of_period": {"zh": "{n} 行不在期内", "en": "{n} out of period"},
    "summary.other_stations": {"zh": "{n} 行属其他站点", "en": "{n} at other stations"},
    "summary.not_assessed": {"zh": "{n} 个样品站点非正常运行", "en": "{n} samples not assessed"},
    "summary.counts": {"zh": "共 {n} 项：{counts}", "en": "{n} targets: {counts}"},
    "summary.count": {"zh": "{status} {n}", "en": "{n} {status}"},
    "targets.count": {"zh": "共 {n} 个目标", "en": "{n} targets"},
    "warn.prefix": {"zh": "警告：{text}", "en": "warning: {text}"},
    # --- validate: the inputs and the rejected rows ----------------------------------------
    "validate.inputs": {"zh": "输入", "en": "inputs"},
    "validate.file": {"zh": "文件", "en": "file"},
    "validate.kind": {"zh": "类型", "en": "kind"},
    "validate.encoding": {"zh": "编码", "en": "encoding"},
    "validate.read": {"zh": "读取", "en": "read"},
    "validate.accepted": {"zh": "接受", "en": "accepted"},
    "validate.rejected": {"zh": "拒收", "en": "rejected"},
    "validate.ignored": {"zh": "忽略的列", "en": "ignored columns"},
    "validate.rejected_rows": {"zh": "拒收的行", "en": "rejected rows"},
    "validate.line": {"zh": "行号", "en": "line"},
    "validate.column": {"zh": "列", "en": "column"},
    "validate.value": {"zh": "值", "en": "value"},
    "validate.problem": {"zh": "问题", "en": "problem"},
    "validate.totals": {"zh": "共读取 {read} {row_word}，接受 {accepted} 行，拒收 {rejected} 行",
                        "en": "{read} {row_word} read, {accepted} accepted, {rejected} rejected"},
    "subkind.hourly": {"zh": "小时", "en": "hourly"},
    "subkind.daily": {"zh": "日", "en": "daily"},
    # --- water: sections and drinking-water sources ------------------------------------------
    "water.section": {"zh": "断面", "en": "section"},
    "water.level": {"zh": "级别", "en": "level"},
    "water.waterbody": {"zh": "水体", "en": "waterbody"},
    "water.samples": {"zh": "样品数", "en": "samples"},
    "water.class": {"zh": "水质类别", "en": "class"},
    "water.main_pollutants": {"zh": "主要污染物", "en": "main pollutants"},
    "water.target_class": {"zh": "目标类别", "en": "target class"},
    "water.meets_target": {"zh": "达到目标", "en": "meets target"},
    "water.cwqi": {"zh": "CWQI", "en": "CWQI"},
    "water.source": {"zh": "水源地", "en": "source"},
    "water.rounds_passed": {"zh": "达标次数", "en": "rounds passed"},
    "water.passes": {"zh": "达标", "en": "passes"},
    "water.failing_items": {"zh": "超标项目", "en": "failing items"},
    "water.sections_title": {"zh": "水质断面 · {period} · 低于检出限：{rule}",
                             "en": "Water sections · {period} · below DL: {rule}"},
    "water.sources_title": {"zh": "饮用水水源地 · {period} · 达标判定：{rule}",
                            "en": "Drinking-water sources · {period} · pass: {rule}"},
    "water.no_sections": {"zh": "{period} 期间没有断面监测数据",
                          "en": "no monitoring section sampled in {period}"},
    "water.no_sources": {"zh": "{period} 期间没有饮用水水源地监测数据",
                         "en": "no drinking-water source sampled in {period}"},
    # water --compare-published: the release's classes against ecotarget's
    "water.time": {"zh": "监测时间", "en": "time"},
    "water.published": {"zh": "发布类别", "en": "published"},
    "water.ecotarget": {"zh": "本程序", "en": "ecotarget"},
    "water.deciding": {"zh": "定类项目", "en": "deciding item"},
    "water.agreement": {"zh": "一致：{agreeing}/{compared}（{percent}）",
                        "en": "agreement: {agreeing}/{compared} ({percent})"},
    "below_dl.half": {"zh": "取检出限一半", "en": "half"},
    "below_dl.zero": {"zh": "取零", "en": "zero"},
    "below_dl.dl": {"zh": "取检出限", "en": "dl"},
    # GB 3838 classes: Ⅲ类 / III; 劣Ⅴ类 / worse than V
    **{f"class.{roman}": {"zh": f"{glyph}类", "en": roman} for roman, glyph in (
        ("I", "Ⅰ"), ("II", "Ⅱ"), ("III", "Ⅲ"), ("IV", "Ⅳ"), ("V", "Ⅴ"))},
    "class.worse_than_V": {"zh": "劣Ⅴ类", "en": "worse than V"},
    "waterbody.river": {"zh": "河流", "en": "river"},
    "waterbody.lake": {"zh": "湖库", "en": "lake"},
    # --- aqi: the rows, the calendar and the comparison with published values ---------------
    "aqi.date": {"zh": "日期", "en": "date"},
    "aqi.city": {"zh": "全市", "en": "city"},  # the city days: the mean of the stations
    "aqi.time": {"zh": "时间", "en": "time"},
    "aqi.station": {"zh": "站点", "en": "station"},
    "aqi.category": {"zh": "类别", "en": "category"},
    "aqi.primary": {"zh": "首要污染物", "en": "primary"},
    "aqi.valid": {"zh": "有效", "en": "valid"},
    "aqi.value": {"zh": "项目", "en": "value"},
    "aqi.published": {"zh": "发布值", "en": "published"},
    "aqi.ecotarget": {"zh": "本程序", "en": "ecotarget"},
    "aqi.rows": {"zh": "共 {n} 行", "en": "{n} rows"},
    # the ties are counted in the agreeing: a mean exactly half-way between two roundings
    "aqi.agreement": {"zh": "一致：{agreeing}/{compared}（{percent}）；其中 {ties} 个为修约临界值",
                      "en": "agreement: {agreeing}/{compared} ({percent}); "
                            "{ties} at a rounding tie"},
    "aqi.month_title": {"zh": "{year}年{month}月", "en": "{month} {year}"},
    "aqi.no_value": {"zh": "无有效AQI", "en": "no valid AQI"},
    "aqi.rate_line": {"zh": "优良率 {start}..{end}：{rate}（有效 {valid} 天中优良 {good} 天）"
                            "· 目标 {op} {goal}%（{source}）· ",
                      "en": "Good-day rate {start}..{end}: {rate} ({good} good of {valid} "
                            "valid days) · target {op} {goal}% ({source}) · "},
    "aqi.default_target": {"zh": "默认目标，目标文件中没有", "en":
                           "default target, none in the targets file"},
    "aqi.no_allowance": {"zh": "余量：无——余下 {left} 天全部优良也达不到 {goal}%",
                         "en": "Allowance: none — even all {left} days left good would not "
                               "reach {goal}%"},
    "aqi.allowance": {"zh": "余量：{year} 年余下 {left} 天中至多还可有 {n} 个非优良日（余下每天均按有效计）",
                      "en": "Allowance: at most {n} more non-good days among the {left} left "
                            "in {year} (every remaining day counted valid)"},
    "aqi.projection": {"zh": "预测（依据 {basis}）：{rate}%",
                       "en": "Projection from {basis}: {rate}%"},
    "aqi.projection_only": {"zh": "预测：{basis}", "en": "Projection: {basis}"},
    "aqi.year_complete": {"zh": "{year} 年已结束：{reason}", "en": "The year {year} is complete: "
                                                                   "{reason}"},
    "aqi.basis_continues": {"zh": "按今年至今的情况延续（无上年数据）",
                            "en": "the year so far continues (no previous-year data)"},
    "aqi.basis_months": {"zh": "{year} 年 {first}–{last} 月", "en": "{year} months {first}–{last}"},
    **{f"weekday.{n}": {"zh": zh, "en": en} for n, (zh, en) in enumerate(zip(
        "一二三四五六日", ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), strict=True))},
    # --- check --by: the breakdown rows and the notes when a breakdown does not apply --------
    "breakdown.station_how": {"zh": "有效 {valid} 天 · 非优良 {non_good} 天",
                              "en": "{valid} valid days · {non_good} non-good"},
    "breakdown.without": {"zh": "其余站点：{value}", "en": "the rest: {value}"},
    "breakdown.milestone": {"zh": "节点任务只有一项成果：没有逐月数值",
                            "en": "a milestone is one deliverable: no monthly figure"},
    "breakdown.air_only": {"zh": "该指标没有分站点明细（仅限空气目标）",
                           "en": "no station breakdown for this metric (air targets only)"},
    "breakdown.needs_hours": {"zh": "分站点数值需要站点小时数据（小时空气输入）",
                              "en": "station figures need station-hours (hourly air input)"},
    "breakdown.water_only": {"zh": "该指标没有分断面明细（仅限水质目标）",
                             "en": "no section breakdown for this metric (water targets only)"},
    "breakdown.no_water": {"zh": "没有水质输入", "en": "no water input"},
    "breakdown.no_data": {"zh": "该目标没有数据", "en": "no data for this target"},
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
    # --- ecotarget report: the monthly report (catalogue_report.py) ----------------------
    **REPORT_WORDS,
    **WORKBOOK_WORDS,  # the report's workbook (catalogue_workbook.py)
    # --- inputs: row errors, notes, ledger warnings, fatal errors (ecotarget.messages) ----
    **INPUT_MESSAGES,
    # --- the rarer fatal and usage errors, and the end of a run (ecotarget.messages_fatal)
    **FATAL_MESSAGES,
    # --- the targets file's errors (ecotarget.messages_targets) ---------------------------
    **TARGETS_FILE_MESSAGES,
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
        if self.key in JOINED_BY_LANG:  # separate problems, not items of one list
            separator = JOINED_BY_LANG[self.key][lang]
            return separator.join(_shown(v, lang) for v in self.params["items"])
        if self.key in JOINED:  # the parts of a `how`, or alternatives, in either language
            return JOINED[self.key].join(_shown(v, lang) for v in self.params["items"])
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


def parts(*items: Text | str | None) -> Text:
    """The parts of a ``how`` (Texts or language-free strings such as ``226/415``), joined
    with `` · ``; None parts are left out.

    >>> parts("1/2", Text("months.one", {"month": Text("month.3")}), None).render("zh")
    '1/2 · 3月'
    """
    return Text("list.parts", {"items": tuple(i for i in items if i is not None)})


def months_text(first: int, last: int) -> Text:
    """Months ``first``..``last`` of one year: ``1–10月`` / ``Jan–Oct``, or one month.

    >>> months_text(1, 10).render("zh"), months_text(1, 10).render("en")
    ('1–10月', 'Jan–Oct')
    >>> months_text(3, 3).render("zh"), months_text(3, 3).render("en")
    ('3月', 'Mar')
    """
    if first == last:
        return Text("months.one", {"month": Text(f"month.{first}")})
    return Text("months.range", {"first": Text(f"month.{first}"), "last": Text(f"month.{last}")})


def words(key: str, lang: str) -> str:
    """The text of a catalogue key without placeholders: ``words("head.goal", "zh") == "要求"``."""
    return CATALOGUE[key][lang]


def status_label(status: str, lang: str) -> str:
    """The label of a status in ``lang``: ``status_label("on_track", "zh") == "进度正常"``."""
    return CATALOGUE[f"status.{status}"][lang]


__all__ = ["CATALOGUE", "LANGS", "PARTS_SEPARATOR", "Text", "joined", "months_text", "parts",
           "status_label", "words"]
