"""Duplicate keys: identical copies keep the first, conflicting rows are all rejected."""

from __future__ import annotations

import pandas as pd

from tests.validate.helpers import errors, validate

# --- duplicates ------------------------------------------------------------------------------


def test_identical_duplicates_keep_the_first() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,3\n2025-02,培训期数,2\n2025-01,培训期数,3\n"
                     "2025-01,培训期数,3.0\n")
    assert errors(table) == [(4, "指标", "培训期数", "duplicate of line 2"),
                             (5, "指标", "培训期数", "duplicate of line 2")]
    assert table.frame["_line"].tolist() == [2, 3]


def test_conflicting_duplicates_are_all_rejected() -> None:
    table = validate("月份,指标,数值\n2025-01,培训期数,3\n2025-01,培训期数,4\n2025-02,培训期数,2\n"
                     "2025-03,培训期数,1\n2025-03,培训期数,1\n2025-03,培训期数,5\n")
    assert errors(table) == [
        (2, "指标", "培训期数", "conflicting duplicates (lines 2, 3): keep one and fix the others"),
        (3, "指标", "培训期数", "conflicting duplicates (lines 2, 3): keep one and fix the others"),
        (5, "指标", "培训期数",
         "conflicting duplicates (lines 5, …, 7: 3 rows): keep one and fix the others"),
        (6, "指标", "培训期数",
         "conflicting duplicates (lines 5, …, 7: 3 rows): keep one and fix the others"),
        (7, "指标", "培训期数",
         "conflicting duplicates (lines 5, …, 7: 3 rows): keep one and fix the others"),
    ]
    assert table.frame["_line"].tolist() == [4]


def test_same_station_and_hour_is_a_duplicate_other_stations_are_not() -> None:
    table = validate("时间,站点,PM2.5\n2025-01-01 01:00,A,35\n2025-01-01 01:00,B,40\n"
                     "2025-01-01 01:00,A,35\n2025-01-01 01:00,B,41\n")
    assert errors(table) == [
        (3, "时间", "2025-01-01 01:00", "conflicting duplicates (lines 3, 5): keep one and fix "
                                        "the others"),
        (4, "时间", "2025-01-01 01:00", "duplicate of line 2"),
        (5, "时间", "2025-01-01 01:00", "conflicting duplicates (lines 3, 5): keep one and fix "
                                        "the others"),
    ]


def test_a_file_pasted_twice_is_checked_as_a_whole_not_group_by_group() -> None:
    hours = pd.date_range("2025-01-01 01:00", periods=20_000, freq="h").strftime("%Y-%m-%d %H:%M")
    body = "\n".join(f"{h},平湖,{i % 90}" for i, h in enumerate(hours))
    table = validate("时间,站点,PM2.5\n" + body + "\n" + body + "\n")
    assert table.rows_read == 40_000 and table.rows_rejected == 20_000
    assert table.errors[0].message == "duplicate of line 2"
    assert table.errors[-1].line == 40_001
    assert table.errors[-1].message == "duplicate of line 20001"
