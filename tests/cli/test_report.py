"""``ecotarget report``: options, the output file, and the page in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ecotarget.cli import cli
from ecotarget.cli.report import report_format
from ecotarget.errors import UsageError
from tests.tables.monthly_inputs import write_inputs


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return write_inputs(tmp_path_factory.mktemp("report-cli"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_format_follows_the_extension() -> None:
    assert report_format("r.html", None) == "html"
    assert report_format("R.HTM", None) == "html"
    assert report_format("r.xlsx", None) == "xlsx"
    assert report_format("r.data", "html") == "html"
    assert report_format("-", None) == "html"
    with pytest.raises(UsageError, match=r"name a \.html or \.xlsx file"):
        report_format("r.pdf", None)
    with pytest.raises(UsageError, match="workbook"):
        report_format("-", "xlsx")


def test_writes_the_page(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    data, targets = inputs
    out = tmp_path / "report.html"
    code, _, stderr = run(str(data), "--targets", str(targets), "--lang", "en", "-o", str(out))
    assert code == 0, stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Testshire 2025" in page
    # a failed run leaves no temporary file beside it
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_output_is_required_and_checked(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    data, targets = inputs
    code, _, stderr = run(str(data), "--targets", str(targets))
    assert code == 2 and "--output" in stderr
    code, _, stderr = run(str(data), "--targets", str(targets), "-o", str(tmp_path / "r.pdf"),
                          "--lang", "en")
    assert code == 2 and "name a .html or .xlsx file" in stderr
    code, _, stderr = run(str(data), "--targets", str(targets), "-o", "r.html",
                          "--compare-to", "2025-13")
    assert code == 2 and "2025-13" in stderr
    assert not (tmp_path / "r.pdf").exists()


def test_an_input_is_never_the_output(inputs: tuple[Path, Path]) -> None:
    data, targets = inputs
    code, _, stderr = run(str(data / "air.csv"), "--targets", str(targets), "-o",
                          str(data / "air.csv"), "--format", "html", "--lang", "en")
    assert code == 2 and "is also an input" in stderr


def test_html_on_stdout(inputs: tuple[Path, Path]) -> None:
    data, targets = inputs
    code, stdout, stderr = run(str(data), "--targets", str(targets), "-o", "-")
    assert code == 0, stderr
    assert stdout.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in stdout


def test_an_xlsx_name_writes_a_workbook(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    data, targets = inputs
    out = tmp_path / "report.xlsx"
    code, _, stderr = run(str(data), "--targets", str(targets), "-o", str(out))
    assert code == 0, stderr
    assert out.read_bytes()[:2] == b"PK"  # a zip: an .xlsx


# --- in a browser ---------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(page: Path, png: Path, profile: Path, height: int) -> str:
    """Open ``page`` in headless Chromium, offline, and save a screenshot; its log."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", f"--screenshot={png}",
         f"--window-size=1200,{height}", "--enable-logging=stderr", "--v=0", page.as_uri()],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(profile)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Uncaught" not in result.stderr and "ERROR:CONSOLE" not in result.stderr
    return result.stderr


def colours(png: Path, box: tuple[int, int, int, int] | None = None) -> int:
    """How many colours the screenshot (or a box of it) has: 1 for a blank page."""
    from PIL import Image  # matplotlib's own dependency

    image = Image.open(png).convert("RGB")
    return len(image.crop(box).getcolors(maxcolors=1 << 22) if box else
               image.getcolors(maxcolors=1 << 22) or [])


def one_section(page: str, section: str) -> str:
    """The page with only one of its sections (the head and its styles kept)."""
    head = page.partition("<section ")[0]
    found = re.search(rf'<section id="{section}">.*?</section>', page, re.S)
    assert found, section
    return f"{head}{found.group(0)}</body></html>"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed: the page was not "
                    "opened in a browser (apt-get install chromium)")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_renders_in_chromium(inputs: tuple[Path, Path], tmp_path: Path,
                                      lang: str) -> None:
    data, targets = inputs
    page = tmp_path / "report.html"
    code, _, stderr = run(str(data), "--targets", str(targets), "--lang", lang,
                          "--compare-to", "2025-02", "-o", str(page))
    assert code == 0, stderr
    png = tmp_path / "page.png"
    screenshot(page, png, tmp_path / "profile", 3000)
    # not blank: many colours (status badges, charts, the calendar), not one background
    assert colours(png) > 50
    for top in range(0, 3000, 500):  # each part of the first 3000 pixels has something
        assert colours(png, (0, top, 1200, top + 500)) > 2, top
    # each section on its own: the head's styles and that section only
    text = page.read_text(encoding="utf-8")
    for section in ("summary", "changes", "air", "water", "ledger", "data"):
        alone = tmp_path / f"{section}.html"
        alone.write_text(one_section(text, section), encoding="utf-8")
        shot = tmp_path / f"{section}.png"
        screenshot(alone, shot, tmp_path / "profile", 1200)
        assert colours(shot) > 20, section
