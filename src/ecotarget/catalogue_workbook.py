"""The words of the monthly report's workbook (``ecotarget report --output FILE.xlsx``) that
the HTML page does not use: sheet names, column headers, cell notes.

Part of :data:`ecotarget.catalogue.CATALOGUE` (merged there, keys prefixed ``wb.``), beside
the report's own words (:mod:`ecotarget.catalogue_report`), which the workbook reuses
wherever the page says the same thing. Sheet names stay within Excel's 31 characters and
use none of ``[]:*?/\\``.
"""

from __future__ import annotations

WORKBOOK_WORDS: dict[str, dict[str, str]] = {
    # --- sheets ----------------------------------------------------------------------------
    "wb.sheet.summary": {"zh": "总体情况", "en": "Summary"},
    "wb.sheet.changes": {"zh": "变化", "en": "Changes"},
    "wb.sheet.air": {"zh": "环境空气", "en": "Air"},
    "wb.sheet.calendar": {"zh": "空气日历", "en": "AQI calendar"},
    "wb.sheet.water": {"zh": "水环境", "en": "Water"},
    "wb.sheet.ledger": {"zh": "台账与任务", "en": "Ledger & tasks"},
    "wb.sheet.data": {"zh": "数据情况", "en": "Data"},
    # --- column headers --------------------------------------------------------------------
    # a figure of a series: what, which figure, and the unit (the unit is in the header,
    # the cell holds the number the report shows)
    "wb.col": {"zh": "{what}·{part}（{unit}）", "en": "{what}, {part} ({unit})"},
    "wb.col_plain": {"zh": "{what}·{part}", "en": "{what}, {part}"},
    "wb.month_figure": {"zh": "当月数值", "en": "the month's figure"},
    "wb.good_rate": {"zh": "优良率", "en": "good-day rate"},
    "wb.pm25": {"zh": "PM2.5", "en": "PM2.5"},
    "wb.id": {"zh": "编号", "en": "id"},
    "wb.section": {"zh": "类别", "en": "section"},
    "wb.op": {"zh": "比较", "en": "comparison"},
    "wb.target": {"zh": "目标值", "en": "target value"},
    "wb.compared_with": {"zh": "比较基数", "en": "compared with"},
    "wb.unit": {"zh": "单位", "en": "unit"},
    "wb.targets": {"zh": "目标数", "en": "targets"},
    "wb.allowance_pro_rata": {"zh": "按全年均摊的余量", "en": "allowance spread evenly"},
    "wb.days_of": {"zh": "{category}（天）", "en": "{category} (days)"},
    "wb.aqi_range": {"zh": "AQI 范围", "en": "AQI range"},
    "wb.kind": {"zh": "数据类型", "en": "kind"},
    "wb.path": {"zh": "文件", "en": "file"},
    "wb.rows_read": {"zh": "读取行数", "en": "rows read"},
    "wb.rows_accepted": {"zh": "接受行数", "en": "rows accepted"},
    "wb.rows_rejected": {"zh": "拒收行数", "en": "rows rejected"},
    "wb.column": {"zh": "列", "en": "column"},
    "wb.problem": {"zh": "问题", "en": "problem"},
    "wb.example_line": {"zh": "示例行号", "en": "example line"},
    "wb.example_value": {"zh": "示例值", "en": "example value"},
    "wb.series_title": {"zh": "{name}（逐月）", "en": "{name} by month"},
    "wb.targets_of": {"zh": "本部分目标", "en": "Targets of this section"},
    "wb.legend": {"zh": "图例", "en": "Legend"},
    "wb.cwqi_table": {"zh": "CWQI 逐月", "en": "CWQI by month"},
    "wb.series_table": {"zh": "各计数与比率逐月（当月、累计、进度线、全年目标）",
                        "en": "Each count and ratio by month (the month, to date, pace, the "
                              "year's target)"},
    "wb.air_table": {"zh": "逐月数据", "en": "Month by month"},
    # --- notes -----------------------------------------------------------------------------
    "wb.day_note": {"zh": "{date} AQI {aqi} {category} · 首要污染物 {primary}",
                    "en": "{date} AQI {aqi} {category} · primary pollutant {primary}"},
    "wb.calendar_note": {"zh": "行为月份，列为日期；格内为当日 AQI，颜色按 HJ 633 级别；"
                               "非优良天的批注注明首要污染物。",
                         "en": "A row per month, a column per day; each cell holds the day's "
                               "AQI, coloured by its HJ 633 category; a non-good day's comment "
                               "names its primary pollutant."},
    "wb.grid_note": {"zh": "颜色按水质类别；加粗带框：劣于目标类别。",
                     "en": "Colours by class; bold with a border: worse than the target class."},
    "wb.failing_note": {"zh": "超标项目：{items}", "en": "failing items: {items}"},
}

__all__ = ["WORKBOOK_WORDS"]
