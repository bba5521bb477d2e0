"""Helpers shared by the reading tests: bytes as an export holds them → a RawTable."""

from __future__ import annotations

from ecotarget.read import RawTable, Source, read_table


def read(data: str | bytes, name: str = "in.csv", **kwargs: object) -> RawTable:
    """Read ``data`` (text is encoded as UTF-8) as the file ``name`` would be read."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_table(Source(name, raw), **kwargs)  # type: ignore[arg-type]


def cells(table: RawTable) -> list[list[str]]:
    """The table's cells, row by row."""
    return table.frame.to_numpy().tolist()
