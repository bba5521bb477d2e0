"""Water sections over a period: samples in a window, item means, class and CWQI per section.

A below-detection-limit result enters means as DL/2, 0 or the DL
(``settings.water.below_detection_limit``; the assessment method leaves it open, see
docs/standards.md §3). A section's class over a period is the single-factor class of the
arithmetic mean of each item over its samples (环办〔2011〕22号), so a month at class IV does
not make the period IV when the means stay III. Means are not rounded before classing: the
engine compares with a relative tolerance instead (see :mod:`ecotarget.standards.water`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.standards.water import (
    ITEMS,
    SUPPLEMENTARY,
    assess,
    class_name,
    cwqi_detail,
    substitute_below_dl,
)
from ecotarget.validate import ITEM_KEYS, measurement_frame

BelowDlRule = Literal["half", "zero", "dl"]
CWQI_DECIMALS = 4  # CWQI to 4 decimals, as provincial tables publish it (docs/standards.md §4)
_ATTRIBUTES = ("level", "waterbody", "target_class", "source", "region")


def rows_in(water: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The samples dated ``start``..``end`` (inclusive), oldest first."""
    dates = water["date"]
    inside = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    return water[inside.to_numpy()].sort_values("date", kind="stable")


def item_values(rows: pd.DataFrame, rule: BelowDlRule) -> pd.DataFrame:
    """Each item's number for means, per row: measured, or the below-DL stand-in of ``rule``."""
    keys = [key for key in ITEM_KEYS if key in rows]
    return pd.DataFrame({key: substitute_below_dl(measurement_frame(rows, key), rule)
                         for key in keys}, index=rows.index)


def _below_dl(rows: pd.DataFrame) -> pd.DataFrame:
    keys = [key for key in ITEM_KEYS if key in rows]
    return pd.DataFrame({key: measurement_frame(rows, key)["below_dl"] for key in keys},
                        index=rows.index)


def lake_flags(frame: pd.DataFrame) -> np.ndarray:
    """True for each row of a lake or reservoir (its TP limit differs); all False without the column."""
    if "waterbody" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["waterbody"].eq("lake").to_numpy(dtype=bool)


@dataclass(frozen=True)
class ItemFrames:
    """Each row's item numbers for means and its below-DL flags, parsed once for a frame.

    Both are row by row (a row's number depends on that row alone), so those of any subset
    of the rows are these frames' rows with the subset's labels (:meth:`of`).
    """

    values: pd.DataFrame
    below: pd.DataFrame

    @classmethod
    def parse(cls, rows: pd.DataFrame, rule: BelowDlRule) -> ItemFrames:
        """:func:`item_values` and the below-DL flags of ``rows``."""
        return cls(item_values(rows, rule), _below_dl(rows))

    def of(self, rows: pd.DataFrame) -> ItemFrames:
        """The frames of ``rows``, a subset of the rows parsed (labels unique), in its order."""
        return ItemFrames(self.values.loc[rows.index], self.below.loc[rows.index])


def section_table(rows: pd.DataFrame, rule: BelowDlRule,
                  items: ItemFrames | None = None) -> pd.DataFrame:
    """One row per section over ``rows``: attributes, samples, item means, class and CWQI.

    Indexed by section name in the order the sections first appear in the input. Attributes
    (level, waterbody, target class, source flag) are each section's latest non-missing
    value. Columns: the item means under their keys; ``samples``, ``months``; ``class`` (Int64 1..6),
    ``class_name``, ``main_pollutants`` (text, only when worse than III); ``cwqi`` (unrounded)
    and ``n_items``; ``below_dl`` (dict: item key → samples below DL and the values used).
    ``items``: the rows' :class:`ItemFrames` when already parsed (parsed here otherwise).
    """
    sections = rows["section"]
    items = items or ItemFrames.parse(rows, rule)
    values = items.values
    means = values.groupby(sections, sort=False).mean()
    attributes = [c for c in _ATTRIBUTES if c in rows]
    table = rows[attributes].groupby(sections, sort=False).last()
    table = table.assign(
        samples=sections.groupby(sections, sort=False).size(),
        months=rows["date"].dt.strftime("%Y-%m").groupby(sections, sort=False)
        .agg(lambda m: sorted(set(m))),
    )
    lake = lake_flags(table)
    assessed = assess(means, lake=lake)
    index = cwqi_detail(means, lake=lake)
    used = _below_dl_used(values, items.below, sections)
    # rows arrive sorted by date (so "last" is the latest); list sections in file order
    order = pd.unique(rows.sort_index()["section"])
    return pd.concat([
        table,
        means,
        assessed[["class", "class_name", "main_pollutants_text"]].rename(
            columns={"main_pollutants_text": "main_pollutants"}),
        index[["cwqi", "n_items"]],
        pd.Series([used.get(s, {}) for s in table.index], index=table.index, name="below_dl",
                  dtype=object),
    ], axis=1).reindex(order)


