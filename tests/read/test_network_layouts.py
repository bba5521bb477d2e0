"""The network's long layout read on its own: rows every cell of which is missing are no rows.

``ecotarget.read.network`` keeps its own copy of the missing markers until the single list
lands in ``ecotarget.schemas``; this guards the copy against drifting from validation's.
"""

from __future__ import annotations

import pytest

from ecotarget.read.network import find_long_header, read_long
from ecotarget.schemas import MISSING_MARKERS


@pytest.mark.parametrize("marker", sorted(MISSING_MARKERS))
def test_a_station_hour_of_missing_markers_is_no_row(marker: str) -> None:
    for spelling in {marker, marker.upper(), marker.title()}:
        lines = ["date,hour,type,1001A,1002A", f"20250101,1,PM2.5,{spelling},30",
                 f"20250101,1,PM10,{spelling},50"]
        header = find_long_header(lines)
        assert header is not None
        table = read_long("day.csv", "utf-8", lines, header, ends_with_newline=True)
        assert table.frame["station"].tolist() == ["1002A"], spelling
        assert table.lines.tolist() == [2]


def test_a_type_given_twice_rejects_its_hour() -> None:
    lines = ["date,hour,type,1001A", "20250101,1,PM2.5,30", "20250101,1,PM2.5,31",
             "20250101,2,PM2.5,32"]
    header = find_long_header(lines)
    assert header is not None
    table = read_long("day.csv", "utf-8", lines, header, ends_with_newline=True)
    assert table.frame["time"].tolist() == ["2025-01-01 01:00", "2025-01-01 02:00"]
    assert {k: v.render("en") for k, v in table.malformed.items()} == {
        0: "PM2.5 is given twice for 2025-01-01 01:00 (lines 2 and 3): keep one"}
    assert table.malformed[0].render("zh") == (
        "2025-01-01 01:00 的 PM2.5 出现了两次（第 2、3 行）：请保留一行")
    assert table.lines.tolist() == [3, 4]
