"""Outputs never harm what is at their path: devices, FIFOs and symlinks stay what they are."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.cli.output import open_output, refuse_overwriting_inputs
from ecotarget.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
LEDGER = "period,indicator,value\n2025-01,各类培训期数,2\n"


def _write(path: str, text: str = "report\n") -> None:
    with open_output(path) as stream:
        stream.write(text)


def test_a_new_file_is_written(tmp_path: Path) -> None:
    _write(str(tmp_path / "r.txt"))
    assert (tmp_path / "r.txt").read_text() == "report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("old")
    path.chmod(0o640)
    _write(str(path))
    assert path.read_text() == "report\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError), open_output(str(path)) as stream:
        stream.write("half")
        raise RuntimeError("renderer failed")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    _write(str(link))
    assert link.is_symlink()
    assert target.read_text() == "report\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a character device needs root")
def test_a_character_device_is_written_in_place(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    _write(str(null))
    assert stat.S_ISCHR(null.stat().st_mode)


def test_dev_null_stays_a_device() -> None:
    _write(os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    _write(str(fifo), "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dash_is_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(tmp_path)
    _write("-")
    assert capsys.readouterr().out == "report\n"
    assert not (tmp_path / "-").exists()


def test_an_empty_path_is_a_message() -> None:
    with pytest.raises(UsageError, match="--rejects: the path is empty"), \
            open_output("", option="--rejects"):
        pass


def test_an_input_is_never_an_output(tmp_path: Path) -> None:
    data = tmp_path / "ledger.csv"
    data.write_text(LEDGER)
    with pytest.raises(UsageError, match=r"--rejects .*ledger.csv is also an input"):
        refuse_overwriting_inputs([str(data)], {"--output": None, "--rejects": str(data)})
    with pytest.raises(UsageError, match="--output and --rejects name the same file"):
        refuse_overwriting_inputs([str(data)], {"--output": str(tmp_path / "x"),
                                                "--rejects": str(tmp_path / "x")})


def test_check_refuses_to_overwrite_its_input_before_reading(tmp_path: Path) -> None:
    data = tmp_path / "ledger.csv"
    data.write_text(LEDGER)
    result = CliRunner().invoke(cli, ["check", str(data), "-o", str(data), "--lang", "en"])
    assert result.exit_code == 2
    assert "is also an input" in result.output
    assert data.read_text() == LEDGER


def test_sigterm_removes_the_temporary_and_exits_143(tmp_path: Path) -> None:
    # A process that stops inside the write: SIGTERM must leave only the old file.
    out = tmp_path / "r.json"
    out.write_text("old")
    script = (
        "import sys, time\n"
        "from ecotarget.cli.options import handle_errors, output_stream, raise_terminated\n"
        "@handle_errors\n"
        "def run():\n"
        f"    with output_stream({str(out)!r}) as s:\n"
        "        s.write('x' * 1000); s.flush(); print('writing', flush=True); time.sleep(30)\n"
        "import signal\n"
        "signal.signal(signal.SIGTERM, raise_terminated)\n"
        "run()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 143
    # no --lang and no targets file read: the default language, zh
    assert "ecotarget: 已终止" in err
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_a_file_read_from_an_input_folder_is_an_input(tmp_path: Path) -> None:
    data = tmp_path / "ledger.csv"
    data.write_text(LEDGER)
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "-o", str(data), "--lang", "en"])
    assert result.exit_code == 2
    assert "is also an input" in result.output
    assert data.read_text() == LEDGER
    # a new file in the folder is not an input yet, and a JSON file never is
    refuse_overwriting_inputs([str(tmp_path)], {"--output": str(tmp_path / "report.json")})
    refuse_overwriting_inputs([str(tmp_path)], {"--output": str(tmp_path / "new.csv")})
