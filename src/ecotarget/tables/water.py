"""The rows behind ``ecotarget water``: per-section and per-source tables over one window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.metrics.drinking import drinking_compliance_rate, source_rows
from ecotarget.metrics.water_sections import monitored_sections, rows_in, section_records, section_table
from ecotarget.periods import Window
from ecotarget.targets import Settings
from ecotarget.validate import error_dicts

if TYPE_CHECKING:
    from ecotarget.validate import ValidatedTable


@dataclass(frozen=True)
class WaterReport:
    """Per-section and per-source tables of a water input over one window."""

    start: dt.date
    end: dt.date
    below_detection_limit: str
    drinking_pass: str
    sections: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    row_errors: list[dict[str, Any]] = field(default_factory=list)


def combine_water(tables: Sequence[ValidatedTable]) -> pd.DataFrame | None:
    """The accepted rows of every water table, one frame (None: no water table)."""
    frames = [t.frame.assign(_path=t.path) for t in tables if t.kind == "water"]
    if not frames:
        return None
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def period_window(first: dt.date, last: dt.date) -> Window:
    """An explicit period (``--period``) as a window; it need not lie in the plan year."""
    return Window(last.year, first, last, last, explicit_period=True)


def default_window(water: pd.DataFrame) -> Window:
    """The year of the last sample, from 1 January to that sample."""
    dates = water["date"].dropna()
    if dates.empty:
        raise InputError(Text("input.no_dated_sample"))
    last_day = dates.max().date()
    return Window(last_day.year, dt.date(last_day.year, 1, 1), last_day, last_day)


def water_report(tables: Sequence[ValidatedTable], settings: Settings,
                 window: Window | None = None) -> WaterReport:
    """Tables of sections and drinking-water sources over ``window`` (default: year to date).

    Raises :class:`InputError` when no input is a water file.
    """
    water = combine_water(tables)
    if water is None:
        raise InputError(Text("input.no_water_input"))
    window = window or default_window(water)
    rule = settings.water.below_detection_limit
    rows = rows_in(water, window.start, window.end)
    table = section_table(rows, rule) if len(rows) else None
    sections = section_records(monitored_sections(table)) if table is not None else []
    sources_rows = source_rows(rows)
    sources = (drinking_compliance_rate(sources_rows, rule, settings.water.drinking_pass).sources
               if len(sources_rows) else [])
    inputs = [{"path": t.path, "kind": t.kind, "rows_read": t.rows_read,
               "rows_accepted": t.rows_accepted, "rows_rejected": t.rows_rejected,
               # English under notes, as always; notes_zh the same in Chinese
               "notes": [n.render("en") for n in t.notes],
               "notes_zh": [n.render("zh") for n in t.notes]} for t in tables]
    errors = error_dicts(e for t in tables for e in t.errors)
    return WaterReport(window.start, window.end, rule, settings.water.drinking_pass,
                       sections, sources, inputs, errors)
