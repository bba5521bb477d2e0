"""The bulk path for large, plain UTF-8 files: Arrow's CSV reader instead of the line-by-line one.

Anything unusual (another encoding, quotes, odd line breaks, a row with the wrong number of
cells) makes it step aside (None), and the general path reads the file and names every
problem line; both read exactly the same rows.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Collection
from typing import IO

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.read.decode import split_lines
from ecotarget.read.header import find_header, map_columns
from ecotarget.read.network import find_long_header
from ecotarget.read.source import Source
from ecotarget.read.table import RawTable
from ecotarget.schemas import MODELS, Kind, column_rules, missing_marker_spellings

#: Files at least this large take the bulk path when they are plain UTF-8 CSV: Arrow's
#: multithreaded CSV reader parses the numeric columns straight into floats and the text
#: columns into dictionaries (a year of hourly rows holds a few thousand distinct station
#: names and timestamps, not millions of strings). Anything unusual falls back to the
#: general path, which reads every file and names every problem line.
LARGE_FILE_BYTES = 16 * 2**20
_HEAD_BYTES = 256 * 2**10
_BLOCK_BYTES = 16 * 2**20  # Arrow's parse unit: large enough to keep the dictionaries few
#: The cells Arrow reads as missing in a numeric column: every spelling of the markers that
#: validation reads as missing, so that both paths agree.
ARROW_NULL_VALUES = sorted(missing_marker_spellings())
_LONE_CR = re.compile(rb"\r(?!\n)")
_NOT_A_NUMBER = re.compile(r"In CSV column #(\d+): CSV conversion error to double")


def is_large(data: bytes) -> bool:
    """Whether a file's bytes are many enough for the bulk path to be worth trying."""
    return len(data) >= LARGE_FILE_BYTES


def read_large(source: Source, data: bytes, encoding: str | None,
               kind: Kind | None, *, original: str | None = None) -> RawTable | None:
    """The bulk path for a large, plain UTF-8 file; None whenever the general path is needed
    (another encoding, quotes, odd line breaks, a row with the wrong number of cells).
    ``original``: ``data`` is the file's text re-encoded as UTF-8 from this encoding."""
    if encoding not in (None, "utf-8", "utf8") or b"\x00" in data or b'"' in data:
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    if b"\r" in data and _LONE_CR.search(data):
        return None  # a lone carriage return is a line break the CSV parser would not count
    # Bytes that are not UTF-8 make Arrow raise (it checks text columns): the general path
    # then detects the encoding, so no separate pass over the whole file is needed here.
    try:  # an incremental decoder tolerates a character cut at the end of the head
        head = codecs.getincrementaldecoder("utf-8-sig" if bom else "utf-8")().decode(
            data[:_HEAD_BYTES], final=len(data) <= _HEAD_BYTES)
        head_lines = split_lines(head)[:-1]  # the last line may be cut by the head's limit
        if find_long_header(head_lines) is not None:
            return None  # the national network's long layout has a reader of its own
        header = find_header(head_lines, source.name, kind)
    except (UnicodeDecodeError, InputError):
        return None  # another encoding, or no header: the general path finds out and says so
    rules = column_rules(MODELS[header.kind])
    names, canonical, unknown = map_columns(header)
    numeric = {pos for pos, name in names.items()
               if name in rules and rules[name].kind in ("number", "int")}
    skip = header.end + 1
    frame = arrow_csv(data, header.delimiter, skip, len(header.cells), list(names), numeric)
    if frame is None:
        return None
    # without quotes every line below the head is one row, an empty line a row of empty cells
    numbers = np.arange(skip + 1, skip + 1 + len(frame), dtype=np.int64)
    ends_with_newline = data.endswith(b"\n")
    blank = _blank_rows(frame)
    if not ends_with_newline and len(frame) and not blank[-1] and (
            frame.iloc[-1].isna().any() or (frame.iloc[-1] == "").any()):
        return None  # perhaps cut off mid-row: the general path decides
    if blank.any():
        frame, numbers = frame[~blank].reset_index(drop=True), numbers[~blank]
    frame = frame.rename(columns=names)

    used = original or ("utf-8-sig" if bom else "utf-8")

    def reread(wanted: Collection[int]) -> dict[int, str]:
        return lines_by_number(source, used, wanted)

    return RawTable(
        path=source.name, kind=header.kind, encoding=used,
        delimiter=header.delimiter, header=header.cells, frame=frame, lines=numbers,
        source_columns=canonical, unknown_columns=unknown, reread=reread,
    )


