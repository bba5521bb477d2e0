"""The metrics: functions over frames, and per metric name the adapter a check calls.

Each module holds functions named for what they compute (``good_day_rate(days, start,
end)``, ``ledger_ratio(...)``) that work on any frame (one station, one county, one month),
and thin adapters ``(Target, MetricContext) -> Measurement`` that apply them to a target.
``MEASURES`` maps the names of :data:`ecotarget.registry.METRICS` to those adapters.
"""

from __future__ import annotations

from collections.abc import Callable

from ecotarget.metrics import air_targets, drinking, ledger, water
from ecotarget.metrics.context import MetricContext
from ecotarget.report import Measurement
from ecotarget.targets import Target

Measure = Callable[[Target, MetricContext], Measurement]

MEASURES: dict[str, Measure] = {
    "ledger.ratio": ledger.measure_ratio,
    "ledger.total": ledger.measure_total,
    "ledger.latest": ledger.measure_latest,
    "ledger.milestone": ledger.measure_milestone,
    "air.good_day_rate": air_targets.good_day_rate,
    "air.pm25_mean": air_targets.pm25_mean,
    "water.class_share": water.measure_class_share,
    "water.cwqi": water.measure_cwqi,
    "drinking.compliance_rate": drinking.measure_drinking_compliance,
}
