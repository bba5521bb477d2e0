"""The metric registry: metric name → what it needs and the function that computes it.

The registry is plain data so that loading a targets file (and ``ecotarget --help``) does
not import pandas; the computing function is imported only when a check runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ecotarget.metrics import params as p

InputKind = Literal["ledger", "air", "water"]


@dataclass(frozen=True)
class MetricSpec:
    """One metric: the input kind it reads, its params model, and where its function lives."""

    name: str
    kind: InputKind
    params_model: type[BaseModel]
    function: str  # "module:function", imported on first use
    description: str

    def load(self) -> Callable[..., Any]:
        module, _, attr = self.function.partition(":")
        func: Callable[..., Any] = getattr(importlib.import_module(module), attr)
        return func


def _spec(name: str, kind: InputKind, model: type[BaseModel], function: str, text: str) -> MetricSpec:
    return MetricSpec(name, kind, model, f"ecotarget.metrics.{function}", text)


METRICS: dict[str, MetricSpec] = {
    spec.name: spec
    for spec in (
        _spec("ledger.ratio", "ledger", p.LedgerRatioParams, "ledger:measure_ratio",
              "numerator indicators ÷ denominator indicators × 100 over the period"),
        _spec("ledger.total", "ledger", p.LedgerIndicatorParams, "ledger:measure_total",
              "an indicator's monthly figures combined over the period"),
        _spec("ledger.latest", "ledger", p.LedgerIndicatorParams, "ledger:measure_latest",
              "an indicator's latest figure or grade in the period"),
        _spec("ledger.milestone", "ledger", p.MilestoneParams, "ledger:measure_milestone",
              "a deliverable reported done (value 1) by its due date"),
        _spec("air.good_day_rate", "air", p.AirParams, "air_targets:good_day_rate",
              "days with AQI ≤ 100 ÷ valid days × 100 (HJ 633, HJ 663)"),
        _spec("air.pm25_mean", "air", p.AirParams, "air_targets:pm25_mean",
              "mean of valid daily PM2.5 means, whole µg/m³ (HJ 663)"),
        _spec("water.class_share", "water", p.WaterShareParams, "water:measure_class_share",
              "share of sections at or better than a GB 3838 class"),
        _spec("water.cwqi", "water", p.WaterCwqiParams, "water:measure_cwqi",
              "city water-quality index CWQI of the sections (环办监测〔2017〕51号)"),
        _spec("drinking.compliance_rate", "water", p.DrinkingParams, "drinking:measure_drinking_compliance",
              "share of drinking-water sources passing every round (GB 3838 III + Table 2)"),
    )
}