def _below_dl_used(values: pd.DataFrame, below: pd.DataFrame,
                   sections: pd.Series) -> dict[str, dict[str, Any]]:
    """Section → {item key: {"samples": n, "values_used": [...]}} for below-DL cells."""
    used = values.where(below.to_numpy()) if len(values.columns) else values
    long = (used.assign(_section=sections.to_numpy())
            .melt(id_vars="_section", var_name="item", value_name="used").dropna())
    counts = long.groupby(["_section", "item"], sort=False).size()
    out: dict[str, dict[str, Any]] = {}
    for (section, item), samples in zip(counts.index, counts.tolist(), strict=True):
        out.setdefault(str(section), {})[str(item)] = {"samples": int(samples), "values_used": []}
    # distinct values per (section, item) without a per-group call: one drop_duplicates
    distinct = long.drop_duplicates().sort_values("used", kind="stable")
    for section, item, value in zip(distinct["_section"].tolist(), distinct["item"].tolist(),
                                    distinct["used"].tolist(), strict=True):
        out[str(section)][str(item)]["values_used"].append(float(value))
    return out


def monitored_sections(table: pd.DataFrame) -> pd.DataFrame:
    """Sections that are not drinking-water sources."""
    if "source" not in table:
        return table
    return table[~table["source"].eq(True).to_numpy()]


def sections_of_levels(table: pd.DataFrame, levels: Sequence[str]) -> pd.DataFrame:
    """Monitored (non-source) sections whose level is one of ``levels``."""
    monitored = monitored_sections(table)
    if "level" not in monitored:
        return monitored.iloc[0:0]
    return monitored[monitored["level"].isin(list(levels)).to_numpy()]


def all_months(table: pd.DataFrame) -> list[str]:
    """Every month ('YYYY-MM') in which some section of ``table`` was sampled, sorted."""
    return sorted({m for months in table["months"] for m in months}) if len(table) else []


def _class_text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else class_name(int(value))


def rounded(value: Any, decimals: int) -> float | None:
    """``value`` rounded half to even to ``decimals``; None for a missing value."""
    if value is None or pd.isna(value):
        return None
    return round_half_even_scalar(float(value), decimals)


def item_name_zh(key: str) -> str:
    """The Chinese name of an item key, as reports print it."""
    return ITEMS[key].zh if key in ITEMS else SUPPLEMENTARY[key][0]


def section_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a :func:`section_table` as plain data (JSON-able, for ``detail``)."""
    records = []
    for name, row in table.iterrows():
        cls = row["class"]
        target = row.get("target_class")
        meets = (None if pd.isna(cls) or target is None or pd.isna(target)
                 else bool(int(cls) <= int(target)))
        means = {key: float(f"{row[key]:.6g}") for key in ITEM_KEYS
                 if key in row.index and pd.notna(row[key])}
        records.append({
            "section": str(name),
            "level": row.get("level") if pd.notna(row.get("level")) else None,
            "waterbody": row.get("waterbody", "river"),
            "samples": int(row["samples"]),
            "months": list(row["months"]),
            "class": _class_text(cls),
            "main_pollutants": str(row["main_pollutants"] or ""),
            "target_class": _class_text(target),
            "meets_target": meets,
            "cwqi": rounded(row["cwqi"], CWQI_DECIMALS),
            "n_items": int(row["n_items"]),
            "means": means,
            "below_dl": {item_name_zh(key): used for key, used in row["below_dl"].items()},
        })
    return records
