"""``ecotarget template``: blank inputs with the exact headers, and the round trip
template → fill in → ``check`` accepting every row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from ecotarget.cli.main import cli
from ecotarget.read import Source, read_table
from ecotarget.tables.template import AIR_HEADER, LEDGER_HEADER, MILESTONE_NOTE, WATER_HEADER
from ecotarget.validate import ITEM_KEYS
from tests.conftest import TARGETS

BOM = b"\xef\xbb\xbf"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_ledger_template_has_every_indicator_for_every_month() -> None:
    result = run("template", "ledger", "--targets", str(TARGETS))
    assert result.exit_code == 0, result.output
    assert not result.output.startswith("\ufeff")  # no BOM on stdout
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["月份", "指标", "数值", "地区", "备注"]
    # the bundled targets read 46 distinct indicators: 46 × 12 months = 552 rows
    assert len(rows) == 1 + 46 * 12
    assert rows[1] == ["2025-01", "一般工业固废综合利用量", "", "平湖市", ""]
    assert rows[-1][0] == "2025-12" and rows[-1][1] == "省控空气站站点设备更换完成"
    assert rows[-1][4] == MILESTONE_NOTE
    notes = {row[1]: row[4] for row in rows[1:]}
    assert notes["赛马比拼档次"] == "档次：D、C、B、A（由低到高）"
    assert notes["培训期数"] == ""
    assert {row[2] for row in rows[1:]} == {""}  # values blank


def test_year_option() -> None:
    rows = list(csv.reader(io.StringIO(run("template", "ledger", "--year", "2024").output)))
    assert {row[0] for row in rows[1:]} == {f"2024-{m:02d}" for m in range(1, 13)}


def test_a_file_is_utf8_with_bom(tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    result = run("template", "ledger", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr == f"ecotarget: wrote {out}: ledger template, 552 rows of 2025 to fill in\n"
    chinese = run("template", "ledger", "-o", str(out))  # the targets file's settings.lang
    assert chinese.stderr == f"ecotarget: 已写入 {out}：台账模板，2025 年 552 行待填\n"
    data = out.read_bytes()
    assert data.startswith(BOM + "月份,指标".encode())


def test_the_round_trip_is_accepted_row_for_row(tmp_path: Path) -> None:
    blank = tmp_path / "blank.csv"
    assert run("template", "ledger", "-o", str(blank)).exit_code == 0
    with blank.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    for row in rows[1:]:  # fill every value as a user would
        row[2] = "1" if row[4] == MILESTONE_NOTE else "B" if row[1] == "赛马比拼档次" else "12.5"
    filled = tmp_path / "ledger-2025.csv"
    with filled.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(rows)
    result = run("check", str(filled), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    (summary,) = json.loads(result.stdout)["inputs"]
    assert summary["rows_read"] == summary["rows_accepted"] == 552
    assert summary["rows_rejected"] == summary["rows_unused"] == 0
    assert result.stderr == ""  # no rejected row, no warning


def test_air_and_water_headers_map_to_every_column() -> None:
    for kind, header in (("air", AIR_HEADER), ("water", WATER_HEADER)):
        result = run("template", kind)
        assert result.output == ",".join(header) + "\n"
        table = read_table(Source(f"{kind}.csv", result.output.encode()))
        assert table.kind == kind and table.unknown_columns == []
        assert len(table.source_columns) == len(header)
    water = read_table(Source("w.csv", ",".join(WATER_HEADER).encode()))
    assert set(ITEM_KEYS) <= set(water.source_columns)  # every GB 3838 item has its column
    assert LEDGER_HEADER == ("月份", "指标", "数值", "地区", "备注")


def test_filled_air_and_water_rows_are_accepted(tmp_path: Path) -> None:
    air = tmp_path / "air.csv"
    air.write_text(",".join(AIR_HEADER) + "\n2025-03-01 01:00,甲,35,60,8,30,0.8,50\n",
                   encoding="utf-8-sig")
    water = tmp_path / "water.csv"
    items = ",".join(["15.2", "7.5", "8", *["0.1"] * 20, "200", *["10"] * 5])
    water.write_text(",".join(WATER_HEADER) + f"\n甲断面,国控,河流,Ⅲ,否,2025-03-05,{items},\n",
                     encoding="utf-8-sig")
    result = run("validate", str(air), str(water), "--format", "json")
    assert result.exit_code == 0, result.output
    inputs = json.loads(result.output)["inputs"]
    assert [(i["kind"], i["rows_accepted"], i["rows_rejected"]) for i in inputs] == [
        ("air", 1, 0), ("water", 1, 0)]
