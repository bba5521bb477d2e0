"""Validation through the command line: the row account, rejects, and literal output."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from ecotarget.cli import cli
from tests.conftest import TARGETS

# --- through the command line ----------------------------------------------------------------


def test_out_of_period_rows_are_counted_not_rejected(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值\n2022-05,培训期数,9\n2024-03,培训期数,1\n2025-01,培训期数,3\n"
                      "2030-01,培训期数,7\n2025-02,培训期数,x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(ledger), "--targets", str(TARGETS),
                                      "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)["inputs"]
    assert (summary["rows_read"], summary["rows_accepted"], summary["rows_rejected"],
            summary["rows_out_of_period"]) == (5, 4, 1, 2)
    trainings = next(r for r in json.loads(result.stdout)["results"] if r["id"] == "trainings")
    # 2022 and 2030 are not counted; 2024 is the baseline year, outside the 2025 sum
    assert (trainings["actual"], trainings["detail"]["rows"]) == (3, 1)


def test_rejects_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "ledger.csv"
    source.write_text(
        "平湖市台账,,,\n月份,指标,数值,备注\n2025-01,培训期数,3,\n2025-02,培训期数,two,打字错误\n"
        '2025-13,培训期数,1,"多行\n备注"\n2025-04,培训期数,2,多,余\n', encoding="gbk")
    rejects = tmp_path / "rejects.csv"
    result = CliRunner().invoke(cli, ["validate", str(source), "--targets", str(TARGETS),
                                      "--rejects", str(rejects), "--lang", "en"])
    assert result.exit_code == 1
    written = rejects.read_text(encoding="utf-8")
    assert written.splitlines() == [
        "月份,指标,数值,备注,reason",
        "2025-02,培训期数,two,打字错误,数值: not a number (text is accepted only as a grade on a "
        "target's scale)",
        '2025-13,培训期数,1,"多行',
        '备注",月份: not a month: write YYYY-MM (e.g. 2025-03)',
        "2025-04,培训期数,2,多,余,月份: malformed row: 5 fields where the header has 4: a "
        "delimiter inside a value? quote the value or remove the extra delimiter",
    ]
    # the bureau fixes the cells, deletes the reason column, and feeds the file back
    fixed = written.replace("two", "2").replace("2025-13", "2025-03").replace("多,余", "多余")
    frame = pd.read_csv(pd.io.common.StringIO(fixed), dtype=str, keep_default_na=False)
    refed = tmp_path / "fixed.csv"
    frame.drop(columns="reason").to_csv(refed, index=False)
    again = CliRunner().invoke(cli, ["validate", str(refed), "--targets", str(TARGETS),
                                     "--format", "json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["inputs"][0]["rows_accepted"] == 3


def test_rich_markup_in_inputs_is_printed_literally(tmp_path: Path) -> None:
    air = tmp_path / "[blue]air.csv"
    air.write_text("时间,站点,PM2.5,[bold]备注[/bold]\n"
                   "2025-01-01 01:00,[red]x[/red],[red]x[/red],\n"
                   "2025-01-01 02:00,[red]x[/red],35,[green]note[/green],extra\n", encoding="utf-8")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("月份,指标,数值,备注\n2025-01,培训期数,[b]3[/b],[red]x[/red]\n"
                      "2025-02,培训期数,1,[red]x[/red],extra\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(air), str(ledger), "--targets",
                                      str(TARGETS)], env={"COLUMNS": "400"})
    assert result.exit_code == 1
    out = result.stdout
    assert f"│ {air} " in out  # the file name with its brackets
    assert "[bold]备注[/bold]" in out  # an ignored header cell
    assert "│ [red]x[/red] " in out  # the value of a cell
    # malformed rows show their original text: the station name and the note as written
    assert "2025-01-01 02:00,[red]x[/red],35,[green]note[/green],extra" in out
    assert "2025-01,培训期数,[b]3[/b],[red]x[/red]" not in out  # not a malformed row
    assert "│ [b]3[/b] " in out
    assert "2025-02,培训期数,1,[red]x[/red],extra" in out
