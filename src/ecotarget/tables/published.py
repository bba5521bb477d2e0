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

from ecotarget.dataset import CITY, refuse_repeated_station_hours
from ecotarget.errors import InputError
from ecotarget.read.network import HOURLY, PUBLISHED, PUBLISHED_24H, PUBLISHED_LABELS
from ecotarget.standards.air import DECIMALS, natural_day
from ecotarget.standards.aqi import Edition, hourly_aqi
from ecotarget.standards.averages import HOURS_24, trailing_mean
from ecotarget.standards.rounding import round_half_even, round_half_even_scalar
from ecotarget.validate import LINE, ValidatedTable

_TOLERANCE = 1e-9  # both sides are rounded decimals: only float noise is forgiven


@dataclass(frozen=True)
class Comparison:
    """Published values beside ecotarget's, one row per value compared.

    ``values``: ``time station value published ecotarget agree path line`` (``value`` is
    the network's name: AQI, PM2.5_24h …); ``compared``: station-hours with at least one
    value compared; ``agreeing``: those where every compared value agrees.
    """

    values: pd.DataFrame
    compared: int
    agreeing: int
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def disagreements(self) -> pd.DataFrame:
        """The compared values that differ."""
        return self.values[~self.values["agree"]].reset_index(drop=True)

    @property
    def percent(self) -> float | None:
        """Agreeing station-hours in percent, one decimal (GB/T 8170); None when none."""
        if not self.compared:
            return None
        return round_half_even_scalar(self.agreeing / self.compared * 100, 1)

    def line(self) -> str:
        """``agreement: K/N (P%)``."""
        shown = "–" if self.percent is None else f"{self.percent:.1f}%"
        return f"agreement: {self.agreeing}/{self.compared} ({shown})"


@dataclass(frozen=True)
class _Hours:
    """Every hourly row with a published value's column, and the hour it measured."""

    rows: pd.DataFrame  # station time HOURLY… published… path line
    measured_end: pd.Series  # the end-of-hour label of the hour measured
    number: npt.NDArray[np.int64]  # that hour as an integer (hours since the epoch)


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
    value disagrees. Every hourly air table counts, network or not; :class:`InputError`
    when none has a published column.
    """
    hourly = [t for t in tables if t.kind == "air" and t.subkind == "hourly" and len(t.frame)]
    published = [c for c in PUBLISHED if any(c in t.frame for t in hourly)]
    if not published:
        raise InputError("no published value to compare with: no hourly air input has an AQI "
                         "or 24-h column (the network's files have both)")
    hours = _published_hours(hourly, published, hour_label)
    ours = _own_values(hours, published, edition)
    covered = hours.number - (HOURS_24 - 1) >= hours.number.min()
    parts = [_compared(hours, name, rank, ours[name],
                       covered if name != "aqi" else np.ones(len(covered), dtype=bool),
                       _TOLERANCE + (co_tolerance if name == "co_24h" else 0.0))
             for rank, name in enumerate(published)]
    values = pd.concat(parts, ignore_index=True).sort_values(
        ["_hour", "station", "_rank"], ignore_index=True, kind="stable")
    by_hour = values.groupby(["station", "_hour"], sort=False)["agree"].all()
    notes: tuple[str, ...] = ()
    if (~covered).any() and len(published) > ("aqi" in published):
        first = hours.rows["time"][covered].min() if covered.any() else None
        notes = (f"24-h means are compared from {first:%Y-%m-%d %H:%M}, the first hour whose "
                 "24-hour window the inputs cover" if first is not None
                 else "no 24-h mean compared: the inputs span less than 24 hours",)
    return Comparison(values=values.drop(columns=["_hour", "_rank"]),
                      compared=len(by_hour), agreeing=int(by_hour.sum()), notes=notes)


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
                ) -> dict[str, npt.NDArray[np.float64]]:
    """ecotarget's own value of each published column, per row."""
    rows = hours.rows
    stations = rows["station"].to_numpy()

    def mean_24h(name: str) -> npt.NDArray[np.float64]:
        values = rows[name].to_numpy(dtype=np.float64, na_value=np.nan)
        return round_half_even(trailing_mean(values, stations, hours.number, HOURS_24),
                               DECIMALS[name])

    ours: dict[str, npt.NDArray[np.float64]] = {}
    for name in published:
        if name == "aqi":
            inputs = pd.DataFrame({"time": hours.measured_end,
                                   **{p: rows[p] for p in HOURLY}, "so2_24h": mean_24h("so2")})
            ours["aqi"] = hourly_aqi(inputs, edition=edition)["aqi"].to_numpy(dtype=np.float64)
        else:
            ours[name] = mean_24h(next(p for p, c in PUBLISHED_24H.items() if c == name))
    return ours


def _compared(hours: _Hours, name: str, rank: int, own_values: npt.NDArray[np.float64],
              comparable: npt.NDArray[np.bool_], tolerance: float) -> pd.DataFrame:
    """One row per station-hour where ``name`` is published and comparable."""
    rows = hours.rows
    chosen = np.flatnonzero(rows[name].notna().to_numpy() & comparable)
    pub, own = rows[name].to_numpy(dtype=np.float64)[chosen], own_values[chosen]
    return pd.DataFrame({
        "time": rows["time"].to_numpy()[chosen], "station": rows["station"].to_numpy()[chosen],
        "value": PUBLISHED_LABELS[name], "published": pub, "ecotarget": own,
        "agree": np.isfinite(own) & (np.abs(pub - own) <= tolerance),
        "path": rows["path"].to_numpy()[chosen], "line": rows["line"].to_numpy()[chosen],
        "_hour": hours.number[chosen], "_rank": rank,
    })


__all__ = ["Comparison", "compare_published"]
