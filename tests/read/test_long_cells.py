"""A national long file's cells as codes: the line-by-line split agrees with the general parser."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ecotarget.read import Source, read_table
from ecotarget.read import long_cells as long_module
from ecotarget.read.table import RawTable
from ecotarget.validate import validate_table
from tests.conftest import SAMPLES

ODD = {
    # a blank row as Excel writes it, a marker, an empty cell, a type never read
    "blank-and-markers": "date,hour,type,1001A,2001A\n20250101,0,PM2.5,30,—\n,,,,\n"
                         "20250101,0,CO,0.5,\n20250101,0,O3_8h,9,9\n20250101,1,PM2.5,NA,31\n",
    # a column without a name that holds values, and a code written twice
    "unnamed-and-twice": "date,hour,type,1001A,,1001A,2001A\n20250101,0,PM2.5,30,7,31,40\n"
                         "20250101,1,PM2.5,33,,34,41\n",
    # a line with a cell too many (only the general parser reads it, and names it)
    "too-many": "date,hour,type,1001A\n20250101,0,PM2.5,30\n20250101,1,PM2.5,31,9\n",
    "quoted": 'date,hour,type,1001A\n20250101,0,"PM2.5",30\n20250101,1,PM2.5,31\n',
}


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, *, split: bool) -> tuple[RawTable, bool]:
    """The table read with or without the split, and whether the split read it."""
    taken: list[bool] = []
    original = long_module._split

    def spy(*args: object) -> object:
        cells = original(*args) if split else None  # type: ignore[arg-type]
        taken.append(cells is not None)
        return cells

    with monkeypatch.context() as patch:
        patch.setattr(long_module, "_split", spy)
        table = read_table(Source(str(path)))
    return table, any(taken)


def _same(one: RawTable, other: RawTable) -> None:
    pd.testing.assert_frame_equal(one.frame.astype(object), other.frame.astype(object))
    assert np.array_equal(one.lines, other.lines)
    assert {k: str(v) for k, v in one.malformed.items()} == {
        k: str(v) for k, v in other.malformed.items()}
    assert [str(n) for n in one.notes] == [str(n) for n in other.notes]
    assert {k: v.tolist() for k, v in one.column_lines.items()} == {
        k: v.tolist() for k, v in other.column_lines.items()}
    validated, general = validate_table(one), validate_table(other)
    assert [(e.line, e.column, e.message) for e in validated.errors] == [
        (e.line, e.column, e.message) for e in general.errors]
    pd.testing.assert_frame_equal(validated.frame, general.frame)


@pytest.mark.parametrize(("day", "by_split"), [
    ("20250101", True),  # CRLF, two columns without a name
    ("20250102", False),  # no final newline: the general parser judges the last line
    ("20250103", False),  # the last line cut short
])
def test_the_sample_long_files_are_read_by_split_as_by_the_parser(
        day: str, by_split: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLES / "network" / "long" / f"china_sites_{day}.csv"
    with_split, taken = _read(path, monkeypatch, split=True)
    general, _ = _read(path, monkeypatch, split=False)
    assert taken is by_split
    _same(with_split, general)


@pytest.mark.parametrize(("name", "by_split"), [
    ("blank-and-markers", True), ("unnamed-and-twice", True), ("too-many", False),
    ("quoted", False)])
def test_odd_long_files_agree_whichever_reads_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   name: str, by_split: bool) -> None:
    path = tmp_path / "china_sites_20250101.csv"
    path.write_text(ODD[name], encoding="utf-8")
    with_split, taken = _read(path, monkeypatch, split=True)
    general, _ = _read(path, monkeypatch, split=False)
    assert with_split.layout == "network-long" and taken is by_split
    _same(with_split, general)


def test_the_cells_are_codes_not_a_text_per_cell(tmp_path: Path) -> None:
    """1,000 station columns × 48 lines of the same few values: codes and a few texts."""
    codes = [f"{1001 + i}A" for i in range(1000)]
    lines = ["date,hour,type," + ",".join(codes)]
    for hour in range(24):
        lines.append(f"20250101,{hour},PM2.5," + ",".join(str(30 + i % 7) for i in range(1000)))
        lines.append(f"20250101,{hour},CO," + ",".join("0.5" for _ in codes))
    cells = long_module.long_cells(lines, 1, ",", 1003, ends_with_newline=True)
    assert cells.codes.shape == (48, 1000) and cells.codes.dtype == np.int32
    assert sorted(cells.texts) == ["", "0.5", *(str(30 + i) for i in range(7))]
