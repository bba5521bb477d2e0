"""The metrics a targets file may name: what each reads, the params it takes, what it computes.

Plain data, so that loading a targets file (and ``ecotarget --help``) does not import pandas.
The functions that compute each metric are in :mod:`ecotarget.metrics` (``MEASURES``), keyed
by the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
