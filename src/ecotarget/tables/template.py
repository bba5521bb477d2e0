"""Blank input files to fill in (``ecotarget template``): the headers the readers accept,
as the bureau's own exports write them, and for the ledger one row per indicator and month.

Plain lists of text and the :mod:`csv` module: no pandas, so the command answers at once.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, Literal

from ecotarget.registry import ledger_indicators
from ecotarget.targets import TargetsFile

TemplateKind = Literal["ledger", "air", "water"]
TEMPLATE_KINDS: tuple[TemplateKind, ...] = ("ledger", "air", "water")

LEDGER_HEADER = ("月份", "指标", "数值", "地区", "备注")
AIR_HEADER = ("时间", "站点", "PM2.5(μg/m³)", "PM10(μg/m³)", "SO2(μg/m³)", "NO2(μg/m³)",
              "CO(mg/m³)", "O3(μg/m³)")
# Water temperature (reported, never assessed), the 21 GB 3838-2002 Table 1 assessment items,
# then the five Table 2 items of drinking-water sources, each with its unit as monitoring
# reports print it (docs/standards.md §3, §5).
WATER_ITEMS = (
    "水温(℃)", "pH(无量纲)", "溶解氧(mg/L)", "高锰酸盐指数(mg/L)", "化学需氧量(mg/L)",
    "五日生化需氧量(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "铜(mg/L)", "锌(mg/L)",
    "氟化物(mg/L)", "硒(mg/L)", "砷(mg/L)", "汞(mg/L)", "镉(mg/L)", "六价铬(mg/L)", "铅(mg/L)",
    "氰化物(mg/L)", "挥发酚(mg/L)", "石油类(mg/L)", "阴离子表面活性剂(mg/L)", "硫化物(mg/L)",
    "粪大肠菌群(个/L)", "硫酸盐(mg/L)", "氯化物(mg/L)", "硝酸盐(mg/L)", "铁(mg/L)", "锰(mg/L)",
)
WATER_HEADER = ("断面名称", "断面级别", "水体类型", "水质目标", "饮用水水源地", "采样日期",
                *WATER_ITEMS, "取水量(万m³)")

MILESTONE_NOTE = "填1（完成）或0（未完成）"  # "write 1 (done) or 0 (not done)"


def ledger_template(spec: TargetsFile, year: int) -> list[list[str]]:
    """The ledger's rows for ``year``: every indicator the targets read, every month, values
    blank; the note column says what a milestone or a graded indicator takes.

    Months come first, as a bureau's monthly ledger is kept; indicators in the order the
    targets file names them, each once.
    """
    notes: dict[str, str] = {}
    for target in spec.targets:
        for _, name in ledger_indicators(target.metric, target.params):
            note = ""
            if target.metric == "ledger.milestone":
                note = MILESTONE_NOTE
            elif target.scale:
                note = f"档次：{'、'.join(target.scale)}（由低到高）"  # grades, lowest first
            if not notes.get(name):
                notes[name] = note
    return [[f"{year}-{month:02d}", name, "", spec.plan.region, note]
            for month in range(1, 13) for name, note in notes.items()]


def template_rows(kind: TemplateKind, spec: TargetsFile, year: int) -> list[Sequence[str]]:
    """The header and rows of a blank input of ``kind`` (air and water: the header only,
    since their rows are the stations' hours and the sections' samples)."""
    if kind == "ledger":
        return [LEDGER_HEADER, *ledger_template(spec, year)]
    return [AIR_HEADER if kind == "air" else WATER_HEADER]


def write_template(rows: Sequence[Sequence[str]], stream: IO[str], *, bom: bool) -> None:
    """Write the rows as CSV; ``bom``: start with a byte-order mark, which Excel on a Chinese
    Windows needs to open UTF-8 as UTF-8 rather than as GBK."""
    if bom:
        stream.write("\ufeff")
    csv.writer(stream, lineterminator="\n").writerows(rows)


__all__ = ["AIR_HEADER", "LEDGER_HEADER", "MILESTONE_NOTE", "TEMPLATE_KINDS", "WATER_HEADER",
           "TemplateKind", "ledger_template", "template_rows", "write_template"]
