"""Water metrics: the share of sections meeting a class and the sections' mean CWQI.

Both start from the section table of the window (:func:`section_table`: each section's item
means over the samples dated ``window.start``..``window.end``, its class and its CWQI), so
they work on any set of samples: a county's year, one river, one month. Drinking-water
compliance is in :mod:`ecotarget.metrics.drinking`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ecotarget.catalogue import Text, joined, parts
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.water_sections import (
    CWQI_DECIMALS,
    all_months,
    monitored_sections,
    rounded,
    rows_in,
    section_records,
    sections_of_levels,
)
from ecotarget.params import WaterCwqiParams, WaterShareParams
from ecotarget.periods import Window, month_end, months_label
from ecotarget.report import Measurement
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.standards.water import cwqi_change, parse_class
from ecotarget.targets import Target

PERCENT_DECIMALS = 1  # shares to 1 decimal, half to even (GB/T 8170; docs/standards.md §6)
CHANGE_DECIMALS = 2  # ΔCWQI as a percentage with 2 decimals, e.g. −51.16 %
# The city CWQI aggregation is UNCONFIRMED (环办监测〔2017〕51号 leaves the weights open): a
# section-count weighted mean or a simple mean of water-body indices. With one index per
# section the two coincide when every water body has one ranked section, which is the county
# case; we take the simple mean of the sections' CWQI and say so in every result.
CWQI_AGGREGATION = ("mean of the sections' CWQI, each section weighted equally "
                    "(city aggregation UNCONFIRMED: docs/standards.md §4)")
CLASS_NAMES = ("I", "II", "III", "IV", "V", "劣V")


@dataclass(frozen=True)
class ClassShare:
    """Sections at a class or better, out of the sections assessed."""

    percent: float | None  # None: no section assessed
    meeting: int
    assessed: int
    chosen: pd.DataFrame  # the section-table rows considered, assessed or not
    missing: list[str]  # sections wanted but absent, or present with no assessed item
    class_counts: dict[str, int]


def class_share(sections: pd.DataFrame, max_class: str, levels: Sequence[str] = (),
                names: Sequence[str] | None = None, known: Sequence[str] = ()) -> ClassShare:
    """Share of sections at ``max_class`` or better, from their class over the period.

    ``sections`` is a :func:`section_table`. The sections counted are those ``names``
    when given, else the monitored sections of ``levels``; ``known`` lists sections that
    should be there (named as missing when absent). Drinking-water sources never count.

    >>> table = pd.DataFrame({"level": ["national", "national", "county"],
    ...                       "source": [False, False, False], "class": [2, 4, 3],
    ...                       "months": [["2025-01"]] * 3}, index=["A", "B", "C"])
    >>> share = class_share(table, "III", levels=["national"], known=["A", "B", "D"])
    >>> share.percent, share.meeting, share.assessed, share.missing
    (50.0, 1, 2, ['D'])
    """
    if names:
        chosen = monitored_sections(sections)
        chosen = chosen[chosen.index.isin(list(names))]
        wanted = list(names)
    else:
        chosen = sections_of_levels(sections, levels)
        wanted = list(known)
    assessed = chosen[chosen["class"].notna().to_numpy()]
    unassessed = [f"{name} (no assessed item)" for name in chosen.index
                  if name not in assessed.index]
    missing = [name for name in wanted if name not in chosen.index] + unassessed
    n = len(assessed)
    meeting = int((assessed["class"] <= parse_class(max_class)).sum()) if n else 0
    counts = {name: int((assessed["class"] == i + 1).sum()) for i, name in enumerate(CLASS_NAMES)}
    percent = round_half_even_scalar(meeting / n * 100, PERCENT_DECIMALS) if n else None
    return ClassShare(percent, meeting, n, chosen, missing, counts)


def mean_cwqi(sections: pd.DataFrame) -> float | None:
    """The mean of the sections' CWQI, each section weighted equally, to 4 decimals.

    >>> mean_cwqi(pd.DataFrame({"cwqi": [3.21, 4.005, None]}))
    3.6075
    """
    present = sections["cwqi"].dropna()
    if present.empty:
        return None
    return round_half_even_scalar(float(present.mean()), CWQI_DECIMALS)


def cwqi_sections(sections: pd.DataFrame, levels: Sequence[str]) -> pd.DataFrame:
    """The monitored sections of ``levels`` that have a CWQI."""
    chosen = sections_of_levels(sections, levels)
    return chosen[chosen["cwqi"].notna().to_numpy()]


def known_sections(water: pd.DataFrame, levels: Sequence[str]) -> list[str]:
    """Sections of ``levels`` anywhere in the water input (any date), first-seen order."""
    if "level" not in water:
        return []
    source = water["source"].eq(True) if "source" in water else False
    mask = water["level"].isin(list(levels)) & ~source
    return list(dict.fromkeys(water.loc[mask, "section"]))


def baseline_window(window: Window, months: Sequence[str]) -> tuple[dt.date, dt.date]:
    """The previous year's twin of ``window`` over whole monitoring months.

    Water is sampled once a month on varying days, so the baseline runs from the window's
    start a year earlier to the end of the month of the last sampled month (``months``): a
    window ending on 2025-10-10 still compares with the whole of 2024's October round.
    """
    previous = window.previous_year()
    if not months:
        return previous.start, previous.end
    last = max(months)
    return previous.start, month_end(int(last[:4]) - 1, int(last[5:]))


# --- the adapters the registry calls: a target and the check's context --------------------------


def _sections_over(ctx: MetricContext, start: dt.date, end: dt.date) -> pd.DataFrame:
    assert ctx.data.water is not None
    return ctx.section_table(start, end)


def _no_level_section(levels: Sequence[str]) -> Text:
    """``no national/provincial section in the period``, the levels in the reader's words."""
    return Text("how.no_level_section", {"levels": Text("list.slashed", {
        "items": tuple(Text(f"level.{level}") for level in levels)})})


