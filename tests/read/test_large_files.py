"""The bulk path for large files must read exactly what the general path reads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ecotarget.errors import InputError
from ecotarget.read import Source, read_table
from ecotarget.read import bulk as bulk_reader
from ecotarget.validate import TIME_CODE, validate_table

pytestmark = pytest.mark.slow

CASES = {
    "plain": "时间,站点,PM2.5,PM10,SO2,NO2,CO,O3\n"
             "2025-01-01 01:00,A,30,50,5,20,0.6,40\n2025-01-01 02:00,A,,—,-,NA,0.7,41\n"
             "2025-01-01 03:00,A,31, 52 ,5,21,0.8,無\n",
    "bom-crlf-blank": "\ufefftime,station,pm25,o3\r\n2025-01-01 01:00,A,30,40\r\n\r\n"
                      "2025-01-01 02:00,B,-5,41\r\n,,,\r\n2025-01-01 03:00,B,3100,42\r\n",
    "title-row": "平湖市空气质量小时数据\ntime,station,pm25,co\n2025-01-01 01:00,A,30,800\n"
                 "2025-01-01 01:00,A,30,800\n2025-01-01 02:00,A,abc,0.5\n",
    "trailing-empty-lines": "time,station,pm25\n2025-01-01 01:00,A,30\n\n\n",
    "no-final-newline": "time,station,pm25\n2025-01-01 01:00,A,30\n2025-01-01 02:00,A,31",
    "ledger": "月份,指标,数值\n2025-01,培训期数,2\n2025-02,培训期数,3\n",
    # full-width and ASCII spellings of one station fold to one: the second row duplicates
    "full-width": "time,station,pm25\n2025-01-01 01:00,Ａ１,30\n2025-01-01 01:00,A1,30\n"
                  "2025-01-01 02:00, A1 ,31\n2025-01-01 02:30,A1,31\n,B,\nsoon,B,3\n",
    "date-hour": "日期,小时,站点,PM2.5\n2025-01-01,1,A,30\n2025-01-01,,A,31\n2025-01-01,2,A,x\n",
    "daily": "日期,PM2.5,PM10,臭氧8小时\n2025-01-01,30,50,90\n2025-01-02,31,,91\n"
             "2025-01-02,31,,91\n2025年1月3日,-,40,#DIV/0!\n",
    "blank-after-title": "平湖市小时数据\n\ntime,station,pm25\n\n2025-01-01 01:00,A,30\n\n"
                         "2025-01-01 02:00,A,31\n",
    "network-wide": "timepoint,stationcode,positionname,area,pm2_5,pm10,o3,o3_8h,co\n"
                    "2025-01-02 10:00:00,1001A,东城,北京市,72,94,22,14,0.8\n"
                    "2025-01-02 10:00:00,1002A,西城,北京市,—,77,21,14,0.8\n",
    "water": "断面名称,断面级别,水质目标,采样日期,pH,溶解氧,高锰酸盐指数,氨氮,总磷\n"
             "金丝娘桥,国控,Ⅲ,2024-01-08,7.77,8.1,4.3,0.742,0.140\n"
             "山塘桥,国控,Ⅲ,2024-01-09,7.28,8.3,3.9,0.025L,<0.01\n"
             "山塘桥,国控,Ⅲ,2024-01-09,7.28,8.3,3.9,0.025L,<0.01\n"
             "黄姑,国控,Ⅱ,2024-13-10,15,8.1,3.7,0.821,0.139\n",
    # R's write.csv quotes every text cell; Excel quotes a cell with a comma
    "quoted": '"时间","站点","PM2.5","PM10","CO"\n"2025-01-01 01:00","A, east",30,"1,234",0.6\n'
              '"2025-01-01 02:00","A, east","",—,"0.7"\n"2025-01-01 03:00","B","x",52,\n'
              '"2025-01-01 03:00","B","x",52,\n',
    "quoted-bom-crlf": '\ufeff"月份","指标","数值","备注"\r\n"2025-01","危险废物产生量",'
                       '"12,947.3","含 HW08, HW49"\r\n"2025-02","危险废物产生量","",""\r\n',
}


def _read(path: Path) -> tuple[object, ...]:
    raw = read_table(Source(str(path)))
    table = validate_table(raw)
    return raw, table


@pytest.mark.parametrize("name", sorted(CASES))
def test_bulk_path_agrees_with_the_general_path(tmp_path: Path, name: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(CASES[name].encode("utf-8"))
    general_raw, general = _read(path)
    monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)
    bulk_raw, bulk = _read(path)
    assert bulk_raw.reread is not None  # the bulk path was taken
    assert (bulk.rows_read, bulk.rows_rejected) == (general.rows_read, general.rows_rejected)
    assert [(e.line, e.column, e.message) for e in bulk.errors] == [
        (e.line, e.column, e.message) for e in general.errors]
    frame = bulk.frame
    if TIME_CODE in frame:  # each row's index into the distinct timestamps: the row's own
        assert bulk.distinct_times is not None
        times = bulk.distinct_times.to_numpy()[frame[TIME_CODE].to_numpy()]
        assert np.array_equal(times, frame["time"].to_numpy())
        frame = frame.drop(columns=TIME_CODE)
    pd.testing.assert_frame_equal(frame, general.frame, check_dtype=False)
    assert np.array_equal(bulk_raw.lines, general_raw.lines)
    rejected = [bulk_raw.original(e.line) for e in bulk.errors]
    assert rejected == [general_raw.original(e.line) for e in general.errors]


def test_bulk_path_is_taken_for_a_plain_large_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_text("time,station,pm25\n2025-01-01 01:00,A,30\n", encoding="utf-8")
    monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)
    raw = read_table(Source(str(path)))
    assert raw.reread is not None and raw.frame["pm25"].dtype == np.float64


@pytest.mark.parametrize("text", [
    'time,station,pm25\n2025-01-01 01:00,"A ""east""",30\n',  # a doubled quote
    'time,station,pm25\n2025-01-01 01:00,"A\neast",30\n',  # a quoted cell spanning lines
    'time,station,pm25\n2025-01-01 01:00, "A",30\n',  # a space before the opening quote
    'time,station,pm25\n2025-01-01 01:00,A"east,30\n',  # a quote inside an unquoted cell
    'time,station,pm25\n2025-01-01 01:00,"A"x,30\n',  # text after the closing quote
    'time,station,pm25\n2025-01-01 01:00,A,30\n2025-01-01 02:00,"A,31\n',  # never closed
    "time,station,pm25\n2025-01-01 01:00,A,30,99\n",  # too many fields
    "time,station,pm25\r2025-01-01 01:00,A,30\r",  # old Mac line breaks
])
def test_unusual_files_fall_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 text: str) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(text, encoding="utf-8", newline="")
    monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)
    assert read_table(Source(str(path))).reread is None


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_gbk_and_utf16_files_take_the_bulk_path_as_utf8(tmp_path: Path, encoding: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel's GBK (and UTF-16) exports: read re-encoded as UTF-8, with the file's own
    encoding reported and its original lines shown for a rejected row."""
    path = tmp_path / "export.csv"
    text = ("时间,站点,PM2.5\n2025-01-01 01:00,平湖,30\n2025-01-01 02:00,平湖,三十\n"
            "2025-01-01 03:00,嘉兴,31\n")
    path.write_bytes(text.encode(encoding))
    general_raw, general = _read(path)
    monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)
    bulk_raw, bulk = _read(path)
    assert general_raw.reread is None and bulk_raw.reread is not None
    expected = "gb18030" if encoding == "gbk" else "utf-16"
    assert bulk_raw.encoding == general_raw.encoding == expected
    assert bulk.frame["station"].tolist() == ["平湖", "嘉兴"]
    assert [(e.line, e.column, e.value) for e in bulk.errors] == [
        (e.line, e.column, e.value) for e in general.errors] == [(3, "PM2.5", "三十")]
    assert bulk_raw.original(3) == general_raw.original(3) == "2025-01-01 02:00,平湖,三十"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_a_large_gbk_or_quoted_file_is_streamed_never_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:
    """Excel's GBK export and R's quoted cells: read from the disk block by block (GBK
    transcoded by Arrow as it reads), never as the whole file's bytes and text at once,
    which cost 4.9× (GBK) and 10× (quoted) a 17 MiB file's size; the rows are the general
    path's."""
    path = tmp_path / "export.csv"
    text = ('"时间","站点名称","PM2.5","CO"\n"2025-01-01 01:00","平湖, 东湖",30,0.6\n'
            '"2025-01-01 02:00","平湖, 东湖","三十",0.7\n"2025-01-01 03:00","嘉兴",31,0.8\n')
    path.write_bytes(text.encode(encoding))
    general_raw, general = _read(path)
    monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)

    def whole(self: Source) -> bytes:
        raise AssertionError(f"{self.name} read whole")

    monkeypatch.setattr(Source, "read", whole)
    bulk_raw, bulk = _read(path)
    assert bulk_raw.reread is not None
    assert bulk_raw.encoding == general_raw.encoding == ("gb18030" if encoding == "gbk"
                                                         else "utf-8")
    assert bulk.frame["station"].tolist() == ["平湖, 东湖", "嘉兴"]
    assert [(e.line, e.column, e.value) for e in bulk.errors] == [
        (e.line, e.column, e.value) for e in general.errors] == [(3, "PM2.5", "三十")]
    assert bulk_raw.original(3) == general_raw.original(3) == text.splitlines()[2]


