"""Rows that share a key (station and hour, section and date, month and indicator)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.read.table import RawTable
from ecotarget.validate.table import Problems


def reject_duplicates(typed: pd.DataFrame, keys: list[str], table: RawTable,
                      problems: Problems, conflict: Text | None = None) -> None:
    """Same key twice: identical copies after the first are rejected as duplicates of it;
    rows that share a key but differ are all rejected (which one is right is not ours to
    guess). Whole columns at once: a file pasted twice has a million duplicate groups.

    ``conflict``: the message for rows that share a key but differ, when the cause is known
    to be elsewhere (see :func:`station_hint`)."""
    keys = [k for k in keys if k in typed]
    if not keys or typed.empty:
        return
    usable = typed[keys].notna().all(axis=1).to_numpy()  # an unreadable key is reported already
    dup = _duplicated_keys(typed, keys) & usable
    if not dup.any():
        return
    positions = np.flatnonzero(dup)
    subset = typed.iloc[positions].astype(object)
    groups = pd.DataFrame({
        "key": pd.util.hash_pandas_object(subset[keys], index=False).to_numpy(),
        # hashes compare whole rows without turning every cell into text
        "row": pd.util.hash_pandas_object(subset, index=False).to_numpy(),
        "pos": positions,
    })
    by_key = groups.groupby("key", sort=False)
    distinct = by_key["row"].transform("nunique").to_numpy()
    first = by_key["pos"].transform("min").to_numpy()
    last = by_key["pos"].transform("max").to_numpy()
    size = by_key["pos"].transform("size").to_numpy()
    lines = table.lines
    n = len(typed)

    copies = (distinct == 1) & (positions != first)
    first_line = dict(zip(positions[copies].tolist(), lines[first[copies]].tolist(), strict=True))
    mask = np.zeros(n, bool)
    mask[positions[copies]] = True
    problems.add(mask, keys[-1], lambda pos: Text("row.duplicate_of", {"line": first_line[pos]}))

    conflicting = distinct > 1
    if conflicting.any() and conflict is not None:
        mask = np.zeros(n, bool)
        mask[positions[conflicting]] = True
        problems.add(mask, keys[-1], conflict)
    elif conflicting.any():
        span = {p: (int(lines[a]), int(lines[b]), int(k)) for p, a, b, k in zip(
            positions[conflicting].tolist(), first[conflicting].tolist(),
            last[conflicting].tolist(), size[conflicting].tolist(), strict=True)}

        def message(pos: int) -> Text:
            a, b, k = span[pos]
            return Text("row.conflicting_two" if k == 2 else "row.conflicting_many",
                        {"first": a, "last": b, "count": k})

        mask = np.zeros(n, bool)
        mask[positions[conflicting]] = True
        problems.add(mask, keys[-1], message)


# Words in a header that suggest a station: 监测点位, 测点, 站名, 子站, site, station …
_STATION_WORDS = ("点", "站", "site", "station", "location")


def station_hint(table: RawTable) -> Text:
    """The message for an air file without a station column whose times repeat.

    Several stations in one file then look like conflicting duplicates; the cause is the
    missing station column, so the message names the ignored column most like a station.

    >>> import numpy as np, pandas as pd
    >>> def raw(unknown):
    ...     return RawTable("a.csv", "air", "utf-8", ",", [], pd.DataFrame(), np.zeros(0),
    ...                     {}, unknown_columns=unknown)
    >>> station_hint(raw(["备注", "监测点位"])).render("en")
    'no station column: is 监测点位 your station? (rows share a time; name the column 站点)'
    >>> station_hint(raw([])).render("en")
    'no station column, and rows share a time: add a 站点 column naming the station of each row'
    """
    names = [str(c) for c in table.unknown_columns if str(c).strip()]
    likely = [c for c in names if any(word in c.lower() for word in _STATION_WORDS)]
    if likely or names:
        return Text("row.no_station_named", {"column": (likely or names)[0]})
    return Text("row.no_station")


def _duplicated_keys(typed: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Rows whose key occurs more than once, from one int64 code per row: counting small
    integer codes (or hashing one integer column) is many times faster than hashing strings
    and timestamps together."""
    combined: np.ndarray | None = None
    size = 1
    for name in keys:
        codes, width = _key_codes(typed[name])
        if size > np.iinfo(np.int64).max // width:
            return typed.duplicated(keys, keep=False).to_numpy()  # too many keys to pack
        # in place: one array of millions of codes, not a new one per step
        if combined is None:
            combined = codes.astype(np.int64)
        else:
            combined *= width
            combined += codes
        combined += 1  # code -1 (missing) becomes 0
        size *= width
    if combined is None:
        return np.zeros(len(typed), dtype=bool)
    if size <= max(4 * len(combined), 2**20):  # a dense range: count, do not hash
        counts = np.bincount(combined, minlength=size)
        if counts.max(initial=0) <= 1:
            return np.zeros(len(combined), dtype=bool)
        return np.take(counts, combined) > 1
    return pd.Series(combined).duplicated(keep=False).to_numpy()


def _key_codes(column: pd.Series) -> tuple[np.ndarray, int]:
    """(code per row, from -1 for missing to width - 2; width): equal codes, equal values."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), len(column.cat.categories) + 1
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes, len(uniques) + 1
