"""``ecotarget --help`` stays fast: the command line loads no library until a command runs."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("pandas", "numpy", "pydantic", "yaml", "rich", "matplotlib", "jinja2", "openpyxl",
         "xlsxwriter")


def test_help_imports_no_heavy_package() -> None:
    # pandas alone takes 0.3 s to import on an idle machine; rich, 50 ms
    probe = ("import sys\n"
             "from ecotarget.cli import cli\n"
             "try:\n"
             "    cli(['--help'], prog_name='ecotarget')\n"
             "except SystemExit:\n"
             "    pass\n"
             f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
