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

from typing import IO, TYPE_CHECKING

from ecotarget.render.flat import render_csv, render_markdown
from ecotarget.render.json import render_json

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import pandas as pd

    from ecotarget.report import Report
    from ecotarget.tables.aqi import CalendarData
    from ecotarget.tables.published import Comparison
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
    RankRenderer = Callable[[Ranking, IO[str]], None]


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


def _report_xlsx(report: Report, stream: IO[str], lang: str) -> None:
    # start-up: openpyxl loads only when a workbook is written (see the module docstring)
    from ecotarget.render.xlsx import render_xlsx

    render_xlsx(report, stream)


REPORT_RENDERERS: dict[str, ReportRenderer] = {
    "table": _report_table, "json": _report_json, "csv": _report_csv,
    "markdown": _report_markdown, "xlsx": _report_xlsx,
}
#: formats that are files, not text for a terminal: refused without --output
FILE_ONLY_FORMATS = frozenset({"xlsx"})


# --- targets: the plan's targets --------------------------------------------------------------

def _targets_table(loaded: LoadedTargets, stream: IO[str], lang: str) -> None:
    # start-up: rich loads only when a table is drawn (see the module docstring)
    from ecotarget.render.targets_list import render_targets_table

    render_targets_table(loaded, stream, lang)


def _targets_json(loaded: LoadedTargets, stream: IO[str], lang: str) -> None:
    # start-up: the module draws its table with rich (see the module docstring)
    from ecotarget.render.targets_list import render_targets_json

    render_targets_json(loaded, stream)


TARGETS_RENDERERS: dict[str, TargetsRenderer] = {"table": _targets_table, "json": _targets_json}


# --- validate: every input's account of rows --------------------------------------------------

def _validation_table(tables: Sequence[ValidatedTable], stream: IO[str], lang: str) -> None:
    # start-up: rich loads only when a table is drawn (see the module docstring)
    from ecotarget.render.validation import render_validation_table

    render_validation_table(tables, stream, lang)


def _validation_json(tables: Sequence[ValidatedTable], stream: IO[str], lang: str) -> None:
    # start-up: the module draws its table with rich (see the module docstring)
    from ecotarget.render.validation import render_validation_json

    render_validation_json(tables, stream)


VALIDATION_RENDERERS: dict[str, ValidationRenderer] = {
    "table": _validation_table, "json": _validation_json,
}


# --- aqi: station-days or station-hours, and the published-value comparison -------------------

def _aqi_rows_table(rows: pd.DataFrame, stream: IO[str], hourly: bool, lang: str) -> None:
    # start-up: rows are pandas frames, drawn with rich (see the module docstring)
    from ecotarget.render.aqi import write_rows_table

    write_rows_table(rows, stream, hourly, lang)


def _aqi_rows_csv(rows: pd.DataFrame, stream: IO[str], hourly: bool, lang: str) -> None:
    # start-up: rows are pandas frames (see the module docstring)
    from ecotarget.render.aqi import write_rows_csv

    write_rows_csv(rows, stream)


def _aqi_rows_json(rows: pd.DataFrame, stream: IO[str], hourly: bool, lang: str) -> None:
    # start-up: rows are pandas frames (see the module docstring)
    from ecotarget.render.aqi import write_rows_json

    write_rows_json(rows, stream)


AQI_ROWS_RENDERERS: dict[str, AqiRowsRenderer] = {
    "table": _aqi_rows_table, "csv": _aqi_rows_csv, "json": _aqi_rows_json,
}


def _comparison_table(comparison: Comparison, stream: IO[str], lang: str) -> None:
    # start-up: rows are pandas frames (see the module docstring)
    from ecotarget.render.aqi import write_comparison_table

    write_comparison_table(comparison, stream, lang)


def _comparison_csv(comparison: Comparison, stream: IO[str], lang: str) -> None:
    # start-up: rows are pandas frames (see the module docstring)
    from ecotarget.render.aqi import write_comparison_csv

    write_comparison_csv(comparison, stream)


def _comparison_json(comparison: Comparison, stream: IO[str], lang: str) -> None:
    # start-up: rows are pandas frames (see the module docstring)
    from ecotarget.render.aqi import write_comparison_json

    write_comparison_json(comparison, stream)


COMPARISON_RENDERERS: dict[str, ComparisonRenderer] = {
    "table": _comparison_table, "csv": _comparison_csv, "json": _comparison_json,
}


def write_calendar(data: CalendarData, stream: IO[str], lang: str = "zh") -> None:
    """The city days as a month calendar (a terminal drawing: it has no other format)."""
    # start-up: rows are pandas frames, drawn with rich (see the module docstring)
    from ecotarget.render.aqi import write_calendar_table

    write_calendar_table(data, stream, lang)


# --- water: sections and drinking-water sources -----------------------------------------------

def _water_table(report: WaterReport, stream: IO[str], lang: str) -> None:
    # start-up: rich loads only when a table is drawn (see the module docstring)
    from ecotarget.render.water import write_table

    write_table(report, stream, lang)


def _water_csv(report: WaterReport, stream: IO[str], lang: str) -> None:
    # start-up: the module draws its table with rich (see the module docstring)
    from ecotarget.render.water import render_csv as render_water_csv

    render_water_csv(report, stream)


def _water_json(report: WaterReport, stream: IO[str], lang: str) -> None:
    # start-up: the module draws its table with rich (see the module docstring)
    from ecotarget.render.water import render_json as render_water_json

    render_water_json(report, stream)


WATER_RENDERERS: dict[str, WaterRenderer] = {
    "table": _water_table, "csv": _water_csv, "json": _water_json,
}


# --- rank: regions among their peers ----------------------------------------------------------

def _rank_table(ranking: Ranking, stream: IO[str]) -> None:
    # start-up: rich loads only when a table is drawn (see the module docstring)
    from ecotarget.render.rank import write_table

    write_table(ranking, stream)


def _rank_json(ranking: Ranking, stream: IO[str]) -> None:
    # start-up: the module draws its table with rich (see the module docstring)
    from ecotarget.render.rank import write_json

    write_json(ranking, stream)


def _rank_csv(ranking: Ranking, stream: IO[str]) -> None:
    # start-up: (as above)
    from ecotarget.render.rank import write_csv

    write_csv(ranking, stream)


def _rank_markdown(ranking: Ranking, stream: IO[str]) -> None:
    # start-up: (as above)
    from ecotarget.render.rank import write_markdown

    write_markdown(ranking, stream)


RANK_RENDERERS: dict[str, RankRenderer] = {
    "table": _rank_table, "json": _rank_json, "csv": _rank_csv, "markdown": _rank_markdown,
}

__all__ = ["AQI_ROWS_RENDERERS", "COMPARISON_RENDERERS", "FILE_ONLY_FORMATS", "RANK_RENDERERS",
           "REPORT_RENDERERS",
           "TARGETS_RENDERERS", "VALIDATION_RENDERERS", "WATER_RENDERERS", "write_calendar"]
