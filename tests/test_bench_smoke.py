"""A small smoke run of the benchmark script: it must run end to end and print its table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def test_bench_quick_run(tmp_path: Path) -> None:
    probe = subprocess.run([sys.executable, "-c", "import ecotarget"], capture_output=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if probe.returncode != 0:
        pytest.skip("ecotarget is not importable")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("machine: ")
    assert "| check 5 stations × 1 year: time |" in out
    assert "| AQI engine: 20,000 station-days |" in out
    assert "| ecotarget --version |" in out and "| ecotarget --help |" in out
    assert (tmp_path / "hourly-5.csv").stat().st_size > 100_000
