"""Rendering of ``ecotarget water``: sections and drinking-water sources as a table, one
CSV, or a JSON document. Renderers receive their stream or console.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from ecotarget import __version__
from ecotarget.render.json import jsonable
from ecotarget.render.safe import inert, spreadsheet_cell
from ecotarget.render.table import BLOCK_WIDTH, make_console
from ecotarget.render.wrap import blocks, fitted_table

if TYPE_CHECKING:
    from ecotarget.tables.water import WaterReport

SCHEMA_VERSION = 1
SECTION_COLUMNS = ("section", "level", "waterbody", "samples", "class", "main_pollutants",
                   "target_class", "meets_target", "cwqi")
SOURCE_COLUMNS = ("source", "samples", "rounds_passed", "passes", "failing_items")
# one CSV, one header: a `table` column says which table a line belongs to
CSV_COLUMNS = ("table", *SECTION_COLUMNS, *SOURCE_COLUMNS[2:])
_PASS_RULE = {"every_round": "every round", "mean": "mean concentrations"}


# --- cells ------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: yes/no for flags, 4 decimals for CWQI, '' for missing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def section_cells(record: dict[str, Any]) -> list[str]:
    """A section's cells as text, inert (a name's control characters shown escaped)."""
    return [inert(_text(record[c])) for c in SECTION_COLUMNS]


def source_cells(record: dict[str, Any]) -> list[str]:
    """A drinking-water source's cells as text, inert."""
    return [inert(_text(record[c])) for c in SOURCE_COLUMNS]


# --- renderers --------------------------------------------------------------------------------


def render_table(report: WaterReport, console: Console) -> None:
    """Two tables: sections, then drinking-water sources. Cells are plain Text.

    Cells wrap inside their column, never cut; below :data:`BLOCK_WIDTH` columns each
    section and source is a block of ``column  value`` lines instead.
    """
    period = f"{report.start.isoformat()}..{report.end.isoformat()}"
    if report.sections:
        # titles are printed as lines of their own: a table title wraps at the table's width
        console.print(Text(f"Water sections · {period} · below DL: "
                           f"{report.below_detection_limit}"))
        _print_records(console, SECTION_COLUMNS, [section_cells(r) for r in report.sections],
                       numeric=("samples", "cwqi"))
    else:
        console.print(Text(f"no monitoring section sampled in {period}"))
    if report.sources:
        console.print(Text(f"Drinking-water sources · {period} · pass: "
                           f"{_PASS_RULE.get(report.drinking_pass, report.drinking_pass)}"))
        _print_records(console, SOURCE_COLUMNS, [source_cells(r) for r in report.sources],
                       numeric=("samples", "rounds_passed"))
    else:
        console.print(Text(f"no drinking-water source sampled in {period}"))


def _print_records(console: Console, headers: Sequence[str], rows: list[list[str]],
                   numeric: Sequence[str]) -> None:
    """A fitted table, or on a narrow console one block per row headed by its first cell."""
    # every column but the numbers may wrap (a header after its underscore)
    table = None if console.width < BLOCK_WIDTH else fitted_table(
        console, headers, [[Text(c) for c in row] for row in rows],
        justify=["right" if h in numeric else "left" for h in headers],
        flexible=[h not in numeric for h in headers])
    if table is not None:
        console.print(table)
        return
    blocks(console, [(Text(row[0], style="bold"),
                      [(h, Text(c)) for h, c in zip(headers[1:], row[1:], strict=True)])
                     for row in rows])


def write_table(report: WaterReport, stream: IO[str]) -> None:
    """:func:`render_table` on a console for ``stream`` (colour only on a terminal)."""
    render_table(report, make_console(stream))


def render_csv(report: WaterReport, stream: IO[str]) -> None:
    """One header row; ``table`` is ``section`` or ``source``; blank where a column is n/a."""
    writer = csv.DictWriter(stream, CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    for record in report.sections:
        row = [spreadsheet_cell(cell) for cell in section_cells(record)]
        writer.writerow({"table": "section", **dict(zip(SECTION_COLUMNS, row, strict=True))})
    for record in report.sources:
        cells = dict(zip(SOURCE_COLUMNS, map(spreadsheet_cell, source_cells(record)), strict=True))
        cells["section"] = cells.pop("source")
        writer.writerow({"table": "source", **cells})


def water_document(report: WaterReport) -> dict[str, Any]:
    """The report as one JSON-able document, ``schema_version`` first."""
    return {
        "schema_version": SCHEMA_VERSION,
        "ecotarget_version": __version__,
        "period": {"start": report.start.isoformat(), "end": report.end.isoformat()},
        "settings": {"below_detection_limit": report.below_detection_limit,
                     "drinking_pass": report.drinking_pass},
        "inputs": report.inputs,
        "sections": report.sections,
        "sources": report.sources,
        "row_errors": report.row_errors,
    }


def render_json(report: WaterReport, stream: IO[str]) -> None:
    """The report as one JSON document (see :func:`water_document`)."""
    json.dump(jsonable(water_document(report)), stream, ensure_ascii=False, indent=2,
              allow_nan=False)
    stream.write("\n")


__all__: Sequence[str] = ("CSV_COLUMNS", "render_csv", "render_json", "render_table",
                          "water_document", "write_table")
