"""From validated tables to the frames the metrics read.

* air: station-hours (each with its natural day and hour number, HJ 663 §2.2), station
  days as the inputs give them, and city days — from the hours (hourly first by default)
  or, for dates no hour covers, from the day rows; with the AQI of each city day under the
  HJ 633 edition chosen by :func:`choose_edition`;
* ledger and water: the accepted rows of every input, combined per kind.

Only the settings each step needs are parameters (``hour_label``, ``city_aggregation`` …):
the check's options and targets file stay in :mod:`ecotarget.pipeline`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, cast

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.schemas import AIR_POLLUTANTS
from ecotarget.standards import air as engine
from ecotarget.standards.aqi import Edition, daily_aqi
from ecotarget.standards.rounding import round_half_even
from ecotarget.targets import AirSettings
from ecotarget.validate import LINE, TIME_CODE, ValidatedTable

HourLabel = Literal["end", "start"]
CityAggregation = Literal["hourly_first", "daily_first"]

CITY = "city"  # the station name of rows that carry no station: the region as a whole
#: The daily values of a station or city day.
DAILY_COLUMNS = ("pm25", "pm10", "so2", "no2", "co", "o3_1h_max", "o3_8h_max")
_DAY_ROW_MEANS = ("pm25", "pm10", "so2", "no2", "co")  # day-row columns read as named
REPEATED_HOUR_HINT = Text("input.hour_label_hint")


@dataclass(frozen=True)
class Dataset:
    """Accepted rows of every input, combined per kind (None: no input of that kind)."""

    ledger: pd.DataFrame | None = None
    air_hourly: pd.DataFrame | None = None
    air_daily: pd.DataFrame | None = None
    water: pd.DataFrame | None = None
    stations: tuple[str, ...] = ()

    def last_date(self) -> dt.date | None:
        """The last day any input covers (a ledger month counts to its last day)."""
        candidates: list[pd.Timestamp] = []
        if self.ledger is not None and len(self.ledger):
            last = pd.Period(self.ledger["period"].max(), freq="M")
            candidates.append(last.to_timestamp(how="end"))
        for frame, column in ((self.air_hourly, "date"), (self.air_daily, "date"),
                              (self.water, "date")):
            if frame is not None and len(frame) and column in frame:
                candidates.append(frame[column].max())
        valid = [c for c in candidates if pd.notna(c)]
        return max(valid).date() if valid else None


def assemble_dataset(tables: Sequence[ValidatedTable], *, hour_label: HourLabel,
                     city_aggregation: CityAggregation, stations: tuple[str, ...] = ()
                     ) -> Dataset:
    """Combine the accepted rows of all inputs per kind."""
    ledger = combine_rows([t for t in tables if t.kind == "ledger"])
    water = combine_rows([t for t in tables if t.kind == "water"])
    air = [t for t in tables if t.kind == "air"]
    air_hourly, air_daily = (air_frames(air, hour_label=hour_label,
                                        city_aggregation=city_aggregation)
                             if air else (None, None))
    return Dataset(ledger=ledger, air_hourly=air_hourly, air_daily=air_daily, water=water,
                   stations=stations)


# --- the AQI edition ------------------------------------------------------------------------

def choose_edition(forced: str | None, target_standard: str | None, default: str
                   ) -> Edition | None:
    """The HJ 633 edition every day is read under, or None for 'the edition in force that day'.

    ``forced`` (``--air-standard``) first, then the target's own ``standard``, then the
    targets file's setting; "auto" means each day's own edition.

    >>> choose_edition(None, None, "auto") is None
    True
    >>> choose_edition(None, "2026", "auto")
    '2026'
    >>> choose_edition("2012", "2026", "auto")
    '2012'
    """
    chosen = forced or target_standard or default
    return None if chosen == "auto" else cast(Edition, chosen)


# --- station-hours --------------------------------------------------------------------------

def air_frames(tables: Sequence[ValidatedTable], *, hour_label: HourLabel,
               city_aggregation: CityAggregation
               ) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(station-hours, city days) from the accepted air rows of every input.

    Station-hours carry ``station date hour time pm25 pm10 so2 no2 co o3``, with ``date``
    and ``hour`` (1..24) the natural day of each label. City days carry the daily values;
    when hourly inputs exist they are built from them, and day rows fill only dates that
    no hourly row covers.
    """
    hourly_tables = [t for t in tables if t.subkind == "hourly"]
    hourly = station_hours(hourly_tables, hour_label) if hourly_tables else None
    days = city_days_from_hours(hourly, city_aggregation) if hourly is not None else None
    given = given_station_days(tables)
    if given is not None:
        from_rows = city_days_from_station_days(given)
        if days is not None:
            from_rows = from_rows[~from_rows["date"].isin(days["date"])]
        days = from_rows if days is None else pd.concat([days, from_rows], ignore_index=True)
    if days is not None:
        days = days.sort_values("date", ignore_index=True)
    return hourly, days


