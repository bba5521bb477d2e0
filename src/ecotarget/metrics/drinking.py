"""Drinking-water sources: which sources pass over a period, and the compliance rate.

A sample passes when its 20 basic items meet GB 3838-2002 class III and the Table 2 items
their limits (docs/standards.md §5). A source passes the period when every round passes
(``"every_round"``) or when its mean concentrations pass (``"mean"``); which one the annual
rate uses is UNCONFIRMED, hence the setting ``settings.water.drinking_pass``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ecotarget.catalogue import Text, parts
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.water_sections import BelowDlRule, item_name_zh, item_values, lake_flags, rows_in
from ecotarget.params import DrinkingParams
from ecotarget.periods import months_label
from ecotarget.report import Measurement
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.standards.water import drinking_compliance as sample_compliance
from ecotarget.targets import Target

PERCENT_DECIMALS = 1  # rates to 1 decimal, half to even (GB/T 8170; docs/standards.md §6)


@dataclass(frozen=True)
class DrinkingCompliance:
    """Pass/fail of drinking-water sources over a period, the rates, and the evidence."""

    sources: list[dict[str, Any]]  # one record per source
    samples: int
    samples_passed: int
    by_volume: float | None  # % of volume drawn from passing sources; None: no volume data
    volume_missing: int  # samples without a volume
    rule: str

    @property
    def passing(self) -> int:
        """How many sources pass the period."""
        return sum(bool(record["passes"]) for record in self.sources)

    @property
    def by_count(self) -> float:
        """Passing sources ÷ sources × 100, to 1 decimal."""
        return round_half_even_scalar(self.passing / len(self.sources) * 100, PERCENT_DECIMALS)

    @property
    def by_sample(self) -> float:
        """Passing samples ÷ samples × 100, to 1 decimal."""
        return round_half_even_scalar(self.samples_passed / self.samples * 100, PERCENT_DECIMALS)


def drinking_compliance_rate(rows: pd.DataFrame, below_detection_limit: BelowDlRule,
                             drinking_pass: str, values: pd.DataFrame | None = None
                             ) -> DrinkingCompliance:
    """Judge each drinking-water source in ``rows`` (rows of sources only, at least one).

    The rate by count is :attr:`DrinkingCompliance.by_count`; by volume, ``by_volume``.
    Under ``every_round`` a source passes when every sample meets class III (NH3-N ≤ 1.0
    mg/L): 东湖's February sample (1.2) fails it, 西塘 passes.

    >>> rows = pd.DataFrame({"section": ["东湖", "东湖", "西塘"],
    ...                      "date": pd.to_datetime(["2025-01-05", "2025-02-05", "2025-01-05"]),
    ...                      "nh3n": [0.5, 1.2, 0.3], "tp": [0.1, 0.1, 0.1]})
    >>> result = drinking_compliance_rate(rows, "half", "every_round")
    >>> result.passing, result.by_count, result.by_sample
    (1, 50.0, 66.7)
    >>> [source["failing_items"] for source in result.sources]
    [['氨氮'], []]
    """
    if values is None:  # else the rows' item values, already parsed (ItemFrames)
        values = item_values(rows, below_detection_limit)
    per_sample = sample_compliance(values, lake=lake_flags(rows))
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
            "passes": bool(ok), "failing_items": [item_name_zh(k) for k in items],
            "failing_rounds": [{"date": day, "failing": str(text)} for day, text in
                               zip(mine["_date"], mine["failing_text"], strict=True)],
            "mean_failing": str(on_mean),
        })
    by_volume, missing_volume = _volume_share(rows, {str(r["source"]) for r in records if r["passes"]})
    return DrinkingCompliance(records, len(rows), int(per_sample["passes"].sum()), by_volume,
                              missing_volume, drinking_pass)


def _volume_share(rows: pd.DataFrame, passing: set[str]) -> tuple[float | None, int]:
    """% of the intake volume drawn from ``passing`` sources, and samples without a volume."""
    if "volume" not in rows or not rows["volume"].notna().any():
        return None, 0
    volume = pd.to_numeric(rows["volume"]).astype("float64")
    missing_volume = int(volume.isna().sum())
    total = float(volume.sum())
    if total <= 0:
        return None, missing_volume
    from_passing = rows["section"].isin(list(passing)).to_numpy()
    share = round_half_even_scalar(float(volume[from_passing].sum()) / total * 100,
                                   PERCENT_DECIMALS)
    return share, missing_volume


def source_rows(water: pd.DataFrame) -> pd.DataFrame:
    """The samples of drinking-water sources (none without the source column)."""
    if "source" not in water:
        return water.iloc[0:0]
    return water[water["source"].eq(True).to_numpy()]


# --- the adapter the registry calls: a target and the check's context ---------------------------


def measure_drinking_compliance(target: Target, ctx: MetricContext) -> Measurement:
    """``drinking.compliance_rate``: passing sources ÷ sources × 100, or the passing volume share."""
    if ctx.data.water is None:
        return Measurement(None, how=Text("how.no_input", {"kind": Text("kind.water")}))
    params: DrinkingParams = target.params_as(DrinkingParams)
    all_sources = source_rows(ctx.data.water)
    if all_sources.empty:
        return Measurement(None, how=Text("how.no_source"))
    rows = rows_in(all_sources, ctx.window.start, ctx.window.end)
    if rows.empty:
        return Measurement(None, how=Text("how.no_samples"))
    found = drinking_compliance_rate(rows, ctx.settings.water.below_detection_limit,
                                     ctx.settings.water.drinking_pass)
    n, passing = len(found.sources), found.passing
    months = sorted(set(rows["date"].dt.strftime("%Y-%m")))
    rule_text = Text("rule.every_round" if found.rule == "every_round" else "rule.mean")
    detail: dict[str, Any] = {
        "basis": params.basis, "pass_rule": found.rule, "by_count": found.by_count,
        "by_sample": found.by_sample,
        "by_volume": found.by_volume, "samples_without_volume": found.volume_missing,
        "below_detection_limit": ctx.settings.water.below_detection_limit,
        "sources": found.sources,
    }
    coverage = {"sources": n, "samples": found.samples, "months": months}
    if params.basis == "volume":
        how = parts(Text("how.volume_of", {"passing": passing, "n": n}), rule_text,
                    months_label(months))
        if found.by_volume is None:
            return Measurement(None, how=how, coverage=coverage, detail=detail,
                               insufficient=Text("reason.no_volume"))
        insufficient = (Text("reason.volume_missing", {"count": found.volume_missing})
                        if found.volume_missing else None)
        return Measurement(found.by_volume, how=how, insufficient=insufficient,
                           coverage=coverage, detail=detail)
    return Measurement(found.by_count, how=parts(Text("how.sources", {"passing": passing, "n": n}),
                                                 rule_text, months_label(months)),
                       coverage=coverage, detail=detail)
