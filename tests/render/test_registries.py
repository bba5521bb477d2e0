"""The renderer registries: the names ``--format`` offers, in order (the first is the default)."""

from __future__ import annotations

import pytest

from ecotarget import render
from ecotarget.cli import cli


@pytest.mark.parametrize(("registry", "formats"), [
    (render.REPORT_RENDERERS, ["table", "json", "csv", "markdown", "xlsx"]),
    (render.TARGETS_RENDERERS, ["table", "json"]),
    (render.VALIDATION_RENDERERS, ["table", "json"]),
    (render.AQI_ROWS_RENDERERS, ["table", "csv", "json"]),
    (render.COMPARISON_RENDERERS, ["table", "csv", "json"]),
    (render.WATER_RENDERERS, ["table", "csv", "json"]),
])
def test_registry_formats(registry: dict[str, object], formats: list[str]) -> None:
    assert list(registry) == formats
    assert all(callable(renderer) for renderer in registry.values())


@pytest.mark.parametrize(("command", "registry"), [
    ("check", render.REPORT_RENDERERS),
    ("targets", render.TARGETS_RENDERERS),
    ("validate", render.VALIDATION_RENDERERS),
    ("aqi", render.AQI_ROWS_RENDERERS),
    ("water", render.WATER_RENDERERS),
])
def test_format_choices_come_from_the_registry(command: str, registry: dict[str, object]) -> None:
    (option,) = [p for p in cli.commands[command].params if p.name == "fmt"]
    assert list(option.type.choices) == list(registry)  # type: ignore[attr-defined]
    assert option.default == next(iter(registry))


def test_every_deferred_renderer_names_a_function_that_exists() -> None:
    # the entries import their module when called: a misspelt name would fail only then
    import importlib

    import ecotarget.render as render

    registries = [value for name, value in vars(render).items() if name.endswith("_RENDERERS")]
    deferred = [entry.__name__ for registry in registries for entry in registry.values()
                if "." in entry.__name__]
    assert len(deferred) >= 15
    for qualified in deferred:
        module, name = qualified.split(".")
        assert callable(getattr(importlib.import_module(f"ecotarget.render.{module}"), name))
