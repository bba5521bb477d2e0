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


@pytest.mark.xfail(strict=True, reason="not met yet: a 32 MiB hourly CSV peaks at 4.7× its "
                                       "size above the interpreter (bench/memory.py)")
def test_validate_a_32_mib_input_within_3_times_its_size(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "memory.py"), "--sizes", "32", "--no-huge",
         "--commands", "validate", "--out", str(tmp_path), "--json"],
        capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path)
    rows = json.loads(result.stdout.splitlines()[-1])
    assert len(rows) == 1 and rows[0]["size"] > 30 * 2**20
    assert rows[0]["ratio"] <= 3.0, rows
