"""RawTable.released: what a validated table keeps of the reader's table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecotarget.read import RawTable


def _table(**extra: object) -> RawTable:
    # header on line 1; rows on lines 2, 3 and 4, the row on line 3 spanning lines 3-4
    return RawTable(path="a.csv", kind="air", encoding="utf-8", delimiter=",",
                    header=["time", "pm25"], frame=pd.DataFrame({"pm25": ["1", "x", "3"]}),
                    lines=np.array([2, 3, 5]), source_columns={"pm25": "pm25"}, **extra)


def test_keeps_only_the_originals_asked_for_and_no_rows() -> None:
    raw_lines = ["time,pm25", "t1,1", 't2,"x', 'y"', "t3,3"]
    released = _table(raw_lines=raw_lines, spans={3: 2}).released([3])
    assert released.rows == 0 and len(released.lines) == 0
    assert released.raw_lines is None and released.spans == {}
    # the spanning row's two lines, exactly as they were; no other line is kept
    assert released.originals([2, 3, 5]) == {3: 't2,"x\ny"'}
    assert released.original(2) == ""
    assert released.header == ["time", "pm25"] and released.delimiter == ","


def test_a_large_file_still_reads_its_lines_again() -> None:
    asked: list[list[int]] = []

    def reread(wanted: object) -> dict[int, str]:
        asked.append(sorted(wanted))  # type: ignore[call-overload]
        return {n: f"line {n}" for n in wanted}  # type: ignore[attr-defined]

    released = _table(reread=reread).released([3])
    assert released.rows == 0
    assert released.originals([5, 3]) == {3: "line 3", 5: "line 5"} and asked == [[3, 5]]