def station_hours(tables: Sequence[ValidatedTable], hour_label: HourLabel) -> pd.DataFrame:
    """Every hourly table's rows as station-hours, a station-hour given twice refused."""
    frames = []
    for number, table in enumerate(tables):
        frame = table.frame
        station = frame["station"] if "station" in frame else pd.Series(
            CITY, index=frame.index, dtype=object)
        if station.hasnans:  # a copy of millions of names only when some are missing
            station = station.fillna(CITY)
        columns = {name: (frame.get(name, np.nan)) for name in AIR_POLLUTANTS}
        # the national network labels hours by their end, whatever the option says
        own_label = "end" if table.raw is not None and table.raw.layout else hour_label
        day = _natural_days(table, own_label)
        # copy=False: the columns are the validated ones, shared (copy-on-write), not copied
        # where each row came from: for the message on a station-hour given in two files
        places = {"_file": np.int32(number), "_line": frame[LINE]} if len(tables) > 1 else {}
        frames.append(pd.DataFrame({"station": station, "date": day["date"],
                                    "hour": day["hour"], "time": frame["time"], **columns,
                                    **places}, copy=False))
    if len(frames) == 1:
        return frames[0]  # validation has already refused a station-hour given twice in a file
    hourly = pd.concat(frames, ignore_index=True)

    def where(rows: pd.DataFrame) -> list[str]:
        return [f"{tables[int(f)].path}:{line}"
                for f, line in zip(rows["_file"], rows["_line"], strict=True)]

    refuse_repeated_station_hours(hourly, ["station", "date", "hour"], where,
                                  hint=REPEATED_HOUR_HINT)
    return hourly


def refuse_repeated_station_hours(hours: pd.DataFrame, keys: Sequence[str],
                                  where: Callable[[pd.DataFrame], list[str]], *,
                                  hint: Text | str = "") -> None:
    """:class:`InputError` when two rows of ``hours`` share ``keys`` (station and hour).

    The message names the first repeated station-hour (its station and ``time`` label) and
    ``where`` the places (``path:line``) of every copy of it, and of no other.
    """
    copies = first_repeated_key(hours, keys)
    if copies is not None:
        first = copies.iloc[0]
        raise InputError(Text("input.repeated_hour", {
            "station": first["station"], "time": _label(first["time"]),
            "times": _times(len(copies)), "places": _places(where(copies)), "hint": hint}))