def lines_by_number(source: Source, encoding: str, wanted: Collection[int]) -> dict[int, str]:
    """The text of the lines numbered ``wanted`` (1-based), read again in one pass that keeps
    only those: the rejected rows of a file of millions of lines, without its other lines.
    The bulk path reads only files without quotes or lone carriage returns, so a line here
    is a row there.

    >>> lines_by_number(Source("-", "a\\r\\nb\\nc".encode()), "utf-8", {2, 3, 9})
    {2: 'b', 3: 'c'}
    """
    left = set(wanted)
    found: dict[int, str] = {}
    if not left:
        return found
    last = max(left)
    raw: IO[bytes] = (io.BytesIO(source.data) if source.data is not None
                      else open(source.name, "rb"))  # noqa: SIM115 (closed below)
    with raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        for number, line in enumerate(text, start=1):
            if number in left:
                found[number] = line.rstrip("\r\n")
            if number >= last:
                break
    return found


def arrow_csv(data: bytes, delimiter: str, skip: int, width: int, wanted: list[int],
               numeric: set[int]) -> pd.DataFrame | None:
    """The wanted columns: numeric ones as float64, the rest as categoricals of their exact
    text. A numeric column with a cell that is not a plain number ("1,234", a typo) is read
    as text instead, and validation names the cell. None: the general path must read it."""
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    text = pa.dictionary(pa.int32(), pa.string())
    types = {str(pos): (pa.float64() if pos in numeric else text) for pos in wanted}
    # The C library's allocator: on the benchmark machine Arrow's default (mimalloc) made a
    # 1,700-station check take 5.7-6.4 s against 4.6-5.1 s (bench/README.md).
    pool = pa.system_memory_pool()
    for _ in range(len(numeric) + 1):
        try:
            table = pa_csv.read_csv(
                pa.py_buffer(data),
                read_options=pa_csv.ReadOptions(
                    skip_rows=skip, column_names=[str(pos) for pos in range(width)],
                    block_size=_BLOCK_BYTES),
                parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char=False,
                                                  ignore_empty_lines=False),
                convert_options=pa_csv.ConvertOptions(
                    column_types=types, include_columns=list(types), null_values=ARROW_NULL_VALUES,
                    strings_can_be_null=False),
                memory_pool=pool,
            )
            frame: pd.DataFrame = table.unify_dictionaries(memory_pool=pool).to_pandas(
                memory_pool=pool, self_destruct=True)
        except pa.ArrowException as exc:  # also: a row with too many or too few cells, bad
            failed = _NOT_A_NUMBER.search(str(exc))  # UTF-8: the general path names them
            if failed is None or types.get(failed.group(1)) != pa.float64():
                return None
            types[failed.group(1)] = text
            continue
        return frame.set_axis([int(name) for name in frame.columns], axis=1)
    return None


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows with no cell at all; the float columns narrow the candidates cheaply first."""
    for name in frame.columns:  # a text column that is never empty rules every row out
        column = frame[name]
        if (isinstance(column.dtype, pd.CategoricalDtype)
                and "" not in column.cat.categories and not column.hasnans):
            return np.zeros(len(frame), dtype=bool)
    blank = np.ones(len(frame), dtype=bool)
    ordered = sorted(frame.columns, key=lambda name: frame[name].dtype != np.float64)
    for name in ordered:
        candidates = np.flatnonzero(blank)
        if not len(candidates):
            break
        column = frame[name]
        cells = column if len(candidates) == len(frame) else column.iloc[candidates]
        if isinstance(cells.dtype, pd.CategoricalDtype):
            codes = cells.cat.codes.to_numpy()
            empty = (codes == cells.cat.categories.get_indexer(pd.Index([""]))[0]) | (codes < 0)
        else:
            empty = cells.isna().to_numpy()
        blank[candidates] = empty
    return blank


