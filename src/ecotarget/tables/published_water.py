"""The national automatic water-station release's published classes against ecotarget's own.

The release publishes a class (水质类别) for each 4-hour sample. It never enters a figure;
``ecotarget water --compare-published`` lists the samples where ecotarget's own class of the
same values (:func:`ecotarget.standards.water.sample_classes`: pH, DO, CODMn, NH3-N, TP,
worst item decides, lake TP limits for lakes and reservoirs) differs, and counts the
agreement over the samples that have a published class.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.errors import InputError
from ecotarget.metrics.water_sections import BelowDlRule, item_values, lake_flags, rows_in
from ecotarget.standards.rounding import round_half_even_scalar
from ecotarget.standards.water import RELEASE_ITEMS, sample_classes
from ecotarget.validate import LINE, ValidatedTable

#: The columns of :attr:`WaterComparison.samples`, in order.
COLUMNS = ("section", "time", "published", "ecotarget", "deciding", "agree", "path", "line")


@dataclass(frozen=True)
class WaterComparison:
    """Every sample with a published class, beside ecotarget's class of it.

    ``samples``: one row per such sample, columns :data:`COLUMNS`; ``published`` and
    ``ecotarget`` are classes 1..6 (6 = 劣V; ``ecotarget`` <NA> when no classed item was
    measured), ``deciding`` the item keys at ecotarget's class.
    """

    samples: pd.DataFrame

    @property
    def compared(self) -> int:
        """Samples that have a published class."""
        return len(self.samples)

    @property
    def agreeing(self) -> int:
        """Samples whose published class is ecotarget's."""
        return int(self.samples["agree"].sum())

    @property
    def disagreements(self) -> pd.DataFrame:
        """The samples whose classes differ, in time order."""
        return self.samples[~self.samples["agree"].to_numpy(dtype=bool)].reset_index(drop=True)

    @property
    def percent(self) -> float | None:
        """Agreeing samples in percent, one decimal (GB/T 8170); None when none compared."""
        if not self.compared:
            return None
        return round_half_even_scalar(self.agreeing / self.compared * 100, 1)


def compare_published_classes(tables: Sequence[ValidatedTable], rule: BelowDlRule = "half",
                              period: tuple[dt.date, dt.date] | None = None
                              ) -> WaterComparison:
    """Compare each published class with ecotarget's class of the same sample.

    Only assessed samples are compared (a sample whose station did not run normally was
    left out by validation); a sample without a published class (``*``, empty) is not
    counted. ``period``: only the samples dated within it (``--period``). A
    below-detection-limit value stands for ``rule`` (DL/2 by default), which
    for these items always lies in class I or II. :class:`InputError` when no water input
    has a published class column.
    """
    frames = [t.frame.assign(_path=t.path) for t in tables
              if t.kind == "water" and "published_class" in t.frame]
    if not frames:
        raise InputError(Text("input.no_published_class"))
    rows = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if period is not None:
        rows = rows_in(rows, *period)
    rows = rows[rows["published_class"].notna().to_numpy()].reset_index(drop=True)
    values = item_values(rows, rule)
    classes, deciding = sample_classes(
        {key: values[key].to_numpy(dtype=np.float64) for key in RELEASE_ITEMS if key in values},
        lake=lake_flags(rows))
    published = rows["published_class"].astype("Int64")
    # NaN (no classed item measured) becomes <NA>
    ours = pd.Series(classes, index=rows.index).round().astype("Int64")
    times = rows["time"] if "time" in rows else rows["date"]
    samples = pd.DataFrame({
        "section": rows["section"].astype(str), "time": times,
        "published": published, "ecotarget": ours,
        "deciding": pd.Series(deciding, index=rows.index, dtype=object),
        "agree": (published.to_numpy(dtype="float64", na_value=np.nan) == classes),
        "path": rows["_path"], "line": rows[LINE],
    }, columns=list(COLUMNS))
    return WaterComparison(samples.sort_values(["time", "section"], kind="stable",
                                               ignore_index=True))


__all__ = ["COLUMNS", "WaterComparison", "compare_published_classes"]
