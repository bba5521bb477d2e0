"""The catalogue's entries about inputs and the detail commands, in Chinese and English:
row errors, input notes, ledger warnings, the errors that make an input unusable, the
stderr summary of rejected rows, and the words of ``rank``, ``targets`` and ``template``.

Plain data, merged into :data:`ecotarget.catalogue.CATALOGUE` (which renders them); kept
apart so that the catalogue's module stays readable. A key's prefix says where it is used:
``row.`` a rejected row's message, ``why.`` the reason behind a column's bound (the row
models name these keys), ``note.`` a note of the input summary or of a command on stderr,
``warn.`` a warning on stderr, ``input.`` and ``option.`` a fatal error,
``error.``/``rejected.`` the stderr lines, ``rank.``, ``targets.`` and ``template.`` those
commands' words, ``word.`` a word whose English has a plural.

The Chinese texts name the forms to write by example (``2025-03``) rather than by Latin
placeholders (``YYYY-MM``), so that a Chinese run prints no English word.
"""

from __future__ import annotations

_MILESTONE_EN = "write 1 (done) or 0 (not yet); 是/完成 and 否/未完成 are read as 1 and 0"
_MILESTONE_ZH = "完成填 1，未完成填 0；是/完成、否/未完成 分别读作 1 和 0"
_CONFLICT_EN = "keep one and fix the others"
_CONFLICT_ZH = "保留一行，修正其他行"

