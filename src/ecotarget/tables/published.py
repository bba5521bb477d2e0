"""The national network's published values against ecotarget's own, per station-hour.

The network publishes, beside each hourly concentration, the hourly AQI and the trailing
24-h means (docs/standards.md §1). They never enter a figure; ``ecotarget aqi
--compare-published`` lists where ecotarget's own computation of them differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.dataset import CITY, refuse_repeated_station_hours
from ecotarget.errors import InputError
from ecotarget.read.network import HOURLY, PUBLISHED, PUBLISHED_24H, PUBLISHED_LABELS
from ecotarget.standards.air import DECIMALS, natural_day
from ecotarget.standards.aqi import Edition, hourly_aqi
from ecotarget.standards.averages import HOURS_24, trailing_mean
from ecotarget.standards.rounding import half_way, round_half_even, round_half_even_scalar
from ecotarget.validate import LINE, ValidatedTable

_TOLERANCE = 1e-9  # both sides are rounded decimals: only float noise is forgiven


@dataclass(frozen=True)
class Comparison:
    """Published values beside ecotarget's, one row per value compared.

    ``values``: ``time station value published ecotarget agree tie path line`` (``value``
    is the network's name: AQI, PM2.5_24h …; ``tie``: the values differ only by a rounding
    tie, see :func:`compare_published`); ``compared``: station-hours with at least one
    value compared; ``agreeing``: those where every compared value agrees or is a tie;
    ``ties``: those of them with at least one tie.
    """

    values: pd.DataFrame
    compared: int
    agreeing: int
    notes: tuple[str, ...] = field(default_factory=tuple)
    ties: int = 0

    @property
    def disagreements(self) -> pd.DataFrame:
        """The compared values that differ, ties left out."""
        return self.values[~self.values["agree"] & ~self.values["tie"]].reset_index(drop=True)

    @property
    def differences(self) -> pd.DataFrame:
        """The compared values that differ, ties included (``tie`` tells them apart)."""
        return self.values[~self.values["agree"]].reset_index(drop=True)

    @property
    def percent(self) -> float | None:
        """Agreeing station-hours in percent, one decimal (GB/T 8170); None when none."""
        if not self.compared:
            return None
        return round_half_even_scalar(self.agreeing / self.compared * 100, 1)

    def line(self) -> str:
        """``agreement: K/N (P%); T at a rounding tie`` (the T ties are counted in K)."""
        shown = "–" if self.percent is None else f"{self.percent:.1f}%"
        return (f"agreement: {self.agreeing}/{self.compared} ({shown}); "
                f"{self.ties} at a rounding tie")


@dataclass(frozen=True)
class _Hours:
    """Every hourly row with a published value's column, and the hour it measured."""

    rows: pd.DataFrame  # station time HOURLY… published… path line
    measured_end: pd.Series  # the end-of-hour label of the hour measured
    number: npt.NDArray[np.int64]  # that hour as an integer (hours since the epoch)


@dataclass(frozen=True)
class _Own:
    """ecotarget's value of one published column, per row, and the tie's other value."""

    value: npt.NDArray[np.float64]
    # what the other rounding of a mean lying exactly half-way gives (for the AQI: the AQI
    # from the other rounding of such a SO2 24-h mean); NaN where there is no tie
    other: npt.NDArray[np.float64]


def compare_published(tables: Sequence[ValidatedTable], *, edition: Edition | None = None,
                      hour_label: Literal["end", "start"] = "end",
                      co_tolerance: float = 0.0) -> Comparison:
    """Compare each published value with ecotarget's own, per station-hour.

    * ``AQI``: :func:`ecotarget.standards.aqi.hourly_aqi` of the station-hour (PM 1-h values
      against the 24-h breakpoints, no O3 8-h; ``edition`` None: the one in force).
    * ``X_24h`` (PM2.5, PM10, SO2, NO2, CO): the station's mean of hours h−23…h over the
      hours present in all the inputs, rounded half to even (CO to 0.1, averaged before
      rounding) — compared only where those 24 hours lie within the hours the inputs span:
      the first 23 hours' windows reach back before the first file, into hours the network
      had and the files do not. ``co_tolerance`` forgives CO differences up to it (the
      network averages unrounded CO; docs/standards.md §1 sees ±0.1).

    Values agree when both exist and are equal; a published value without an ecotarget
    value disagrees. A difference is a *tie* when ecotarget's unrounded mean of the rounded
    inputs lies exactly half-way between two values of the published places and the
    published value is the other one: the network averages the unrounded hourly values,
    which may lie on either side (CO hours 0.5 ×13 and 0.6 ×11 average 0.55: ecotarget
    rounds to 0.6, published 0.5 is a tie, 0.4 is not). An AQI is a tie when it is the AQI
    the other rounding of such a SO2 24-h mean gives (it enters only above 800 µg/m³ SO2
    1-h). A station-hour agrees when each of its values agrees or is a tie; ``ties``
    counts those with a tie. Every hourly air table counts, network or not; :class:`InputError`
    when none has a published column.
    """
    hourly = [t for t in tables if t.kind == "air" and t.subkind == "hourly" and len(t.frame)]
    published = [c for c in PUBLISHED if any(c in t.frame for t in hourly)]
    if not published:
        raise InputError(Text("input.no_published"))
    hours = _published_hours(hourly, published, hour_label)
    ours = _own_values(hours, published, edition)
    covered = hours.number - (HOURS_24 - 1) >= hours.number.min()
    parts = [_compared(hours, (name, rank), ours[name],
                       covered if name != "aqi" else np.ones(len(covered), dtype=bool),
                       _TOLERANCE + (co_tolerance if name == "co_24h" else 0.0))
             for rank, name in enumerate(published)]
    values = pd.concat(parts, ignore_index=True).sort_values(
        ["_hour", "station", "_rank"], ignore_index=True, kind="stable")
    values["_kept"] = values["agree"] | values["tie"]
    by_hour = values.groupby(["station", "_hour"], sort=False).agg(
        kept=("_kept", "all"), tied=("tie", "any"))
    notes: tuple[str, ...] = ()
    if (~covered).any() and len(published) > ("aqi" in published):
        first = hours.rows["time"][covered].min() if covered.any() else None
        notes = (f"24-h means are compared from {first:%Y-%m-%d %H:%M}, the first hour whose "
                 "24-hour window the inputs cover" if first is not None
                 else "no 24-h mean compared: the inputs span less than 24 hours",)
    return Comparison(values=values.drop(columns=["_hour", "_rank", "_kept"]),
                      compared=len(by_hour), agreeing=int(by_hour["kept"].sum()), notes=notes,
                      ties=int((by_hour["kept"] & by_hour["tied"]).sum()))


