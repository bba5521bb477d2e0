"""The docs name tests that exist: a worked example cited in docs/standards.md is checked."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# "tests/x/test_y.py::test_z", and "::test_w" after a file's name meaning that file
CITATION = re.compile(r"(tests/[\w/]+\.py)|::(test_\w+)")


def _citations(doc: Path) -> list[tuple[str, str]]:
    found, current = [], None
    for match in CITATION.finditer(doc.read_text(encoding="utf-8")):
        if match.group(1):
            current = match.group(1)
            continue
        assert current is not None, f"{doc.name}: ::{match.group(2)} before any test file"
        found.append((current, match.group(2)))
    return found


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@pytest.mark.parametrize("doc", ["docs/standards.md", "docs/architecture.md", "README.md"])
def test_every_cited_test_exists(doc: str) -> None:
    missing = [f"{file}::{name}" for file, name in _citations(ROOT / doc)
               if not (ROOT / file).is_file() or name not in _test_names(ROOT / file)]
    assert missing == []


def test_the_standards_doc_cites_tests() -> None:
    assert len(_citations(ROOT / "docs" / "standards.md")) > 30


@pytest.mark.parametrize("doc", ["docs/standards.md", "docs/architecture.md", "README.md"])
def test_every_named_test_file_exists(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    named = {m.group(1) for m in CITATION.finditer(text) if m.group(1)}
    assert sorted(f for f in named if not (ROOT / f).is_file()) == []
