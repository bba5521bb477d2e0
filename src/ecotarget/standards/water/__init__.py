"""Surface-water engine: GB 3838-2002 classes, 环办〔2011〕22号 assessment, CWQI, drinking sources.

Pure and vectorised: no I/O, no printing, inputs are never mutated. Every frame function
returns a new :class:`pandas.DataFrame` indexed like its input.

Sources (transcribed here as data; nothing is read at run time):

* GB 3838-2002 Table 1 (24 basic items, classes I–V) and Table 2 (5 supplementary items
  for centralised drinking-water surface sources): :mod:`.items`, header spellings in
  :mod:`.names`.
* 《地表水环境质量评价办法(试行)》环办〔2011〕22号: 21 assessment items (Table 1 minus water
  temperature, TN and fecal coliform), single-factor section class, status words and
  colours, main pollutants ranked by class then exceedance multiple (C − C_III)/C_III:
  :mod:`.classes` and :mod:`.sections`.
* 《城市地表水环境质量排名技术规定(试行)》环办监测〔2017〕51号: CWQI, :mod:`.cwqi_index`.
* The national automatic water-station release's per-sample class (pH, DO, CODMn, NH3-N,
  TP; worst item decides): :mod:`.samples`.
* Drinking-water sources: class from the 20 basic items (the 21 minus COD) at class III,
  plus the Table 2 limits (single factor): :mod:`.drinking`.

Reported cells (``ND``, ``<0.01``, ``0.02L``) are parsed during validation; below-DL results
are substituted by :mod:`.detection_limits`. The rules are written out in ``docs/standards.md`` §3–§5.

Classes are ints 1..6 (6 = 劣V). Functions that return per-value classes use float arrays so
that NaN can mark "not measured"; frame columns use the nullable ``Int64`` dtype. Every
limit comparison allows the relative tolerance :data:`REL_TOL` (see :mod:`.items`).
"""

from __future__ import annotations

from ecotarget.standards.water.classes import (
    CLASS_NAMES,
    COLOUR_BY_CLASS,
    STATUS_BY_CLASS,
    class_name,
    exceedance_multiple,
    item_class,
    parse_class,
    section_colour,
    section_status,
)
from ecotarget.standards.water.cwqi_index import cwqi, cwqi_change, cwqi_detail
from ecotarget.standards.water.detection_limits import substitute_below_dl
from ecotarget.standards.water.drinking import drinking_compliance
from ecotarget.standards.water.items import (
    ASSESSED_ITEMS,
    DRINKING_BASIC_ITEMS,
    ITEMS,
    REL_TOL,
    SUPPLEMENTARY,
    WaterItem,
)
from ecotarget.standards.water.names import ZH_ITEM_NAMES
from ecotarget.standards.water.samples import RELEASE_ITEMS, sample_classes
from ecotarget.standards.water.sections import assess

__all__ = [
    "ASSESSED_ITEMS",
    "CLASS_NAMES",
    "COLOUR_BY_CLASS",
    "DRINKING_BASIC_ITEMS",
    "ITEMS",
    "RELEASE_ITEMS",
    "REL_TOL",
    "STATUS_BY_CLASS",
    "SUPPLEMENTARY",
    "ZH_ITEM_NAMES",
    "WaterItem",
    "assess",
    "class_name",
    "cwqi",
    "cwqi_change",
    "cwqi_detail",
    "drinking_compliance",
    "exceedance_multiple",
    "item_class",
    "parse_class",
    "sample_classes",
    "section_colour",
    "section_status",
    "substitute_below_dl",
]