def test_a_check_of_the_samples_is_the_same_on_either_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: the sample files through the bulk reader give the report the general
    path gives, figure for figure."""
    from ecotarget.pipeline import CheckOptions, check
    from ecotarget.render.json import report_document
    from ecotarget.targets import load_targets

    root = Path(__file__).resolve().parents[2]
    paths = [str(p) for p in sorted((root / "data" / "samples").glob("*.csv"))]
    options = CheckOptions(today=__import__("datetime").date(2025, 11, 5))
    targets = load_targets(root / "config" / "targets.yaml")
    general = report_document(check(paths, targets, options))
    taken = []
    original = bulk_reader.read_large

    def spy(*args: object, **kwargs: object) -> object:
        table = original(*args, **kwargs)  # type: ignore[arg-type]
        taken.append(table is not None)
        return table

    monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)
    monkeypatch.setattr(bulk_reader, "read_large", spy)
    bulk = report_document(check(paths, targets, options))
    # every sample went through the bulk reader, the ledger's "12,947.3" quoted as Excel
    # quotes it too
    assert dict(zip([Path(p).name for p in paths], taken, strict=True)) == {
        "air-hourly-2024.csv": True, "air-hourly-2025.csv": True, "ledger-2025.csv": True,
        "water-2025.csv": True}
    assert bulk == general


def test_a_large_file_of_mixed_encodings_is_refused_as_the_general_path_refuses_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("时间,站点,PM2.5\n2025-01-01 01:00,平湖,30\n".encode()
                     + "2025-01-01 02:00,嘉兴,31\n".encode("gbk"))
    with pytest.raises(InputError) as general:
        read_table(Source(str(path)))
    monkeypatch.setattr(bulk_reader, "LARGE_FILE_BYTES", 0)
    with pytest.raises(InputError) as bulk:
        read_table(Source(str(path)))
    assert str(bulk.value) == str(general.value) and "line 3" in str(bulk.value)


@pytest.mark.parametrize(("chunks", "unusual"), [
    ([b"a\r", b"\nb\r\n"], False),  # CRLF cut between two reads
    ([b"a\r", b"b\n"], True),  # a lone CR at the end of one read
    ([b"a\rb\n"], True),
    ([b"a,b\n", b'"c"\n'], False),  # a quoted cell in a later read
    ([b'a,"b', b'",c\n'], False),  # a quoted cell cut between two reads
    ([b'a,"b"', b"c\n"], True),  # text after a closing quote, in the next read
    ([b'a,"b', b'\nc"\n'], True),  # a quoted cell going on to the next line
    ([b'a,"b'], True),  # never closed
    ([b'\xef\xbb\xbf"a",b\n'], False),  # the byte order mark before the first quote
    ([b"a\x00\n"], True),
    ([b"a\r\n", b"b\r\n"], False),
])
def test_the_streamed_bytes_stop_at_what_only_the_general_path_reads(
        chunks: list[bytes], unusual: bool) -> None:
    """The bulk path streams the file in blocks; a NUL, a lone carriage return or a quote
    other than a whole quoted cell in any block (one cut between two blocks included) hands
    the file to the general path."""
    import io as _io

    class Reads(_io.RawIOBase):
        def __init__(self) -> None:
            self.left = list(chunks)

        def read(self, size: int = -1) -> bytes:
            return self.left.pop(0) if self.left else b""

    checked = bulk_reader.CheckedStream(Reads())
    while checked.read(4):
        pass
    assert checked.unusual is unusual


def test_a_file_larger_than_the_threshold_is_streamed(tmp_path: Path) -> None:
    """Above 1 MiB a plain file takes the bulk path, read in blocks from the disk: the rows,
    line numbers and the last row are those of the file (2 + 50,000 lines)."""
    path = tmp_path / "air.csv"
    rows = "".join(f"2025-01-{1 + i // 24 % 28:02d} {i % 24:02d}:00,S{i // 672},{i % 97}\n"
                   for i in range(50_000))
    path.write_text("平湖市\ntime,station,pm25\n" + rows, encoding="utf-8")
    assert path.stat().st_size > bulk_reader.LARGE_FILE_BYTES
    raw = read_table(Source(str(path)))
    assert raw.reread is not None and len(raw.frame) == 50_000
    assert raw.lines[0] == 3 and raw.lines[-1] == 50_002
    assert raw.frame["pm25"].iloc[-1] == 49_999 % 97
    assert raw.original(50_002) == rows.splitlines()[-1]
