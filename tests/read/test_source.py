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


# --- standard input, spooled -------------------------------------------------------------------

def _stdin(rows: int) -> bytes:
    return ("time,station,pm25\n" + "".join(
        f"2025-01-{1 + i // 24 % 28:02d} {i % 24:02d}:00,S{i // 672},{i % 97}\n"
        for i in range(rows)) + "2025-02-01 01:00,S0,x\n").encode("utf-8")


def test_a_large_standard_input_is_spooled_and_streamed(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped input of 1 MiB or more is kept in an anonymous temporary file (nothing left in
    the folder) and read by the bulk path as a file is, its rejected line read again."""
    import io

    from ecotarget.read import read_table, spooled

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    data = _stdin(50_000)
    assert len(data) > 2**20
    source = spooled(io.BytesIO(data), "-")
    assert source.data is None and source.size == len(data) and source.read() == data
    assert list(tmp_path.iterdir()) == []  # anonymous: the system deletes it
    table = read_table(source)
    assert table.reread is not None  # streamed, not held
    assert table.originals([50_002]) == {50_002: "2025-02-01 01:00,S0,x"}


def test_standard_input_stays_in_memory_without_a_temporary_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only /tmp, or a disk that fills while spooling: the bytes are kept in memory,
    whole."""
    import io
    import tempfile

    from ecotarget.read import source as source_module
    from ecotarget.read import spooled

    data = _stdin(200_000)

    def refused(buffering: int = -1) -> object:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    assert spooled(io.BytesIO(data), "-").data == data

    class Full(io.BytesIO):
        """A disk that takes 4 MiB and a half: one write short, then refusals."""

        def __init__(self, buffering: int = -1) -> None:
            super().__init__()

        def write(self, chunk: object) -> int:
            room = 2**22 + 2**19 - self.tell()
            if room <= 0:
                raise OSError(28, "No space left on device")
            return super().write(bytes(chunk)[:room])  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "TemporaryFile", Full)
    monkeypatch.setattr(source_module, "_CHUNK", 2**20)
    assert spooled(io.BytesIO(data), "-").data == data
