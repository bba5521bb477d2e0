"""Layout for terminals of any width: line breaking that never cuts a name or a number, column
widths that fit the console, and the one-block-per-record layout of narrow consoles.

rich wraps a cell at spaces and folds a word longer than the cell anywhere, so a Chinese
sentence (one "word" to rich) is cut mid-number (``预测（91.`` / ``2）``). Here a line may
break between two Chinese characters or at a space, never inside a run of Latin letters,
digits and their punctuation (``127,896/128,797.6``, ``2025-10-31``), and never before a
closing mark (``，。）、``) or after an opening one (``（``), as Chinese typesetting does.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

#: a line of a wrapped cell never starts with these (Chinese line-breaking rules)
CLOSING = set("，。、；：！？）》」』】%％,.;:!?)]")
#: ... and never ends with these
OPENING = set("（《「『【([")


def _is_wide(char: str) -> bool:
    return cell_len(char) == 2


def break_units(text: str) -> list[str]:
    """The pieces a line may not be broken inside, each with its trailing spaces.

    >>> break_units("预测（91.2）可达标")
    ['预', '测', '（91.2）', '可', '达', '标']
    >>> break_units("272/303 days · Jan–Oct")
    ['272/303 ', 'days ', '· ', 'Jan–Oct']
    >>> break_units("2024-01、2024-02")
    ['2024-01、', '2024-02']
    >>> break_units("main_pollutants")  # a column name may break after its underscore
    ['main_', 'pollutants']
    """
    raw: list[str] = []
    for char in text:
        if char == " ":
            if raw:
                raw[-1] += char
            else:
                raw.append(char)
        elif (_is_wide(char) or not raw or raw[-1].endswith((" ", "_"))
              or _is_wide(raw[-1][-1])):
            raw.append(char)
        else:
            raw[-1] += char  # a Latin run: letters, digits and their punctuation
    units: list[str] = []
    glue = False  # the previous unit ended with an opening mark
    for unit in raw:
        if units and (glue or unit[0] in CLOSING):
            units[-1] += unit
        else:
            units.append(unit)
        glue = unit.rstrip()[-1:] in OPENING
    return units


def min_width(text: str) -> int:
    """The narrowest a cell can be without cutting a unit: its widest unit, in cells.

    >>> min_width("127,896/128,797.6 · Jan–Oct"), min_width("空气质量优良率")
    (17, 2)
    """
    return max((cell_len(u.rstrip()) for line in text.split("\n") for u in break_units(line)),
               default=0)


def natural_width(text: str) -> int:
    """The width of the widest of the text's own lines, in cells."""
    return max((cell_len(line) for line in text.split("\n")), default=0)


def _line_ends(line: str, width: int) -> list[int]:
    """Character offsets (within ``line``) where the greedy wrap at ``width`` cells breaks."""
    ends, used, at = [], 0, 0
    for unit in break_units(line):
        size = cell_len(unit.rstrip())
        if used and used + size > width:
            ends.append(at)
            used = 0
        while size > width:  # a unit wider than the column (a very long word): fold it
            cut = at
            while cell_len(line[at:cut + 1]) <= width:
                cut += 1
            ends.append(cut)
            unit, at = unit[cut - at:], cut
            size = cell_len(unit.rstrip())
        used += cell_len(unit)
        at += len(unit)
    return ends


def wrap(text: Text, width: int) -> Text:
    """``text`` with line breaks so that no line is wider than ``width`` cells, styles kept.

    >>> wrap(Text("原因：目前落后，全年预测（28）也不达标"), 12).plain.split("\\n")
    ['原因：目前落', '后，全年预测', '（28）也不达', '标']
    """
    pieces: list[Text] = []
    offset = 0
    for line in text.plain.split("\n"):
        breaks = [offset + end for end in _line_ends(line, max(width, 1))]
        pieces.extend(_parts(text, offset, offset + len(line), breaks))
        offset += len(line) + 1
    return Text("\n").join(pieces)


def _parts(text: Text, start: int, end: int, breaks: list[int]) -> list[Text]:
    bounds = [start, *breaks, end]
    parts = []
    for a, b in pairwise(bounds):
        part = text[a:b]
        part.rstrip()
        parts.append(part)
    return parts


