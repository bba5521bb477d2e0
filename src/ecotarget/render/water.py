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
from ecotarget.catalogue import CATALOGUE, words
from ecotarget.catalogue import Text as CatalogueText
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
#: the catalogue keys of the drinking-water pass rules
_PASS_RULE = {"every_round": "rule.every_round", "mean": "rule.mean_concentrations"}
#: columns whose values are words of the catalogue (``key prefix``), shown in the reader's
#: language in the table; CSV and JSON keep the English codes
_WORD_COLUMNS = {"level": "level", "waterbody": "waterbody", "class": "class",
                 "target_class": "class"}


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


def _shown(column: str, value: Any, lang: str) -> str:
    """A table cell in ``lang``: yes/no → 是/否, national → 国控, III → Ⅲ类, river → 河流.

    >>> _shown("class", "III", "zh"), _shown("class", "劣V", "en"), _shown("meets_target", True, "zh")
    ('Ⅲ类', 'worse than V', '是')
    """
    if isinstance(value, bool):
        return words("yes" if value else "no", lang)
    if column in _WORD_COLUMNS and isinstance(value, str) and value:
        code = "worse_than_V" if value in ("劣V", "劣Ⅴ", "worse_than_V") else value
        key = f"{_WORD_COLUMNS[column]}.{code}"
        return words(key, lang) if key in CATALOGUE else value
    return _text(value)


def source_cells(record: dict[str, Any]) -> list[str]:
    """A drinking-water source's cells as text, inert."""
    return [inert(_text(record[c])) for c in SOURCE_COLUMNS]


# --- renderers --------------------------------------------------------------------------------


def render_table(report: WaterReport, console: Console, lang: str = "zh") -> None:
    """Two tables: sections, then drinking-water sources, words in ``lang``.

    Cells wrap inside their column, never cut; below :data:`BLOCK_WIDTH` columns each
    section and source is a block of ``column  value`` lines instead.
    """
    period = f"{report.start.isoformat()}..{report.end.isoformat()}"
    if report.sections:
        # titles are printed as lines of their own: a table title wraps at the table's width
        rule = words(f"below_dl.{report.below_detection_limit}", lang)
        console.print(Text(CatalogueText("water.sections_title",
                                         {"period": period, "rule": rule}).render(lang)))
        _print_records(console, SECTION_COLUMNS, report.sections, lang,
                       numeric=("samples", "cwqi"))
    else:
        console.print(Text(CatalogueText("water.no_sections", {"period": period}).render(lang)))
    if report.sources:
        rule = words(_PASS_RULE[report.drinking_pass], lang)
        console.print(Text(CatalogueText("water.sources_title",
                                         {"period": period, "rule": rule}).render(lang)))
        _print_records(console, SOURCE_COLUMNS, report.sources, lang,
                       numeric=("samples", "rounds_passed"))
    else:
        console.print(Text(CatalogueText("water.no_sources", {"period": period}).render(lang)))


def _print_records(console: Console, columns: Sequence[str], records: list[dict[str, Any]],
                   lang: str, numeric: Sequence[str]) -> None:
    """A fitted table, or on a narrow console one block per row headed by its first cell."""
    headers = [words(f"water.{column}", lang) for column in columns]
    # inert: a name's control characters are shown escaped, never obeyed
    rows = [[inert(_shown(c, record[c], lang)) for c in columns] for record in records]
    # every column but the numbers may wrap (a header after its underscore)
    table = None if console.width < BLOCK_WIDTH else fitted_table(
        console, headers, [[Text(c) for c in row] for row in rows],
        justify=["right" if c in numeric else "left" for c in columns],
        flexible=[c not in numeric for c in columns])
    if table is not None:
        console.print(table)
        return
    blocks(console, [(Text(row[0], style="bold"),
                      [(h, Text(c)) for h, c in zip(headers[1:], row[1:], strict=True)])
                     for row in rows])


def write_table(report: WaterReport, stream: IO[str], lang: str = "zh") -> None:
    """:func:`render_table` on a console for ``stream`` (colour only on a terminal)."""
    render_table(report, make_console(stream), lang)


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
