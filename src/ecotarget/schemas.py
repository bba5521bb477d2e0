"""Row models of the three input kinds: the one place that declares columns, types and ranges.

Each kind is a pydantic model. Field metadata carries the header aliases seen in real exports
(``aliases``) and the plausibility rules behind the bounds: ``why`` for the upper bound,
``why_low`` for the lower one (a negative concentration), each a key of the message
catalogue. The vectorised checks
in :mod:`ecotarget.validate` are derived from these models, so a column's rule is written once;
``Model.model_validate(row)`` gives the same verdict on a single row.

The one list of missing-value markers (:data:`MISSING_MARKERS`) lives here too: what an
empty cell looks like is part of every kind's vocabulary.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ecotarget.catalogue import Text
from ecotarget.errors import InvalidValue

Kind = Literal["ledger", "air", "water"]
KINDS: tuple[Kind, ...] = ("ledger", "air", "water")

#: What exports write for "no value", in folded form (NFKC, trimmed, lower-case). "—"
#: (U+2014) survives NFKC, so it is listed as itself. A marker is missing, never zero. "*" is
#: how the national automatic water-station release writes a value (or a class) it does
#: not publish.
MISSING_MARKERS: frozenset[str] = frozenset({
    "", "-", "--", "---", "—", "——", "–", "na", "n/a", "#n/a", "/", "无", "nan", "none", "null",
    "未测", "未监测", "*",
})  # fmt: skip


@functools.cache
def missing_marker_spellings() -> frozenset[str]:
    """Every upper/lower-case spelling of every missing marker (NA, Na, N/A, NULL …).

    Matching cells against these with ``isin`` spares lower-casing whole columns.

    >>> {"NA", "Na", "nA", "na", "NULL", "#N/A"} <= missing_marker_spellings()
    True
    """
    return frozenset(spelling for marker in MISSING_MARKERS for spelling in _case_variants(marker))


def _case_variants(word: str) -> set[str]:
    variants = {""}
    for char in word:
        variants = {v + c for v in variants for c in {char.lower(), char.upper()}}
    return variants


def _col(*aliases: str, why: str | None = None, why_low: str | None = None,
         **constraints: Any) -> Any:
    extra: dict[str, Any] = {"aliases": list(aliases)}
    if why:
        extra["why"] = why
    if why_low:
        extra["why_low"] = why_low
    return Field(json_schema_extra=extra, **constraints)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- ledger -----------------------------------------------------------------------------------


class LedgerRow(_Row):
    """One reported figure for one month (the ledger kind: a bureau's monthly figures)."""

    period: str = _col("月份", "期间", "统计期", "统计月份", "month", pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    indicator: str = _col("指标", "指标名称", "项目", min_length=1)
    value: float | str = _col("数值", "值", "完成值", "数量", "val")
    region: str | None = _col("地区", "区县", "行政区", "city", "area", default=None)
    note: str | None = _col("备注", "说明", "remark", "remarks", "comment", default=None)


# --- air --------------------------------------------------------------------------------------

# why a bound: a key of the catalogue (ecotarget.messages), rendered in the run's language
_CONC = "why.concentration"  # a concentration cannot be negative (-99 for a missing hour?)
_TOO_HIGH = "why.too_high"  # implausibly high: check the unit and the decimal point


class AirRow(_Row):
    """One station-hour, station-day or city-day (the air kind). CO is mg/m³."""

    time: dt.datetime | None = _col(
        "时间", "监测时间", "日期时间", "时间点", "datetime", "timepoint", "date_time", default=None
    )
    date: dt.date | None = _col("日期", "监测日期", "day", default=None)
    hour: int | None = _col("小时", "时段", "hr", default=None, ge=0, le=24)
    station: str | None = _col(
        "站点", "站点名称", "点位", "点位名称", "监测点", "监测点位", "测点", "站点编码", "点位编码",
        "site", "stationcode", "station_code", default=None,
    )
    # The national network's files carry both a code (stationcode, the station) and a name
    # (positionname); a file with only the name uses it as the station (ecotarget.read.network).
    station_name: str | None = _col("positionname", default=None)
    region: str | None = _col("城市", "区县", "地区", "行政区", "city", "area", default=None)
    pm25: float | None = _col(
        "细颗粒物", "pm2.5", "pm₂.₅", "pm2_5", "pm25", default=None, ge=0, le=3000,
        why=_TOO_HIGH, why_low=_CONC,
    )
    pm10: float | None = _col("可吸入颗粒物", "pm10", default=None, ge=0, le=6000,
                              why=_TOO_HIGH, why_low=_CONC)
    so2: float | None = _col("二氧化硫", "so2", "so₂", default=None, ge=0, le=10000,
                             why=_TOO_HIGH, why_low=_CONC)
    no2: float | None = _col("二氧化氮", "no2", "no₂", default=None, ge=0, le=5000,
                             why=_TOO_HIGH, why_low=_CONC)
    co: float | None = _col(
        "一氧化碳", "co", default=None, ge=0, le=60, why_low=_CONC,
        why="why.co_unit",  # CO is in mg/m³ and this looks like µg/m³ (divide by 1000)
    )
    o3: float | None = _col("臭氧", "o3", "o₃", "臭氧1小时", "o3_1h", "o3-1h", default=None, ge=0,
                            le=3000, why=_TOO_HIGH, why_low=_CONC)
    o3_8h: float | None = _col(
        "臭氧8小时", "臭氧日最大8小时", "o3-8h", "o3_8h", "o3_8h_max", "臭氧8小时滑动平均",
        default=None, ge=0, le=3000, why=_TOO_HIGH, why_low=_CONC,
    )
    aqi: float | None = _col("空气质量指数", "aqi", default=None, ge=0, le=500)
    # The network's published trailing 24-h means (its hourly files; docs/standards.md §1),
    # kept only to compare with ecotarget's own (`ecotarget aqi --compare-published`); never
    # used in a figure.
    pm25_24h: float | None = _col("pm2_5_24h", "pm2.5_24h", default=None, ge=0, le=3000,
                                  why=_TOO_HIGH, why_low=_CONC)
    pm10_24h: float | None = _col("pm10_24h", default=None, ge=0, le=6000, why=_TOO_HIGH,
                                  why_low=_CONC)
    so2_24h: float | None = _col("so2_24h", default=None, ge=0, le=10000, why=_TOO_HIGH,
                                 why_low=_CONC)
    no2_24h: float | None = _col("no2_24h", default=None, ge=0, le=5000, why=_TOO_HIGH,
                                 why_low=_CONC)
    co_24h: float | None = _col(
        "co_24h", default=None, ge=0, le=60, why_low=_CONC,
        why="why.co_unit",
    )


AIR_POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co", "o3")


# --- water ------------------------------------------------------------------------------------


#: A section's level as files and targets files write it → ecotarget's code.
LEVEL_WORDS: dict[str, str] = {
    "国控": "national", "国考": "national", "national": "national",
    "省控": "provincial", "省考": "provincial", "provincial": "provincial",
    "市控": "municipal", "市考": "municipal", "municipal": "municipal",
    "县控": "county", "县考": "county", "county": "county",
}  # fmt: skip
#: A waterbody as files and targets files write it → ``river`` or ``lake`` (lakes and
#: reservoirs share the lake TP limits of GB 3838-2002 Table 1).
WATERBODY_WORDS: dict[str, str] = {
    "河流": "river", "river": "river",
    "湖库": "lake", "湖泊": "lake", "水库": "lake", "lake": "lake", "reservoir": "lake",
}  # fmt: skip


_CLASS_TEXT = {"I": "I", "II": "II", "III": "III", "IV": "IV", "V": "V", "劣V": "劣V",
               "1": "I", "2": "II", "3": "III", "4": "IV", "5": "V", "6": "劣V"}


class SectionInfo(BaseModel):
    """One water section's attributes (``sections:``), for files that do not carry them
    (the national automatic water-station release has no level or target class).

    ``level``: 国控/省控/市控/县控 or national/provincial/municipal/county; ``waterbody``:
    河流/river or 湖库/湖泊/水库/lake/reservoir; ``target_class``: I … V or 劣V (Ⅲ, Ⅲ类, 3).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: str | None = None
    waterbody: str | None = None
    target_class: str | int | None = None

    @field_validator("level")
    @classmethod
    def _level(cls, value: str | None) -> str | None:
        return _word(value, LEVEL_WORDS, "spec.unknown_level")

    @field_validator("waterbody")
    @classmethod
    def _waterbody(cls, value: str | None) -> str | None:
        return _word(value, WATERBODY_WORDS, "spec.unknown_waterbody")

    @field_validator("target_class")
    @classmethod
    def _class(cls, value: str | int | None) -> str | None:
        if value is None:
            return None
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).upper()
        text = re.sub(r"(类水质|类水|类)$", "", text)
        if text not in _CLASS_TEXT:
            raise InvalidValue(Text("spec.not_class", {"value": repr(value)}))
        return _CLASS_TEXT[text]

    def attributes(self) -> dict[str, str | None]:
        """``level``, ``waterbody`` (codes) and ``target_class`` (I … 劣V) as plain data."""
        return {"level": self.level, "waterbody": self.waterbody,
                "target_class": str(self.target_class) if self.target_class else None}


def _word(value: str | None, words: Mapping[str, str], key: str) -> str | None:
    if value is None:
        return None
    code = words.get(unicodedata.normalize("NFKC", value).strip().lower())
    if code is None:  # the catalogue's text lists the words accepted
        raise InvalidValue(Text(key, {"value": repr(value)}))
    return code


class WaterRow(_Row):
    """One sample of one section (the water kind); item columns are added by name.

    ``published_class`` (水质类别) and ``status`` (站点情况) are the national automatic
    water-station release's: the class it published, kept only to compare with ecotarget's
    own, and whether the station ran normally (a sample of any other status is not assessed).
    """

    section: str = _col("断面", "断面名称", "监测断面", "点位名称", "水源地名称", "水源地", min_length=1)
    date: dt.date = _col("采样日期", "监测时间", "采样时间", "日期", "监测日期", "sampling_date")
    level: str | None = _col("断面级别", "断面属性", "考核级别", "级别", default=None)
    waterbody: str | None = _col("水体类型", "类型", "water_body", "waterbody_type", default=None)
    region: str | None = _col("地区", "区县", "行政区", "city", "area", default=None)
    target_class: str | None = _col("水质目标", "目标类别", "考核目标", "目标", default=None)
    source: str | None = _col("饮用水水源地", "是否水源地", "drinking", "drinking_source", default=None)
    volume: float | None = _col("取水量", "供水量", "intake", default=None, ge=0,
                                why_low="why.volume")
    published_class: str | None = _col("水质类别", "发布类别", default=None)
    status: str | None = _col("站点情况", "站点状态", "运行状态", "station_status", default=None)
    province: str | None = _col("省份", "省", default=None)
    basin: str | None = _col("流域", "river_basin", default=None)


MODELS: dict[Kind, type[_Row]] = {"ledger": LedgerRow, "air": AirRow, "water": WaterRow}


# --- header matching --------------------------------------------------------------------------

_UNITS = re.compile(r"[\(\[（【].*?[\)\]）】]")
# A unit written after the name without brackets ("PM2.5 μg/m3", "CO/mg/m3", "优良率%"), and
# the word 浓度 ("concentration") that some platforms append to every pollutant name. NFKC has
# already turned µ into μ and ³ into 3 when this runs; spaces are gone.
_UNIT_SUFFIX = re.compile(r"(?:[/_:,\-]?(?:[μu]g|mg|ng)/n?(?:m3|l))$|%$|浓度$")


def normalise_header(text: str) -> str:
    """Fold a header cell to the form the alias tables use.

    Full-width forms become ASCII (NFKC), units in brackets or after the name go, case and
    spaces are ignored.

    >>> normalise_header(" ＰＭ２.５ (μg/m³) "), normalise_header("一氧化碳【mg/m3】")
    ('pm2.5', '一氧化碳')
    >>> normalise_header("PM2.5 µg/m³"), normalise_header("CO_mg/m3"), normalise_header("SO₂浓度")
    ('pm2.5', 'co', 'so2')
    """
    folded = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "")
    folded = re.sub(r"\s+", "", _UNITS.sub("", folded)).lower()
    stripped = _UNIT_SUFFIX.sub("", folded)
    return stripped or folded


@dataclass(frozen=True)
class ColumnRule:
    """What the model says about one column, in the form the vectorised checks use."""

    name: str
    kind: Literal["number", "text", "date", "datetime", "int", "number_or_text"]
    required: bool
    ge: float | None
    le: float | None
    pattern: str | None
    min_length: int | None
    # why the upper bound: the catalogue key of the hint shown when a value is above it
    why: str | None
    why_low: str | None = None  # why the lower bound: a catalogue key (why.concentration)


def column_rules(model: type[BaseModel]) -> dict[str, ColumnRule]:
    """Derive the vectorised column rules from a row model's fields."""
    rules = {}
    for name, field in model.model_fields.items():
        ge = le = pattern = min_length = None
        for meta in field.metadata:
            if isinstance(meta, annotated_types.Ge):
                ge = float(meta.ge)  # type: ignore[arg-type]
            elif isinstance(meta, annotated_types.Le):
                le = float(meta.le)  # type: ignore[arg-type]
            elif isinstance(meta, annotated_types.MinLen):
                min_length = meta.min_length
            elif getattr(meta, "pattern", None):
                pattern = meta.pattern
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        why = extra.get("why")
        why_low = extra.get("why_low")
        rules[name] = ColumnRule(
            name=name,
            kind=_kind_of(field.annotation),
            required=field.is_required(),
            ge=ge,
            le=le,
            pattern=pattern,
            min_length=min_length,
            why=str(why) if why else None,
            why_low=str(why_low) if why_low else None,
        )
    return rules


def _kind_of(annotation: Any) -> Any:
    text = str(annotation)
    if "float" in text and "str" in text:
        return "number_or_text"
    for token, kind in (("datetime.datetime", "datetime"), ("datetime.date", "date"),
                        ("float", "number"), ("int", "int")):
        if token in text:
            return kind
    return "text"


def alias_table(kind: Kind, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Normalised header → canonical column name for one kind (model fields plus ``extra``)."""
    table: dict[str, str] = {}
    for name, field in MODELS[kind].model_fields.items():
        table[normalise_header(name)] = name
        extra_info = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        for alias in extra_info.get("aliases", []):  # type: ignore[union-attr]
            table[normalise_header(str(alias))] = name
    for alias, name in (extra or {}).items():
        table.setdefault(normalise_header(alias), name)
    return table
