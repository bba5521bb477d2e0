"""The package's imports follow docs/architecture.md: no cycle, and no layer imports upward.

The walk reads the source with :mod:`ast`, so a wrong import fails here and not at run time
on a user's machine. Imports under ``if TYPE_CHECKING:`` count too: a type a lower layer
needs from a higher one is a name in the wrong place.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ecotarget"

# Bottom to top, as docs/architecture.md lists them: a module may import its own layer and
# the layers below. A top-level module name, or a package's name for all of its modules.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("standards",),
    ("errors", "messages", "messages_fatal", "messages_targets", "catalogue",
     "catalogue_report", "catalogue_workbook", "periods", "schemas", "params", "registry", "targets_problems",
     "targets", "report"),
    ("read",),
    ("validate", "rejects"),
    ("stations",),
    ("dataset",),
    ("metrics",),
    ("evaluate",),
    ("tables",),
    ("pipeline",),
    ("render",),
    ("cli", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
# Third-party packages only some layers may use.
ONLY_IN = {"click": {"cli"}, "rich": {"render", "cli"}}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("ecotarget", *parts))] = path
    return found


MODULES = _modules()


@functools.cache
def _nodes(path: Path) -> tuple[ast.AST, ...]:
    """Every node of the file's syntax tree, parsed once for all the tests here."""
    return tuple(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def _imports(module: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in the file, relative ones resolved."""
    is_package = path.name == "__init__.py"
    for node in _nodes(path):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                parent = ".".join([*base, *([node.module] if node.module else [])])
            else:
                parent = node.module or ""
            # `from ecotarget.x import y` may name a module y or a name in x
            for alias in node.names:
                candidate = f"{parent}.{alias.name}"
                yield node.lineno, candidate if candidate in MODULES else parent


def _owner(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "ecotarget"


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets = {_owner(name) for _, name in _imports(module, path)}
        edges[module] = {t for t in targets if t and t != module
                         and not module.startswith(t + ".")}  # a package's own __init__
    return edges


def test_every_module_has_a_layer() -> None:
    unplaced = sorted({_layer(m) for m in MODULES} - set(RANK) - {"ecotarget"})
    assert unplaced == [], f"add these to LAYERS and docs/architecture.md: {unplaced}"


def test_no_import_cycle() -> None:
    edges = _edges()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_layer_imports_a_higher_one(module: str) -> None:
    own = _layer(module)
    if own not in RANK:
        return  # ecotarget/__init__.py: the package's version only
    upward = []
    for line, name in _imports(module, MODULES[module]):
        target = _owner(name)
        if target is None or not target.startswith("ecotarget."):
            continue
        if RANK.get(_layer(target), -1) > RANK[own]:
            upward.append(f"line {line}: {name}")
    assert upward == [], f"{module} ({own}) imports a higher layer"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_third_party_packages_stay_in_their_layers(module: str) -> None:
    own = _layer(module)
    wrong = [f"line {line}: {name}" for line, name in _imports(module, MODULES[module])
             if name.split(".")[0] in ONLY_IN and own not in ONLY_IN[name.split(".")[0]]]
    assert wrong == []


def test_standards_import_nothing_else_of_ecotarget() -> None:
    outside = [f"{m} line {line}: {name}" for m, path in MODULES.items()
               if _layer(m) == "standards"
               for line, name in _imports(m, path)
               if name.startswith("ecotarget.") and _layer(name) != "standards"]
    assert outside == []


def test_no_private_name_crosses_a_module() -> None:
    taken = []
    for module, path in MODULES.items():
        for node in _nodes(path):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ecotarget"):
                taken += [f"{module}: {node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and not a.name.startswith("__")]
    assert taken == []


def test_the_walk_sees_a_real_edge() -> None:
    # the walk itself must be able to fail: pipeline reads inputs through read/
    assert any(t.startswith("ecotarget.read") for t in _edges()["ecotarget.pipeline"])
