"""The words of the monthly report (``ecotarget report``), in Chinese and English.

Part of :data:`ecotarget.catalogue.CATALOGUE` (merged there, keys prefixed ``rpt.``): a
report renderer asks the catalogue for them with ``words(key, lang)`` or ``Text(key,
params)``, like every other renderer. Kept in a module of their own so that the
catalogue stays readable.
"""

from __future__ import annotations

REPORT_WORDS: dict[str, dict[str, str]] = {
    # --- the page ------------------------------------------------------------------------
    "rpt.title": {"zh": "{region}{year}年生态环境目标月度报告",
                  "en": "{region} {year}: monthly report on the ecology and environment targets"},
    "rpt.subtitle": {"zh": "统计期 {start} 至 {end} · 截至 {as_of}",
                     "en": "period {start} to {end} · as of {as_of}"},
    "rpt.made_by": {"zh": "由 ecotarget {version} 生成 · 目标文件 {targets}",
                    "en": "made by ecotarget {version} · targets file {targets}"},
    "rpt.plan": {"zh": "工作计划", "en": "plan"},
    "rpt.contents": {"zh": "目录", "en": "Contents"},
    "rpt.none": {"zh": "无", "en": "none"},
    # --- sections --------------------------------------------------------------------------
    "rpt.s_summary": {"zh": "一、总体情况", "en": "1 Summary"},
    "rpt.s_changes": {"zh": "与 {period} 相比的变化", "en": "Changes since {period}"},
    "rpt.s_air": {"zh": "二、环境空气", "en": "2 Air"},
    "rpt.s_water": {"zh": "三、水环境", "en": "3 Water"},
    "rpt.s_ledger": {"zh": "四、台账与重点任务", "en": "4 Ledger and tasks"},
    "rpt.s_data": {"zh": "五、数据情况", "en": "5 Data"},
    # --- summary ---------------------------------------------------------------------------
    "rpt.counts": {"zh": "各状态目标数", "en": "Targets per status"},
    "rpt.behind": {"zh": "未达标及需关注的目标（{n} 项）",
                   "en": "Targets not met, and why ({n})"},
    "rpt.all_met": {"zh": "全部目标均已达标", "en": "Every target is met"},
    "rpt.all_targets": {"zh": "全部目标", "en": "All targets"},
    "rpt.projection": {"zh": "全年预测", "en": "year-end projection"},
    "rpt.warnings": {"zh": "数据提示", "en": "About the data"},
    # --- changes ---------------------------------------------------------------------------
    "rpt.changes_intro": {"zh": "对比 {period}（截至 {as_of}）与本期的检查结果",
                          "en": "the check as of {as_of} ({period}) against this one"},
    "rpt.no_changes": {"zh": "没有变化", "en": "nothing changed"},
    "rpt.what": {"zh": "变化项", "en": "what"},
    "rpt.before": {"zh": "之前", "en": "before"},
    "rpt.after": {"zh": "现在", "en": "now"},
    "rpt.direction": {"zh": "方向", "en": "direction"},
    "rpt.better": {"zh": "向好", "en": "better"},
    "rpt.worse": {"zh": "变差", "en": "worse"},
    "rpt.moved": {"zh": "变化", "en": "moved"},
    "rpt.what_status": {"zh": "状态", "en": "status"},
    "rpt.what_actual": {"zh": "数值", "en": "figure"},
    # --- air -------------------------------------------------------------------------------
    "rpt.month": {"zh": "月份", "en": "month"},
    "rpt.month_value": {"zh": "当月", "en": "month"},
    "rpt.to_date": {"zh": "累计", "en": "to date"},
    "rpt.target_line": {"zh": "目标", "en": "target"},
    "rpt.pace_line": {"zh": "进度线", "en": "pace"},
    "rpt.last_year": {"zh": "上年同月", "en": "same month last year"},
    "rpt.this_year": {"zh": "本年", "en": "this year"},
    "rpt.good_rate_title": {"zh": "空气质量优良率（逐月）", "en": "Good-day rate by month"},
    "rpt.good_rate_axis": {"zh": "优良率（%）", "en": "good-day rate (%)"},
    "rpt.pm25_title": {"zh": "PM2.5 平均浓度（逐月）", "en": "PM2.5 mean by month"},
    "rpt.pm25_axis": {"zh": "PM2.5（µg/m³）", "en": "PM2.5 (µg/m³)"},
    "rpt.allowance_title": {"zh": "非优良天数余量", "en": "Non-good days left to the target"},
    "rpt.allowance_axis": {"zh": "天数", "en": "days"},
    "rpt.allowance_left": {"zh": "余下至多可有非优良天", "en": "non-good days still allowed"},
    "rpt.allowance_pro_rata": {"zh": "按全年 {n} 天均摊", "en": "{n} a year, spread evenly"},
    "rpt.non_good_month": {"zh": "当月非优良天", "en": "non-good days in the month"},
    "rpt.categories_title": {"zh": "各级别天数（逐月）", "en": "Days per AQI category by month"},
    "rpt.calendar": {"zh": "每日空气质量指数（AQI）", "en": "Daily air quality index (AQI)"},
    "rpt.calendar_note": {"zh": "格内为日期与 AQI；非优良天注明首要污染物。颜色按 HJ 633 级别。",
                          "en": "Each cell: day of month and AQI; a non-good day names its "
                                "primary pollutant. Colours: HJ 633 categories."},
    "rpt.stations": {"zh": "各站点情况", "en": "Stations"},
    "rpt.station": {"zh": "站点", "en": "station"},
    "rpt.good_rate": {"zh": "优良率（%）", "en": "good-day rate (%)"},
    "rpt.pm25": {"zh": "PM2.5（µg/m³）", "en": "PM2.5 (µg/m³)"},
    "rpt.valid_days": {"zh": "有效天", "en": "valid days"},
    "rpt.non_good_days": {"zh": "非优良天", "en": "non-good days"},
    "rpt.without_rate": {"zh": "去除该站后优良率", "en": "good-day rate without it"},
    "rpt.without_pm25": {"zh": "去除该站后 PM2.5", "en": "PM2.5 without it"},
    "rpt.allowance_now": {"zh": "余下 {days} 天至多 {n} 天非优良",
                          "en": "at most {n} non-good days in the {days} left"},
    "rpt.max_mean": {"zh": "余下均值须 ≤ {value}", "en": "the rest must average ≤ {value}"},
    # HJ 633 categories, by their Chinese names (the keys of days_by_category)
    "rpt.aqi.优": {"zh": "优", "en": "excellent"},
    "rpt.aqi.良": {"zh": "良", "en": "good"},
    "rpt.aqi.轻度污染": {"zh": "轻度污染", "en": "lightly polluted"},
    "rpt.aqi.中度污染": {"zh": "中度污染", "en": "moderately polluted"},
    "rpt.aqi.重度污染": {"zh": "重度污染", "en": "heavily polluted"},
    "rpt.aqi.严重污染": {"zh": "严重污染", "en": "severely polluted"},
    "rpt.no_air": {"zh": "没有空气输入", "en": "no air input"},
    # --- water -----------------------------------------------------------------------------
    "rpt.grid": {"zh": "断面逐月水质类别", "en": "Section classes by month"},
    "rpt.grid_note": {"zh": "颜色按水质类别（Ⅰ蓝 … 劣Ⅴ红）；加粗边框：劣于目标类别。",
                      "en": "Colours by class (I blue … worse than V red); a bold border: "
                            "worse than the target class."},
    "rpt.worse_sections": {"zh": "劣于目标的断面及主要污染物",
                           "en": "Sections worse than their target, and main pollutants"},
    "rpt.cwqi_title": {"zh": "国控断面 CWQI（逐月，与上年同月比）",
                       "en": "CWQI by month against the same month last year"},
    "rpt.cwqi_axis": {"zh": "CWQI（越低越好）", "en": "CWQI (lower is better)"},
    "rpt.sources": {"zh": "饮用水水源地逐次达标情况", "en": "Drinking-water sources by round"},
    "rpt.pass": {"zh": "达标", "en": "pass"},
    "rpt.fail": {"zh": "超标", "en": "fail"},
    "rpt.no_water": {"zh": "没有水质输入", "en": "no water input"},
    # --- ledger ----------------------------------------------------------------------------
    "rpt.ledger_intro": {"zh": "柱：当月数值；实线：累计；虚线：进度线；点线：全年目标。",
                         "en": "Bars: the month; line: to date; dashed: pace; dotted: the "
                               "year's target."},
    "rpt.value_axis": {"zh": "数值（{unit}）", "en": "value ({unit})"},
    "rpt.milestones": {"zh": "节点任务", "en": "Milestones"},
    "rpt.timeline_title": {"zh": "节点任务时间轴", "en": "Milestones on a timeline"},
    "rpt.date_axis": {"zh": "日期", "en": "date"},
    "rpt.task_axis": {"zh": "任务", "en": "task"},
    "rpt.due": {"zh": "到期日", "en": "due"},
    "rpt.done_in": {"zh": "完成月份", "en": "done in"},
    "rpt.not_done": {"zh": "未完成", "en": "not done"},
    "rpt.today": {"zh": "截至日", "en": "as of"},
    "rpt.no_ledger": {"zh": "没有台账输入", "en": "no ledger input"},
    # --- data ------------------------------------------------------------------------------
    "rpt.inputs": {"zh": "输入文件", "en": "Inputs"},
    "rpt.last_date": {"zh": "数据截至", "en": "last date"},
    "rpt.rejected_groups": {"zh": "拒收行的原因", "en": "Why rows were rejected"},
    "rpt.count": {"zh": "行数", "en": "rows"},
    "rpt.example": {"zh": "示例", "en": "example"},
    "rpt.no_rejected": {"zh": "没有拒收的行", "en": "no row was rejected"},
    "rpt.data_through": {"zh": "各类数据截至", "en": "Each kind of data up to"},
}

__all__ = ["REPORT_WORDS"]
