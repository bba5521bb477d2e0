"""Command-line paths → sources: directories and the files in them that are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecotarget.errors import InputError
from ecotarget.read import expand_paths

# --- sources ---------------------------------------------------------------------------------


def test_directories_skip_excel_lock_files_and_dot_files(tmp_path: Path) -> None:
    (tmp_path / "ledger.csv").write_text("月份,指标,数值\n", encoding="utf-8")
    (tmp_path / "~$ledger.xlsx").write_bytes(b"\x00lock")
    (tmp_path / ".~lock.ledger.csv#").write_bytes(b"lock")
    (tmp_path / ".hidden.csv").write_bytes(b"x")
    (tmp_path / "notes.md").write_text("x")
    assert [Path(s.name).name for s in expand_paths([str(tmp_path)])] == ["ledger.csv"]
    (tmp_path / "ledger.csv").unlink()
    with pytest.raises(InputError, match=r"directory holds no \.csv, \.tsv, \.txt or \.xlsx file"):
        expand_paths([str(tmp_path)])
