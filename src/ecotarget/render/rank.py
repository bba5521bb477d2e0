"""Rendering of ``ecotarget rank``: a table, a JSON document, one CSV line per region, or
Markdown. Ties print as 并列 (tied); an unranked region shows its reason in the last column.
Every heading comes from the catalogue in the run's language; the CSV's column names and
the JSON's keys stay English.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from ecotarget import __version__
from ecotarget.catalogue import Text as CatalogueText
from ecotarget.catalogue import words
from ecotarget.render.json import jsonable
from ecotarget.render.table import make_console

if TYPE_CHECKING:
    from ecotarget.tables.rank import Ranking, Row

SCHEMA_VERSION = 1
#: English names of the AQI categories, for CSV column names (HJ 633 Table 2).
CATEGORY_KEYS = {"优": "excellent", "良": "good", "轻度污染": "light", "中度污染": "moderate",
                 "重度污染": "heavy", "严重污染": "severe"}
AIR_FIGURES = ("composite_index", "good_day_rate", "pm25", "pm10", "so2", "no2", "co_p95",
               "o3_8h_p90")
TERMS = ("so2", "no2", "pm10", "pm25", "co", "o3")

Column = tuple[str, Callable[["Row"], str]]


# --- cells ------------------------------------------------------------------------------------

def _num(value: Any, decimals: int) -> str:
    return "" if value is None else f"{float(value):.{decimals}f}"


def _signed(value: Any, decimals: int) -> str:
    return "" if value is None else f"{float(value):+.{decimals}f}"


def rank_text(row: Row, lang: str = "zh") -> str:
    """'3', '3 并列' (3 tied), or '—' for an unranked row.

    >>> rank_text({"rank": 2, "tied": True}), rank_text({"rank": None, "tied": False})
    ('2 并列', '—')
    >>> rank_text({"rank": 2, "tied": True}, "en")
    '2 tied'
    """
    if row.get("rank") is None:
        return "—"
    return f"{row['rank']} {words('rank.tied', lang)}" if row.get("tied") else str(row["rank"])


def _change(row: Row, name: str, decimals: int = 1) -> str:
    return _signed((row.get("change") or {}).get(name), decimals)


def _air_columns(ranking: Ranking, lang: str) -> list[Column]:
    columns: list[Column] = [
        (words("rank.composite", lang), lambda r: _num(r.get("composite_index"), 2)),
        (words("rank.good_rate", lang), lambda r: _num(r.get("good_day_rate"), 1)),
        ("PM2.5", lambda r: _num(r.get("pm25"), 0)),
        ("PM10", lambda r: _num(r.get("pm10"), 0)),
        ("SO2", lambda r: _num(r.get("so2"), 0)),
        ("NO2", lambda r: _num(r.get("no2"), 0)),
        ("CO-95", lambda r: _num(r.get("co_p95"), 1)),
        ("O3-8h-90", lambda r: _num(r.get("o3_8h_p90"), 0)),
        (words("rank.valid_days", lang), lambda r: str(r.get("valid_days", ""))),
    ]
    if any(row.get("change") for row in ranking.rows):
        columns += [(words("rank.composite_change", lang),
                     lambda r: _change(r, "composite_index")),
                    (words("rank.good_rate_change", lang), lambda r: _change(r, "good_day_rate")),
                    (words("rank.pm25_change", lang), lambda r: _change(r, "pm25"))]
    return columns


def _water_columns(ranking: Ranking, lang: str) -> list[Column]:
    columns: list[Column] = [
        ("CWQI", lambda r: _num(r.get("cwqi"), 4)),
        (words("rank.items", lang), lambda r: _items(r.get("n_items"))),
        (words("rank.class", lang), lambda r: str(r.get("class") or "")),
        (words("rank.main_pollutants", lang), lambda r: str(r.get("main_pollutants") or "")),
    ]
    if any(row.get("change") for row in ranking.rows):
        columns.append((words("rank.cwqi_change", lang), lambda r: _change(r, "cwqi", 2)))
    return columns


def _items(value: Any) -> str:
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    return "" if value is None else str(value)


def columns_of(ranking: Ranking, lang: str = "zh") -> list[Column]:
    """Every printed column after rank and region: header and cell function."""
    body = (_air_columns(ranking, lang) if ranking.kind == "air"
            else _water_columns(ranking, lang))
    return [*body, (words("rank.remark", lang), lambda r: said(r.get("reason"), lang))]


def said(reason: CatalogueText | str | None, lang: str) -> str:
    """Why a row is unranked (or has no change), in ``lang``; empty when it is ranked.

    >>> said(CatalogueText("rank.no_pm25"), "zh"), said(None, "en")
    ('没有 PM2.5 均值', '')
    """
    if isinstance(reason, CatalogueText):
        return reason.render(lang)
    return reason or ""


def _row_document(row: Row) -> Row:
    """A row for JSON and CSV: each reason in English under its key, and in Chinese under
    the key with ``_zh`` (``reason``/``reason_zh``, ``previous_reason``/…)."""
    out = dict(row)
    for key in ("reason", "previous_reason"):
        if key in row:
            out[key] = said(row[key], "en") or None
            out[f"{key}_zh"] = said(row[key], "zh") or None
    return out


def _leading(ranking: Ranking, lang: str) -> list[str]:
    """The headers of the rank and region columns."""
    return [words("rank.rank", lang),
            words("rank.region" if ranking.kind == "air" else "rank.section_region", lang)]


def title(ranking: Ranking, lang: str = "zh") -> str:
    """The line above the table: what is ranked, by which rule, over which period."""
    what = words("rank.air_title" if ranking.kind == "air" else "rank.water_title", lang)
    rule = ("rank.by_cwqi_change" if ranking.kind == "water" and ranking.by == "change"
            else f"rank.by_{ranking.by}")
    text = f"{what} · {words(rule, lang)} · {ranking.start}..{ranking.end}"
    if ranking.by == "change":
        text += " " + CatalogueText("rank.versus", {
            "start": ranking.previous[0], "end": ranking.previous[1]}).render(lang)
    return text


# --- renderers --------------------------------------------------------------------------------

def write_table(ranking: Ranking, stream: IO[str], lang: str = "zh") -> None:
    """A rich table; the highlighted regions are marked ▶ and bold."""
    table = Table(title=Text(title(ranking, lang)), title_justify="left", expand=False)
    columns = columns_of(ranking, lang)
    rank_header, region_header = _leading(ranking, lang)
    table.add_column(rank_header, justify="right")
    table.add_column(region_header)
    text_columns = {words(k, lang) for k in ("rank.main_pollutants", "rank.remark", "rank.class")}
    for header, _ in columns:
        table.add_column(header, justify="left" if header in text_columns else "right")
    for row in ranking.rows:
        mark = "▶ " if row.get("highlight") else ""
        style = "bold" if row.get("highlight") else ""
        table.add_row(rank_text(row, lang), f"{mark}{row['region']}",
                      *(cell(row) for _, cell in columns), style=style)
    console = make_console(stream)
    if not console.is_terminal:  # a file or a pipe: as wide as the table, never cut
        width = console.width
        console.width = 10_000  # measured without a limit, then set to what it needs
        console.width = max(width, console.measure(table).maximum)
    console.print(table)


def write_markdown(ranking: Ranking, stream: IO[str], lang: str = "zh") -> None:
    """A Markdown table under a heading; the highlighted regions in bold."""
    columns = columns_of(ranking, lang)
    stream.write(f"# {title(ranking, lang)}\n\n")
    headers = [*_leading(ranking, lang), *(h for h, _ in columns)]
    stream.write("| " + " | ".join(headers) + " |\n")
    stream.write("|" + "|".join("--:" if i == 0 else "---" for i in range(len(headers)))
                 + "|\n")
    for row in ranking.rows:
        name = f"**{row['region']}**" if row.get("highlight") else str(row["region"])
        cells = [rank_text(row, lang), name, *(cell(row) for _, cell in columns)]
        stream.write("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |\n")


def ranking_document(ranking: Ranking) -> dict[str, Any]:
    """The ranking as plain JSON-able data, ``schema_version`` first."""
    document: dict[str, Any] = jsonable({
        "schema_version": SCHEMA_VERSION, "ecotarget_version": __version__,
        "kind": ranking.kind,
        "period": {"start": ranking.start, "end": ranking.end},
        "previous_period": {"start": ranking.previous[0], "end": ranking.previous[1]},
        "by": ranking.by, "rows": [_row_document(row) for row in ranking.rows],
        # English under notes, as always; notes_zh the same in Chinese
        "notes": [n.render("en") for n in ranking.notes],
        "notes_zh": [n.render("zh") for n in ranking.notes],
    })
    return document


def write_json(ranking: Ranking, stream: IO[str]) -> None:
    json.dump(ranking_document(ranking), stream, ensure_ascii=False, indent=2,
              allow_nan=False)
    stream.write("\n")


def csv_columns(kind: str) -> tuple[str, ...]:
    """The CSV header of an air or water ranking."""
    head = ("region", "rank", "tied", "highlight")
    if kind == "water":
        return (*head, "cwqi", "n_items", "class", "main_pollutants", "sections",
                "previous_cwqi", "change_cwqi", "reason", "reason_zh")
    return (*head, *AIR_FIGURES, *(f"{t}_index" for t in TERMS), "good_days", "valid_days",
            *(f"days_{k}" for k in CATEGORY_KEYS.values()), "heavy_days",
            *(f"previous_{f}" for f in AIR_FIGURES), *(f"change_{f}" for f in AIR_FIGURES),
            "stations", "reason", "reason_zh")


def csv_record(row: Row) -> dict[str, Any]:
    """One row flattened: terms, categories, previous and change figures as columns."""
    flat: dict[str, Any] = {k: v for k, v in _row_document(row).items()
                            if not isinstance(v, (dict, list))}
    for term, value in (row.get("composite_terms") or {}).items():
        flat[f"{term}_index"] = value
    for name, count in (row.get("days_by_category") or {}).items():
        flat[f"days_{CATEGORY_KEYS.get(name, name)}"] = count
    for prefix in ("previous", "change"):
        for name, value in (row.get(prefix) or {}).items():
            flat[f"{prefix}_{name}"] = value
    flat["stations"] = ";".join(row.get("stations") or row.get("sections") or [])
    flat["sections"] = ";".join(row.get("sections") or [])
    flat["n_items"] = _items(row.get("n_items"))
    return flat


def write_csv(ranking: Ranking, stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=list(csv_columns(ranking.kind)),
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in ranking.rows:
        record = jsonable(csv_record(row))
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
