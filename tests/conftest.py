from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
TARGETS = ROOT / "config" / "targets.yaml"

MINIMAL_TARGETS = """\
plan: {year: 2025, region: 测试县, issuer: 测试局}
targets:
{targets}
"""


@pytest.fixture(scope="session")
def monthly_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small monthly-report inputs of tests/tables/monthly_inputs.py (January to March
    2025) and their targets file, written once for every test that only reads them."""
    # start-up: the xdist controller loads this file too, and runs no test
    from tests.tables.monthly_inputs import write_inputs

    return write_inputs(tmp_path_factory.mktemp("monthly-inputs"))


@pytest.fixture(scope="session")
def march_report(monthly_inputs: tuple[Path, Path]) -> Any:
    """The monthly report of :func:`monthly_inputs` compared to February: computed once for
    the tests of the model, the page and the workbook (each reads it, none changes it)."""
    # start-up: as above, pandas is not loaded where no test runs
    from ecotarget.pipeline import monthly_report
    from ecotarget.targets import load_targets

    data, targets = monthly_inputs
    return monthly_report([str(data)], load_targets(targets), compare_to="2025-02")


@pytest.fixture
def write_targets(tmp_path: Path):
    """Write a targets file with the given YAML list items and return its path."""

    def write(targets_yaml: str, header: str | None = None) -> Path:
        path = tmp_path / "targets.yaml"
        body = (header or MINIMAL_TARGETS).replace("{targets}", targets_yaml)
        path.write_text(body, encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_csv(tmp_path: Path):
    def write(text: str, name: str = "input.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if anything in it turned the system's /dev/null into a regular file."""
    import os
    import stat

    if os.path.exists(os.devnull) and not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        print(f"\n{os.devnull} is no longer a character device: a test replaced it")
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendered tables are as wide as without a terminal (120), whatever runs the tests."""
    monkeypatch.setenv("COLUMNS", "120")
