"""Water metrics (placeholder until the engine lands)."""

from __future__ import annotations

from ecotarget.metrics.context import MetricContext
from ecotarget.report import Measurement
from ecotarget.targets import Target


def class_share(target: Target, ctx: MetricContext) -> Measurement:
    return Measurement(None, how="no water input")


def cwqi(target: Target, ctx: MetricContext) -> Measurement:
    return Measurement(None, how="no water input")


def drinking_compliance(target: Target, ctx: MetricContext) -> Measurement:
    return Measurement(None, how="no water input")