def first_repeated_key(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame | None:
    """The rows sharing the first key of ``frame`` that is given more than once; None if none.

    >>> frame = pd.DataFrame({"k": ["a", "b", "a", "b", "a"], "n": range(5)})
    >>> first_repeated_key(frame, ["k"])["n"].tolist()
    [0, 2, 4]
    """
    twice = frame.duplicated(list(keys), keep=False).to_numpy()
    if not twice.any():
        return None
    first = frame.iloc[int(np.argmax(twice))]
    same = twice.copy()
    for key in keys:  # only the repeated rows are compared: none of them has a missing key
        same &= (frame[key] == first[key]).to_numpy()
    return frame[same]


_PLACES_SHOWN = 5  # copies named in a message before "…"


def _places(places: list[str]) -> tuple[str | Text, ...]:
    """The first places, and how many copies in all when there are more (joined as a list)."""
    shown: tuple[str | Text, ...] = tuple(places[:_PLACES_SHOWN])
    if len(places) > _PLACES_SHOWN:
        shown = (*shown, Text("input.copies", {"n": len(places)}))
    return shown


def _times(count: int) -> Text:
    return Text("input.twice") if count == 2 else Text("input.times", {"n": count})


def _label(time: object) -> str:
    """A time label as the inputs write it: ``2025-01-01 01:00``."""
    return f"{time:%Y-%m-%d %H:%M}" if isinstance(time, pd.Timestamp) else str(time)


def _natural_days(table: ValidatedTable, label: HourLabel) -> pd.DataFrame:
    """engine.natural_day of each row's time label; computed once per distinct label when
    validation kept them (a year of 1,700 stations: 8,784 labels, 15 million rows).

    The hour number (1..24) is an int8: held with every station-hour through the check, 7
    bytes a row less keep its peak memory within 3× the file's size."""
    frame = table.frame
    if table.distinct_times is not None and TIME_CODE in frame:
        codes = frame[TIME_CODE].to_numpy()
        if len(codes) and codes.min() >= 0:  # a missing label: natural_day says so below
            per_label = engine.natural_day(table.distinct_times, label)
            rows = codes.astype(np.intp)  # once, not once per column taken
            return pd.DataFrame({"date": per_label["date"].to_numpy()[rows],
                                 "hour": per_label["hour"].to_numpy(np.int8)[rows]},
                                index=frame.index, copy=False)
    return engine.natural_day(frame["time"], label).astype({"hour": np.int8})


# --- station days and city days ----------------------------------------------------------------

def station_days_from_hours(hourly: pd.DataFrame) -> pd.DataFrame:
    """Each station's daily values from its hours (HJ 663 validity gates included)."""
    return engine.daily_values(hourly, by=("station",))


def given_station_days(tables: Sequence[ValidatedTable]) -> pd.DataFrame | None:
    """Station-day rows exactly as the daily air inputs give them; None when none is daily.

    ``station`` is "city" when the input has no station column. ``o3`` of a day row is the
    day's 1-h maximum (``o3_1h_max``) and ``o3_8h`` its 8-h maximum (``o3_8h_max``); a
    published ``aqi`` is kept as ``published_aqi``.
    """
    frames = []
    for table in tables:
        if table.kind != "air" or table.subkind != "daily":
            continue
        f = table.frame
        station = (f["station"].fillna(CITY) if "station" in f
                   else pd.Series(CITY, index=f.index))
        frames.append(pd.DataFrame({
            "station": station.astype(str),
            "date": f["date"],
            **{n: f.get(n, np.nan) for n in _DAY_ROW_MEANS},
            "o3_1h_max": f.get("o3", np.nan),
            "o3_8h_max": f.get("o3_8h", np.nan),
            "published_aqi": f.get("aqi", np.nan),
        }))
    if not frames:
        return None
    return pd.concat(frames, ignore_index=True)


def city_days_from_station_days(days: pd.DataFrame) -> pd.DataFrame:
    """City days from given station days: one station's own, or the mean of several.

    Several stations' day rows are averaged per date (daily first), each mean rounded half
    to even to the pollutant's reported decimals.
    """
    if days["station"].nunique() > 1:
        means = days.groupby("date", sort=True)[list(DAILY_COLUMNS)].mean()
        for name in DAILY_COLUMNS:
            means[name] = round_half_even(means[name].to_numpy(), engine.DECIMALS[name])
        return means.reset_index()
    return days.drop(columns="station")


def city_days_from_hours(hourly: pd.DataFrame, city_aggregation: CityAggregation
                         ) -> pd.DataFrame:
    """City daily values from station-hours: the mean of the stations, never the worst."""
    # station_hours has refused a station-hour given twice, within a file and across files
    return engine.city_daily(hourly, aggregation=city_aggregation, check_unique=False)


def city_days_with_aqi(days: pd.DataFrame, settings: AirSettings,
                       edition: Edition | None) -> pd.DataFrame:
    """City days with their daily values and AQI columns (HJ 633 §5)."""
    aqi = daily_aqi(days, edition=edition, o3_1h_in_daily_2012=settings.o3_1h_in_daily_aqi,
                    strict_valid_day=settings.strict_valid_day)
    return pd.concat([days.reset_index(drop=True), aqi.reset_index(drop=True)], axis=1)


# --- ledger and water rows -------------------------------------------------------------------

def combine_rows(tables: Sequence[ValidatedTable]) -> pd.DataFrame | None:
    """The rows of same-kind tables in one frame, each row's file in ``_path``.

    Ledger months given by more than one file are an :class:`InputError`.
    """
    if not tables:
        return None
    frames = [t.frame.assign(_path=t.path) for t in tables]
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(tables) > 1 and tables[0].kind == "ledger":
        _refuse_cross_file_duplicates(frame)
    return frame


def _refuse_cross_file_duplicates(frame: pd.DataFrame) -> None:
    keys = ["period", "indicator", *(["region"] if "region" in frame else [])]
    copies = first_repeated_key(frame, keys)
    if copies is not None:
        first = copies.iloc[0]
        key = ", ".join(str(first[k]) for k in keys)
        where = _places([f"{r['_path']}:{r[LINE]}" for _, r in copies.iterrows()])
        what = Text("input.month_indicator_region" if "region" in frame
                    else "input.month_indicator")
        raise InputError(Text("input.repeated_month", {"what": what, "key": key,
                                                       "places": where}))


__all__ = ["CITY", "DAILY_COLUMNS", "Dataset", "air_frames", "assemble_dataset",
           "choose_edition", "city_days_from_hours", "city_days_from_station_days",
           "city_days_with_aqi", "combine_rows", "first_repeated_key", "given_station_days",
           "refuse_repeated_station_hours", "station_days_from_hours", "station_hours"]
