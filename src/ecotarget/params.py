"""The ``params`` each metric accepts in the targets file (strict, checked when it loads)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ecotarget.catalogue import Text
from ecotarget.errors import InvalidValue

Aggregate = Literal["sum", "latest"]
#: the water classes a share may count up to
CLASSES = ("I", "II", "III", "IV", "V")


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(_Params):
    """Metrics that take no parameters."""


class AirParams(_Params):
    standard: Literal["auto", "2012", "2026"] | None = Field(
        default=None, description="AQI edition for this target; default: settings.air.standard"
    )


class LedgerRatioParams(_Params):
    numerator: list[str] = Field(min_length=1)
    denominator: list[str] = Field(min_length=1)
    aggregate: Aggregate = "sum"
    denominator_aggregate: Aggregate | None = None
    pace: bool = False

    @property
    def denominator_rule(self) -> Aggregate:
        return self.denominator_aggregate or self.aggregate


class LedgerIndicatorParams(_Params):
    indicator: str = Field(min_length=1)
    aggregate: Aggregate = "sum"
    scale: list[str] | None = Field(default=None, min_length=2)

    @field_validator("scale")
    @classmethod
    def _distinct(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and len(set(value)) != len(value):
            raise InvalidValue(Text("spec.scale_distinct"))
        return value


class MilestoneParams(_Params):
    indicator: str = Field(min_length=1)


Level = Literal["national", "provincial", "municipal", "county"]


class WaterShareParams(_Params):
    levels: list[Level] = Field(min_length=1)
    max_class: str = "III"
    expected: int | None = Field(default=None, ge=1)
    sections: list[str] | None = None

    @field_validator("max_class")
    @classmethod
    def _roman(cls, value: str) -> str:
        if value not in CLASSES:
            raise InvalidValue(Text("spec.one_of", {"allowed": CLASSES, "value": repr(value)}))
        return value


class WaterCwqiParams(_Params):
    levels: list[Level] = Field(min_length=1)


class DrinkingParams(_Params):
    basis: Literal["count", "volume"] = "count"
