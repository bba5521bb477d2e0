"""The region's stations: which rows of the national network's files a check counts.

A network file holds the whole country: :func:`select_stations` keeps the region's
assessment stations (``--station`` or the targets file's ``stations:``), and the other rows
are accepted but not counted. Other air inputs are the bureau's own: every station in them
is the region's.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

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
    if missing and not found:  # every target would be no_data, and the run exit 0
        raise InputError(_no_such_station(missing, [t for t, net in zip(prepared, network,
                                                                        strict=True) if net]))
    if missing:
        first = network.index(True)
        out[first] = replace(out[first], notes=[*out[first].notes, Text(
            "note.stations_missing", {"stations": missing, "station_word": Text(
                "word.stations" if len(missing) > 1 else "word.station")})])
    return Selection(out, other, missing, sum(network))


def _no_such_station(missing: Sequence[str], tables: Sequence[ValidatedTable]) -> Text:
    """``--station`` naming nothing in the network files, with the closest codes or names."""
    known: set[str] = set()
    for table in tables:
        for column in ("station", "station_name"):
            if column in table.frame:
                known.update(str(v) for v in table.frame[column].dropna().unique())
    parts = []
    for name in missing:
        close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.4)
        parts.append(Text("input.no_such_station_close", {"name": name, "close": tuple(close)})
                     if close else Text("input.no_such_station", {"name": name}))
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