INPUT_MESSAGES: dict[str, dict[str, str]] = {
    # --- a rejected row: several problems of one row, and a further cell's problem -------
    "row.also": {"zh": "{items}", "en": "{items}"},  # joined with ROW_ALSO per language
    "row.cell": {"zh": "{column} {value}：{problem}", "en": "{column} {value}: {problem}"},
    # --- the generic pass: every declared column --------------------------------------------
    "row.excel_error": {"zh": "电子表格的错误值：请修正表格中的公式，或留空",
                        "en": "an Excel error value: fix the formula in the sheet, or leave "
                              "the cell empty"},
    "row.not_month": {"zh": "不是月份：请写成年-月，如 2025-03",
                      "en": "not a month: write YYYY-MM (e.g. 2025-03)"},
    "row.required": {"zh": "不能为空", "en": "is required"},
    "row.not_number": {"zh": "不是数字：请填写数字（如 12.5），缺测时留空或填 -",
                       "en": "not a number: write digits (e.g. 12.5), or leave it empty or '-' "
                             "when missing"},
    "row.whole_number": {"zh": "必须是整数", "en": "must be a whole number"},
    "row.at_least": {"zh": "须 ≥ {low}", "en": "must be ≥ {low}"},
    "row.at_least_why": {"zh": "须 ≥ {low}：{why}", "en": "must be ≥ {low}: {why}"},
    "row.at_most": {"zh": "须 ≤ {high}", "en": "must be ≤ {high}"},
    "row.above_why": {"zh": "超过 {high}：{why}", "en": "above {high}: {why}"},
    "row.not_date": {"zh": "不是日期：请写成年-月-日，如 2025-03-01",
                     "en": "not a date: write YYYY-MM-DD"},
    "row.not_datetime": {"zh": "不是日期：请写成年-月-日，如 2025-03-01，或带时刻，如 2025-03-01 13:00",
                         "en": "not a date: write YYYY-MM-DD or YYYY-MM-DD HH:MM"},
    "why.concentration": {"zh": "浓度不能为负（如导出文件用 -99 或 -1 表示缺测，请留空或填 -）",
                          "en": "a concentration cannot be negative (if the export marks a "
                                "missing hour with -99 or -1, leave the cell empty or write -)"},
    "why.too_high": {"zh": "对该污染物而言高得不合理；请检查单位和小数点",
                     "en": "implausibly high for this pollutant; check the unit and the "
                           "decimal point"},
    "why.co_unit": {"zh": "CO 的单位是 mg/m³，此值像是 µg/m³（请除以 1000）",
                    "en": "CO is in mg/m³ and this looks like µg/m³ (divide by 1000)"},
    "why.volume": {"zh": "取水量不能为负", "en": "a volume cannot be negative"},
    # --- the ledger ----------------------------------------------------------------------
    "row.ledger_required": {"zh": "不能为空：请填本月数值（没有时填 0）",
                            "en": "is required: write the month's figure (0 when none)"},
    "row.milestone_required": {"zh": f"不能为空：{_MILESTONE_ZH}",
                               "en": f"is required: {_MILESTONE_EN}"},
    "row.not_milestone": {"zh": f"不是节点任务的值：{_MILESTONE_ZH}",
                          "en": f"not a milestone value: {_MILESTONE_EN}"},
    "row.not_grade": {"zh": "既不是该指标等级（{scale}）中的一档，也不是数字",
                      "en": "not a grade on this indicator's scale ({scale}) nor a number"},
    "row.ledger_not_number": {"zh": "不是数字（文字只接受目标等级中的档次）",
                              "en": "not a number (text is accepted only as a grade on a "
                                    "target's scale)"},
    "row.negative": {"zh": "须 ≥ 0：台账数值是数量、次数或分数，不能为负",
                     "en": "must be ≥ 0: a ledger figure is a quantity, count or score, never "
                           "negative"},
    "row.fraction": {"zh": "像是小数：该指标的其他值是百分数（如 {example}）；若是此意请写 {percent}",
                     "en": "looks like a fraction: this indicator's other values are "
                           "percentages (e.g. {example}); write {percent} if that is what it "
                           "means"},
    "row.as_percent": {"zh": "百分数", "en": "it as a percentage"},
    "warn.unused_indicator": {"zh": "{header} {name}（{rows} {row_word}）没有目标使用，"
                                    "不计入任何指标；{hint}",
                              "en": "{header} {name} ({rows} {row_word}) is used by no target and "
                                    "counts for nothing; {hint}"},
    "word.row": {"zh": "行", "en": "row"},
    "word.rows": {"zh": "行", "en": "rows"},
    "warn.closest": {"zh": "最接近的已知指标：{names}", "en": "closest known: {names}"},
    "warn.no_closest": {"zh": "可用 ecotarget targets 查看目标所用的指标",
                        "en": "ecotarget targets lists the indicators the targets use"},
    # --- air -----------------------------------------------------------------------------
    "row.not_whole_hour": {"zh": "不是整点：小时值应标为整点（如 13:00）",
                           "en": "not a whole hour: hourly values are labelled HH:00"},
    "row.no_pollutant": {"zh": "此文件没有污染物列", "en": "no pollutant column in this file"},
    "row.required_with_date": {"zh": "有日期时不能为空", "en": "is required with date"},
    "row.co_column": {"zh": "{header} 列像是 µg/m³（{count} 个值中 {above} 个超过 {limit}，中位数 "
                            "{median}）：CO 的单位是 mg/m³，请将该列除以 1000",
                      "en": "the {header} column looks like µg/m³ ({above} of {count} values "
                            "above {limit}, median {median}): CO is in mg/m³, divide the column "
                            "by 1000"},
    # --- every kind: unreadable rows, duplicates -------------------------------------------
    "row.malformed": {"zh": "无法拆分的行：{problem}", "en": "malformed row: {problem}"},
    "row.duplicate_of": {"zh": "与第 {line} 行重复", "en": "duplicate of line {line}"},
    "row.conflicting_two": {"zh": f"重复但内容不同（第 {{first}}、{{last}} 行）：{_CONFLICT_ZH}",
                            "en": f"conflicting duplicates (lines {{first}}, {{last}}): "
                                  f"{_CONFLICT_EN}"},
    "row.conflicting_many": {
        "zh": f"重复但内容不同（第 {{first}}、…、{{last}} 行，共 {{count}} 行）：{_CONFLICT_ZH}",
        "en": f"conflicting duplicates (lines {{first}}, …, {{last}}: {{count}} rows): "
              f"{_CONFLICT_EN}"},
    "row.no_station_named": {"zh": "没有站点列：{column} 是站点吗？（多行时间相同；请将该列命名为 站点）",
                             "en": "no station column: is {column} your station? (rows share "
                                   "a time; name the column 站点)"},
    "row.no_station": {"zh": "没有站点列，且多行时间相同：请加一列 站点，写明每行的站点",
                       "en": "no station column, and rows share a time: add a 站点 column "
                             "naming the station of each row"},
    # --- the reader: rows it cannot split into cells -----------------------------------------
    "row.too_few": {"zh": "{fields} 个{field_word}，表头有 {width} 个：空缺之后的值都会读错列；"
                          "请补上缺少的单元格"
                          "（可以留空）或检查分隔符",
                    "en": "{fields} {field_word}, the header has {width}: every value after the "
                          "gap would be read into the wrong column; write the missing cells "
                          "(empty is fine) or check the delimiters"},
    "word.field": {"zh": "字段", "en": "field"},
    "word.fields": {"zh": "字段", "en": "fields"},
    "row.too_many": {"zh": "{fields} 个字段，表头只有 {width} 个：值里有分隔符？"
                            "请给该值加引号或删去多余的分隔符",
                     "en": "{fields} fields where the header has {width}: a delimiter inside a "
                           "value? quote the value or remove the extra delimiter"},
    "row.too_long": {"zh": "这一行有 {length} 个字符，远超任何监测导出的一行（上限 {limit}）：未读取；"
                           "请检查文件是否损坏或被拼接",
                     "en": "a line of {length} characters, far beyond any row of a monitoring "
                           "export (limit {limit}): not read; check whether the file is damaged "
                           "or wrongly joined"},
    "row.cut_short": {"zh": "不完整：最后一行只有 {fields}/{expected} 个字段，且文件末尾没有换行；"
                            "文件像是被截断了："
                            "请重新导出",
                      "en": "cut short: {fields} of {expected} fields on the last line, and the "
                            "file ends without a line break; the file looks truncated: export it "
                            "again"},
    "row.maybe_cut": {"zh": "可能不完整：最后一个值 {value} 比该列上方每个值都短（至少 {shortest} 个字符），"
                            "且文件末尾没有换行；请确认文件完整，或在末尾加一个换行",
                      "en": "possibly cut short: the last value {value} is shorter than every "
                            "value of its column above ({shortest}+ characters), and the file "
                            "ends without a line break; check that the file is complete, or end "
                            "it with a line break"},
    "row.open_quote": {"zh": "引号（\"）开始的值没有结束；下面的行按各自的行读取："
                             "请修正引号（或文件被截断了？）",
                       "en": "a quote (\") opens a value that is never closed; the lines below "
                             "are read as rows of their own: fix the quote (or is the file cut "
                             "off?)"},
    "row.unreadable": {"zh": "无法读取（{reason}）；请修正引号或分隔符",
                       "en": "unreadable ({reason}); fix the quoting or delimiters"},
    "row.quote_spans": {"zh": "此处开始的带引号的值跨越 {lines} 行后断开（{reason}）："
                              "请修正引号；下面的行已逐行读取",
                        "en": "a quoted value opened here runs over {lines} lines and then "
                              "breaks ({reason}): fix the quotes; the lines below were read one "
                              "by one"},
    # --- water ---------------------------------------------------------------------------
    "row.unknown_level": {"zh": "无法识别的断面级别：请写 国控/国考、省控/省考、市控/市考 或 县控/县考",
                          "en": "unknown level: write 国控/国考, 省控/省考, 市控/市考, 县控/县考 or "
                                "national, provincial, municipal, county"},
    "row.unknown_waterbody": {"zh": "无法识别的水体类型：请写 河流 或 湖库/湖泊/水库",
                              "en": "unknown waterbody: write 河流/river or "
                                    "湖库/湖泊/水库/lake/reservoir"},
    "row.unknown_source": {"zh": "无法识别的水源地标记：请写 是 或 否（也可写 1 或 0；留空为否）",
                           "en": "unknown source: write 是/Y/yes/1/true or 否/N/no/0/false "
                                 "(empty: no)"},
    "row.ph_range": {"zh": "pH 须在 {low} 与 {high} 之间", "en": "pH must be between {low} and "
                                                             "{high}"},
    "row.negative_concentration": {"zh": "浓度不能为负", "en": "a concentration cannot be negative"},
    "row.no_item": {"zh": "此行没有任何监测项目的值", "en": "no measured item in this row"},
    "row.not_class": {"zh": "不是水质类别：请写 Ⅰ、Ⅱ、Ⅲ、Ⅳ、Ⅴ 或 劣Ⅴ（也可写 3、Ⅲ类）",
                      "en": "not a water class: write I, II, III, IV, V or 劣V (Ⅲ, 3, III类 also "
                            "work)"},
    "row.not_measurement": {"zh": "不是监测值：请写数字、未检出或 <0.01 这样的检出限",
                            "en": "not a measurement: write a number, ND, <0.01 or 0.01L"},
    # --- notes of the input summary --------------------------------------------------------
    "note.no_rows": {"zh": "表头下没有数据行", "en": "no data rows below the header"},
    "note.waterbody_defaulted": {"zh": "{n} 行没有{header}：按河流处理",
                                 "en": "{n} rows without {header}: taken as river"},
    "note.no_waterbody": {"zh": "没有水体类型列：所有断面按河流处理",
                          "en": "no waterbody column (水体类型): every section is taken as a "
                                "river"},
    "note.items": {"zh": "{n} 个监测项目列：{items}", "en": "{n} item columns: {items}"},
    "note.absent_items": {"zh": "文件中缺少以下评价项目（水质类别和 CWQI 按其余项目计算）：{items}",
                          "en": "assessed items not in the file (class and CWQI use the "
                                "others): {items}"},
    "note.no_items": {"zh": "没有 GB 3838 监测项目列", "en": "no GB 3838 item column"},
    "note.sections_given": {"zh": "{n} 行属于目标文件 sections 中列出的断面：本文件未写的级别、水体类型和"
                                  "目标类别取自目标文件",
                            "en": "{n} rows of sections named in the targets file's sections: "
                                  "their level, waterbody and target class taken from it where "
                                  "this file has none"},
    "note.flagged": {"zh": "{n} 个带数据标记的{value_word}（如 0.52D、7.1(M)）：按缺测处理",
                     "en": "{n} {value_word} with a data flag (e.g. 0.52D, 7.1(M)): read as "
                           "missing"},
    "word.value": {"zh": "值", "en": "value"},
    "word.values": {"zh": "值", "en": "values"},
    "note.not_assessed": {"zh": "{n} 个样品不参与评价（站点情况不是 {normal}：{counts}）："
                                "已接受，不计入任何指标",
                          "en": "{n} samples not assessed (站点情况 not {normal}: {counts}): "
                                "accepted, left out of every figure"},
    "note.status_count": {"zh": "{word} {count}", "en": "{word} {count}"},
    "note.no_class_cells": {"zh": "{header}：{n} 个单元格不是水质类别（如 {example}）：按无类别比较",
                            "en": "{header}: {n} cells that are no class (e.g. {example}): "
                                  "compared as none"},
    "note.no_year_option": {"zh": "{header} 没有写年份：按 {year} 年读取（--year）",
                            "en": "{header} written without a year: read in {year} (--year)"},
    "note.no_year_name": {"zh": "{header} 没有写年份：按 {year} 年读取（取自文件名）",
                          "en": "{header} written without a year: read in {year} (from the "
                                "file's name)"},
    "note.serial_dates": {"zh": "{header} 写成了电子表格的序列数（{n} 个不同值）：按日期和时间读取",
                          "en": "{header} written as Excel serial numbers ({n} distinct): read "
                                "as dates and times"},
    "note.cells": {"zh": "{column}（{n} 个单元格）", "en": "{column} ({n} cells)"},
    "note.invisible": {"zh": "已从 {columns} 中删除不可见字符（字节顺序标记、零宽或方向控制符）："
                             "请在源文件中清理",
                       "en": "invisible characters (BOM, zero-width or direction marks) removed "
                             "from {columns}: clean them in the source file"},
    "note.utc_offset": {"zh": "{column}：{n} 个带时区偏移的{time_word}已换算为北京时间（东八区）",
                        "en": "{column}: {n} {time_word} with a UTC offset converted to China "
                              "Standard Time (UTC+8)"},
    "word.time": {"zh": "时间", "en": "time"},
    "word.times": {"zh": "时间", "en": "times"},
    "note.stations_missing": {"zh": "所选{station_word} {stations} 不在任何{where}中："
                                    "请检查代码（或名称）",
                              "en": "chosen {station_word} {stations} in none of the {where}: "
                                    "check the code (or name)"},
    "word.network_files": {"zh": "国控网络文件", "en": "network files"},
    "word.air_inputs": {"zh": "空气输入", "en": "air inputs"},
    "note.no_station_column": {"zh": "没有站点列：--station 不计入其中任何一行",
                               "en": "no station column: every row is left out by --station"},
    "word.station": {"zh": "站点", "en": "station"},
    "word.stations": {"zh": "站点", "en": "stations"},
    # --- a national network file: an hour rejected whole -------------------------------------
    "row.given_twice": {"zh": "{hour} 的 {type} 出现了两次（第 {first}、{second} 行）：请保留一行",
                        "en": "{type} is given twice for {hour} (lines {first} and {second}): "
                              "keep one"},
    "row.hour_line": {"zh": "{hour} 的 {type} 行（第 {line} 行）：{problem}",
                      "en": "the {type} line of {hour} (line {line}): {problem}"},
    # --- notes of a national network file -----------------------------------------------------
    "note.o3_8h": {"zh": "未读取国控网络的臭氧 8 小时列（O3_8h、O3_8h_24h）：其含义历年有变（见 "
                         "docs/standards.md 第 1 节）；臭氧统计按小时臭氧重新计算",
                   "en": "the network's O3 8-h columns (O3_8h, O3_8h_24h) are not read: their "
                         "meaning changed between years (docs/standards.md §1); ecotarget "
                         "recomputes O3 statistics from the hourly O3"},
    "note.o3_24h": {"zh": "未读取 O3_24h 行：没有指标使用国控网络的臭氧 24 小时均值",
                    "en": "O3_24h lines are not read: no figure uses the network's 24-h O3 mean"},
    "note.unknown_types": {"zh": "未读取类型不明的行：{types}",
                           "en": "lines of unknown type not read: {types}"},
    "note.unnamed_columns": {"zh": "表头中 {n} 列没有站点代码，其中 {lines} 行有值：未读取",
                             "en": "{n} columns without a station code in the header hold values "
                                   "on {lines} lines: not read"},
    "note.codes_twice": {"zh": "站点代码在多列中出现（读取第一列）：{codes}",
                         "en": "station codes written in more than one column (the first is "
                               "read): {codes}"},
    "note.malformed_lines": {"zh": "未读取无法拆分的{line_word} {lines}，其值不使用：{problem}",
                             "en": "malformed {line_word} {lines} not read, its values not used: "
                                   "{problem}"},
    "note.line_type": {"zh": "{line}（{kind}）", "en": "{line} ({kind})"},
    "note.no_type": {"zh": "无类型", "en": "no type"},
    "note.lines_more": {"zh": "…（共 {n} 行）", "en": "… ({n} lines)"},
    "note.in_all": {"zh": "…（共 {n} 个）", "en": "… ({n} in all)"},
    "word.line": {"zh": "行", "en": "line"},
    "word.lines": {"zh": "行", "en": "lines"},
    # --- notes of the detail commands on stderr ------------------------------------------------
    "note.station_not_in_network": {"zh": "站点 {code} 不在任何{where}中",
                                    "en": "station {code} is in none of the {where}"},
    "note.skipped": {"zh": "已跳过 {path}：这是{kind}文件，不是水质数据",
                     "en": "skipped {path}: a {kind} file, not water data"},
    "note.no_such_region": {"zh": "--highlight {name}：排名中没有这个地区",
                            "en": "--highlight {name}: no such region in the ranking"},
    "input.no_air": {"zh": "{names} 中没有空气输入（空气文件的表头类似 时间,站点,PM2.5,…；"
                           "可用 --kind air 强制）",
                     "en": "no air input among {names} (an air file has a header such as "
                           "时间,站点,PM2.5,…; use --kind air to force it)"},
    # --- rank: headings, rules, ties and notes --------------------------------------------------
    "rank.rank": {"zh": "排名", "en": "rank"},
    "rank.region": {"zh": "地区", "en": "region"},
    "rank.section_region": {"zh": "断面/地区", "en": "section/region"},
    "rank.composite": {"zh": "综合指数", "en": "composite index"},
    "rank.good_rate": {"zh": "优良率%", "en": "good-day rate %"},
    "rank.valid_days": {"zh": "有效天数", "en": "valid days"},
    "rank.composite_change": {"zh": "综合指数变化%", "en": "composite index change %"},
    "rank.good_rate_change": {"zh": "优良率变化", "en": "good-day rate change"},
    "rank.pm25_change": {"zh": "PM2.5变化%", "en": "PM2.5 change %"},
    "rank.items": {"zh": "项目数", "en": "items"},
    "rank.class": {"zh": "类别", "en": "class"},
    "rank.main_pollutants": {"zh": "主要污染指标", "en": "main pollutants"},
    "rank.cwqi_change": {"zh": "CWQI变化%", "en": "CWQI change %"},
    "rank.remark": {"zh": "说明", "en": "remark"},
    "rank.tied": {"zh": "并列", "en": "tied"},
    "rank.air_title": {"zh": "空气质量排名", "en": "Air quality ranking"},
    "rank.water_title": {"zh": "水质排名", "en": "Water quality ranking"},
    "rank.by_composite": {"zh": "综合指数", "en": "composite index"},
    "rank.by_good_day_rate": {"zh": "优良天数比例", "en": "good-day rate"},
    "rank.by_pm25": {"zh": "PM2.5", "en": "PM2.5"},
    "rank.by_change": {"zh": "综合指数变化率", "en": "change of the composite index"},
    "rank.by_cwqi": {"zh": "CWQI", "en": "CWQI"},
    "rank.by_cwqi_change": {"zh": "CWQI变化率", "en": "change of the CWQI"},
    "rank.versus": {"zh": "对比 {start}..{end}", "en": "vs {start}..{end}"},
    "rank.unmatched_stations": {"zh": "{n} 个站点不属于映射中的任何地区，已略去：{names}",
                                "en": "{n} stations in no region of the mapping, left out: "
                                      "{names}"},
    "rank.unmatched_sections": {"zh": "{n} 个断面不属于映射中的任何地区，已略去：{names}",
                                "en": "{n} sections in no region of the mapping, left out: "
                                      "{names}"},
    "rank.regions_cwqi": {"zh": "地区：各断面 CWQI 的平均值，各断面权重相同（城市汇总方法未经确认："
                                "docs/standards.md 第 4 节）",
                          "en": "regions: mean of the sections' CWQI, each section weighted "
                                "equally (city aggregation UNCONFIRMED: docs/standards.md §4)"},
    "rank.own_region": {"zh": "每个断面自成一个地区（未给出映射）",
                        "en": "each section is its own region (no mapping given)"},
    # --- rank: why a region is not ranked (the rows' reason), or has no change --------------
    "rank.no_composite": {"zh": "没有综合指数（某项污染物没有有效值）",
                          "en": "no composite index (a pollutant has no valid value)"},
    "rank.no_good_rate": {"zh": "没有优良率或 PM2.5 均值", "en": "no good-day rate or PM2.5 mean"},
    "rank.no_pm25": {"zh": "没有 PM2.5 均值", "en": "no PM2.5 mean"},
    "rank.no_previous": {"zh": "上年同期没有数据",
                         "en": "no figure for the same period of the previous year"},
    "rank.no_change": {"zh": "没有变化率（上年{figure}缺失或为 0）",
                       "en": "no change rate (the previous {figure} is missing or 0)"},
    "rank.no_cwqi": {"zh": "没有 CWQI（没有参与评价的项目）", "en": "no CWQI (no assessed item)"},
    "rank.short_days": {"zh": "有效天数不足（HJ 663）：{shortfall}",
                        "en": "short of valid days under HJ 663: {shortfall}"},
    "rank.no_air_data": {"zh": "输入中没有该地区的空气数据", "en": "no air data for it in the inputs"},
    "rank.no_data_period": {"zh": "{start}..{end} 没有数据", "en": "no data for {start}..{end}"},
    "rank.in_year": {"zh": "{year} 年：{reason}", "en": "{year}: {reason}"},
    "rank.no_sample": {"zh": "本期没有该地区的样品", "en": "no sample of it in the period"},
    "rank.no_samples_previous": {"zh": "{start}..{end} 没有以下断面的样品：{names}",
                                 "en": "no samples in {start}..{end} for: {names}"},
    "rank.items_differ": {"zh": "两年监测项目数不同（{now} 与 {before}）",
                          "en": "items measured differ between the years ({now} vs {before})"},
    # --- template: what it says on stderr ------------------------------------------------------
    "template.wrote": {"zh": "已写入 {path}：{kind}模板", "en": "wrote {path}: {kind} template"},
    "template.wrote_ledger": {"zh": "已写入 {path}：台账模板，{year} 年 {count} 行待填",
                              "en": "wrote {path}: ledger template, {count} rows of {year} to "
                                    "fill in"},
    # --- targets: the list of the plan's targets ------------------------------------------------
    "targets.id": {"zh": "编号", "en": "id"},
    "targets.name": {"zh": "名称", "en": "name"},
    "targets.goal": {"zh": "要求", "en": "goal"},
    "targets.indicators": {"zh": "台账指标", "en": "ledger indicators"},
    "targets.unit": {"zh": "单位", "en": "unit"},
    "targets.clause": {"zh": "原文", "en": "clause"},
    "targets.numerator": {"zh": "分子 {name}", "en": "numerator {name}"},
    "targets.denominator": {"zh": "分母 {name}", "en": "denominator {name}"},
    "targets.air_data": {"zh": "（空气监测数据）", "en": "(air monitoring data)"},
    "targets.water_data": {"zh": "（水质监测数据）", "en": "(water monitoring data)"},
    "targets.milestone_unit": {"zh": "1 完成 / 0 未完成", "en": "1 done / 0 not yet"},
    # one name in each language (a water item: 总磷 / total phosphorus)
    "name.both": {"zh": "{zh}", "en": "{en}"},
    # --- stderr: errors, notes and the summary of rejected rows ------------------------------
    "error.prefix": {"zh": "错误：{text}", "en": "error: {text}"},
    "note.prefix": {"zh": "注：{text}", "en": "note: {text}"},
    "rejected.head": {"zh": "拒收 {count} 行，未计入", "en": "{count} rows rejected and not counted"},
    "rejected.first": {"zh": "{head}，例如 {where}：{column}：{message}（{listed}）",
                       "en": "{head}, e.g. {where}: {column}: {message} ({listed})"},
    "rejected.count": {"zh": "{head}（{listed}）", "en": "{head} ({listed})"},
    "rejected.group": {"zh": "{path}：{column}：{count} 行，第 {first}–{last} 行：{message}",
                       "en": "{path}: {column}: {count} rows, lines {first}–{last}: {message}"},
    "rejected.more": {"zh": "… 另有 {count} 行", "en": "… and {count} more"},
    "rejected.in_validate": {"zh": "全部可用 ecotarget validate 列出",
                             "en": "ecotarget validate lists them all"},
    "rejected.listed": {"zh": "全部列于 {places}", "en": "all listed {places}"},
    "rejected.in_json": {"zh": "JSON 的 row_errors 中", "en": "under row_errors in the JSON"},
    "rejected.in_file": {"zh": "{path} 中", "en": "in {path}"},
    "rejected.and": {"zh": "{first}及 {second}", "en": "{first} and {second}"},
    "rejected.strict": {"zh": "有行被拒收，且设置了 --strict", "en": "rows were rejected and --strict "
                                                                  "is set"},
    # --- fatal: an input unusable as a whole, an option that cannot be read ------------------
    "input.no_file": {"zh": "{path}：没有这个文件或目录", "en": "{path}: no such file or directory"},
    "input.empty": {"zh": "{path}：文件是空的", "en": "{path}: the file is empty"},
    "input.is_directory": {"zh": "{path}：是一个目录", "en": "{path}: is a directory"},
    "input.unreadable": {"zh": "{path}：无法读取：{reason}", "en": "{path}: cannot read: {reason}"},
    "input.empty_directory": {"zh": "{path}：目录中没有 .csv、.tsv、.txt 或 .xlsx 文件",
                              "en": "{path}: directory holds no .csv, .tsv, .txt or .xlsx file"},
    "input.no_header": {
        "zh": "{path}：前 {lines} 行中没有可识别为{wanted}的表头（第 1 行：{shown}）{hint}。应类似 "
              "月份,指标,数值（台账）；时间,站点,PM2.5,…（空气）；断面名称,采样日期,溶解氧,…（水质）。"
              "可用 --kind 指定类型。",
        "en": "{path}: no header row recognised as {wanted} in the first {lines} lines "
              "(line 1: {shown}){hint}. Expected e.g. 月份,指标,数值 (ledger); "
              "时间,站点,PM2.5,… (air); 断面名称,采样日期,溶解氧,… (water). Use --kind to force "
              "one."},
    "input.xlsx_as_csv": {"zh": "{path}：这是 Excel .xlsx 工作簿（压缩数据），不是 CSV 文本："
                                "请改用 .xlsx 扩展名按工作簿读取，或将工作表另存为 CSV",
                          "en": "{path}: an Excel .xlsx workbook (zip data), not CSV text: name "
                                "it *.xlsx to read it as a workbook, or save the sheet as CSV"},
    "input.xls": {"zh": "{path}：这是旧版 Excel .xls 工作簿，不是 CSV 文本：请另存为 .xlsx 或 CSV",
                  "en": "{path}: an old Excel .xls workbook, not CSV text: save it as .xlsx or "
                        "CSV"},
    "input.binary": {"zh": "{path}：二进制数据，不是 CSV 文本文件（请另存为 CSV）",
                     "en": "{path}: binary data, not a CSV text file (save it as CSV)"},
    "input.not_utf8_gbk": {"zh": "{path}：既不是 UTF-8 也不是 GBK/GB18030（第 {line} 行有错误字节，偏移 "
                                 "{offset}）；请另存为 UTF-8 CSV，或用 --encoding 指定编码",
                           "en": "{path}: neither UTF-8 nor GBK/GB18030 (bad byte at line {line}, "
                                 "offset {offset}); re-save it as UTF-8 CSV, or name the encoding "
                                 "with --encoding"},
    "input.wanted_any": {"zh": "任何输入类型", "en": "any input kind"},
    "input.wanted_kind": {"zh": "{kind}文件", "en": "a {kind} file"},
    "input.delimiter_hint": {"zh": "；第 {line} 行以 {separator} 分隔，不能读取："
                                   "请用逗号、制表符或分号保存文件",
                             "en": "; line {line} is separated by {separator}, which is not read: "
                                   "save the file with commas (CSV), tabs or semicolons"},
    "input.no_column": {"zh": "{path}：没有“{name}”列（可用的表头：{aliases}）",
                        "en": "{path}: no column for {name} (accepted headers: {aliases})"},
    "option.period": {"zh": "--period {value}：请写 2025-03、2025-Q1、2025 或 2025-01-01..2025-03-31",
                      "en": "--period {value}: write 2025-03, 2025-Q1, 2025 or "
                            "2025-01-01..2025-03-31"},
    "option.period_reversed": {"zh": "--period {value}：结束早于开始",
                               "en": "--period {value}: the end comes before the start"},
    "option.as_of": {"zh": "--as-of {value}：请写 2025-10-31 或 2025-10 这样的日期或月份",
                     "en": "--as-of {value}: write YYYY-MM-DD or YYYY-MM"},
}

#: how the problems of one rejected row are joined, per language
ROW_ALSO: dict[str, str] = {"zh": "；另有 ", "en": "; also "}

__all__ = ["INPUT_MESSAGES", "ROW_ALSO"]
