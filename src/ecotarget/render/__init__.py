"""Renderers, one registry per kind of output: a format name → the function that writes it.

The registries are the only dispatch on ``--format``: the command line offers
``list(REGISTRY)`` as the choices (the first entry is the default) and calls the chosen
entry. Every entry of a registry takes the same arguments and writes to the stream it is
given.

The entries that draw with rich or build pandas frames import their module when called,
not here: the command line imports this module to know its choices, and ``ecotarget
--help`` would otherwise wait for rich (about 50 ms) and pandas (about 0.3 s, far more on a
busy machine).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from ecotarget.render.flat import render_csv, render_markdown
from ecotarget.render.json import render_json

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from ecotarget.report import Report
    from ecotarget.tables.aqi import CalendarData
    from ecotarget.tables.monthly import MonthlyReport
    from ecotarget.tables.published import Comparison
    from ecotarget.tables.published_water import WaterComparison
    from ecotarget.tables.rank import Ranking
    from ecotarget.tables.water import WaterReport
    from ecotarget.targets import LoadedTargets
    from ecotarget.validate import ValidatedTable

    ReportRenderer = Callable[[Report, IO[str], str], None]  # (report, stream, lang)
    TargetsRenderer = Callable[[LoadedTargets, IO[str], str], None]  # (targets, stream, lang)
    ValidationRenderer = Callable[[Sequence[ValidatedTable], IO[str], str], None]
    # (rows, stream, hourly, lang)
    AqiRowsRenderer = Callable[[pd.DataFrame, IO[str], bool, str], None]
    ComparisonRenderer = Callable[[Comparison, IO[str], str], None]  # (comparison, stream, lang)
    WaterRenderer = Callable[[WaterReport, IO[str], str], None]  # (report, stream, lang)
    WaterComparisonRenderer = Callable[[WaterComparison, IO[str], str], None]
    RankRenderer = Callable[[Ranking, IO[str], str], None]  # (ranking, stream, lang)
    MonthlyRenderer = Callable[[MonthlyReport, IO[str], str], None]  # (report, stream, lang)


def _deferred(module: str, name: str, *, arguments: int) -> Callable[..., None]:
    """The renderer ``ecotarget.render.<module>.<name>``, imported when it is first called.

    It receives the registry's first ``arguments`` arguments: a JSON writer needs no
    language, a CSV of AQI rows no ``hourly`` flag.
    """

    def render(*args: Any) -> None:
        function = getattr(importlib.import_module(f"ecotarget.render.{module}"), name)
        function(*args[:arguments])

    render.__name__ = f"{module}.{name}"
    return render


# --- check: the report ------------------------------------------------------------------------

def _report_table(report: Report, stream: IO[str], lang: str) -> None:
    # start-up: rich loads only when a table is drawn (see the module docstring)
    from ecotarget.render.table import make_console, render_table

    render_table(report, make_console(stream), lang=lang)


def _report_json(report: Report, stream: IO[str], lang: str) -> None:
    render_json(report, stream)


def _report_csv(report: Report, stream: IO[str], lang: str) -> None:
    render_csv(report, stream)


def _report_markdown(report: Report, stream: IO[str], lang: str) -> None:
    render_markdown(report, stream, lang=lang)


REPORT_RENDERERS: dict[str, ReportRenderer] = {
    "table": _report_table, "json": _report_json, "csv": _report_csv,
    "markdown": _report_markdown, "xlsx": _deferred("xlsx", "render_xlsx", arguments=2),
}
#: formats that are files, not text for a terminal: refused without --output
FILE_ONLY_FORMATS = frozenset({"xlsx"})


# --- targets: the plan's targets --------------------------------------------------------------

TARGETS_RENDERERS: dict[str, TargetsRenderer] = {
    "table": _deferred("targets_list", "render_targets_table", arguments=3),
    "json": _deferred("targets_list", "render_targets_json", arguments=2),
}


# --- validate: every input's account of rows --------------------------------------------------

VALIDATION_RENDERERS: dict[str, ValidationRenderer] = {
    "table": _deferred("validation", "render_validation_table", arguments=3),
    "json": _deferred("validation", "render_validation_json", arguments=2),
}


# --- aqi: station-days or station-hours, and the published-value comparison -------------------

AQI_ROWS_RENDERERS: dict[str, AqiRowsRenderer] = {
    "table": _deferred("aqi", "write_rows_table", arguments=4),
    "csv": _deferred("aqi", "write_rows_csv", arguments=2),
    "json": _deferred("aqi", "write_rows_json", arguments=2),
}

COMPARISON_RENDERERS: dict[str, ComparisonRenderer] = {
    "table": _deferred("aqi", "write_comparison_table", arguments=3),
    "csv": _deferred("aqi", "write_comparison_csv", arguments=2),
    "json": _deferred("aqi", "write_comparison_json", arguments=2),
}


def write_calendar(data: CalendarData, stream: IO[str], lang: str = "zh") -> None:
    """The city days as a month calendar (a terminal drawing: it has no other format)."""
    _deferred("aqi", "write_calendar_table", arguments=3)(data, stream, lang)


# --- water: sections and drinking-water sources -----------------------------------------------

WATER_RENDERERS: dict[str, WaterRenderer] = {
    "table": _deferred("water", "write_table", arguments=3),
    "csv": _deferred("water", "render_csv", arguments=2),
    "json": _deferred("water", "render_json", arguments=2),
}


WATER_COMPARISON_RENDERERS: dict[str, WaterComparisonRenderer] = {
    "table": _deferred("water_published", "write_table", arguments=3),
    "csv": _deferred("water_published", "write_csv", arguments=2),
    "json": _deferred("water_published", "write_json", arguments=2),
}


# --- rank: regions among their peers ----------------------------------------------------------

RANK_RENDERERS: dict[str, RankRenderer] = {
    "table": _deferred("rank", "write_table", arguments=3),
    "json": _deferred("rank", "write_json", arguments=2),
    "csv": _deferred("rank", "write_csv", arguments=2),
    "markdown": _deferred("rank", "write_markdown", arguments=3),
}

# --- report: the monthly report as one HTML page or a workbook -------------------------------
# matplotlib and Jinja2 (HTML) and XlsxWriter (xlsx) load only when `ecotarget report` writes

MONTHLY_RENDERERS: dict[str, MonthlyRenderer] = {
    "html": _deferred("report_html", "write_report_html", arguments=3),
    "xlsx": _deferred("report_xlsx", "write_report_xlsx", arguments=3),
}

__all__ = ["AQI_ROWS_RENDERERS", "COMPARISON_RENDERERS", "FILE_ONLY_FORMATS", "MONTHLY_RENDERERS",
           "RANK_RENDERERS",
           "REPORT_RENDERERS",
           "TARGETS_RENDERERS", "VALIDATION_RENDERERS", "WATER_COMPARISON_RENDERERS",
           "WATER_RENDERERS", "write_calendar"]
