"""``ecotarget validate``: every input's account of rows and every rejected row."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from rich.table import Table
from rich.text import Text

from ecotarget.catalogue import Text as CatalogueText
from ecotarget.catalogue import words
from ecotarget.render.json import SCHEMA_VERSION
from ecotarget.render.safe import inert
from ecotarget.render.table import make_console
from ecotarget.validate import ValidatedTable, error_dicts


def render_validation_json(tables: Sequence[ValidatedTable], stream: IO[str]) -> None:
    """Every input's account of rows and every rejected row, as one JSON document.

    ``notes`` and each row error's ``message`` are in English, as they always were;
    ``notes_zh`` and ``message_zh`` are the same texts in Chinese."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "inputs": [{"path": t.path, "kind": t.kind, "subkind": t.subkind,
                    "encoding": t.encoding, "rows_read": t.rows_read,
                    "rows_accepted": t.rows_accepted, "rows_rejected": t.rows_rejected,
                    "rows_not_assessed": t.rows_not_assessed,
                    "unknown_columns": t.raw.unknown_columns if t.raw else [],
                    "notes": [n.render("en") for n in t.notes],
                    "notes_zh": [n.render("zh") for n in t.notes]}
                   for t in tables],
        "row_errors": error_dicts(e for t in tables for e in t.errors),
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def render_validation_table(tables: Sequence[ValidatedTable], stream: IO[str],
                            lang: str = "zh") -> None:
    """A table of the inputs, a table of the rejected rows, the totals and any notes."""
    console = make_console(stream)
    inputs = Table(title=words("validate.inputs", lang), title_justify="left")
    for header in ("file", "kind", "encoding", "read", "accepted", "rejected", "ignored"):
        # fold, never cut: a path in a narrow terminal wraps inside its cell
        inputs.add_column(words(f"validate.{header}", lang), overflow="fold",
                          justify="right" if header in ("read", "accepted", "rejected")
                          else "left")
    for t in tables:
        kind = words(f"kind.{t.kind}", lang)
        if t.subkind:
            kind += f" ({words(f'subkind.{t.subkind}', lang)})"
        ignored = ", ".join(t.raw.unknown_columns) if t.raw else ""
        inputs.add_row(Text(inert(t.path)), Text(kind), Text(t.encoding), str(t.rows_read),
                       str(t.rows_accepted),
                       Text(str(t.rows_rejected), style="red" if t.rows_rejected else ""),
                       Text(inert(ignored)))
    console.print(inputs)
    errors = [e for t in tables for e in t.errors]
    if errors:
        table = Table(title=words("validate.rejected_rows", lang), title_justify="left")
        for header in ("file", "line", "column", "value", "problem"):
            table.add_column(words(f"validate.{header}", lang), overflow="fold")
        for e in errors:
            table.add_row(Text(inert(e.path)), str(e.line), Text(inert(e.column)),
                          Text(inert(e.value_said(lang))), Text(inert(e.said(lang))))
        console.print(table)
    total = sum(t.rows_read for t in tables)
    console.print(Text(CatalogueText("validate.totals", {
        "read": total, "row_word": CatalogueText("word.row" if total == 1 else "word.rows"),
        "accepted": total - len(errors), "rejected": len(errors)}).render(lang)))
    for t in tables:
        for note in t.notes:
            console.print(Text(inert(f"{t.path}: {note.render(lang)}")))
