"""The water kind's own columns: words → codes, reported concentrations → numbers.

:func:`ecotarget.validate.validate_table` has already typed the columns every water file
shares (section, date, volume …; :class:`ecotarget.schemas.WaterRow`); the item columns
still hold the text of the export, under their item keys (``do``, ``tp``, ``sulfate`` …).
This module turns them into what the metrics need, one whole column at a time.

Representation of an item column (three columns per item found in the file):

* ``<key>`` (float): the measured value; NaN when the cell is below the detection limit or
  missing;
* ``<key>__bdl`` (bool): the cell was reported below the detection limit (``ND``, ``未检出``,
  ``<0.01``, ``0.01L``);
* ``<key>__dl`` (float): the detection limit the cell states (``<0.01`` → 0.01); NaN when it
  states none (bare ``ND``) or the value was measured.

The number a below-DL result stands for in a mean (DL/2, 0 or DL) is a setting
(``settings.water.below_detection_limit``), so it is applied by the metrics, not here:
:func:`measurement_frame` rebuilds the engine's parsed form from the three columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.table import RawTable
from ecotarget.read.water_release import RELEASE
from ecotarget.schemas import LEVEL_WORDS, WATERBODY_WORDS
from ecotarget.standards.water import ITEMS, SUPPLEMENTARY, parse_class
from ecotarget.validate.cells import fold, is_missing
from ecotarget.validate.measurements import parse_measurement_columns
from ecotarget.validate.release import assessed_samples, published_classes, sample_times, unflagged
from ecotarget.validate.table import Problems, ValidationContext

#: Every item key a water file may carry, Table 1 order then Table 2.
ITEM_KEYS: tuple[str, ...] = (*ITEMS, *SUPPLEMENTARY)

BDL_SUFFIX = "__bdl"
DL_SUFFIX = "__dl"

# Items that are not concentrations: a negative pH or temperature is a plausibility question
# of its own (pH has 0–14 below), not "a concentration cannot be negative".
_SIGNED_ITEMS = frozenset({"ph", "temp"})
_PH_RANGE = (0.0, 14.0)

SOURCE_WORDS: Mapping[str, bool] = {
    "是": True, "y": True, "yes": True, "1": True, "true": True, "饮用水": True, "水源地": True,
    "否": False, "n": False, "no": False, "0": False, "false": False, "": False,
}  # fmt: skip

NOT_A_MEASUREMENT = Text("row.not_measurement")  # write a number, ND, <0.01 or 0.01L


def water_columns(typed: pd.DataFrame, table: RawTable, problems: Problems,
                  context: ValidationContext | None = None) -> tuple[pd.DataFrame, list[Text]]:
    """Type the water-specific columns of ``typed``; return the new frame and notes.

    Row problems go to ``problems`` (the row is then rejected by the caller); ``typed`` is
    not modified. Notes describe the file as a whole (which items it carries, defaults
    applied) for the input summary. ``context.sections`` (the targets file's ``sections:``)
    gives a section's level, waterbody and target class where the file has none. The
    national automatic water-station release (:data:`ecotarget.read.water_release.RELEASE`)
    also keeps each sample's ``time``, its ``published_class`` and whether it is
    ``assessed`` (:mod:`ecotarget.validate.release`).
    """
    notes: list[Text] = []
    sections = context.sections if context is not None else {}
    out = _attributes(typed, table, problems, sections, notes)
    assessed = np.ones(len(typed), dtype=bool)
    if table.layout == RELEASE:
        out["time"] = sample_times(table.frame["time"]).set_axis(typed.index)
        if "status" in typed:
            flags, status_notes = assessed_samples(typed["status"])
            assessed = flags.to_numpy(dtype=bool)
            out["assessed"] = pd.Series(assessed, index=typed.index)
            notes.extend(status_notes)
        if "published_class" in typed:
            out["published_class"], class_notes = published_classes(  # raw: shown as written
                table.frame["published_class"].set_axis(typed.index),
                _header(table, "published_class"))
            notes.extend(class_notes)
    out.update(_items(typed, table, problems, assessed, notes))
    kept = typed.drop(columns=[c for c in out if c in typed])
    return pd.concat([kept, pd.DataFrame(out, index=typed.index)], axis=1), notes



def _attributes(typed: pd.DataFrame, table: RawTable, problems: Problems,
                sections: Mapping[str, Mapping[str, str | int | None]],
                notes: list[Text]) -> dict[str, pd.Series]:
    """Level, waterbody, target class and source flag; the targets file's sections fill
    what the file lacks."""
    out: dict[str, pd.Series] = {}
    given = {name: _given(typed["section"], sections, name)
             for name in ("level", "waterbody", "target_class")} if sections else {}
    if "level" in typed:
        out["level"] = _words(typed["level"], LEVEL_WORDS, "level", problems)
    if given:
        out["level"] = _filled(out.get("level"), given["level"])
    waterbody = (_words(typed["waterbody"], WATERBODY_WORDS, "waterbody", problems)
                 if "waterbody" in typed else None)
    if given:
        waterbody = _filled(waterbody, given["waterbody"])
    if waterbody is None:
        notes.append(Text("note.no_waterbody"))
        waterbody = pd.Series("river", index=typed.index, dtype="str")
    else:
        # rows left without one (not rejected words): rejected rows are not counted
        unknown = typed["waterbody"].notna() & ~is_missing(fold(typed["waterbody"])) if (
            "waterbody" in typed) else pd.Series(False, index=typed.index)
        defaulted = int((waterbody.isna() & ~unknown).sum())
        if defaulted:
            notes.append(Text("note.waterbody_defaulted", {
                "n": defaulted, "header": _header(table, "waterbody")}))
        waterbody = waterbody.fillna("river")
    out["waterbody"] = waterbody
    if "target_class" in typed:
        out["target_class"] = _target_class(typed["target_class"], problems)
    if given:
        target = _filled(out.get("target_class"), given["target_class"])
        out["target_class"] = pd.to_numeric(target).astype("Int64")
        named = int(typed["section"].isin(list(sections)).sum())
        notes.append(Text("note.sections_given", {"n": named}))
    if "source" in typed:
        flags = _words(typed["source"], SOURCE_WORDS, "source", problems)
        out["source"] = flags.fillna(False).astype(bool)
    else:
        out["source"] = pd.Series(False, index=typed.index, dtype=bool)
    return out


def _given(section: pd.Series, sections: Mapping[str, Mapping[str, str | int | None]],
           name: str) -> pd.Series:
    """Each row's ``name`` from the targets file's sections (None where it gives none)."""
    values = [sections.get(s, {}).get(name) for s in section.tolist()]
    return pd.Series(values, index=section.index, dtype=object)


def _filled(own: pd.Series | None, given: pd.Series) -> pd.Series:
    """The file's values, with the targets file's where the file has none."""
    if own is None:
        return given.astype(object)
    return own.astype(object).where(own.notna(), given.astype(object))


def _items(typed: pd.DataFrame, table: RawTable, problems: Problems, assessed: np.ndarray,
           notes: list[Text]) -> dict[str, pd.Series]:
    """The item columns: value, below-DL flag and detection limit each. A sample that is
    not assessed is not checked (its cells are often ``*`` or stale)."""
    out: dict[str, pd.Series] = {}
    items = [key for key in typed.columns if key in ITEM_KEYS]  # in the file's column order
    any_value = np.zeros(len(typed), dtype=bool)
    flagged = 0
    columns: dict[str, pd.Series] = {}
    for key in items:
        columns[key] = typed[key]
        if table.layout == RELEASE:
            columns[key], count = unflagged(columns[key])
            flagged += count
    for key, parsed in parse_measurement_columns(columns).items():
        value = parsed["value"]
        problems.add(parsed["invalid"] & assessed, key, NOT_A_MEASUREMENT)
        if key in _SIGNED_ITEMS:
            if key == "ph":
                low, high = _PH_RANGE
                problems.add(((value < low) | (value > high)) & assessed, key,
                             Text("row.ph_range", {"low": f"{low:g}", "high": f"{high:g}"}))
        else:
            problems.add((value < 0) & assessed, key, Text("row.negative_concentration"))
        below = parsed["below_dl"].to_numpy(dtype=bool)
        any_value |= value.notna().to_numpy() | below
        out[key] = value
        out[key + BDL_SUFFIX] = pd.Series(below, index=typed.index)
        out[key + DL_SUFFIX] = parsed["dl"]
    if flagged:
        notes.append(Text("note.flagged", {
            "n": flagged, "value_word": Text("word.values" if flagged > 1 else "word.value")}))
    if items:
        problems.add(~any_value & assessed, items[0], Text("row.no_item"))
        shown = tuple(_header(table, key) for key in items)
        notes.append(Text("note.items", {"n": len(items), "items": shown}))
        absent = tuple(Text("name.both", {"zh": ITEMS[k].zh, "en": ITEMS[k].en})
                       for k in ITEMS if ITEMS[k].assessed and k not in items)
        if absent:
            notes.append(Text("note.absent_items", {"items": absent}))
    else:
        notes.append(Text("note.no_items"))
    return out

def measurement_frame(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Item ``key`` of a validated water frame in the engine's parsed form.

    Columns ``value``, ``below_dl``, ``dl``, ``invalid`` (always False: invalid rows were
    rejected), ready for :func:`ecotarget.standards.water.substitute_below_dl`. Frames
    concatenated from files without the item give NaN/False.
    """
    index = frame.index
    if key not in frame:
        return pd.DataFrame({"value": np.nan, "below_dl": False, "dl": np.nan,
                             "invalid": False}, index=index)
    # eq(True): a concatenation of files with and without this item leaves NaN in the flag
    below = frame[key + BDL_SUFFIX].eq(True) if key + BDL_SUFFIX in frame else False
    dl = frame.get(key + DL_SUFFIX, np.nan)
    return pd.DataFrame({"value": pd.to_numeric(frame[key]).astype("float64"),
                         "below_dl": below, "dl": dl, "invalid": False}, index=index)


def _header(table: RawTable, column: str) -> str:
    return table.source_columns.get(column, column)


def _words(values: pd.Series, words: Mapping[str, object], column: str,
           problems: Problems) -> pd.Series:
    """Map text cells through ``words`` (case-insensitive); missing stays missing; an unknown
    word is rejected with the words the column accepts (``row.unknown_<column>``)."""
    folded = fold(values)
    missing = is_missing(folded) | (folded == "")
    key = folded.str.lower()
    mapped = key.map(dict(words))
    unknown = mapped.isna() & ~missing
    problems.add(unknown, column, Text(f"row.unknown_{column}"))
    return mapped.where(~missing & ~unknown, None)


def _target_class(values: pd.Series, problems: Problems) -> pd.Series:
    """Published class text → Int64 1..6 (6 = 劣V); missing stays <NA>."""
    folded = fold(values)
    missing = is_missing(folded) | (folded == "")
    codes = _map_unique(folded.where(~missing, None), _class_or_nan)
    problems.add(codes.isna() & ~missing, "target_class", Text("row.not_class"))
    return codes.astype("Int64")


def _class_or_nan(text: str) -> float:
    try:
        return float(parse_class(text))
    except ValueError:
        return float("nan")


def _map_unique(values: pd.Series, func: Callable[[str], float]) -> pd.Series:
    """Apply a scalar parser once per distinct cell (a column holds a handful of words)."""
    present = values.dropna()
    table = {text: func(text) for text in present.unique()}
    return values.map(table).astype("float64")
