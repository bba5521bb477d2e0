"""The rows behind ``ecotarget rank``: regions side by side, ranked by the issuing bodies' rules.

Every region's figures come from the same engines as ``ecotarget check``: a region's hourly
values are the mean of its stations (hourly first, :func:`ecotarget.standards.air.city_daily`,
as for the county), its days carry the HJ 633 AQI, and its period figures are the HJ 663
statistics (:func:`ecotarget.standards.air.period_statistics`). The rules:

* ``composite``: the composite index over the period, ascending (the Ministry's 168-city
  and the provinces' city rankings; docs/standards.md §2.6);
* ``good_day_rate``: descending, ties broken by PM2.5 ascending; equal on both, 并列
  (the city tables of counties);
* ``pm25``: ascending;
* ``change``: the composite index against the same period of the previous year,
  (this − last) ÷ last × 100, ascending: the largest improvement first.

Equal figures (as reported: the index to 0.01, the rate to 0.1 %, PM2.5 whole µg/m³, a
change to 0.1 %) share a rank and the next rank skips: 1, 2, 2, 4. A region short of valid
days under HJ 663 (27 a month, February 25, 324 a year; docs/standards.md §2.4) is listed
after the ranked ones, unranked, with its valid days and the reason. Water rankings are in
:mod:`ecotarget.tables.rank_water`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.dataset import DAILY_COLUMNS, city_days_with_aqi
from ecotarget.errors import InputError
from ecotarget.metrics import air
from ecotarget.periods import Window, shift_year
from ecotarget.standards import air as engine
from ecotarget.standards.aqi import Edition
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.targets import AirSettings

AIR_RULES = ("composite", "good_day_rate", "pm25", "change")
CHANGE_DECIMALS = 1  # a change is a percentage: 1 decimal (docs/standards.md §6.2)
#: The concentrations of a row, with the name of their period statistic.
CONCENTRATIONS = {"pm25": "pm25_mean", "pm10": "pm10_mean", "so2": "so2_mean",
                  "no2": "no2_mean", "co_p95": "co_p95", "o3_8h_p90": "o3_8h_p90"}
#: The figures of a row that have a change against the previous year.
CHANGED = ("composite_index", "good_day_rate", *CONCENTRATIONS)

Row = dict[str, Any]


@dataclass(frozen=True)
class Ranking:
    """One ranking: the rule, the period, and one row per region (ranked first, in order)."""

    kind: Literal["air", "water"]
    by: str
    start: dt.date
    end: dt.date
    previous: tuple[dt.date, dt.date]  # the same period of the previous year
    rows: list[Row]
    notes: list[Text] = field(default_factory=list)


# --- ranks -------------------------------------------------------------------------------------

def competition_ranks(keys: Sequence[tuple[float, ...]]) -> list[tuple[int, bool]]:
    """(rank, tied) of each key, smaller keys first; equal keys share a rank and the next
    rank skips ("standard competition ranking", as the published lists number 并列).

    >>> competition_ranks([(1.5,), (2.0,), (2.0,), (3.1,)])
    [(1, False), (2, True), (2, True), (4, False)]
    >>> competition_ranks([(-90.0, 30.0), (-90.0, 28.0), (-95.0, 40.0)])
    [(3, False), (2, False), (1, False)]
    """
    ranks = []
    for key in keys:
        better = sum(1 for other in keys if other < key)
        same = sum(1 for other in keys if other == key)
        ranks.append((better + 1, same > 1))
    return ranks


def _value(value: Any) -> float | None:
    """A figure as a float, None when missing (None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def rank_key(by: str) -> Callable[[Row], tuple[float, ...] | Text]:
    """The sort key of a row under rule ``by``, or the reason it cannot be ranked (a Text,
    said in the reader's language).

    >>> rank_key("good_day_rate")({"good_day_rate": 93.5, "pm25": 28.0})
    (-93.5, 28.0)
    >>> rank_key("change")({"change": None}).render("en")
    'no figure for the same period of the previous year'
    >>> rank_key("change")({"change": None}).render("zh")
    '上年同期没有数据'
    """
    def composite(row: Row) -> tuple[float, ...] | Text:
        value = _value(row.get("composite_index"))
        return Text("rank.no_composite") if value is None else (value,)

    def good_days(row: Row) -> tuple[float, ...] | Text:
        rate, pm25 = _value(row.get("good_day_rate")), _value(row.get("pm25"))
        if rate is None or pm25 is None:
            return Text("rank.no_good_rate")
        return (-rate, pm25)

    def pm25(row: Row) -> tuple[float, ...] | Text:
        value = _value(row.get("pm25"))
        return Text("rank.no_pm25") if value is None else (value,)

    keys = {"composite": composite, "good_day_rate": good_days, "pm25": pm25,
            "change": _change_key("composite_index", Text("rank.composite")),
            "cwqi": _cwqi_key, "cwqi_change": _change_key("cwqi", "CWQI")}
    if by not in keys:
        raise ValueError(f"unknown ranking rule {by!r}")
    return keys[by]


def _change_key(name: str, shown: Text | str) -> Callable[[Row], tuple[float, ...] | Text]:
    def change(row: Row) -> tuple[float, ...] | Text:
        found = row.get("change")
        if not found:
            previous: Text | None = row.get("previous_reason")
            return previous or Text("rank.no_previous")
        value = _value(found.get(name))
        return Text("rank.no_change", {"figure": shown}) if value is None else (value,)
    return change


def _cwqi_key(row: Row) -> tuple[float, ...] | Text:
    value = _value(row.get("cwqi"))
    return Text("rank.no_cwqi") if value is None else (value,)


def rank_rows(rows: Sequence[Row], by: str, *, key_by: str | None = None) -> list[Row]:
    """``rows`` with ``rank``, ``tied`` and ``reason`` set, ranked rows first in rank order.

    A row already carrying a ``reason`` (short of valid days) is not ranked; nor is one
    without the figure the rule needs. Unranked rows follow in their given order, with
    ``rank`` None. Rows of equal rank keep their given order.

    >>> rows = rank_rows([{"region": "A", "pm25": 30.0}, {"region": "B", "pm25": 28.0},
    ...                   {"region": "C", "pm25": 30.0}, {"region": "D", "pm25": None}], "pm25")
    >>> [(r["region"], r["rank"], r["tied"]) for r in rows]
    [('B', 1, False), ('A', 2, True), ('C', 2, True), ('D', None, False)]
    """
    key = rank_key(key_by or by)
    ranked: list[tuple[Row, tuple[float, ...]]] = []
    unranked: list[Row] = []
    for row in rows:
        found = key(row)
        if row.get("reason") or not isinstance(found, tuple):  # a reason: unranked
            unranked.append({"region": row.get("region"), "rank": None, "tied": False, **row,
                             "reason": row.get("reason") or found})
        else:
            ranked.append((row, found))
    ranks = competition_ranks([k for _, k in ranked])
    out = [{"region": row.get("region"), "rank": rank, "tied": tied, **row, "reason": None}
           for (row, _), (rank, tied) in zip(ranked, ranks, strict=True)]
    out.sort(key=lambda r: r["rank"])  # stable: equal ranks keep their order
    return out + unranked


# --- regions -----------------------------------------------------------------------------------

def assign_regions(stations: Iterable[str], mapping: Mapping[str, str] | None,
                   names: Mapping[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """(station → region, stations of no region). Without ``mapping`` each station is its
    own region; with one, a station is found by its code or, through ``names`` (code →
    name), its name, ignoring case and surrounding spaces.

    >>> assign_regions(["2001A", "2002A", "9999A"], {"2001A": "平湖", "当湖街道": "平湖"},
    ...                {"2002A": "当湖街道"})
    ({'2001A': '平湖', '2002A': '平湖'}, ['9999A'])
    >>> assign_regions(["北京", "天津"], None)
    ({'北京': '北京', '天津': '天津'}, [])
    """
    stations = list(dict.fromkeys(stations))
    if not mapping:
        return {s: s for s in stations}, []
    folded = {_fold(k): v for k, v in mapping.items()}
    names = names or {}
    regions: dict[str, str] = {}
    unmatched: list[str] = []
    for station in stations:
        region = folded.get(_fold(station)) or folded.get(_fold(names.get(station, "")))
        if region is None:
            unmatched.append(station)
        else:
            regions[station] = region
    return regions, unmatched


def _fold(text: str) -> str:
    return str(text).strip().casefold()


def region_order(regions: Mapping[str, str], mapping: Mapping[str, str] | None) -> list[str]:
    """Every region once: the mapping's order (regions without data included), else the
    stations' order."""
    listed = list(mapping.values()) if mapping else list(regions.values())
    return list(dict.fromkeys(listed))


# --- region days -------------------------------------------------------------------------------

def region_days(hours: pd.DataFrame | None, day_rows: pd.DataFrame | None,
                regions: Mapping[str, str], settings: AirSettings,
                edition: Edition | None) -> pd.DataFrame:
    """Each region's days with their daily values and AQI (``region date …`` columns).

    ``hours`` are station-hours (:func:`ecotarget.dataset.station_hours`): a region's
    hourly values are the mean of its stations (``settings.city_aggregation``, hourly
    first by default; :func:`ecotarget.standards.air.city_daily`). ``day_rows`` are given
    station days (:func:`ecotarget.dataset.given_station_days`); a region's day is the
    mean of its stations' days, rounded as published, and only on dates no hour covers.
    Stations outside ``regions`` are left out.
    """
    parts: list[pd.DataFrame] = []
    if hours is not None and len(hours):
        parts.append(_days_from_hours(hours, regions, settings))
    if day_rows is not None and len(day_rows):
        given = _days_from_day_rows(day_rows, regions)
        if parts:  # hours win over day rows, as in check
            covered = pd.MultiIndex.from_frame(parts[0][["region", "date"]])
            given = given[~pd.MultiIndex.from_frame(given[["region", "date"]]).isin(covered)]
        parts.append(given)
    if not parts:
        return pd.DataFrame(columns=["region", "date", *DAILY_COLUMNS, "aqi", "valid"])
    days = pd.concat(parts, ignore_index=True).sort_values(["region", "date"],
                                                           ignore_index=True)
    days["date"] = pd.to_datetime(days["date"])
    return city_days_with_aqi(days, settings, edition)


def _days_from_hours(hours: pd.DataFrame, regions: Mapping[str, str],
                     settings: AirSettings) -> pd.DataFrame:
    hours = hours.assign(region=hours["station"].map(regions))
    hours = hours[hours["region"].notna()]
    sizes = hours.groupby("region")["station"].nunique()
    single = sizes.index[sizes == 1]
    parts = []
    if len(single):
        # a one-station region is its station: one vectorised call for all of them
        alone = hours[hours["region"].isin(single)]
        parts.append(engine.daily_values(alone, by=("region",)))
    for region in sizes.index[sizes > 1]:
        own = hours[hours["region"] == region]
        days = engine.city_daily(own, aggregation=settings.city_aggregation,
                                 check_unique=False)
        parts.append(days.assign(region=region))
    if not parts:
        return pd.DataFrame(columns=["region", "date", *DAILY_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["region", "date", *DAILY_COLUMNS]]


def _days_from_day_rows(rows: pd.DataFrame, regions: Mapping[str, str]) -> pd.DataFrame:
    rows = rows.assign(region=rows["station"].map(regions))
    rows = rows[rows["region"].notna()]
    means = rows.groupby(["region", "date"], sort=True)[list(DAILY_COLUMNS)].mean()
    for name in DAILY_COLUMNS:
        means[name] = [round_half_even_scalar(v, engine.DECIMALS[name]) for v in means[name]]
    return means.reset_index()


# --- a region's figures ------------------------------------------------------------------------

def period_window(start: dt.date, end: dt.date) -> Window:
    """A ranking period as a window (an explicit period: no rest of the year)."""
    return Window(end.year, start, end, end, explicit_period=True)


def region_figures(days: pd.DataFrame, start: dt.date, end: dt.date) -> Row:
    """The HJ 663 figures of one region's days over ``start``..``end``.

    ``reason`` names a shortfall of valid days (else None): a region short of them is not
    ranked. Each figure is as reported: the composite index and its terms to 0.01, the
    good-day rate to 0.1 %, means to whole µg/m³, CO P95 to 0.1 mg/m³.
    """
    now = air.days_between(days, start, end)
    stats = engine.period_statistics(now)
    coverage = air.coverage(air.valid_days(now)["date"], period_window(start, end))
    rate = (round_half_even_scalar(stats.good_day_rate, air.PERCENT_DECIMALS)
            if stats.valid_days else None)
    row: Row = {
        "composite_index": _number(stats.composite_index),
        "composite_terms": {k: _number(v) for k, v in stats.composite_terms.items()},
        "good_day_rate": rate, "good_days": stats.good_days,
        "days_by_category": dict(stats.days_by_category), "heavy_days": stats.heavy_days,
        **{name: _number(getattr(stats, stat)) for name, stat in CONCENTRATIONS.items()},
        "valid_days": stats.valid_days, "calendar_days": coverage["calendar_days"],
    }
    shortfall = coverage["insufficient"]
    row["reason"] = Text("rank.short_days", {"shortfall": shortfall}) if shortfall else None
    return row


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def changes(now: Row, before: Row) -> dict[str, float | None]:
    """Each figure's change against the previous year: a percentage (this − last) ÷ last ×
    100 to 0.1, except the good-day rate, whose change is in percentage points.

    >>> changes({"composite_index": 3.2, "good_day_rate": 90.0, "pm25": 30.0},
    ...         {"composite_index": 4.0, "good_day_rate": 85.5, "pm25": 0.0})["composite_index"]
    -20.0
    """
    out: dict[str, float | None] = {}
    for name in CHANGED:
        this, last = _value(now.get(name)), _value(before.get(name))
        if this is None or last is None:
            out[name] = None
        elif name == "good_day_rate":
            out[name] = round_half_even_scalar(this - last, CHANGE_DECIMALS)
        elif last == 0:
            out[name] = None  # no rate of change from zero
        else:
            out[name] = round_half_even_scalar((this - last) / last * 100, CHANGE_DECIMALS)
    return out


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The same period a year earlier (29 February becomes 28 February).

    >>> previous_period(dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    (datetime.date(2024, 1, 1), datetime.date(2024, 1, 31))
    """
    return shift_year(start, -1), shift_year(end, -1)


def default_period(dates: pd.Series) -> tuple[dt.date, dt.date]:
    """The year to date of the last day in the data: 1 January to that day."""
    last = pd.Timestamp(dates.max()).date()
    return dt.date(last.year, 1, 1), last


# --- the ranking -------------------------------------------------------------------------------

def air_ranking(days: pd.DataFrame, order: Sequence[str], stations_of: Mapping[str, list[str]],
                by: str, start: dt.date, end: dt.date, *, highlight: Sequence[str] = (),
                notes: Sequence[Text] = ()) -> Ranking:
    """Rank the regions of ``order`` (:func:`region_days` frames in ``days``) under ``by``.

    Each row: ``region``, ``rank``, ``tied``, ``reason`` (why unranked, else None),
    ``highlight``, ``stations``, the figures of :func:`region_figures` and, when the same
    period of the previous year has enough valid days, ``previous`` (the same figures) and
    ``change`` (:func:`changes`); otherwise ``previous_reason`` says why not.
    """
    if by not in AIR_RULES:
        raise ValueError(f"unknown air ranking rule {by!r}; one of {', '.join(AIR_RULES)}")
    before_start, before_end = previous_period(start, end)
    grouped = {str(name): frame for name, frame in days.groupby("region", sort=False)}
    rows: list[Row] = []
    for region in order:
        row: Row = {"region": region, "highlight": region in highlight,
                    "stations": list(stations_of.get(region, []))}
        own = grouped.get(region)
        if own is None:
            rows.append({**row, "valid_days": 0, "reason": Text("rank.no_air_data"),
                         "previous": None, "change": None})
            continue
        row.update(region_figures(own, start, end))
        before = region_figures(own, before_start, before_end)
        if not before["valid_days"]:
            row.update(previous=None, change=None, previous_reason=Text(
                "rank.no_data_period", {"start": before_start, "end": before_end}))
        elif before["reason"]:
            row.update(previous=None, change=None,
                       previous_reason=Text("rank.in_year", {"year": before_start.year,
                                                             "reason": before["reason"]}))
        else:
            row["previous"] = {name: before[name] for name in (*CHANGED, "valid_days")}
            row["change"] = changes(row, before)
        rows.append(row)
    return Ranking("air", by, start, end, (before_start, before_end), rank_rows(rows, by),
                   list(notes))


def rank_air(hours: pd.DataFrame | None, day_rows: pd.DataFrame | None,
             mapping: Mapping[str, str] | None, settings: AirSettings, by: str, *,
             period: tuple[dt.date, dt.date] | None = None, edition: Edition | None = None,
             names: Mapping[str, str] | None = None, only: Sequence[str] = (),
             highlight: Sequence[str] = ()) -> Ranking:
    """From station-hours (and given station days) to the ranking, end to end.

    ``mapping`` (station → region; None: each station its own region), ``period``
    (default: the year to date of the last day in the data), ``only`` (rank only these
    regions, in this order), ``highlight`` (mark these). Stations in no region of the
    mapping are left out, and a note says which.
    """
    stations = [*(hours["station"].unique() if hours is not None else []),
                *(day_rows["station"].unique() if day_rows is not None else [])]
    regions, unmatched = assign_regions([str(s) for s in stations], mapping, names)
    days = region_days(hours, day_rows, regions, settings, edition)
    if period is None:
        if days.empty:
            raise InputError(Text("input.nothing_to_rank"))
        period = default_period(days["date"])
    order = list(dict.fromkeys(only)) if only else region_order(regions, mapping)
    stations_of: dict[str, list[str]] = {}
    for station, region in regions.items():
        stations_of.setdefault(region, []).append(station)
    shown = (*unmatched[:20], *(["…"] if len(unmatched) > 20 else []))
    notes = ([Text("rank.unmatched_stations", {"n": len(unmatched), "names": shown})]
             if unmatched else [])
    return air_ranking(days, order, stations_of, by, period[0], period[1],
                       highlight=highlight, notes=notes)


__all__ = [
    "AIR_RULES",
    "CHANGED",
    "CONCENTRATIONS",
    "Ranking",
    "Row",
    "air_ranking",
    "assign_regions",
    "changes",
    "competition_ranks",
    "default_period",
    "period_window",
    "previous_period",
    "rank_air",
    "rank_key",
    "rank_rows",
    "region_days",
    "region_figures",
    "region_order",
]