def _published_hours(tables: Sequence[ValidatedTable], published: Sequence[str],
                     hour_label: Literal["end", "start"]) -> _Hours:
    """The hourly rows of every table, a station-hour given twice refused."""
    frames = []
    for table in tables:
        f = table.frame
        station = (f["station"].fillna(CITY) if "station" in f
                   else pd.Series(CITY, index=f.index)).astype(str)
        frames.append(pd.DataFrame({
            "station": station, "time": f["time"],
            **{name: pd.to_numeric(f[name], errors="coerce").astype("float64") if name in f
               else np.nan for name in (*HOURLY, *published)},
            "path": table.path, "line": f[LINE],
        }))
    rows = pd.concat(frames, ignore_index=True)
    day = natural_day(rows["time"], hour_label)
    measured_end = day["date"] + pd.to_timedelta(day["hour"].astype("int64"), unit="h")
    number = measured_end.to_numpy(dtype="datetime64[h]").astype(np.int64)
    keys = pd.DataFrame({"station": rows["station"], "hour": number, "time": rows["time"]})
    refuse_repeated_station_hours(
        keys, ["station", "hour"],
        lambda dup: [f"{r.path}:{r.line}" for r in rows.loc[dup.index].itertuples()])
    return _Hours(rows, measured_end, number)


def _own_values(hours: _Hours, published: Sequence[str], edition: Edition | None
                ) -> dict[str, _Own]:
    """ecotarget's own value of each published column, per row, with the ties' others."""
    rows = hours.rows
    stations = rows["station"].to_numpy()

    def mean_24h(name: str) -> _Own:
        values = rows[name].to_numpy(dtype=np.float64, na_value=np.nan)
        mean = trailing_mean(values, stations, hours.number, HOURS_24)
        rounded = round_half_even(mean, DECIMALS[name])
        # half-way, the other rounding mirrors ours about the mean: 2 × 0.55 − 0.6 = 0.5
        other = np.where(half_way(mean, DECIMALS[name]),
                         round_half_even(2 * mean - rounded, DECIMALS[name]), np.nan)
        return _Own(rounded, other)

    def aqi(so2_24h: npt.NDArray[np.float64], chosen: npt.NDArray[np.bool_]
            ) -> npt.NDArray[np.float64]:
        inputs = pd.DataFrame({"time": hours.measured_end[chosen],
                               **{p: rows.loc[chosen, p] for p in HOURLY},
                               "so2_24h": so2_24h[chosen]})
        return hourly_aqi(inputs, edition=edition)["aqi"].to_numpy(dtype=np.float64)

    ours: dict[str, _Own] = {}
    for name in published:
        if name == "aqi":
            so2 = mean_24h("so2")
            every, tied = np.ones(len(rows), dtype=bool), np.isfinite(so2.other)
            other = np.full(len(rows), np.nan)
            other[tied] = aqi(so2.other, tied)
            ours["aqi"] = _Own(aqi(so2.value, every), other)
        else:
            ours[name] = mean_24h(next(p for p, c in PUBLISHED_24H.items() if c == name))
    return ours


def _compared(hours: _Hours, named: tuple[str, int], own: _Own,
              comparable: npt.NDArray[np.bool_], tolerance: float) -> pd.DataFrame:
    """One row per station-hour where the column ``named`` (name, rank) is published and
    comparable."""
    name, rank = named
    rows = hours.rows
    chosen = np.flatnonzero(rows[name].notna().to_numpy() & comparable)
    pub, value, other = (rows[name].to_numpy(dtype=np.float64)[chosen], own.value[chosen],
                         own.other[chosen])
    agree = np.isfinite(value) & (np.abs(pub - value) <= tolerance)
    return pd.DataFrame({
        "time": rows["time"].to_numpy()[chosen], "station": rows["station"].to_numpy()[chosen],
        "value": PUBLISHED_LABELS[name], "published": pub, "ecotarget": value, "agree": agree,
        "tie": ~agree & np.isfinite(other) & (np.abs(pub - other) <= tolerance),
        "path": rows["path"].to_numpy()[chosen], "line": rows["line"].to_numpy()[chosen],
        "_hour": hours.number[chosen], "_rank": rank,
    })


__all__ = ["Comparison", "compare_published"]
