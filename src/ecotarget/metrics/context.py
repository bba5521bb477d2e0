"""What every metric function receives: the validated data and the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ecotarget.periods import Window
from ecotarget.targets import Settings


@dataclass(frozen=True)
class Dataset:
    """Accepted rows of every input, combined per kind (None: no input of that kind)."""

    ledger: pd.DataFrame | None = None
    air_hourly: pd.DataFrame | None = None
    air_daily: pd.DataFrame | None = None
    water: pd.DataFrame | None = None
    stations: tuple[str, ...] = ()

    def last_date(self) -> dt.date | None:
        """The last day any input covers (a ledger month counts to its last day)."""
        candidates: list[pd.Timestamp] = []
        if self.ledger is not None and len(self.ledger):
            last = pd.Period(self.ledger["period"].max(), freq="M")
            candidates.append(last.to_timestamp(how="end"))
        for frame, column in ((self.air_hourly, "date"), (self.air_daily, "date"),
                              (self.water, "date")):
            if frame is not None and len(frame) and column in frame:
                candidates.append(frame[column].max())
        valid = [c for c in candidates if pd.notna(c)]
        return max(valid).date() if valid else None


@dataclass(frozen=True)
class MetricContext:
    data: Dataset
    window: Window
    settings: Settings
    air_standard: str | None = None  # --air-standard overrides targets settings
    cache: dict[str, object] = field(default_factory=dict)  # shared work between targets