def _no_input(ctx: MetricContext) -> Measurement | None:
    if ctx.data.water is None:
        return Measurement(None, how=Text("how.no_input", {"kind": Text("kind.water")}))
    if rows_in(ctx.data.water, ctx.window.start, ctx.window.end).empty:
        return Measurement(None, how=Text("how.no_samples"))
    return None


def measure_class_share(target: Target, ctx: MetricContext) -> Measurement:
    """``water.class_share``: share of sections at ``max_class`` or better over the window.

    Fewer assessed sections than ``params.expected`` makes the result insufficient (the share
    is still shown), naming the missing ones where they are known (listed, or seen elsewhere
    in the input).
    """
    if (empty := _no_input(ctx)) is not None:
        return empty
    assert ctx.data.water is not None
    params: WaterShareParams = target.params_as(WaterShareParams)
    wanted = (list(params.sections) if params.sections
              else known_sections(ctx.data.water, params.levels))
    share = class_share(_sections_over(ctx, ctx.window.start, ctx.window.end), params.max_class,
                        params.levels, params.sections, wanted)
    expected = params.expected or (len(params.sections) if params.sections else None)
    months = all_months(share.chosen)
    n = share.assessed
    detail: dict[str, Any] = {
        "levels": list(params.levels), "max_class": params.max_class, "expected": expected,
        "assessed": n, "meeting": share.meeting, "missing": share.missing,
        "below_detection_limit": ctx.settings.water.below_detection_limit,
        "class_counts": share.class_counts, "sections": section_records(share.chosen),
    }
    coverage = {"sections": n, "expected": expected, "months": months}
    if share.percent is None:
        total = expected or len(wanted)
        how = (_no_level_section(params.levels) if params.sections or "level" in ctx.data.water
               else Text("how.no_level_column"))
        return Measurement(None, how=how, insufficient=_shortfall(0, total, share.missing)
                           if total else None, coverage=coverage, detail=detail)
    insufficient = _shortfall(n, expected, share.missing) if expected and n < expected else None
    how = parts(Text("how.sections_share", {"meeting": share.meeting, "n": n}),
                months_label(months))
    return Measurement(share.percent, how=how,
                       insufficient=insufficient, coverage=coverage, detail=detail)


def _shortfall(n: int, expected: int, missing: Sequence[str]) -> Text:
    """"12 of 13 sections have samples; missing: …", naming what is known to be missing."""
    named: list[str | Text] = list(missing)
    unnamed = expected - n - len(missing)
    if unnamed > 0:
        named.append(Text("reason.sections_unnamed", {"count": unnamed}))
    return Text("reason.sections_missing", {"n": n, "expected": expected, "missing": tuple(named)})


