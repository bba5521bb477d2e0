"""The national automatic water-station release's own columns (``layout == "water-release"``).

* ``站点情况``: a sample whose station did not run normally (维护, 不具备运行条件, 停运 …) is
  not assessed: it is accepted, counted, and left out of every figure. 正常 or an empty
  cell is a normal sample.
* ``水质类别``: the class the release published, kept as ``published_class`` (Int64 1..6,
  ``<NA>`` for ``*`` or an empty cell) beside ecotarget's own, for ``ecotarget water
  --compare-published`` only.
* a value with a trailing data flag (``0.52D``, ``7.1(M)``): the automatic station's
  flags of HJ 212 (D fault, F stopped, M maintenance, C calibration, T above the range,
  B communication) mark a value that is not valid: it is missing, never a number. ``L``
  is not a flag: ``0.02L`` is below the detection limit of 0.02, as in manual data.
* ``监测时间``: each sample's time is kept (``time``), since a section has six samples a day.
"""

from __future__ import annotations

import re

import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.standards.water import parse_class
from ecotarget.validate.cells import fold, is_missing, parse_datetimes

#: The 站点情况 of a sample that is assessed.
NORMAL_STATUS = "正常"
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
#: A value followed by an HJ 212 data flag (not L, the detection-limit mark), or by "*".
FLAGGED = re.compile(rf"^{_NUMBER}\s*(?:[(\[]\s*[BCDFMT*]\s*[)\]]|[BCDFMT*])$", re.IGNORECASE)


def assessed_samples(status: pd.Series) -> tuple[pd.Series, list[Text]]:
    """Whether each sample is assessed (站点情况 正常 or empty), and a note of the others.

    >>> flags, notes = assessed_samples(pd.Series(["正常", "维护", "", "停运", "维护"]))
    >>> flags.tolist()
    [True, False, True, False, False]
    >>> notes[0].render("en")[:44]
    '3 samples not assessed (站点情况 not 正常: 维护 2, 停'

    """
    folded = fold(status)
    assessed = (folded == NORMAL_STATUS) | is_missing(folded)
    if assessed.all():
        return assessed, []
    counts = folded[~assessed].value_counts(sort=True)
    shown = tuple(Text("note.status_count", {"word": word, "count": count})
                  for word, count in counts.items())
    return assessed, [Text("note.not_assessed", {"n": int((~assessed).sum()),
                                                 "normal": NORMAL_STATUS, "counts": shown})]


def published_classes(values: pd.Series, header: str) -> tuple[pd.Series, list[Text]]:
    """The published 水质类别 as Int64 1..6 (``<NA>``: none published), and a note of the
    cells that are no class (compared as none; they never reject a sample, which the
    figures use whatever the publisher wrote).

    >>> classes, notes = published_classes(pd.Series(["Ⅱ", "劣Ⅴ", "III", "*", "", "VI"]), "水质类别")
    >>> classes.tolist(), [note.render("en") for note in notes]
    ([2, 6, 3, <NA>, <NA>, <NA>], ["水质类别: 1 cells that are no class (e.g. 'VI'): compared as none"])
    """
    folded = fold(values)
    missing = is_missing(folded)
    table: dict[str, float] = {}
    for text in pd.unique(folded[~missing]):
        try:
            table[text] = float(parse_class(text))
        except ValueError:
            table[text] = float("nan")
    codes = folded.where(~missing, None).map(table).astype("float64")
    unreadable = codes.isna() & ~missing
    notes = []
    if unreadable.any():
        notes.append(Text("note.no_class_cells", {
            "header": header, "n": int(unreadable.sum()),
            "example": repr(str(values[unreadable].iloc[0]).strip())}))
    return codes.astype("Int64"), notes


def unflagged(values: pd.Series) -> tuple[pd.Series, int]:
    """The cells with a trailing data flag blanked (missing), and how many there were.

    >>> cells, count = unflagged(pd.Series(["0.52D", "7.1(M)", "0.02L", "3.4", "1.2*"]))
    >>> cells.tolist(), count
    (['', '', '0.02L', '3.4', ''], 3)
    """
    folded = fold(values)
    flagged = folded.str.match(FLAGGED)
    if not flagged.any():
        return values, 0
    return folded.where(~flagged, ""), int(flagged.sum())


def sample_times(dates: pd.Series) -> pd.Series:
    """Each sample's time (datetime64) from the raw 监测时间 cells; NaT where unreadable
    (the date column's own check rejects those rows)."""
    return parse_datetimes(dates)[0].astype("datetime64[ns]")


__all__ = ["FLAGGED", "NORMAL_STATUS", "assessed_samples", "published_classes",
           "sample_times", "unflagged"]
