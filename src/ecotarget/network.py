"""National network files after validation: the region's stations, and the published values
checked against ecotarget's own.

Reading the network's layouts (long and wide) is :mod:`ecotarget.read.network`. A network
file holds the whole country: :func:`select_stations` keeps the region's assessment
stations (``--station`` or the targets file's ``stations:``), and the other rows are
accepted but not counted. :func:`compare_published` checks ecotarget's own hourly AQI and
24-h means against the values the network publishes; those never enter a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.read.network import HOURLY, LAYOUTS, PUBLISHED, PUBLISHED_24H, PUBLISHED_LABELS

if TYPE_CHECKING:
    from ecotarget.standards.aqi import Edition
    from ecotarget.validate import ValidatedTable


def is_network(table: ValidatedTable) -> bool:
    """Whether a validated table was read from a national network file."""
    return table.raw is not None and table.raw.layout in LAYOUTS


# --- the region's stations ----------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    """The tables with only the region's stations left in the network ones.

    ``other_rows[i]``: accepted rows of ``tables[i]`` at other stations (not counted);
    ``missing``: chosen stations that no network file has.
    """

    tables: list[ValidatedTable]
    other_rows: list[int]
    missing: tuple[str, ...] = ()
    network_files: int = 0


def select_stations(tables: Sequence[ValidatedTable], stations: Sequence[str], *,
                    required: bool) -> Selection:
    """Keep the rows of ``stations`` (codes or names) in the network files.

    Other air inputs are ecotarget's own and every station in them is the region's: they
    pass unchanged. Without ``stations``, network files are an :class:`InputError` when
    ``required`` (``check``: never a silent national average) and pass whole otherwise
    (``aqi`` lists every station). The reader's notes join each network table's notes.
    """
    network = [is_network(t) for t in tables]
    if not any(network):
        return Selection(list(tables), [0] * len(tables))
    prepared = [_prepared(t) if net else t for t, net in zip(tables, network, strict=True)]
    if not stations:
        if required:
            raise InputError(_choose_stations(
                [t for t, net in zip(prepared, network, strict=True) if net]))
        return Selection(prepared, [0] * len(prepared), network_files=sum(network))
    wanted = {_folded(s): s for s in stations}
    found: set[str] = set()
    out: list[ValidatedTable] = []
    other: list[int] = []
    for table, net in zip(prepared, network, strict=True):
        if not net:
            out.append(table)
            other.append(0)
            continue
        frame = table.frame
        keep = np.zeros(len(frame), dtype=bool)
        for column in ("station", "station_name"):
            if column in frame:
                folded = frame[column].astype("object").where(frame[column].notna(), "")
                folded = folded.astype(str).str.strip().str.casefold()
                hit = folded.isin(list(wanted)).to_numpy()
                found.update(folded[hit].unique())
                keep |= hit
        out.append(replace(table, frame=frame[keep].reset_index(drop=True)))
        other.append(int((~keep).sum()))
    missing = tuple(s for key, s in wanted.items() if key not in found)
    if missing:
        first = network.index(True)
        shown = ", ".join(missing)
        out[first] = replace(out[first], notes=[
            *out[first].notes, f"chosen station{'s' if len(missing) > 1 else ''} {shown} "
            "in none of the network files: check the code (or name)"])
    return Selection(out, other, missing, sum(network))


def _prepared(table: ValidatedTable) -> ValidatedTable:
    """The reader's notes added, and an hourly table kept hourly.

    A wide file of the 00:00 hour has no clock time in it, so validation takes it for day
    rows; a network file is always station-hours (00:00 is hour 24 of the day before).
    """
    raw = table.raw
    notes = [*table.notes, *(n for n in (raw.notes if raw else []) if n not in table.notes)]
    if table.subkind == "daily" and "date" in table.frame and "time" not in table.frame:
        return replace(table, frame=table.frame.rename(columns={"date": "time"}),
                       subkind="hourly", notes=notes)
    return replace(table, notes=notes)


def _choose_stations(tables: Sequence[ValidatedTable]) -> str:
    codes: set[str] = set()
    for table in tables:
        if "station" in table.frame:
            codes.update(table.frame["station"].dropna().astype(str).unique())
    where = tables[0].path + (f" and {len(tables) - 1} more" if len(tables) > 1 else "")
    files = "national network files" if len(tables) > 1 else "a national network file"
    return (f"{where}: {files} with {len(codes):,} stations; choose the region's assessment "
            "stations with --station CODE (repeatable) or a `stations:` list in the targets "
            "file (`ecotarget aqi` on these files lists every station)")


def _folded(text: str) -> str:
    return str(text).strip().casefold()


# --- published values against ecotarget's own ----------------------------------------------------

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
        return self.values[~self.values["agree"]].reset_index(drop=True)

    @property
    def percent(self) -> float | None:
        """Agreeing station-hours in percent, one decimal (GB/T 8170); None when none."""
        from ecotarget.standards.rounding import round_half_even_scalar

        if not self.compared:
            return None
        return round_half_even_scalar(self.agreeing / self.compared * 100, 1)

    def line(self) -> str:
        """``agreement: K/N (P%)``."""
        shown = "–" if self.percent is None else f"{self.percent:.1f}%"
        return f"agreement: {self.agreeing}/{self.compared} ({shown})"


_WINDOW_HOURS = 24
_TOLERANCE = 1e-9  # both sides are rounded decimals: only float noise is forgiven


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
      network averages unrounded CO; standards.md §1.7 sees ±0.1).

    Values agree when both exist and are equal; a published value without an ecotarget
    value disagrees. Every hourly air table counts, network or not; :class:`InputError`
    when none has a published column.
    """
    from ecotarget.metrics.air import CITY
    from ecotarget.metrics.air_tables import trailing_mean
    from ecotarget.standards.air import DECIMALS, natural_day
    from ecotarget.standards.aqi import hourly_aqi
    from ecotarget.standards.rounding import round_half_even

    hourly = [t for t in tables if t.kind == "air" and t.subkind == "hourly" and len(t.frame)]
    published = [c for c in PUBLISHED if any(c in t.frame for t in hourly)]
    if not published:
        raise InputError("no published value to compare with: no hourly air input has an AQI "
                         "or 24-h column (the network's files have both)")
    frames = []
    for table in hourly:
        f = table.frame
        station = (f["station"].fillna(CITY) if "station" in f
                   else pd.Series(CITY, index=f.index)).astype(str)
        frames.append(pd.DataFrame({
            "station": station, "time": f["time"],
            **{name: pd.to_numeric(f[name], errors="coerce").astype("float64") if name in f
               else np.nan for name in (*HOURLY, *published)},
            "path": table.path, "line": f["_line"],
        }))
    hours = pd.concat(frames, ignore_index=True)
    day = natural_day(hours["time"], hour_label)
    measured_end = day["date"] + pd.to_timedelta(day["hour"].astype("int64"), unit="h")
    number = measured_end.to_numpy(dtype="datetime64[h]").astype(np.int64)
    _no_twice(hours, number)
    stations = hours["station"].to_numpy()

    def mean_24h(name: str) -> np.ndarray:
        values = hours[name].to_numpy(dtype=np.float64, na_value=np.nan)
        return round_half_even(trailing_mean(values, stations, number, _WINDOW_HOURS),
                               DECIMALS[name])

    ours: dict[str, np.ndarray] = {}
    if "aqi" in published:
        inputs = pd.DataFrame({"time": measured_end,
                               **{p: hours[p] for p in HOURLY}, "so2_24h": mean_24h("so2")})
        ours["aqi"] = hourly_aqi(inputs, edition=edition)["aqi"].to_numpy(dtype=np.float64)
    covered = number - (_WINDOW_HOURS - 1) >= number.min()
    parts = []
    for rank, name in enumerate(published):
        if name != "aqi":
            ours[name] = mean_24h(next(p for p, c in PUBLISHED_24H.items() if c == name))
        given = hours[name].notna().to_numpy() & (covered if name != "aqi" else True)
        rows = np.flatnonzero(given)
        tolerance = _TOLERANCE + (co_tolerance if name == "co_24h" else 0.0)
        pub, own = hours[name].to_numpy(dtype=np.float64)[rows], ours[name][rows]
        parts.append(pd.DataFrame({
            "time": hours["time"].to_numpy()[rows], "station": stations[rows],
            "value": PUBLISHED_LABELS[name], "published": pub, "ecotarget": own,
            "agree": np.isfinite(own) & (np.abs(pub - own) <= tolerance),
            "path": hours["path"].to_numpy()[rows], "line": hours["line"].to_numpy()[rows],
            "_hour": number[rows], "_rank": rank,
        }))
    values = pd.concat(parts, ignore_index=True).sort_values(
        ["_hour", "station", "_rank"], ignore_index=True, kind="stable")
    by_hour = values.groupby(["station", "_hour"], sort=False)["agree"].all()
    notes: tuple[str, ...] = ()
    if (~covered).any() and len(published) > ("aqi" in published):
        first = hours["time"][covered].min() if covered.any() else None
        notes = (f"24-h means are compared from {first:%Y-%m-%d %H:%M}, the first hour whose "
                 "24-hour window the inputs cover" if first is not None
                 else "no 24-h mean compared: the inputs span less than 24 hours",)
    return Comparison(values=values.drop(columns=["_hour", "_rank"]),
                      compared=len(by_hour), agreeing=int(by_hour.sum()), notes=notes)


def _no_twice(hours: pd.DataFrame, number: np.ndarray) -> None:
    twice = pd.DataFrame({"s": hours["station"], "h": number}).duplicated(keep=False)
    if twice.any():
        dup = hours[twice.to_numpy()].head(2)
        where = ", ".join(f"{r.path}:{r.line}" for r in dup.itertuples())
        raise InputError(f"the same station-hour ({dup.iloc[0]['station']}, "
                         f"{dup.iloc[0]['time']}) comes twice: {where}; keep one copy")


__all__ = ["Comparison", "Selection", "compare_published", "is_network", "select_stations"]
