"""The metrics a targets file may name: what each reads, the params it takes, what it computes.

Plain data, so that loading a targets file (and ``ecotarget --help``) does not import pandas.
The functions that compute each metric are in :mod:`ecotarget.metrics` (``MEASURES``), keyed
by the same names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ecotarget import params as p

InputKind = Literal["ledger", "air", "water"]


@dataclass(frozen=True)
class MetricSpec:
    """One metric: the input kind it reads, its params model, and what it computes."""

    name: str
    kind: InputKind
    params_model: type[BaseModel]
    description: str


METRICS: dict[str, MetricSpec] = {
    spec.name: spec
    for spec in (
        MetricSpec("ledger.ratio", "ledger", p.LedgerRatioParams,
                   "numerator indicators ÷ denominator indicators × 100 over the period"),
        MetricSpec("ledger.total", "ledger", p.LedgerIndicatorParams,
                   "an indicator's monthly figures combined over the period"),
        MetricSpec("ledger.latest", "ledger", p.LedgerIndicatorParams,
                   "an indicator's latest figure or grade in the period"),
        MetricSpec("ledger.milestone", "ledger", p.MilestoneParams,
                   "a deliverable reported done (value 1) by its due date"),
        MetricSpec("air.good_day_rate", "air", p.AirParams,
                   "days with AQI ≤ 100 ÷ valid days × 100 (HJ 633, HJ 663)"),
        MetricSpec("air.pm25_mean", "air", p.AirParams,
                   "mean of valid daily PM2.5 means, whole µg/m³ (HJ 663)"),
        MetricSpec("water.class_share", "water", p.WaterShareParams,
                   "share of sections at or better than a GB 3838 class"),
        MetricSpec("water.cwqi", "water", p.WaterCwqiParams,
                   "city water-quality index CWQI of the sections (环办监测〔2017〕51号)"),
        MetricSpec("drinking.compliance_rate", "water", p.DrinkingParams,
                   "share of drinking-water sources passing every round (GB 3838 III + Table 2)"),
    )
}


#: The roles a ledger indicator plays in a target's ``params``, in the order they are listed.
LEDGER_ROLES: tuple[str, ...] = ("indicator", "numerator", "denominator")


def ledger_indicators(metric: str, params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(role, indicator) for every ledger indicator a target of ``metric`` reads.

    The role is ``indicator`` (a total, a latest figure, a grade or a milestone),
    ``numerator`` or ``denominator`` (a ratio). Metrics of other kinds read no indicator.

    >>> ledger_indicators("ledger.ratio", {"numerator": ["a"], "denominator": ["b", "c"]})
    [('numerator', 'a'), ('denominator', 'b'), ('denominator', 'c')]
    >>> ledger_indicators("ledger.total", {"indicator": "x"}), ledger_indicators("air.pm25_mean", {})
    ([('indicator', 'x')], [])
    """
    spec = METRICS.get(metric)
    if spec is None or spec.kind != "ledger":
        return []
    found: list[tuple[str, str]] = []
    for role in LEDGER_ROLES:
        value = params.get(role)
        names = [value] if isinstance(value, str) else list(value or [])
        found.extend((role, str(name)) for name in names)
    return found