def fit_widths(natural: Sequence[int], minimum: Sequence[int], flexible: Sequence[bool],
               available: int) -> list[int]:
    """Column widths (content cells) that fit ``available``: fixed columns keep their natural
    width; flexible ones are capped at one common width, never below their minimum.

    The cap is the largest that fits, so narrow columns keep their natural width and the
    widest give way first. Worked example: natural 30, 22, 60 (all flexible), minimum 2, 8,
    17; with 60 cells for the three the cap 20 gives 20 + 20 + 20 = 60 (cap 21: 63, too
    wide). With 21 cells even the minimums (2 + 8 + 17 = 27) do not fit: the minimums are
    kept, and the caller uses the narrow layout for such consoles.

    >>> fit_widths([30, 22, 6, 60], [2, 8, 6, 17], [True, True, False, True], 66)
    [20, 20, 6, 20]
    >>> fit_widths([10, 5], [4, 5], [True, False], 40)
    [10, 5]
    """
    widths = list(natural)
    fixed = sum(w for w, flex in zip(natural, flexible, strict=True) if not flex)

    def total(cap: int) -> int:
        return fixed + sum(min(n, max(cap, m)) for n, m, flex
                           in zip(natural, minimum, flexible, strict=True) if flex)

    if sum(widths) <= available:
        return widths
    cap = 1
    while cap < max(natural) and total(cap + 1) <= available:
        cap += 1
    return [min(n, max(cap, m)) if flex else n
            for n, m, flex in zip(natural, minimum, flexible, strict=True)]


def fitted_table(console: Console, headers: Sequence[str], rows: Sequence[Sequence[Text]], *,
                 justify: Sequence[str], flexible: Sequence[bool],
                 title: Text | None = None) -> Table | None:
    """A rich table whose columns fit the console, every cell wrapped by :func:`wrap`, or
    ``None`` when even the narrowest columns that cut nothing are wider than the console
    (the caller then prints :func:`blocks`).

    A row of one cell (a section heading) spans nothing: it is wrapped in the first column.
    """
    count = len(headers)
    cells = [[*row, *(Text() for _ in range(count - len(row)))] for row in rows]
    columns = list(zip(*cells, strict=True)) if cells else [() for _ in headers]
    natural = [max([cell_len(h), *(natural_width(c.plain) for c in column)])
               for h, column in zip(headers, columns, strict=True)]
    minimum = [max([min_width(h), *(min_width(c.plain) for c in column)])
               for h, column in zip(headers, columns, strict=True)]
    available = console.width - (3 * count + 1)  # borders and one space each side of a cell
    if sum(minimum) > available:
        return None
    widths = fit_widths(natural, minimum, flexible, available)
    table = Table(title=title, title_justify="left")
    for header, width, side in zip(headers, widths, justify, strict=True):
        table.add_column(wrap(Text(header), width), justify=side,  # type: ignore[arg-type]
                         width=width, overflow="fold")
    for row in cells:
        table.add_row(*(wrap(cell, width) for cell, width in zip(row, widths, strict=True)))
    return table


def blocks(console: Console, records: Sequence[tuple[Text, Sequence[tuple[str, Text]]]]) -> None:
    """Narrow consoles: each record as its heading line, then ``label  value`` lines, values
    wrapped under themselves (a hanging indent), nothing cut.

    A record with no fields is a heading of its own (a section of the plan).
    """
    for heading, fields in records:
        console.print(wrap(heading, console.width))
        if not fields:
            continue
        label_width = max(cell_len(label) for label, _ in fields)
        indent = 2 + label_width + 2
        for label, value in fields:
            if not value.plain:
                continue
            lines = wrap(value, max(console.width - indent, 8)).split("\n")
            for i, line in enumerate(lines):
                head = f"  {label}{' ' * (label_width - cell_len(label))}  " if i == 0 else \
                    " " * indent
                console.print(Text(head).append_text(line), soft_wrap=True)


__all__ = ["blocks", "break_units", "fit_widths", "fitted_table", "min_width", "natural_width",
           "wrap"]