def measure_cwqi(target: Target, ctx: MetricContext) -> Measurement:
    """``water.cwqi``: CWQI of the sections of ``params.levels`` (lower is better).

    With ``target: previous_year`` the baseline is the same computation over the same months
    of the previous year for the same sections; a section sampled in only one of the two
    years makes the result insufficient, naming it.
    """
    if (empty := _no_input(ctx)) is not None:
        return empty
    params: WaterCwqiParams = target.params_as(WaterCwqiParams)
    chosen = cwqi_sections(_sections_over(ctx, ctx.window.start, ctx.window.end), params.levels)
    if chosen.empty:
        return Measurement(None, how=_no_level_section(params.levels))
    months = all_months(chosen)
    actual = mean_cwqi(chosen)
    assert actual is not None
    per_section: list[dict[str, Any]] = [
        {"section": str(name), "cwqi": rounded(row["cwqi"], CWQI_DECIMALS),
         "n_items": int(row["n_items"]), "samples": int(row["samples"])}
        for name, row in chosen.iterrows()]
    detail: dict[str, Any] = {"aggregation": CWQI_AGGREGATION, "levels": list(params.levels),
                              "below_detection_limit": ctx.settings.water.below_detection_limit,
                              "sections": per_section}
    coverage: dict[str, Any] = {"sections": len(chosen), "months": months}
    how = parts(Text("how.sections", {"n": len(chosen)}), months_label(months))
    if not target.is_previous_year:
        return Measurement(actual, how=how, coverage=coverage, detail=detail)
    return _against_previous_year(ctx, params, chosen, actual, how, coverage, detail)


def _against_previous_year(ctx: MetricContext, params: WaterCwqiParams, chosen: pd.DataFrame,
                           actual: float, how: Text, coverage: dict[str, Any],
                           detail: dict[str, Any]) -> Measurement:
    """The CWQI measurement with the same sections' CWQI of the previous year as baseline."""
    per_section: list[dict[str, Any]] = detail["sections"]
    start, end = baseline_window(ctx.window, coverage["months"])
    before = cwqi_sections(_sections_over(ctx, start, end), params.levels)
    common = [name for name in chosen.index if name in before.index]
    baseline = mean_cwqi(before.loc[common]) if common else None
    previous_cwqi = dict(zip(before.index, before["cwqi"].tolist(), strict=True))
    previous_items = dict(zip(before.index, before["n_items"].tolist(), strict=True))
    for record in per_section:
        name = record["section"]
        record["cwqi_previous"] = rounded(previous_cwqi.get(name), CWQI_DECIMALS)
        record["n_items_previous"] = previous_items.get(name)
        # changes use the reported (rounded) figures, so a reader can reproduce them
        record["change_pct"] = (
            None if record["cwqi_previous"] is None else
            rounded(cwqi_change(record["cwqi"], record["cwqi_previous"]), CHANGE_DECIMALS))
    gone = [str(name) for name in before.index if name not in chosen.index]
    new = [str(name) for name in chosen.index if name not in before.index]
    change = cwqi_change(actual, baseline) if baseline is not None else math.nan
    detail["previous_year"] = {"start": start, "end": end, "cwqi": baseline,
                               "sections": common, "change_pct": rounded(change, CHANGE_DECIMALS)}
    problems = []
    if new:
        problems.append(Text("reason.no_samples_baseline", {
            "year": start.year, "start": start, "end": end, "sections": tuple(new)}))
    if gone:
        problems.append(Text("reason.no_samples_year",
                             {"year": ctx.window.year, "sections": tuple(gone)}))
    # CWQI is a sum over the items measured: a different item set is a different scale
    differ = [f"{r['section']} ({r['n_items']} vs {r['n_items_previous']})" for r in per_section
              if r["n_items_previous"] is not None and r["n_items"] != r["n_items_previous"]]
    if differ:
        problems.append(Text("reason.items_differ", {"sections": tuple(differ)}))
    if baseline is not None:
        figures = {"baseline": f"{baseline:.4f}", "year": start.year}
        how = parts(how, Text("how.versus_year", figures) if math.isnan(change) else Text(
            "how.versus_year_change",
            {**figures, "change": f"{rounded(change, CHANGE_DECIMALS):+.2f}"}))
    return Measurement(actual, how=how, baseline=baseline,
                       insufficient=joined(problems), coverage=coverage,
                       detail=detail)
