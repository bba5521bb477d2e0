"""Validate a small hand-made input and show its verdict compactly."""

from __future__ import annotations

from ecotarget.read import Source, read_table
from ecotarget.validate import ValidatedTable, ValidationContext, validate_table


def validate(text: str, context: ValidationContext | None = None) -> ValidatedTable:
    """Validate ``text`` as if it were the file in.csv."""
    return validate_table(read_table(Source("in.csv", text.encode("utf-8"))), context)


def errors(table: ValidatedTable) -> list[tuple[int, str, str, str]]:
    """(line, column, value, message) of each rejected row."""
    return [(e.line, e.column, e.value, e.message) for e in table.errors]
