"""Water rankings for ``ecotarget rank --kind water``: sections or regions by CWQI.

The city water quality index (环办监测〔2017〕51号; docs/standards.md §4) ranks ascending:
the cleanest water first. A section's CWQI is the sum of its per-item indices over the
period's item means (:func:`ecotarget.metrics.water_sections.section_table`, the same table
``check`` and ``ecotarget water`` use); a region's is the mean of its sections' CWQI, each
section weighted equally (:data:`ecotarget.metrics.water.CWQI_AGGREGATION`). ``change``
ranks by ΔCWQI = (this − last) ÷ last × 100 against the same period of the previous year,
ascending; it needs the same sections with the same items measured in both years, as the
CWQI is a sum over the items measured. Drinking-water sources are not ranked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.metrics.water import baseline_window, mean_cwqi
from ecotarget.metrics.water_sections import (
    BelowDlRule,
    all_months,
    monitored_sections,
    rounded,
    rows_in,
    section_table,
)
from ecotarget.standards.water import class_name, cwqi_change
from ecotarget.tables.rank import Ranking, Row, assign_regions, period_window, rank_rows

WATER_RULES = ("cwqi", "change")
CHANGE_DECIMALS = 2  # ΔCWQI in % to 2 decimals, as bulletins print it (docs/standards.md §6.2)
CWQI_DECIMALS = 4


def water_sections(water: pd.DataFrame, start: dt.date, end: dt.date,
                   rule: BelowDlRule) -> pd.DataFrame:
    """The monitored sections' table (class, CWQI, main pollutants) over ``start``..``end``."""
    rows = rows_in(water, start, end)
    if rows.empty:
        return pd.DataFrame(columns=["class", "cwqi", "n_items", "main_pollutants", "months"])
    return monitored_sections(section_table(rows, rule))


def region_water_figures(sections: pd.DataFrame) -> Row:
    """CWQI, class and main pollutants of a region's sections (one row of a section table
    or several). The class is the worst section's; the main pollutants are those of the
    sections worse than class III, each named when there are several sections.

    >>> table = pd.DataFrame({"cwqi": [3.0, 5.00005], "n_items": [21, 21], "class": [2, 4],
    ...     "main_pollutants": ["", "总磷(0.50)"], "months": [["2025-01"], ["2025-01"]]},
    ...     index=["A", "B"])
    >>> figures = region_water_figures(table)
    >>> figures["cwqi"], figures["class"], figures["main_pollutants"]
    (4.0, 'IV', 'B: 总磷(0.50)')
    """
    assessed = sections[sections["cwqi"].notna().to_numpy()]
    worst = assessed["class"].dropna()
    several = len(sections) > 1
    pollutants = [f"{name}: {text}" if several else str(text)
                  for name, text in assessed["main_pollutants"].items() if text]
    items = sorted({int(n) for n in assessed["n_items"]})
    return {
        "cwqi": mean_cwqi(assessed) if len(assessed) else None,
        "n_items": items[0] if len(items) == 1 else items,
        "class": class_name(int(worst.max())) if len(worst) else None,
        "main_pollutants": "; ".join(pollutants),
        "sections": [str(name) for name in sections.index],
        "section_cwqi": {str(name): rounded(value, CWQI_DECIMALS)
                         for name, value in sections["cwqi"].items()},
        "months": all_months(sections),
    }


def water_ranking(water: pd.DataFrame, mapping: Mapping[str, str] | None, by: str,
                  start: dt.date, end: dt.date, rule: BelowDlRule, *,
                  only: Sequence[str] = (), highlight: Sequence[str] = ()) -> Ranking:
    """Rank the sections (or, with ``mapping`` section → region, the regions) by CWQI.

    Rows: ``region``, ``rank``, ``tied``, ``reason``, ``highlight`` and the figures of
    :func:`region_water_figures`; ``previous`` (``cwqi``, ``n_items``) and ``change``
    (``cwqi``: ΔCWQI %) when the previous year has the same sections and items.
    """
    if by not in WATER_RULES:
        raise ValueError(f"unknown water ranking rule {by!r}; one of {', '.join(WATER_RULES)}")
    now = water_sections(water, start, end, rule)
    before_start, before_end = baseline_window(period_window(start, end), all_months(now))
    before = water_sections(water, before_start, before_end, rule)
    regions, unmatched = assign_regions(now.index, mapping)
    order = list(dict.fromkeys([*(mapping or {}).values(), *regions.values()]))
    if only:
        order = list(dict.fromkeys(only))
    rows = [_water_row(region, [s for s, r in regions.items() if r == region], now, before,
                       (before_start, before_end), region in highlight) for region in order]
    notes = [Text("rank.unmatched_sections", {"n": len(unmatched), "names": tuple(unmatched)})
             ] if unmatched else []
    # the regions' CWQI is CWQI_AGGREGATION, said in the run's language
    notes.append(Text("rank.regions_cwqi" if mapping else "rank.own_region"))
    return Ranking("water", by, start, end, (before_start, before_end),
                   rank_rows(rows, by, key_by="cwqi_change" if by == "change" else "cwqi"),
                   notes)


def _water_row(region: str, names: list[str], now: pd.DataFrame, before: pd.DataFrame,
               previous: tuple[dt.date, dt.date], highlight: bool) -> Row:
    row: Row = {"region": region, "highlight": highlight}
    if not names:
        return {**row, "sections": [], "cwqi": None, "previous": None, "change": None,
                "reason": Text("rank.no_sample")}
    row.update(region_water_figures(now.loc[names]))
    if row["cwqi"] is None:
        return {**row, "previous": None, "change": None, "reason": Text("rank.no_cwqi")}
    row.update(previous=None, change=None, previous_reason=_previous_problem(names, before,
                                                                             row, previous))
    if row["previous_reason"] is None:
        last = region_water_figures(before.loc[names])
        row["previous"] = {"cwqi": last["cwqi"], "n_items": last["n_items"]}
        change = cwqi_change(row["cwqi"], last["cwqi"]) if last["cwqi"] else None
        row["change"] = {"cwqi": rounded(change, CHANGE_DECIMALS)}
    return row


def _previous_problem(names: list[str], before: pd.DataFrame, row: Row,
                      previous: tuple[dt.date, dt.date]) -> Text | None:
    known = before["cwqi"].dropna()
    missing = [name for name in names if name not in known.index]
    if missing:
        return Text("rank.no_samples_previous", {"start": previous[0], "end": previous[1],
                                                 "names": tuple(missing)})
    items: Any = region_water_figures(before.loc[names])["n_items"]
    if items != row["n_items"]:
        return Text("rank.items_differ", {"now": row["n_items"], "before": items})
    return None


__all__ = ["WATER_RULES", "region_water_figures", "water_ranking", "water_sections"]
