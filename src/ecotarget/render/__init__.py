"""Renderers: a report (or a frame) → text. Chosen by name from :data:`RENDERERS`."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from ecotarget.report import Report

Renderer = Callable[[Report, IO[str], str], None]  # (report, stream, lang)


def _table(report: Report, stream: IO[str], lang: str) -> None:
    from ecotarget.render.table import make_console, render_table

    render_table(report, make_console(stream), lang=lang)


def _json(report: Report, stream: IO[str], lang: str) -> None:
    from ecotarget.render.json import render_json

    render_json(report, stream)


def _csv(report: Report, stream: IO[str], lang: str) -> None:
    from ecotarget.render.flat import render_csv

    render_csv(report, stream)


def _markdown(report: Report, stream: IO[str], lang: str) -> None:
    from ecotarget.render.flat import render_markdown

    render_markdown(report, stream, lang=lang)


RENDERERS: dict[str, Renderer] = {"table": _table, "json": _json, "csv": _csv,
                                  "markdown": _markdown}
