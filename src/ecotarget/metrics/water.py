"""Water metrics: section class shares, CWQI and drinking-water compliance over a window.

Every figure starts from the samples dated in the window (``window.start``..``window.end``).
A below-detection-limit result enters means as DL/2, 0 or the DL
(``settings.water.below_detection_limit``; standards.md §4.1 leaves it open). A section's
class over a period is the single-factor class of the arithmetic mean of each item over
its samples (环办〔2011〕22号, standards.md §4.1), so a month at class IV does not make the
period IV when the means stay III. Means are not rounded before classing: the engine
compares with a relative tolerance instead (see :mod:`ecotarget.standards.water`).

:func:`water_report` gives the per-section and per-source tables behind ``ecotarget water``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.params import DrinkingParams, WaterCwqiParams, WaterShareParams
from ecotarget.periods import Window, month_end, months_label
from ecotarget.report import Measurement
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.standards.water import (
    ITEMS,
    SUPPLEMENTARY,
    assess,
    class_name,
    cwqi_change,
    cwqi_detail,
    parse_class,
    substitute_below_dl,
)
from ecotarget.standards.water import drinking_compliance as sample_compliance
from ecotarget.targets import Settings, Target
from ecotarget.validate import ITEM_KEYS, measurement_frame

if TYPE_CHECKING:
    from ecotarget.validate import ValidatedTable

BelowDlRule = Literal["half", "zero", "dl"]
PERCENT_DECIMALS = 1  # shares as bulletins print them (standards.md §2.8)
CWQI_DECIMALS = 4  # Jilin EEB publishes CWQI to 4 decimals (standards.md §4.2)
CHANGE_DECIMALS = 2  # ΔCWQI as a percentage with 2 decimals, e.g. −51.16 %
# The city CWQI aggregation is UNCONFIRMED (standards.md §4.2, §8.7): a section-count weighted
# mean or a simple mean of water-body indices. With one index per section the two coincide
# when every water body has one ranked section, which is the county case; we take the simple
# mean of the sections' CWQI and say so in every result.
CWQI_AGGREGATION = ("mean of the sections' CWQI, each section weighted equally "
                    "(city aggregation UNCONFIRMED: standards.md §4.2)")
_ATTRIBUTES = ("level", "waterbody", "target_class", "source", "region")


# --- rows and section means --------------------------------------------------------------------


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


def _lake(frame: pd.DataFrame) -> np.ndarray:
    if "waterbody" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["waterbody"].eq("lake").to_numpy(dtype=bool)


def section_table(rows: pd.DataFrame, rule: BelowDlRule) -> pd.DataFrame:
    """One row per section over ``rows``: attributes, samples, item means, class and CWQI.

    Indexed by section name in the order the sections first appear in the input. Attributes
    (level, waterbody, target class, source flag) are each section's latest non-missing
    value. Columns: the item means under their keys; ``samples``, ``months``; ``class`` (Int64 1..6),
    ``class_name``, ``main_pollutants`` (text, only when worse than III); ``cwqi`` (unrounded)
    and ``n_items``; ``below_dl`` (dict: item key → samples below DL and the values used).
    """
    sections = rows["section"]
    values = item_values(rows, rule)
    means = values.groupby(sections, sort=False).mean()
    attributes = [c for c in _ATTRIBUTES if c in rows]
    table = rows[attributes].groupby(sections, sort=False).last()
    table = table.assign(
        samples=sections.groupby(sections, sort=False).size(),
        months=rows["date"].dt.strftime("%Y-%m").groupby(sections, sort=False)
        .agg(lambda m: sorted(set(m))),
    )
    lake = _lake(table)
    assessed = assess(means, lake=lake)
    index = cwqi_detail(means, lake=lake)
    used = _below_dl_used(values, _below_dl(rows), sections)
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


def _sections(ctx: MetricContext, start: dt.date, end: dt.date) -> pd.DataFrame:
    """:func:`section_table` of the window, computed once per window for all targets."""
    rule = ctx.settings.water.below_detection_limit
    key = f"water.sections:{start}:{end}:{rule}"
    cached = ctx.cache.get(key)
    if isinstance(cached, pd.DataFrame):
        return cached
    assert ctx.data.water is not None
    table = section_table(rows_in(ctx.data.water, start, end), rule)
    ctx.cache[key] = table
    return table


def _monitored(table: pd.DataFrame) -> pd.DataFrame:
    """Sections that are not drinking-water sources."""
    if "source" not in table:
        return table
    return table[~table["source"].eq(True).to_numpy()]


def _of_levels(table: pd.DataFrame, levels: Sequence[str]) -> pd.DataFrame:
    monitored = _monitored(table)
    if "level" not in monitored:
        return monitored.iloc[0:0]
    return monitored[monitored["level"].isin(list(levels)).to_numpy()]


def _all_months(table: pd.DataFrame) -> list[str]:
    return sorted({m for months in table["months"] for m in months}) if len(table) else []


def _class_text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else class_name(int(value))


def _number(value: Any, decimals: int) -> float | None:
    if value is None or pd.isna(value):
        return None
    return round_half_even_scalar(float(value), decimals)


def _zh(key: str) -> str:
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
            "cwqi": _number(row["cwqi"], CWQI_DECIMALS),
            "n_items": int(row["n_items"]),
            "means": means,
            "below_dl": {_zh(key): used for key, used in row["below_dl"].items()},
        })
    return records


# --- water.class_share ------------------------------------------------------------------------


def _no_input(ctx: MetricContext) -> Measurement | None:
    if ctx.data.water is None:
        return Measurement(None, how="no water input")
    if rows_in(ctx.data.water, ctx.window.start, ctx.window.end).empty:
        return Measurement(None, how="no samples in the period")
    return None


def _known_sections(water: pd.DataFrame, levels: Sequence[str]) -> list[str]:
    """Sections of ``levels`` anywhere in the water input (any date), first-seen order."""
    if "level" not in water:
        return []
    source = water["source"].eq(True) if "source" in water else False
    mask = water["level"].isin(list(levels)) & ~source
    return list(dict.fromkeys(water.loc[mask, "section"]))


def class_share(target: Target, ctx: MetricContext) -> Measurement:
    """Share of sections at ``max_class`` or better, from their means over the window.

    Sections: those named in ``params.sections`` when given, else every section of
    ``params.levels`` that is not a drinking-water source. Fewer assessed sections than
    ``params.expected`` makes the result insufficient (the share is still shown), naming the
    missing ones where they are known (listed, or seen elsewhere in the input).
    """
    if (empty := _no_input(ctx)) is not None:
        return empty
    assert ctx.data.water is not None
    params: WaterShareParams = target.params_as(WaterShareParams)
    table = _sections(ctx, ctx.window.start, ctx.window.end)
    if params.sections:
        chosen = _monitored(table)
        chosen = chosen[chosen.index.isin(params.sections)]
        wanted = list(params.sections)
    else:
        chosen = _of_levels(table, params.levels)
        wanted = _known_sections(ctx.data.water, params.levels)
    assessed = chosen[chosen["class"].notna().to_numpy()]
    unassessed = [f"{name} (no assessed item)" for name in chosen.index
                  if name not in assessed.index]
    missing = [name for name in wanted if name not in chosen.index] + unassessed
    expected = params.expected or (len(params.sections) if params.sections else None)
    levels = "/".join(params.levels)
    months = _all_months(chosen)
    max_class = parse_class(params.max_class)
    n = len(assessed)
    meeting = int((assessed["class"] <= max_class).sum()) if n else 0
    detail: dict[str, Any] = {
        "levels": list(params.levels), "max_class": params.max_class, "expected": expected,
        "assessed": n, "meeting": meeting, "missing": missing,
        "below_detection_limit": ctx.settings.water.below_detection_limit,
        "class_counts": {name: int((assessed["class"] == i + 1).sum())
                         for i, name in enumerate(("I", "II", "III", "IV", "V", "劣V"))},
        "sections": section_records(chosen),
    }
    coverage = {"sections": n, "expected": expected, "months": months}
    if n == 0:
        total = expected or len(wanted)
        how = (f"no {levels} section in the period" if params.sections or "level" in ctx.data.water
               else "no 断面级别 (level) column in the water input")
        return Measurement(None, how=how, insufficient=_shortfall(0, total, missing) if total
                           else None, coverage=coverage, detail=detail)
    actual = round_half_even_scalar(meeting / n * 100, PERCENT_DECIMALS)
    insufficient = _shortfall(n, expected, missing) if expected and n < expected else None
    return Measurement(actual, how=f"{meeting}/{n} sections · {months_label(months)}",
                       insufficient=insufficient, coverage=coverage, detail=detail)


def _shortfall(n: int, expected: int, missing: Sequence[str]) -> str:
    """"12 of 13 sections have samples; missing: …", naming what is known to be missing."""
    text = ", ".join(missing)
    unnamed = expected - n - len(missing)
    if unnamed > 0:
        text += (", " if text else "") + (f"{unnamed} not named (list the sections under "
                                          "params.sections)")
    return f"{n} of {expected} sections have samples; missing: {text}"


# --- water.cwqi -------------------------------------------------------------------------------


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


def _mean_cwqi(values: pd.Series) -> float | None:
    present = values.dropna()
    if present.empty:
        return None
    return round_half_even_scalar(float(present.mean()), CWQI_DECIMALS)


def cwqi(target: Target, ctx: MetricContext) -> Measurement:
    """CWQI of the sections of ``params.levels`` (mean of section indices; lower is better).

    With ``target: previous_year`` the baseline is the same computation over the same months
    of the previous year for the same sections; a section sampled in only one of the two
    years makes the result insufficient, naming it.
    """
    if (empty := _no_input(ctx)) is not None:
        return empty
    params: WaterCwqiParams = target.params_as(WaterCwqiParams)
    levels = "/".join(params.levels)
    chosen = _of_levels(_sections(ctx, ctx.window.start, ctx.window.end), params.levels)
    chosen = chosen[chosen["cwqi"].notna().to_numpy()]
    if chosen.empty:
        return Measurement(None, how=f"no {levels} section in the period")
    months = _all_months(chosen)
    actual = _mean_cwqi(chosen["cwqi"])
    assert actual is not None
    per_section: list[dict[str, Any]] = [
        {"section": str(name), "cwqi": _number(row["cwqi"], CWQI_DECIMALS),
         "n_items": int(row["n_items"]), "samples": int(row["samples"])}
        for name, row in chosen.iterrows()]
    detail: dict[str, Any] = {"aggregation": CWQI_AGGREGATION, "levels": list(params.levels),
                              "below_detection_limit": ctx.settings.water.below_detection_limit,
                              "sections": per_section}
    coverage: dict[str, Any] = {"sections": len(chosen), "months": months}
    how = f"{len(chosen)} sections · {months_label(months)}"
    if not target.is_previous_year:
        return Measurement(actual, how=how, coverage=coverage, detail=detail)

    start, end = baseline_window(ctx.window, months)
    before = _of_levels(_sections(ctx, start, end), params.levels)
    before = before[before["cwqi"].notna().to_numpy()]
    common = [name for name in chosen.index if name in before.index]
    baseline = _mean_cwqi(before.loc[common, "cwqi"]) if common else None
    previous_cwqi = dict(zip(before.index, before["cwqi"].tolist(), strict=True))
    previous_items = dict(zip(before.index, before["n_items"].tolist(), strict=True))
    for record in per_section:
        name = record["section"]
        record["cwqi_previous"] = _number(previous_cwqi.get(name), CWQI_DECIMALS)
        record["n_items_previous"] = previous_items.get(name)
        # changes use the reported (rounded) figures, so a reader can reproduce them
        record["change_pct"] = (
            None if record["cwqi_previous"] is None else
            _number(cwqi_change(record["cwqi"], record["cwqi_previous"]), CHANGE_DECIMALS))
    gone = [str(name) for name in before.index if name not in chosen.index]
    new = [str(name) for name in chosen.index if name not in before.index]
    change = cwqi_change(actual, baseline) if baseline is not None else math.nan
    detail["previous_year"] = {"start": start, "end": end, "cwqi": baseline,
                               "sections": common, "change_pct": _number(change, CHANGE_DECIMALS)}
    problems = []
    if new:
        problems.append(f"no samples in {start.year} ({start}..{end}) for: {', '.join(new)}")
    if gone:
        problems.append(f"no samples in {ctx.window.year} for: {', '.join(gone)}")
    # CWQI is a sum over the items measured: a different item set is a different scale
    differ = [f"{r['section']} ({r['n_items']} vs {r['n_items_previous']})" for r in per_section
              if r["n_items_previous"] is not None and r["n_items"] != r["n_items_previous"]]
    if differ:
        problems.append(f"items measured differ between the years for: {', '.join(differ)}")
    if baseline is not None:
        how += f" · vs {baseline:.4f} in {start.year}"
        if not math.isnan(change):
            how += f" ({_number(change, CHANGE_DECIMALS):+.2f}%)"
    return Measurement(actual, how=how, baseline=baseline,
                       insufficient="; ".join(problems) or None, coverage=coverage,
                       detail=detail)


# --- drinking.compliance_rate -----------------------------------------------------------------


@dataclass(frozen=True)
class SourceVerdicts:
    """Pass/fail of drinking-water sources over a period, and the evidence."""

    sources: list[dict[str, Any]]  # one record per source
    samples: int
    samples_passed: int
    by_volume: float | None  # % of volume drawn from passing sources; None: no volume data
    volume_missing: int  # samples without a volume
    rule: str


def source_verdicts(rows: pd.DataFrame, rule: BelowDlRule,
                    drinking_pass: str) -> SourceVerdicts:
    """Judge each drinking-water source in ``rows`` (rows of sources only).

    A sample passes when its 20 basic items meet class III and the Table 2 items their
    limits (standards.md §4.3). A source passes the period when every round passes
    (``"every_round"``) or when its mean concentrations pass (``"mean"``); which one the
    annual rate uses is UNCONFIRMED (§8.9), hence the setting.
    """
    values = item_values(rows, rule)
    lake = _lake(rows)
    per_sample = sample_compliance(values, lake=lake)
    names = rows["section"]
    rounds = names.groupby(names, sort=False).size()
    rounds_passed = per_sample["passes"].groupby(names, sort=False).sum()
    if drinking_pass == "mean":
        means = values.groupby(names, sort=False).mean()
        section_lake = rows.groupby(names, sort=False)["waterbody"].last().eq("lake") \
            if "waterbody" in rows else pd.Series(False, index=means.index)
        on_means = sample_compliance(means, lake=section_lake.to_numpy(dtype=bool))
        passes = on_means["passes"].reindex(rounds.index)
        mean_failing = on_means["failing_text"].reindex(rounds.index)
    else:
        passes = rounds_passed == rounds
        mean_failing = pd.Series("", index=rounds.index)
    failed = per_sample.assign(_source=names, _date=rows["date"].dt.date)[
        ~per_sample["passes"].to_numpy()]
    records = []
    for name, samples, passed, ok, on_mean in zip(
            rounds.index, rounds.tolist(), rounds_passed.tolist(), passes.tolist(),
            mean_failing.tolist(), strict=True):
        mine = failed[(failed["_source"] == name).to_numpy()]
        items = list(dict.fromkeys(k for keys in mine["failing_items"] for k in keys))
        records.append({
            "source": str(name), "samples": int(samples), "rounds_passed": int(passed),
            "passes": bool(ok), "failing_items": [_zh(k) for k in items],
            "failing_rounds": [{"date": day, "failing": str(text)} for day, text in
                               zip(mine["_date"], mine["failing_text"], strict=True)],
            "mean_failing": str(on_mean),
        })
    by_volume, missing_volume = None, 0
    if "volume" in rows and rows["volume"].notna().any():
        volume = pd.to_numeric(rows["volume"]).astype("float64")
        missing_volume = int(volume.isna().sum())
        passing = names.isin([r["source"] for r in records if r["passes"]])
        total = float(volume.sum())
        if total > 0:
            by_volume = round_half_even_scalar(
                float(volume[passing.to_numpy()].sum()) / total * 100, PERCENT_DECIMALS)
    return SourceVerdicts(records, len(rows), int(per_sample["passes"].sum()), by_volume,
                          missing_volume, drinking_pass)


def _source_rows(water: pd.DataFrame) -> pd.DataFrame:
    if "source" not in water:
        return water.iloc[0:0]
    return water[water["source"].eq(True).to_numpy()]


def drinking_compliance(target: Target, ctx: MetricContext) -> Measurement:
    """Passing sources ÷ sources × 100 (``basis: count``) or passing volume share."""
    if ctx.data.water is None:
        return Measurement(None, how="no water input")
    params: DrinkingParams = target.params_as(DrinkingParams)
    all_sources = _source_rows(ctx.data.water)
    if all_sources.empty:
        return Measurement(None, how="no drinking-water source in the water input")
    rows = rows_in(all_sources, ctx.window.start, ctx.window.end)
    if rows.empty:
        return Measurement(None, how="no samples in the period")
    verdicts = source_verdicts(rows, ctx.settings.water.below_detection_limit,
                               ctx.settings.water.drinking_pass)
    n = len(verdicts.sources)
    passing = sum(r["passes"] for r in verdicts.sources)
    by_count = round_half_even_scalar(passing / n * 100, PERCENT_DECIMALS)
    months = sorted(set(rows["date"].dt.strftime("%Y-%m")))
    rule_text = "every round" if verdicts.rule == "every_round" else "annual mean"
    detail: dict[str, Any] = {
        "basis": params.basis, "pass_rule": verdicts.rule, "by_count": by_count,
        "by_sample": round_half_even_scalar(
            verdicts.samples_passed / verdicts.samples * 100, PERCENT_DECIMALS),
        "by_volume": verdicts.by_volume, "samples_without_volume": verdicts.volume_missing,
        "below_detection_limit": ctx.settings.water.below_detection_limit,
        "sources": verdicts.sources,
    }
    coverage = {"sources": n, "samples": verdicts.samples, "months": months}
    if params.basis == "volume":
        how = f"volume of {passing}/{n} sources · {rule_text} · {months_label(months)}"
        if verdicts.by_volume is None:
            return Measurement(None, how=how, coverage=coverage, detail=detail,
                               insufficient="no intake volume (取水量) in the source samples")
        insufficient = (f"{verdicts.volume_missing} samples lack an intake volume (取水量)"
                        if verdicts.volume_missing else None)
        return Measurement(verdicts.by_volume, how=how, insufficient=insufficient,
                           coverage=coverage, detail=detail)
    return Measurement(by_count, how=f"{passing}/{n} sources · {rule_text} · "
                                     f"{months_label(months)}",
                       coverage=coverage, detail=detail)


# --- the `ecotarget water` report -------------------------------------------------------------


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
        raise InputError("the water input holds no dated sample")
    last_day = dates.max().date()
    return Window(last_day.year, dt.date(last_day.year, 1, 1), last_day, last_day)


def water_report(tables: Sequence[ValidatedTable], settings: Settings,
                 window: Window | None = None) -> WaterReport:
    """Tables of sections and drinking-water sources over ``window`` (default: year to date).

    Raises :class:`InputError` when no input is a water file.
    """
    water = combine_water(tables)
    if water is None:
        raise InputError("no water input: the files given are not water monitoring data "
                         "(expected headers such as 断面名称,采样日期,溶解氧,…; try --kind water)")
    window = window or default_window(water)
    rule = settings.water.below_detection_limit
    rows = rows_in(water, window.start, window.end)
    table = section_table(rows, rule) if len(rows) else None
    sections = section_records(_monitored(table)) if table is not None else []
    source_rows = _source_rows(rows)
    sources = (source_verdicts(source_rows, rule, settings.water.drinking_pass).sources
               if len(source_rows) else [])
    inputs = [{"path": t.path, "kind": t.kind, "rows_read": t.rows_read,
               "rows_accepted": t.rows_accepted, "rows_rejected": t.rows_rejected,
               "notes": list(t.notes)} for t in tables]
    errors = [e.as_dict() for t in tables for e in t.errors]
    return WaterReport(window.start, window.end, rule, settings.water.drinking_pass,
                       sections, sources, inputs, errors)
