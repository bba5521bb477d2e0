"""The catalogue's entries for the rarer fatal and usage errors, in Chinese and English:
files too large or not text, encodings, workbooks, the regions file of ``rank``, the
choice of stations, periods and dates that contradict each other, outputs that cannot be
written, and what the command line says when a run is cut off.

Plain data, merged into :data:`ecotarget.catalogue.CATALOGUE` like
:mod:`ecotarget.messages`. Prefixes: ``input.`` an input unusable as a whole,
``regions.`` the regions file, ``option.`` an option that cannot be answered,
``output.`` an output that cannot be written, ``os.`` the operating system's reason for a
failed read or write, ``run.`` the end of a run, ``value.`` a value shown cut.

Option names (``--year``), codes and example headers stay as they are written on the command
line or in a file; the Chinese texts name placeholders by example (``--year 2025``).
"""

from __future__ import annotations

_AS_CSV_ZH = "请将工作表另存为 CSV，CSV 没有此限制"
_AS_CSV_EN = "save the sheet as CSV, which is read without this limit"
_KEEP_ONE_ZH = "请只保留一份"
_KEEP_ONE_EN = "keep one copy"

FATAL_MESSAGES: dict[str, dict[str, str]] = {
    # --- reading a source: size, line breaks, links, directories ----------------------------
    "input.no_line_break": {"zh": "{path}：前 {limit} 字节中没有换行：不是 CSV 文本文件",
                            "en": "{path}: no line break in the first {limit} bytes: not a CSV "
                                  "text file"},
    "input.too_large": {"zh": "{path}：大于 {limit} 字节：请拆分（按年份或按站点）后分别读取",
                        "en": "{path}: larger than {limit} bytes: split it (by year or by "
                              "station) and read the parts"},
    "input.stdin_twice": {"zh": "-（标准输入）出现了两次：它只能读取一次",
                          "en": "- (standard input) is named twice: it can be read only once"},
    "input.symlink_loop": {"zh": "{path}：符号链接指向自身（循环）",
                           "en": "{path}: a symbolic link to itself (a loop)"},
    "input.symlink_broken": {"zh": "{path}：符号链接指向的目标不存在（已断开）",
                             "en": "{path}: a symbolic link to nothing (broken)"},
    "input.unreadable_directory": {"zh": "{path}：无法读取目录：{reason}",
                                   "en": "{path}: cannot read the directory: {reason}"},
    # --- encodings -------------------------------------------------------------------------
    "input.not_encoding": {"zh": "{path}：--encoding {encoding}：不是文本编码（可试 utf-8 或 gb18030）",
                           "en": "{path}: --encoding {encoding}: not a text encoding (try utf-8 "
                                 "or gb18030)"},
    "input.bad_byte": {"zh": "{path}：无法按 {encoding} 解码：第 {line} 行有错误字节（偏移 {offset}）",
                       "en": "{path}: cannot decode as {encoding}: bad byte at line {line} "
                             "(offset {offset})"},
    "input.mixed_encodings": {
        "zh": "{path}：混用了编码：第 1–{before} 行是 UTF-8，第 {line} 行不是（字节偏移 {offset}；"
              "可能是 GBK）；请将整个文件另存为同一种编码（UTF-8），或用 --encoding 指定编码",
        "en": "{path}: mixes encodings: lines 1–{before} are UTF-8 but line {line} is not (byte "
              "offset {offset}; GBK?); re-save the whole file in one encoding (UTF-8), or name "
              "one with --encoding"},
    # --- the header, and a value shown cut ----------------------------------------------------
    "input.long_line": {"zh": "{path}：第 {line} 行长 {length} 个字符，而表头不会超过 {limit} 个字符："
                              "前 {lines} 行中没有找到表头（文件只有一行，或换行符丢失了？）",
                        "en": "{path}: line {line} is {length} characters long, and no header is "
                              "longer than {limit}: no header row found in the first {lines} "
                              "lines (is the file one line, or its line breaks lost?)"},
    "value.cut": {"zh": "{start}…（共 {length} 个字符）", "en": "{start}… ({length} characters)"},
    # --- workbooks ---------------------------------------------------------------------------
    "input.xlsx_extra": {"zh": "{path}：读取 .xlsx 需要安装 xlsx 扩展：pip install 'ecotarget[xlsx]'"
                               "（或将工作表另存为 CSV）",
                         "en": "{path}: reading .xlsx needs the xlsx extra: pip install "
                               "'ecotarget[xlsx]' (or save the sheet as CSV)"},
    "input.xlsx_unreadable": {"zh": "{path}：不是可读取的 .xlsx 工作簿：{problem}",
                              "en": "{path}: not a readable .xlsx workbook: {problem}"},
    "input.xlsx_not_zip": {"zh": "{path}：不是可读取的 .xlsx 工作簿：不是 zip 压缩数据（请在 Excel 中"
                                 "另存为 .xlsx 或 CSV）",
                           "en": "{path}: not a readable .xlsx workbook: not zip data (save it "
                                 "from Excel as .xlsx or CSV)"},
    "input.xlsx_unpacks": {"zh": "{path}：工作簿解压后为 {total} 字节，超过 {limit}：请将工作表另存为 CSV"
                                 "（或拆分）",
                           "en": "{path}: the workbook unpacks to {total} bytes, more than "
                                 "{limit}: save the sheet as CSV (or split it)"},
    "input.xlsx_rows": {"zh": "{path}：有超过 Excel 最后一行（{limit}）的行：不是 Excel 写出的工作簿；"
                              "请将工作表另存为 CSV",
                        "en": "{path}: rows beyond Excel's last row {limit}: not a workbook "
                              "Excel wrote; save the sheet as CSV"},
    "input.xlsx_cells": {"zh": f"{{path}}：超过 {{limit}} 个单元格（第 {{row}} 行处）：{_AS_CSV_ZH}",
                         "en": f"{{path}}: more than {{limit}} cells (at row {{row}}): "
                               f"{_AS_CSV_EN}"},
    "input.xlsx_grid": {"zh": f"{{path}}：{{rows}} 行 × {{columns}} 列，超过 {{limit}} 个单元格："
                              f"{_AS_CSV_ZH}",
                        "en": f"{{path}}: {{rows}} rows of {{columns}} columns, more than "
                              f"{{limit}} cells: {_AS_CSV_EN}"},
    # --- the water release: a time without a year ---------------------------------------------
    "input.no_year": {"zh": "{path}：{header} 没有写年份（如 {example}），文件名中也没有年份或日期："
                            "请用 --year 指定，如 --year 2025",
                      "en": "{path}: {header} is written without a year (e.g. {example}) and "
                            "the file's name holds no year or date: pass --year YYYY"},
    # --- the stations of a national network file ------------------------------------------------
    "input.choose_stations": {"zh": "{where}：{files}，共 {n} 个站点；请用 --station 站点代码"
                                    "（可重复）或目标文件中的 stations: 列表选择本地区的考核站点"
                                    "（对这些文件运行 ecotarget aqi 可列出所有站点）",
                              "en": "{where}: {files} with {n} stations; choose the region's "
                                    "assessment stations with --station CODE (repeatable) or a "
                                    "`stations:` list in the targets file (`ecotarget aqi` on "
                                    "these files lists every station)"},
    "input.network_file": {"zh": "国控网络文件", "en": "a national network file"},
    "input.network_files": {"zh": "国控网络文件", "en": "national network files"},
    "input.and_more": {"zh": "{path} 及另外 {more} 个文件", "en": "{path} and {more} more"},
    "input.no_such_station": {"zh": "--station {name}：{where}中没有这个站点",
                              "en": "--station {name}: no such station in the {where}"},
    "input.no_such_station_close": {"zh": "--station {name}：{where}中没有这个站点"
                                          "（最接近：{close}）",
                                    "en": "--station {name}: no such station in the {where} "
                                          "(closest: {close})"},
    "input.stations_held": {"zh": "这些文件共有 {n} 个站点", "en": "the files hold {n} stations"},
    # --- copies of one station-hour or ledger month -------------------------------------------
    "input.repeated_hour": {"zh": f"同一站点小时（{{station}}，{{time}}）出现了{{times}}：{{places}}；"
                                  f"{_KEEP_ONE_ZH}{{hint}}",
                            "en": f"the same station-hour ({{station}}, {{time}}) comes {{times}}: "
                                  f"{{places}}; {_KEEP_ONE_EN}{{hint}}"},
    "input.hour_label_hint": {"zh": "（或检查 --hour-label：0 时与 24 时是同一小时）",
                              "en": " (or check --hour-label: hours 0 and 24 name the same hour)"},
    "input.twice": {"zh": "两次", "en": "twice"},
    "input.times": {"zh": "{n} 次", "en": "{n} times"},
    "input.copies": {"zh": "…（共 {n} 份）", "en": "… ({n} copies)"},
    "input.repeated_month": {"zh": f"同一{{what}}（{{key}}）出现在多个文件中：{{places}}；{_KEEP_ONE_ZH}",
                             "en": f"the same {{what}} ({{key}}) comes from more than one file: "
                                   f"{{places}}; {_KEEP_ONE_EN}"},
    "input.month_indicator": {"zh": "月份和指标", "en": "month and indicator"},
    "input.month_indicator_region": {"zh": "月份、指标和地区", "en": "month, indicator and region"},
    # --- the detail commands: no input of the kind they need -----------------------------------
    "input.no_published": {"zh": "没有可比较的发布值：没有小时空气输入含有 AQI 或 24 小时均值列"
                                 "（国控网络文件两者都有）",
                           "en": "no published value to compare with: no hourly air input has "
                                 "an AQI or 24-h column (the network's files have both)"},
    "input.no_air_day": {"zh": "输入中没有空气日数据", "en": "no air day in the input"},
    "input.no_hourly": {"zh": "没有小时空气输入（时间列为整点，如 13:00）",
                        "en": "no hourly air input (time column with HH:00 labels)"},
    "input.nothing_to_rank": {"zh": "输入中没有空气日数据：无法排名",
                              "en": "no air day in the inputs: nothing to rank"},
    "input.no_dated_sample": {"zh": "水质输入中没有带日期的样品",
                              "en": "the water input holds no dated sample"},
    "input.no_water_input": {"zh": "没有水质输入：所给文件不是水质监测数据（表头应类似 "
                                   "断面名称,采样日期,溶解氧,…；可用 --kind water 强制）",
                             "en": "no water input: the files given are not water monitoring "
                                   "data (expected headers such as 断面名称,采样日期,溶解氧,…; try "
                                   "--kind water)"},
    "input.no_water": {"zh": "{names} 中没有水质输入（水质文件的表头类似 断面名称,采样日期,溶解氧,…；"
                             "可用 --kind water 强制）",
                       "en": "no water input among {names} (a water file has a header such as "
                             "断面名称,采样日期,溶解氧,…; use --kind water to force it)"},
    "input.no_published_class": {"zh": "没有可比较的发布类别：没有水质输入含有 水质类别 列"
                                       "（国家水质自动站发布数据有此列）",
                                 "en": "no published class to compare with: no water input has "
                                       "a 水质类别 column (the national automatic water-station "
                                       "release has one)"},
    # --- the regions file of rank --regions --------------------------------------------------
    "regions.unreadable": {"zh": "{path}：无法读取地区文件：{reason}",
                           "en": "{path}: cannot read the regions file: {reason}"},
    "regions.empty": {"zh": "{path}：地区文件是空的；请写表头 站点,地区（或 station,region），每行一个站点",
                      "en": "{path}: the regions file is empty; write a header station,region "
                            "and one station per line"},
    "regions.no_column": {"zh": "{path}:1：表头 {header} 中没有{what}列；请写 站点,地区（或 "
                                "station,region）",
                          "en": "{path}:1: the header {header} names no {what} column; write "
                                "station,region (or 站点,地区)"},
    "regions.station": {"zh": "站点", "en": "station"},
    "regions.region": {"zh": "地区", "en": "region"},
    "regions.no_station": {"zh": "{path}:{line}：{column} 列：值 {value}：每行都要写站点",
                           "en": "{path}:{line}: column {column}: value {value}: a station is "
                                 "needed on every line"},
    "regions.no_region": {"zh": "{path}:{line}：{column} 列：值 {value}：站点 {station} 没有地区",
                          "en": "{path}:{line}: column {column}: value {value}: station "
                                "{station} has no region"},
    "regions.two_regions": {"zh": "{path}:{line}：{column} 列：值 {value}：站点 {station} 已属于地区 "
                                  "{region}（第 {first} 行）",
                            "en": "{path}:{line}: column {column}: value {value}: station "
                                  "{station} is already in region {region} (line {first})"},
    "regions.no_rows": {"zh": "{path}：地区文件的表头下没有站点",
                        "en": "{path}: the regions file lists no station under its header"},
    # --- options that contradict each other ----------------------------------------------------
    "option.as_of_outside": {"zh": "--as-of {as_of} 不在 --period {start}..{end} 之内："
                                   "请给出期内的 --as-of，或不写 --as-of",
                             "en": "--as-of {as_of} lies outside --period {start}..{end}: give "
                                   "an --as-of inside the period, or leave it out"},
    "option.as_of_year": {"zh": "--as-of {as_of}：不在计划年度 {year} 年之内",
                          "en": "--as-of {as_of}: not inside the plan year {year}"},
    "option.period_year": {"zh": "--period {start}..{end} 不在计划年度 {year} 年之内",
                           "en": "--period {start}..{end} is not inside the plan year {year}"},
    "option.calendar_hourly": {"zh": "--hourly（或 --compare-published）与 --calendar 显示的内容不同："
                                     "请二选一",
                               "en": "--hourly (or --compare-published) and --calendar show "
                                     "different things: choose one"},
    "option.calendar_table": {"zh": "--calendar 绘制终端日历：请用 --format table，或去掉 --calendar "
                                    "以输出 csv/json 行（全市的日值其站点为 city）",
                              "en": "--calendar draws a terminal calendar: use --format table, "
                                    "or leave out --calendar for csv/json rows (the city days "
                                    "are station 'city')"},
    "option.rank_by": {"zh": "--by {by} 不能用于{kind_word}排名；--kind {kind} 时请用以下之一：{allowed}",
                       "en": "--by {by} does not rank {kind_word} data; with --kind {kind} use one of "
                             "{allowed}"},
    # --- outputs ----------------------------------------------------------------------------
    "output.workbook": {"zh": "--format {fmt} 写出的是工作簿，不是终端文本：请用 --output 指定一个 "
                              ".{fmt} 文件",
                        "en": "--format {fmt} writes a workbook, not text for a terminal: give "
                              "--output FILE.{fmt}"},
    "output.report_extension": {"zh": "--output {path}：请给出 .html 或 .xlsx 文件，或用 --format "
                                      "html|xlsx 指定格式",
                                "en": "--output {path}: name a .html or .xlsx file, or give "
                                      "--format html|xlsx"},
    "output.empty": {"zh": "{option}：路径为空", "en": "{option}: the path is empty"},
    "output.stdout_closed": {"zh": "标准输出已关闭：请用 {option} 指定文件",
                             "en": "standard output is closed: name a file with {option} FILE"},
    "output.stdout_full": {"zh": "标准输出：磁盘已满", "en": "standard output: the disk is full"},
    "output.stdout_failed": {"zh": "标准输出：无法写入：{reason}",
                             "en": "standard output: cannot write: {reason}"},
    "output.same_file": {"zh": "{first} 与 {second} 指向同一个文件（{path}）：后者会覆盖前者",
                         "en": "{first} and {second} name the same file ({path}): the second "
                               "would overwrite the first"},
    "output.is_input": {"zh": "{option} {path} 也是输入文件：请换一个文件，以免覆盖输入",
                        "en": "{option} {path} is also an input: choose another file so that "
                              "the input is not overwritten"},
    "output.cannot_there": {"zh": "{option} {path}：无法在此写入：{reason}",
                            "en": "{option} {path}: cannot write there: {reason}"},
    "output.is_directory": {"zh": "{option} {path}：是一个目录", "en": "{option} {path}: is a "
                                                                    "directory"},
    "output.disk_full": {"zh": "{option} {path}：磁盘已满", "en": "{option} {path}: the disk is full"},
    "output.disk_full_kept": {"zh": "{option} {path}：磁盘已满；文件未改动",
                              "en": "{option} {path}: the disk is full; the file was not "
                                    "changed"},
    "output.failed": {"zh": "{option} {path}：无法写入：{reason}",
                      "en": "{option} {path}: cannot write: {reason}"},
    # --- the operating system's reasons (the English is the system's own text) ------------------
    "os.EACCES": {"zh": "没有权限", "en": "Permission denied"},
    "os.EPERM": {"zh": "不允许的操作", "en": "Operation not permitted"},
    "os.ENOENT": {"zh": "没有这个文件或目录", "en": "No such file or directory"},
    "os.ENOSPC": {"zh": "磁盘已满", "en": "No space left on device"},
    "os.EROFS": {"zh": "只读文件系统", "en": "Read-only file system"},
    "os.EISDIR": {"zh": "是一个目录", "en": "Is a directory"},
    "os.ENOTDIR": {"zh": "不是目录", "en": "Not a directory"},
    "os.ELOOP": {"zh": "符号链接层数过多", "en": "Too many levels of symbolic links"},
    "os.ENAMETOOLONG": {"zh": "文件名过长", "en": "File name too long"},
    "os.EIO": {"zh": "输入输出错误", "en": "Input/output error"},
    "os.EBUSY": {"zh": "设备或资源忙", "en": "Device or resource busy"},
    # --- the end of a run ------------------------------------------------------------------
    "run.interrupted": {"zh": "已中断", "en": "interrupted"},
    "run.terminated": {"zh": "已终止", "en": "terminated"},
    "run.internal": {"zh": "内部错误：{error}（设置环境变量 ECOTARGET_DEBUG=1 可查看调用栈；请报告此问题）",
                     "en": "internal error: {error} (set ECOTARGET_DEBUG=1 for the traceback, "
                           "and please report it)"},
}

__all__ = ["FATAL_MESSAGES"]
