"""The catalogue's entries for the targets file's errors, in Chinese and English: a file that
cannot be read or parsed, a key or target id given twice, and each field that does not
validate (:mod:`ecotarget.targets_problems` maps pydantic's error types to these keys).

Plain data, merged into :data:`ecotarget.catalogue.CATALOGUE` like :mod:`ecotarget.messages`.
Every key starts ``spec.``. The location (``file:line``) and the field's YAML path
(``targets[3].op``) are data, the same in both languages; so are the YAML words a user
writes (``plan:``, ``previous_year``, ``true``, a metric's name), which the Chinese texts
quote as they are.
"""

from __future__ import annotations

_DATE_ZH = "请写成年-月-日，如 2025-12-31"

TARGETS_FILE_MESSAGES: dict[str, dict[str, str]] = {
    # --- where: the file (and line), then the field's YAML path ----------------------------
    "spec.at": {"zh": "{where}：{problem}", "en": "{where}: {problem}"},
    "spec.located": {"zh": "{where}：{path}：{problem}", "en": "{where}: {path}: {problem}"},
    "spec.field": {"zh": "{field}：{problem}", "en": "{field}: {problem}"},
    # --- the file as a whole ------------------------------------------------------------------
    "spec.unreadable": {"zh": "无法读取目标文件：{reason}",
                        "en": "cannot read the targets file: {reason}"},
    "spec.too_large": {"zh": "大于 {limit} 字节：不是目标文件",
                       "en": "larger than {limit} bytes: not a targets file"},
    "spec.not_utf8": {"zh": "不是 UTF-8 文本文件（第 {offset} 字节）；请另存为 UTF-8 编码的 YAML",
                      "en": "not a UTF-8 text file (byte {offset}); save it as UTF-8 YAML"},
    "spec.binary": {"zh": "是二进制数据，不是 YAML 目标文件",
                    "en": "binary data, not a YAML targets file"},
    # the parser's own words (libyaml's, English only) follow as a quoted value
    "spec.yaml_syntax": {"zh": "YAML 语法错误（解析器原文：{problem}）",
                         "en": "YAML syntax error: {problem}"},
    "spec.too_deep": {"zh": "嵌套超过 {limit} 层：不是目标文件",
                      "en": "nested more than {limit} levels deep: not a targets file"},
    "spec.empty": {"zh": "目标文件是空的", "en": "the targets file is empty"},
    "spec.not_mapping": {"zh": "目标文件应是以 plan: 和 targets: 为键的映射",
                         "en": "the targets file must be a mapping with plan: and targets:"},
    "spec.duplicate_key": {"zh": "键 {name} 重复（第 {first} 行也有）：后者会悄悄覆盖前者；请只保留一个",
                           "en": "duplicate key {name} (also on line {first}): the last would "
                                 "silently win; keep one"},
    "spec.not_calendar_date": {"zh": f"{{value}} 不是日历上的日期（{_DATE_ZH}）",
                               "en": "{value} is not a date of the calendar (write YYYY-MM-DD)"},
    "spec.duplicate_id_first": {"zh": "目标编号 {id} 重复（首次出现在第 {first} 行）",
                                "en": "duplicate target id {id} (first on line {first})"},
    "spec.duplicate_id": {"zh": "目标编号 {id} 重复", "en": "duplicate target id {id}"},
    # --- a field, by pydantic's error type ---------------------------------------------------
    "spec.missing": {"zh": "缺少此字段（必填）", "en": "missing (required)"},
    "spec.unknown_field": {"zh": "未知字段（请检查拼写；可用的字段见 README）",
                           "en": "unknown field (check the spelling; allowed fields are listed "
                                 "in the README)"},
    "spec.unknown_param": {"zh": "未知字段", "en": "unknown field"},
    "spec.one_of": {"zh": "须为 {allowed} 之一（写的是 {value}）",
                    "en": "must be one of {allowed} (got {value})"},
    "spec.not_number": {"zh": "不是数字（写的是 {value}）", "en": "not a number (got {value})"},
    "spec.not_whole": {"zh": "不是整数（写的是 {value}）", "en": "not a whole number (got {value})"},
    "spec.gt": {"zh": "须 > {limit}（写的是 {value}）", "en": "must be > {limit} (got {value})"},
    "spec.ge": {"zh": "须 ≥ {limit}（写的是 {value}）", "en": "must be ≥ {limit} (got {value})"},
    "spec.lt": {"zh": "须 < {limit}（写的是 {value}）", "en": "must be < {limit} (got {value})"},
    "spec.le": {"zh": "须 ≤ {limit}（写的是 {value}）", "en": "must be ≤ {limit} (got {value})"},
    "spec.not_finite": {"zh": "须为有限的数（写的是 {value}）",
                        "en": "must be a finite number (got {value})"},
    "spec.not_date": {"zh": f"不是日期（写的是 {{value}}）：{_DATE_ZH}",
                      "en": "not a date (got {value}): write YYYY-MM-DD"},
    "spec.not_text": {"zh": "须为文字（写的是 {value}）", "en": "must be text (got {value})"},
    "spec.not_bool": {"zh": "须为 true 或 false（写的是 {value}）",
                      "en": "must be true or false (got {value})"},
    "spec.not_list": {"zh": "须为列表：每项一行 - 开头，或写成 [甲, 乙]",
                      "en": "must be a list: one '- ' line per item, or [a, b]"},
    "spec.not_mapping_field": {"zh": "须为映射：每行 键: 值，或写成 {{键: 值}}",
                               "en": "must be a mapping: key: value lines, or {{key: value}}"},
    "spec.empty_text": {"zh": "不能为空", "en": "must not be empty"},
    "spec.too_few": {"zh": "项数太少：至少 {min} 项，写了 {count} 项",
                     "en": "too few entries: at least {min}, got {count}"},
    "spec.id_pattern": {"zh": "须由小写字母、数字和 _ 组成，以字母开头，如 pm25_mean（写的是 {value}）",
                        "en": "must be lower-case letters, digits and _, starting with a letter, "
                              "e.g. pm25_mean (got {value})"},
    # any other type: pydantic's English text (not in the catalogue), marked in Chinese
    "spec.other": {"zh": "校验未通过（英文原文）：{text}", "en": "{text}"},
    # --- the targets file's own rules (the validators of targets.py, params.py, schemas.py) --
    "spec.unknown_metric_closest": {"zh": "未知的计算方法 {value}；最接近的有 {closest}",
                                    "en": "unknown metric {value}; closest known: {closest}"},
    "spec.unknown_metric": {"zh": "未知的计算方法 {value}；可用的有 {known}",
                            "en": "unknown metric {value}; known metrics: {known}"},
    "spec.target_word": {"zh": "须为数字、等级或 previous_year",
                         "en": "must be a number, a grade, or previous_year"},
    "spec.target_size": {"zh": "须为绝对值不超过 {limit} 的有限数（写的是 {value}）",
                         "en": "must be a finite number of at most {limit} in size (got {value})"},
    "spec.not_on_scale": {"zh": "目标值 {value} 既不是数字或 previous_year，也不是本目标 "
                                "params.scale 中的等级",
                          "en": "target {value} is not a number, previous_year, or a grade on "
                                "this target's params.scale"},
    "spec.milestone_due": {"zh": "节点任务须写完成日期（如 due: 2025-12-31）",
                           "en": "a milestone needs a due date (due: YYYY-MM-DD)"},
    "spec.two_regions": {"zh": "站点 {station} 同时属于两个地区：{first} 和 {second}",
                         "en": "station {station} is in two regions, {first} and {second}"},
    "spec.scale_distinct": {"zh": "等级不能重复，从低到高排列",
                            "en": "grades must be distinct, lowest first"},
    "spec.unknown_level": {"zh": "未知的断面级别 {value}：请写 国控、省控、市控、县控"
                                 "（或 national、provincial、municipal、county）",
                           "en": "unknown level {value}: write 国控, 省控, 市控, 县控 (or "
                                 "national, provincial, municipal, county)"},
    "spec.unknown_waterbody": {"zh": "未知的水体类型 {value}：请写 河流/river 或 "
                                     "湖库/湖泊/水库/lake/reservoir",
                               "en": "unknown waterbody {value}: write 河流/river or "
                                     "湖库/湖泊/水库/lake/reservoir"},
    "spec.not_class": {"zh": "target_class {value} 不是水质类别：请写 I、II、III、IV、V 或 劣V",
                       "en": "target_class {value} is not a water class: write I, II, III, IV, "
                             "V or 劣V"},
}
