"""Rendering of ``ecotarget water --compare-published``: the samples whose published class
differs from ecotarget's, then ``agreement: K/N (P%)``, as a table, CSV or JSON.

Classes are shown in the reader's language in the table (Ⅲ类 / III); CSV and JSON keep
the codes (I … V, 劣V) and the item keys.
"""

from __future__ import annotations

import csv
import json
from typing import IO, TYPE_CHECKING, Any

import pandas as pd
from rich.cells import cell_len

from ecotarget.catalogue import Text as CatalogueText
from ecotarget.catalogue import words
from ecotarget.render.safe import inert, spreadsheet_cell
from ecotarget.render.table import LIST_COMMA
from ecotarget.standards.water import CLASS_NAMES, ITEMS

if TYPE_CHECKING:
    from ecotarget.tables.published_water import WaterComparison

SCHEMA_VERSION = 1
#: The columns written, each with its catalogue key.
_VIEW = (("section", "water.section"), ("time", "water.time"),
         ("published", "water.published"), ("ecotarget", "water.ecotarget"),
         ("deciding", "water.deciding"))
_GAP = "  "


def _class_code(value: Any) -> str:
    """A class 1..6 as its code (III, 劣V); '' for none."""
    return "" if value is None or pd.isna(value) else CLASS_NAMES[int(value) - 1]


def _time(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d %H:%M}"


def _records(comparison: WaterComparison) -> list[dict[str, Any]]:
    """The disagreeing samples as plain data (codes, item keys, ISO times)."""
    return [{"section": str(row["section"]), "time": _time(row["time"]),
             "published": _class_code(row["published"]),
             "ecotarget": _class_code(row["ecotarget"]), "deciding": list(row["deciding"]),
             "path": str(row["path"]), "line": int(row["line"])}
            for row in comparison.disagreements.to_dict("records")]


def agreement_line(comparison: WaterComparison, lang: str) -> str:
    """``agreement: K/N (P%)`` / ``一致：K/N（P%）``."""
    shown = "–" if comparison.percent is None else f"{comparison.percent:.1f}%"
    return CatalogueText("water.agreement", {"agreeing": comparison.agreeing,
                                             "compared": comparison.compared,
                                             "percent": shown}).render(lang)


def _shown_class(code: str, lang: str) -> str:
    if not code:
        return "—"
    return words("class.worse_than_V" if code == "劣V" else f"class.{code}", lang)


def _item_names(keys: list[str], lang: str) -> str:
    names = [ITEMS[key].zh if lang == "zh" else ITEMS[key].en for key in keys]
    return LIST_COMMA[lang].join(names) if names else "—"


def write_table(comparison: WaterComparison, stream: IO[str], lang: str = "zh") -> None:
    """The disagreeing samples, aligned, then the agreement line."""
    records = _records(comparison)
    lines: list[str] = []
    if records:
        cells = [[inert(r["section"]), r["time"], _shown_class(r["published"], lang),
                  _shown_class(r["ecotarget"], lang), _item_names(r["deciding"], lang)]
                 for r in records]
        headers = [words(key, lang) for _, key in _VIEW]
        widths = [max(cell_len(text) for text in column)
                  for column in zip(headers, *cells, strict=True)]
        for row in (headers, ["─" * w for w in widths], *cells):
            lines.append(_GAP.join(text + " " * (width - cell_len(text))
                                   for text, width in zip(row, widths, strict=True)).rstrip())
    lines.append(agreement_line(comparison, lang))
    stream.write("\n".join(lines) + "\n")


def write_csv(comparison: WaterComparison, stream: IO[str]) -> None:
    """The disagreeing samples as CSV rows only (the command prints the agreement line on
    stderr); deciding items joined by ``;``."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([name for name, _ in _VIEW] + ["path", "line"])
    for r in _records(comparison):
        writer.writerow([spreadsheet_cell(r["section"]), r["time"], r["published"],
                         r["ecotarget"], ";".join(r["deciding"]), spreadsheet_cell(r["path"]),
                         r["line"]])


def write_json(comparison: WaterComparison, stream: IO[str]) -> None:
    """The counts and the agreement line as fields, then the disagreeing samples as rows."""
    document = {"schema_version": SCHEMA_VERSION, "compared": comparison.compared,
                "agreeing": comparison.agreeing, "agreement_percent": comparison.percent,
                "agreement": agreement_line(comparison, "en"), "rows": _records(comparison)}
    stream.write(json.dumps(document, ensure_ascii=False) + "\n")


__all__ = ["agreement_line", "write_csv", "write_json", "write_table"]
