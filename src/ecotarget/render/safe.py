"""Text from inputs made harmless to print and to open in a spreadsheet.

Station and section names, rejected values and file paths come from files that anyone may
have written. Two things are done to every such text that ecotarget prints or composes:

* **Control characters are shown escaped** (:func:`inert`): an escape sequence in a station
  name would otherwise clear the screen, set the window title or recolour the terminal,
  and a carriage return would overwrite the line before it. ``\\x1b[2J`` prints as the
  six characters ``\\x1b[2J``. Bidirectional overrides (U+202A–U+202E, U+2066–U+2069),
  which reorder what a line seems to say, are escaped too. Printed text is never read as
  rich markup either (the consoles are made with ``markup=False``; the cells are ``Text``).
* **Cells that would start a formula get a leading apostrophe** (:func:`spreadsheet_cell`,
  OWASP's advice on CSV injection): a cell that begins with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return, and is not a number, is written ``'=HYPERLINK(…)``; Excel and
  LibreOffice then show it as text. ``-12.5`` stays a number.

``--rejects`` is the one output exempt: it writes the input's own lines back byte for byte,
to be fixed and fed back.

This module imports nothing heavy: the command line uses it for every message it prints.
"""

from __future__ import annotations

import re

# C0 controls except none, DEL, C1 controls, and the bidirectional embeddings and isolates
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# the same, but a line break may stay: a message of several lines keeps its lines
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``, ``\\u202e``).

    >>> inert("A\\x1b[2JB\\r\\n")
    'A\\\\x1b[2JB\\\\r\\\\n'
    >>> inert("line 1\\nline 2\\x07", keep_newlines=True)
    'line 1\\nline 2\\\\x07'
    >>> inert("平湖监测站")  # nothing to escape: the same string
    '平湖监测站'
    """
    pattern = _CONTROL_BUT_NEWLINE if keep_newlines else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text


def spreadsheet_cell(text: str) -> str:
    """``text`` inert, with a leading ``'`` when a spreadsheet would read it as a formula.

    >>> spreadsheet_cell('=HYPERLINK("http://evil","x")')
    '\\'=HYPERLINK("http://evil","x")'
    >>> spreadsheet_cell("@SUM(1+1)"), spreadsheet_cell("+86 573"), spreadsheet_cell("-")
    ("'@SUM(1+1)", "'+86 573", "'-")
    >>> spreadsheet_cell("-12.5"), spreadsheet_cell("+3"), spreadsheet_cell("1e-3")
    ('-12.5', '+3', '1e-3')
    >>> spreadsheet_cell("\\t=1")  # the tab is escaped: the cell starts with a backslash
    '\\\\t=1'
    """
    text = inert(text)
    if text.startswith(_FORMULA_START) and _NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


def spreadsheet_row(cells: list[object]) -> list[object]:
    """A CSV row with every text cell made a :func:`spreadsheet_cell`; numbers stay numbers.

    >>> spreadsheet_row(["=1+1", 3, None, "ok"])
    ["'=1+1", 3, None, 'ok']
    """
    return [spreadsheet_cell(cell) if isinstance(cell, str) else cell for cell in cells]


__all__ = ["inert", "spreadsheet_cell", "spreadsheet_row"]
