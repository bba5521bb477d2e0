"""The national automatic water-station release: its header variants and its three time forms.

Excel serials worked out by hand: serial 1 is 1900-01-01 and Excel counts a 1900-02-29
that never was, so serial 0 stands for 1899-12-30. From 1899-12-30 to 1900-01-01: 2 days;
1900 to 2025: 125 years of 365 days = 45 625, plus 31 leap days (1904 … 2024; 1900 is none)
= 45 656; so 2025-01-01 is 45 658, and 2025-07-01, 181 days later (31+28+31+30+31+30),
is 45 839. 4:00 is 4/24 = 0.1666… of a day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ecotarget.errors import InputError
from ecotarget.read import Source, read_table
from ecotarget.read.water_release import RELEASE, month_day_time, serial_time, year_in_name
from tests.read.helpers import read

ROW = "7.5,6.2,3.1,0.42,0.085,1.6,正常"
ITEMS_HALF = "pH(无量纲),溶氧量(mg/L),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),站点情况"
ITEMS_FULL = ("pH（无量纲）,溶解氧（mg/L）,高锰酸盐指数（mg/L）,氨氮（mg/L）,总磷（mg/L）,"
              "总氮（mg/L）,站点情况")


def test_the_serial_epoch_is_excel_s() -> None:
    # the hand count in the module docstring, checked against the calendar
    assert (dt.date(2025, 7, 1) - dt.date(1899, 12, 30)).days == 45839
    assert serial_time("45839") == "2025-07-01 00:00"
    assert serial_time("45839.1666666667") == "2025-07-01 04:00"
    assert serial_time("45839.8333333333") == "2025-07-01 20:00"


@pytest.mark.parametrize("header", [
    f"省份,流域,断面名称,监测时间,水质类别,{ITEMS_FULL}",
    f"省份,流域,断面名称,监测时间,水质类别,{ITEMS_HALF}",
    f"断面名称,监测时间,水质类别,{ITEMS_FULL}",
    f"断面名称,监测时间,水质类别,{ITEMS_HALF}",
    f"断面名称 ,监测时间,水质类别,水温（℃）,{ITEMS_HALF},电导率（μS/cm）,浊度（NTU）,叶绿素α,藻密度",
])
def test_every_header_variant_is_the_release(header: str) -> None:
    province = "浙江省,太湖流域," if header.startswith("省份") else ""
    extra = ",28.1" if "水温" in header else ""
    tail = ",512,20.1,0.01,1000" if "藻密度" in header else ""
    row = f"{province}胜利桥,2025-07-01 04:00,Ⅱ{extra},{ROW}{tail}"
    table = read(f"{header}\n{row}\n")
    assert table.kind == "water"
    assert table.layout == RELEASE
    assert {"section", "date", "published_class", "status", "ph", "do", "codmn", "nh3n",
            "tp", "tn"} <= set(table.frame.columns)
    if province:
        assert {"province", "basin"} <= set(table.frame.columns)


def test_kind_water_still_forces_it() -> None:
    table = read(f"断面名称,监测时间,水质类别,{ITEMS_HALF}\nA,2025-07-01 04:00,Ⅱ,{ROW}\n",
                 kind="water")
    assert (table.kind, table.layout) == ("water", RELEASE)


def test_a_manual_water_file_is_not_the_release() -> None:
    table = read("断面名称,采样日期,溶解氧\nA,2025-07-01,6.2\n")
    assert table.layout is None
    assert table.frame["date"].tolist() == ["2025-07-01"]


@pytest.mark.parametrize(("name", "year", "day"), [
    ("水质自动监测_20250701.csv", 2025, dt.date(2025, 7, 1)),
    ("2025-07-01.xlsx", 2025, dt.date(2025, 7, 1)),
    ("2025年7月.csv", 2025, None),  # 7 is no two-digit month: the year alone
    ("release-2024.csv", 2024, None),
    ("dir/2023/export.csv", None, None),  # only the file's own name counts
    ("export-20251301.csv", None, None),  # month 13: no date, and 20251301 holds no year
])
def test_year_in_name(name: str, year: int | None, day: dt.date | None) -> None:
    assert year_in_name(name) == (year, day)


def test_month_day_times_take_the_year_of_the_file_name() -> None:
    header = f"断面名称,监测时间,水质类别,{ITEMS_HALF}"
    table = read(f"{header}\nA,07-01 04:00,Ⅱ,{ROW}\nA,7/1 8:00,Ⅱ,{ROW}\n",
                 name="水质自动监测_20250701.csv")
    assert table.frame["date"].tolist() == ["2025-07-01 04:00", "2025-07-01 08:00"]
    assert any("read in 2025 (from the file's name)" in str(note) for note in table.notes)


def test_year_option_wins_over_the_name() -> None:
    header = f"断面名称,监测时间,水质类别,{ITEMS_HALF}"
    table = read(f"{header}\nA,07-01 04:00,Ⅱ,{ROW}\n", name="export-2024.csv", year=2025)
    assert table.frame["date"].tolist() == ["2025-07-01 04:00"]
    assert any("read in 2025 (--year)" in str(note) for note in table.notes)


def test_a_month_day_half_a_year_after_the_name_s_date_is_the_year_before() -> None:
    # a file of 2025-01-01 holds the evening of 2024-12-31: 12-31 in 2025 would be 364 days
    # after the file's date (> 183), so it is 2024-12-31
    header = f"断面名称,监测时间,水质类别,{ITEMS_HALF}"
    table = read(f"{header}\nA,12-31 20:00,Ⅱ,{ROW}\nA,01-01 00:00,Ⅱ,{ROW}\n",
                 name="20250101.csv")
    assert table.frame["date"].tolist() == ["2024-12-31 20:00", "2025-01-01 00:00"]
    # Jan–Jun hold 31+28+31+30+31+30 = 181 days: 07-03 is 183 days after 01-01, not more
    # than 183, so the same year; 07-04 is 184 days after, so the year before
    assert month_day_time("07-03 00:00", 2025, dt.date(2025, 1, 1)) == "2025-07-03 00:00"
    assert month_day_time("07-04 00:00", 2025, dt.date(2025, 1, 1)) == "2024-07-04 00:00"


def test_a_month_day_without_any_year_is_one_clear_message() -> None:
    header = f"断面名称,监测时间,水质类别,{ITEMS_HALF}"
    with pytest.raises(InputError) as caught:
        read(f"{header}\nA,07-01 04:00,Ⅱ,{ROW}\n", name="export.csv")
    message = str(caught.value)
    assert message.startswith("export.csv: 监测时间 is written without a year")
    assert "'07-01 04:00'" in message and "pass --year YYYY" in message


def test_serial_numbers_in_a_csv() -> None:
    header = f"断面名称,监测时间,水质类别,{ITEMS_HALF}"
    table = read(f"{header}\nA,45839.1666666667,Ⅱ,{ROW}\nA,45839.3333333333,Ⅱ,{ROW}\n")
    assert table.frame["date"].tolist() == ["2025-07-01 04:00", "2025-07-01 08:00"]
    assert any("Excel serial numbers" in str(note) for note in table.notes)


@pytest.mark.parametrize("text", ["2025", "20250701", "123", "45839.5abc", "99999"])
def test_numbers_that_are_no_serial_stay_as_written(text: str) -> None:
    # 99999 is 2173-10-14: beyond 2100, no release's date
    assert serial_time(text) is None


@pytest.mark.parametrize("date_format", [None, "yyyy-mm-dd hh:mm"])
def test_serial_numbers_in_a_workbook(tmp_path: Path, date_format: str | None) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["断面名称", "监测时间", "水质类别", "pH(无量纲)", "溶氧量(mg/L)", "站点情况"])
    sheet.append(["A", 45839 + 4 / 24, "Ⅱ", 7.5, 6.2, "正常"])
    if date_format:  # the same number shown as a date: openpyxl hands over a datetime
        sheet["B2"].number_format = date_format
    path = tmp_path / "release.xlsx"
    book.save(path)
    table = read_table(Source(str(path)))
    assert (table.kind, table.layout) == ("water", RELEASE)
    shown = table.frame["date"].tolist()[0]
    assert shown.startswith("2025-07-01 04:00")
