"""Air metrics (placeholder until the engine lands)."""

from __future__ import annotations

from typing import Any

from ecotarget.metrics.context import MetricContext
from ecotarget.report import Measurement
from ecotarget.targets import Target


def prepare_air(tables: Any, spec: Any, options: Any) -> tuple[Any, Any]:
    raise NotImplementedError


def good_day_rate(target: Target, ctx: MetricContext) -> Measurement:
    return Measurement(None, how="no air input")


def pm25_mean(target: Target, ctx: MetricContext) -> Measurement:
    return Measurement(None, how="no air input")
