"""Validation of the national automatic water-station release: 站点情况, 水质类别, missing
markers and data flags, one key per sample time, and the targets file's sections."""

from __future__ import annotations

import pandas as pd
import pytest

from ecotarget.validate import ValidationContext
from tests.validate.helpers import errors, validate

HEADER = "断面名称,监测时间,水质类别,pH(无量纲),溶氧量(mg/L),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),站点情况"


def test_samples_of_a_station_not_running_normally_are_accepted_and_left_out() -> None:
    table = validate(f"""{HEADER}
A,2025-07-01 00:00,Ⅱ,7.5,6.2,3.1,0.42,0.085,正常
A,2025-07-01 04:00,*,*,*,*,*,*,维护
A,2025-07-01 08:00,*,--,--,--,--,--,不具备运行条件
A,2025-07-01 12:00,*,abc,-5,,,,停运
A,2025-07-01 16:00,Ⅲ,7.4,5.9,3.3,0.51,0.09,
""")
    # the 停运 row's "abc" and -5 are not checked: a sample not assessed is in no figure
    assert errors(table) == []
    assert (table.rows_read, table.rows_accepted, table.rows_rejected) == (5, 5, 0)
    assert table.rows_not_assessed == 3
    # only the normal samples (正常, and the empty status) are in the frame
    assert table.frame["time"].dt.strftime("%H:%M").tolist() == ["00:00", "16:00"]
    assert "assessed" not in table.frame
    note = next(str(n) for n in table.notes if "not assessed" in str(n))
    assert note.startswith("3 samples not assessed (站点情况 not 正常: ")
    assert all(f"{word} 1" in note for word in ("维护", "不具备运行条件", "停运"))


def test_published_classes_in_every_spelling() -> None:
    rows = [("Ⅰ", 1), ("Ⅱ", 2), ("Ⅲ", 3), ("Ⅳ", 4), ("Ⅴ", 5), ("劣Ⅴ", 6), ("I", 1), ("II", 2),
            ("III", 3), ("IV", 4), ("V", 5), ("劣V", 6), ("*", None), ("", None)]
    body = "\n".join(f"A,2025-07-01 {hour:02d}:00,{text},7.5,6.2,3.1,0.42,0.085,正常"
                     for hour, (text, _) in enumerate(rows))
    table = validate(f"{HEADER}\n{body}\n")
    got = [None if pd.isna(v) else int(v) for v in table.frame["published_class"]]
    assert got == [code for _, code in rows]


def test_a_published_class_that_is_none_is_noted_never_rejected() -> None:
    table = validate(f"{HEADER}\nA,2025-07-01 00:00,Ⅵ,7.5,6.2,3.1,0.42,0.085,正常\n")
    assert errors(table) == [] and table.rows_accepted == 1
    assert pd.isna(table.frame["published_class"][0])
    assert any("水质类别: 1 cells that are no class (e.g. 'Ⅵ')" in str(n) for n in table.notes)


@pytest.mark.parametrize("marker", ["*", "--", "", "—", "0.61D", "7.2(M)", "0.9 F", "3.1*",
                                    "0.5T", "0.5[C]", "0.5B"])
def test_missing_markers_and_flagged_values_are_missing_never_zero(marker: str) -> None:
    table = validate(f"{HEADER}\nA,2025-07-01 00:00,Ⅱ,7.5,{marker},3.1,0.42,0.085,正常\n")
    assert errors(table) == []
    assert pd.isna(table.frame["do"][0])
    assert not table.frame["do__bdl"][0]


def test_l_is_the_detection_limit_not_a_flag() -> None:
    table = validate(f"{HEADER}\nA,2025-07-01 00:00,Ⅱ,7.5,6.2,3.1,0.025L,0.085,正常\n")
    assert bool(table.frame["nh3n__bdl"][0]) and table.frame["nh3n__dl"][0] == 0.025


def test_a_flag_outside_the_release_is_still_an_error() -> None:
    # a county's manual file: 0.61D is a typo there, as before
    table = validate("断面名称,采样日期,溶解氧\nA,2025-07-01,0.61D\n")
    assert [e[1:3] for e in errors(table)] == [("溶解氧", "0.61D")]


def test_six_samples_a_day_are_one_key_each_and_a_repeated_time_is_a_duplicate() -> None:
    # lines 2–7 are the six samples of 07-01; line 8 repeats 20:00 with another DO: both
    # 20:00 lines are rejected, the five others accepted
    rows = "\n".join(f"A,2025-07-01 {h:02d}:00,Ⅱ,7.5,6.2,3.1,0.42,0.085,正常"
                     for h in (0, 4, 8, 12, 16, 20))
    table = validate(f"{HEADER}\n{rows}\nA,2025-07-01 20:00,Ⅱ,7.5,6.3,3.1,0.42,0.085,正常\n")
    assert table.rows_accepted == 5
    assert errors(table) == [
        (line, "监测时间", "2025-07-01 20:00",
         "conflicting duplicates (lines 7, 8): keep one and fix the others") for line in (7, 8)]


SECTIONS = {"A": {"level": "national", "waterbody": "lake", "target_class": 2},
            "B": {"level": "provincial", "waterbody": None, "target_class": None}}


def test_the_targets_file_s_sections_fill_what_the_release_lacks() -> None:
    table = validate(f"""{HEADER}
A,2025-07-01 00:00,Ⅱ,7.5,6.2,3.1,0.42,0.085,正常
B,2025-07-01 00:00,Ⅱ,7.5,6.2,3.1,0.42,0.085,正常
C,2025-07-01 00:00,Ⅱ,7.5,6.2,3.1,0.42,0.085,正常
""", ValidationContext(sections=SECTIONS))
    frame = table.frame
    assert frame["level"].tolist() == ["national", "provincial", None]
    # B's and C's waterbody are given nowhere: river, as for any file without one
    assert frame["waterbody"].tolist() == ["lake", "river", "river"]
    assert [None if pd.isna(v) else int(v) for v in frame["target_class"]] == [2, None, None]
    assert "2 rows without waterbody: taken as river" in [str(n) for n in table.notes]


def test_the_file_s_own_attributes_win_over_the_targets_file() -> None:
    table = validate("断面名称,断面级别,水体类型,水质目标,采样日期,溶解氧\n"
                     "A,市控,河流,III,2025-07-01,6.2\nA,,,,2025-07-02,6.2\n",
                     ValidationContext(sections=SECTIONS))
    frame = table.frame
    assert frame["level"].tolist() == ["municipal", "national"]
    assert frame["waterbody"].tolist() == ["river", "lake"]
    assert [int(v) for v in frame["target_class"]] == [3, 2]
