"""The region's stations: which rows of the national network's files a check counts.

A network file holds the whole country: :func:`select_stations` keeps the region's
assessment stations (``--station`` or the targets file's ``stations:``), and the other rows
are accepted but not counted. Other air inputs are the bureau's own: every station in them
is the region's, and only the command line's ``--station`` chooses among them (one station
of the county, counted the same way).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.read.network import LAYOUTS
from ecotarget.validate import ValidatedTable


def is_network(table: ValidatedTable) -> bool:
    """Whether a validated table was read from a national network file."""
    return table.raw is not None and table.raw.layout in LAYOUTS


@dataclass(frozen=True)
class Selection:
    """The tables with only the region's stations left in the network ones.

    ``other_rows[i]``: accepted rows of ``tables[i]`` at other stations (not counted);
    ``missing``: chosen stations that no searched file has; ``searched``: those files, in
    words ("network files", or "air inputs" when ``--station`` chose in the bureau's own).
    """

    tables: list[ValidatedTable]
    other_rows: list[int]
    missing: tuple[str, ...] = ()
    network_files: int = 0
    searched: str = "word.network_files"  # a catalogue key


def select_stations(tables: Sequence[ValidatedTable], stations: Sequence[str], *,
                    required: bool, every_air_input: bool = False) -> Selection:
    """Keep the rows of ``stations`` (codes or names) in the network files.

    Other air inputs are the bureau's own and every station in them is the region's: they
    pass unchanged, unless ``every_air_input`` (the command line's ``--station``, which
    chooses in every air input: a targets file's ``stations:`` list names the region's
    stations among the country's). Without ``stations``, network files are an
    :class:`InputError` when ``required`` (``check``: never a silent national average) and
    pass whole otherwise (``aqi`` lists every station). ``stations`` naming no station of
    any chosen table is an :class:`InputError` with the closest codes or names. The
    reader's notes join each network table's notes.
    """
    network = [is_network(t) for t in tables]
    chosen = [net or (every_air_input and bool(stations) and t.kind == "air")
              for t, net in zip(tables, network, strict=True)]
    if not any(chosen) and not any(network):
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
    for table, choose in zip(prepared, chosen, strict=True):
        if not choose:
            out.append(table)
            other.append(0)
            continue
        keep = _rows_of(table.frame, wanted, found)
        out.append(replace(table, frame=table.frame[keep].reset_index(drop=True)))
        if "station" not in table.frame and len(table.frame):  # a whole file left out
            out[-1] = replace(out[-1], notes=[*table.notes, Text("note.no_station_column")])
        other.append(int((~keep).sum()))
    searched = [t for t, choose in zip(prepared, chosen, strict=True) if choose]
    missing = tuple(s for key, s in wanted.items() if key not in found)
    if missing and not found:  # every target would be no_data, and the run exit 0
        raise InputError(_no_such_station(missing, searched))
    if missing:
        first = chosen.index(True)
        out[first] = replace(out[first], notes=[*out[first].notes, Text(
            "note.stations_missing", {"stations": missing, "where": Text(_where_key(searched)),
                                      "station_word": Text(
                                          "word.stations" if len(missing) > 1
                                          else "word.station")})])
    return Selection(out, other, missing, sum(network), _where_key(searched))


def _rows_of(frame: pd.DataFrame, wanted: Mapping[str, str], found: set[str]) -> np.ndarray:
    """Which rows of ``frame`` are at a ``wanted`` station (by code or name, any case).

    The folded codes and names met are added to ``found``. A frame without a station
    column (a city's own series) has no row of any station.
    """
    keep = np.zeros(len(frame), dtype=bool)
    for column in ("station", "station_name"):
        if column in frame:
            folded = frame[column].astype("object").where(frame[column].notna(), "")
            folded = folded.astype(str).str.strip().str.casefold()
            hit = folded.isin(list(wanted)).to_numpy()
            found.update(folded[hit].unique())
            keep |= hit
    return keep


def _where_key(tables: Sequence[ValidatedTable]) -> str:
    """The catalogue's "network files" when every searched table is one, else "air inputs"."""
    return ("word.network_files" if all(is_network(t) for t in tables)
            else "word.air_inputs")


def _no_such_station(missing: Sequence[str], tables: Sequence[ValidatedTable]) -> Text:
    """``--station`` naming nothing in the searched files, with the closest codes or names."""
    known: set[str] = set()
    for table in tables:
        for column in ("station", "station_name"):
            if column in table.frame:
                known.update(str(v) for v in table.frame[column].dropna().unique())
    parts = []
    for name in missing:
        close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.4)
        where = Text(_where_key(tables))
        parts.append(Text("input.no_such_station_close",
                          {"name": name, "close": tuple(close), "where": where})
                     if close else Text("input.no_such_station", {"name": name, "where": where}))
    return Text("list.clauses", {"items": (*parts, Text("input.stations_held",
                                                        {"n": len(known)}))})


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


def _choose_stations(tables: Sequence[ValidatedTable]) -> Text:
    codes: set[str] = set()
    for table in tables:
        if "station" in table.frame:
            codes.update(table.frame["station"].dropna().astype(str).unique())
    where: Text | str = tables[0].path
    if len(tables) > 1:
        where = Text("input.and_more", {"path": where, "more": len(tables) - 1})
    files = Text("input.network_files" if len(tables) > 1 else "input.network_file")
    return Text("input.choose_stations", {"where": where, "files": files,
                                          "n": f"{len(codes):,}"})


def station_names(tables: Sequence[ValidatedTable]) -> dict[str, str]:
    """Station code → name, from the tables that carry both (network wide files)."""
    names: dict[str, str] = {}
    for table in tables:
        frame = table.frame
        if "station" in frame and "station_name" in frame:
            pairs = frame[["station", "station_name"]].dropna().drop_duplicates()
            names.update(zip(pairs["station"].astype(str), pairs["station_name"].astype(str),
                             strict=True))
    return names


def _folded(text: str) -> str:
    return str(text).strip().casefold()


__all__ = ["Selection", "is_network", "select_stations", "station_names"]
