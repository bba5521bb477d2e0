"""Every error ecotarget raises, and every line the command line tells, comes from the
catalogue: read from the source with :mod:`ast`, so that a new English-only
message fails here before a Chinese run prints it.

A message built from a string (``"..."``, an f-string, ``"a" + b``) at a raise site of
:class:`InputError`, :class:`UsageError` or :class:`EcotargetError`, given to ``tell``, as
a problem of :class:`TargetsFileError` or to a targets-file validator's ``ValueError`` is
English only; a :class:`Text` (or a helper returning one) can be said in either language.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

from ecotarget.catalogue import CATALOGUE

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ecotarget"
ERRORS = {"InputError", "UsageError", "EcotargetError"}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else "")


def _is_string(node: ast.expr) -> bool:
    """A literal, an f-string, or strings joined with + or %: words fixed in one language."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_string(node.left) or _is_string(node.right)
    return False


@functools.cache
def _calls() -> list[tuple[str, int, str, ast.Call]]:
    """Every call in the package's source, read once, when a test here first runs (not when
    the tests are collected, which every worker of a parallel run does)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found.append((str(path.relative_to(PACKAGE)), node.lineno, _name(node.func),
                              node))
    return found



def test_the_walk_sees_the_raise_sites() -> None:
    # a guard for the test itself: if the walk found none, it would pass on anything
    assert sum(1 for _, _, name, _ in _calls() if name in ERRORS) > 50


@pytest.mark.parametrize("name", sorted(ERRORS | {"tell"}))
def test_no_error_or_told_line_is_built_from_a_bare_string(name: str) -> None:
    bare = [f"{path}:{line}" for path, line, called, call in _calls()
            if called == name and call.args and _is_string(call.args[0])]
    assert bare == []


def test_the_checker_catches_a_bare_string() -> None:
    # the forms the test must fail on, written out: each is a message in English only
    for source in ('InputError("no such file")', 'UsageError(f"--as-of {x}: bad")',
                   'InputError("a" + b)', 'tell("interrupted")'):
        call = ast.parse(source).body[0].value  # type: ignore[attr-defined]
        assert _is_string(call.args[0]), source
    call = ast.parse('InputError(Text("input.empty", {"path": p}))').body[0].value  # type: ignore[attr-defined]
    assert not _is_string(call.args[0])


#: the modules whose models validate the targets file: a validator there says its problem
#: with a catalogue Text (InvalidValue), never with a ValueError of English words
TARGETS_FILE_MODULES = {"targets.py", "params.py", "schemas.py", "targets_problems.py"}


def _bare_problems(call: ast.Call) -> bool:
    """TargetsFileError(path, problems): a problem built from a string, in a list literal or
    a comprehension, or the whole list from a call that is not a Text's."""
    if len(call.args) < 2:
        return True
    problems = call.args[1]
    if isinstance(problems, ast.List):
        return any(_is_string(item) for item in problems.elts)
    if isinstance(problems, ast.ListComp):
        return _is_string(problems.elt)
    return False


def test_targets_file_problems_are_texts() -> None:
    sites = [(path, line, call) for path, line, called, call in _calls()
             if called == "TargetsFileError"]
    assert len(sites) >= 4  # the walk sees them
    assert [f"{path}:{line}" for path, line, call in sites if _bare_problems(call)] == []


def test_the_targets_files_validators_raise_texts() -> None:
    invalid = [(path, line, call) for path, line, called, call in _calls()
               if called == "InvalidValue"]
    assert len(invalid) >= 10
    assert [f"{path}:{line}" for path, line, call in invalid
            if not call.args or _is_string(call.args[0])] == []
    plain = [f"{path}:{line}" for path, line, called, _ in _calls()
             if called == "ValueError" and path in TARGETS_FILE_MODULES]
    assert plain == []


def test_the_problems_checker_catches_a_bare_string() -> None:
    for source in ('TargetsFileError(p, [f"{p}: empty"])', 'TargetsFileError(p, ["empty"])',
                   'TargetsFileError(p, [f"{x}" for x in y])', "TargetsFileError(p)"):
        call = ast.parse(source).body[0].value  # type: ignore[attr-defined]
        assert _bare_problems(call), source
    call = ast.parse('TargetsFileError(p, [Text("spec.empty")])').body[0].value  # type: ignore[attr-defined]
    assert not _bare_problems(call)


def test_every_literal_catalogue_key_exists() -> None:
    # Text("input.empty", …) with a literal key: a typo would raise KeyError only when the
    # message is finally needed, on a user's machine. Dotted keys only: rich's Text takes
    # words ("AQI: ") in the renderers.
    keys = [(path, line, call.args[0].value) for path, line, called, call in _calls()
            if called == "Text" and call.args and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
            and re.fullmatch(r"[a-z_]+\.[A-Za-z0-9_.]+", call.args[0].value)]
    assert len(keys) > 200  # the walk sees them
    assert [f"{path}:{line}: {key}" for path, line, key in keys if key not in CATALOGUE] == []
