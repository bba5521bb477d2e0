"""Peak memory within 3× the input's size plus the interpreter (bench/memory.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _ratios(tmp_path: Path, command: str, *options: str) -> dict[str, float]:
    """Input name → (peak − the interpreter's) / size of ``command`` (bench/memory.py)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "memory.py"), "--commands", command,
         "--out", str(tmp_path), "--json", *options],
        capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path)
    rows = json.loads(result.stdout.splitlines()[-1])
    return {row["input"]: float(row["ratio"]) for row in rows}


def test_validate_a_32_mib_input_within_3_times_its_size(tmp_path: Path) -> None:
    """Measured 2.43× on 30.4 MiB (4.75× before the bytes were streamed into Arrow's
    reader, 2.85× before Arrow's freed blocks were returned ahead of validation)."""
    ratios = _ratios(tmp_path, "validate", "--sizes", "32", "--no-huge", "--no-exports",
                     "--network-days", "0")
    assert list(ratios) == ["hourly-89.csv"]
    assert ratios["hourly-89.csv"] <= 3.0


def test_check_a_32_mib_input_within_3_times_its_size(tmp_path: Path) -> None:
    """Measured 2.80× on 30.4 MiB (it was 3.71× while the validated tables kept the reader's
    cells and lines, and the allocators kept what reading had freed)."""
    ratios = _ratios(tmp_path, "check", "--sizes", "32", "--no-huge", "--no-exports",
                     "--network-days", "0")
    assert ratios["hourly-89.csv"] <= 3.0


@pytest.mark.parametrize("command", ["validate", "check"])
def test_exports_national_files_and_a_huge_value(tmp_path: Path, command: str) -> None:
    """The 32 MiB hourly file as GBK (Excel), with every text cell quoted (R) and on a
    pipe, 8 days of national long files and one 64 MiB value; the median of 3 runs each.
    Check measured 2.53×, 2.63×, 2.84×, 2.28× and 1.82× (on the 16 MiB forms GBK was 4.9×
    and quoted 10.3×, read whole as bytes and text; the pipe 3.25×, held in memory; the
    national days 10.2×, a text object per cell; the huge value 9.0×, parsed whole). The
    16 MiB forms measure 2.7-2.9× for check, one run in a busy CI 3.04×: too near the bound
    for a test that must not fail on noise (bench/README.md)."""
    ratios = _ratios(tmp_path, command, "--sizes", "32", "--huge", "64")
    assert set(ratios) == {"hourly-89.csv", "gbk-hourly-89.csv", "quoted-hourly-89.csv",
                           "hourly-89.csv on stdin", "network-8", "huge-value-64.csv"}
    assert {name: ratio for name, ratio in ratios.items() if ratio > 3.0} == {}
