"""The bulk path for large UTF-8 and GBK files: Arrow's CSV reader instead of the line-by-line one.

Anything unusual (UTF-16 or another encoding, quoting other than whole cells on one line,
odd line breaks, a row with the wrong number of cells) makes it step aside (None), and the
general path reads the file and names every problem line; both read exactly the same rows.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import functools
import io
import re
import sys
from collections.abc import Callable, Collection
from typing import IO, Any

import numpy as np
import pandas as pd

from ecotarget.errors import InputError
from ecotarget.read.decode import codec_name, head_encoding, split_lines
from ecotarget.read.header import find_header, map_columns
from ecotarget.read.network import find_long_header
from ecotarget.read.quotes import QuoteCheck
from ecotarget.read.source import INPUT_LIMIT, Source
from ecotarget.read.table import RawTable
from ecotarget.schemas import MODELS, Kind, column_rules, missing_marker_spellings

#: Files at least this large take the bulk path when they are UTF-8 or GBK CSV: Arrow's
#: multithreaded CSV reader parses the numeric columns straight into floats and the text
#: columns into dictionaries (a year of hourly rows holds a few thousand distinct station
#: names and timestamps, not millions of strings). Anything unusual falls back to the
#: general path, which reads every file and names every problem line.
LARGE_FILE_BYTES = 2**20
_HEAD_BYTES = 256 * 2**10
#: Arrow's parse unit, a 64th of the file within these bounds: what Arrow holds in flight
#: grows with it (a peak of about 40 blocks), and smaller blocks cost time (a 610 MB
#: file: 15 s in blocks of 512 KiB, 11 s in blocks of 4 or 8 MiB, on a loaded machine).
_BLOCK_BYTES = (2**19, 2**23)
#: The cells Arrow reads as missing in a numeric column: every spelling of the markers that
#: validation reads as missing, so that both paths agree.
ARROW_NULL_VALUES = sorted(missing_marker_spellings())
_LONE_CR = re.compile(rb"\r(?!\n)")
_NOT_A_NUMBER = re.compile(r"In CSV column #(\d+): CSV conversion error to double")


def is_large(data: bytes) -> bool:
    """Whether a file's bytes are many enough for the bulk path to be worth trying."""
    return len(data) >= LARGE_FILE_BYTES


def is_large_file(source: Source) -> bool:
    """Whether ``source`` is a regular file large enough for the bulk path, which then reads
    it from the disk in blocks (its bytes are never all in memory)."""
    if source.data is not None or (source.name == "-" and source.spool is None):
        return False
    size = source.size  # None: not a regular file (Source.read says why it cannot be read)
    return size is not None and LARGE_FILE_BYTES <= size <= INPUT_LIMIT


def read_large(source: Source, data: bytes | None, encoding: str | None,
               kind: Kind | None, *, original: str | None = None) -> RawTable | None:
    """The bulk path for a large UTF-8 or GB18030/GBK file; None whenever the general path is
    needed (another encoding, quoted cells spanning lines, odd line breaks, a row with the
    wrong number of cells). ``data``: the file's bytes, or None to stream them from the file
    (never all held: peak memory). ``original``: ``data`` is the file's text re-encoded as
    UTF-8 from this encoding."""
    with _open(source, data) as stream:
        first = stream.read(_HEAD_BYTES + 1)
    used = _encoding(first, encoding)
    if used is None:
        return None
    # Bytes that are not of the encoding make Arrow raise (it checks text columns): the
    # general path then finds out what they are, so no separate pass over the file is needed.
    try:  # an incremental decoder tolerates a character cut at the end of the head
        head = codecs.getincrementaldecoder(used)().decode(
            first[:_HEAD_BYTES], final=len(first) <= _HEAD_BYTES)
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
    # rows to make room for: the file's size over the head's bytes per line, and a tenth more
    size = _size(source, data)
    rows = int(size / max(1, len(first) // max(1, len(head_lines))) * 1.1)
    read = arrow_csv(lambda: _open(source, data), header.delimiter, skip, len(header.cells),
                     list(names), numeric, rows=rows, size=size, encoding=used)
    if read is None:
        return None
    frame, checked = read
    return_freed_memory()  # Arrow's blocks in flight, which validation would add to
    if checked.last == b"\r":
        return None  # a lone carriage return ends the file: the general path counts it
    # no quoted cell spans lines: each line below the head is one row (an empty one too)
    numbers = np.arange(skip + 1, skip + 1 + len(frame), dtype=np.int64)
    ends_with_newline = checked.last == b"\n"
    blank = _blank_rows(frame)
    if not ends_with_newline and len(frame) and not blank[-1] and (
            frame.iloc[-1].isna().any() or (frame.iloc[-1] == "").any()):
        return None  # perhaps cut off mid-row: the general path decides
    if blank.any():
        frame, numbers = frame[~blank].reset_index(drop=True), numbers[~blank]
    frame = frame.rename(columns=names)

    used = original or used

    def reread(wanted: Collection[int]) -> dict[int, str]:
        return lines_by_number(source, used, wanted)

    return RawTable(
        path=source.name, kind=header.kind, encoding=used,
        delimiter=header.delimiter, header=header.cells, frame=frame, lines=numbers,
        source_columns=canonical, unknown_columns=unknown, reread=reread,
    )


#: What Arrow transcodes as it reads (GB18030 and GBK never use the bytes of a quote, a
#: delimiter or a line break inside a character, so CheckedStream reads their raw bytes)
_STREAMED_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312")


def _encoding(first: bytes, given: str | None) -> str | None:
    """The encoding to stream the file in: ``given`` (``--encoding``) or the one its first
    bytes show; None when only the general path can read it (UTF-16, another encoding)."""
    if given is None:
        return head_encoding(first[:_HEAD_BYTES], whole=len(first) <= _HEAD_BYTES)
    try:
        name = codec_name(given, first)
    except LookupError:
        return None  # the general path says so
    return name if name in _STREAMED_ENCODINGS else None


def lines_by_number(source: Source, encoding: str, wanted: Collection[int]) -> dict[int, str]:
    """The text of the lines numbered ``wanted`` (1-based), read again in one pass that keeps
    only those: the rejected rows of a file of millions of lines, without its other lines.
    The bulk path reads only files without lone carriage returns or quoted cells that span
    lines, so a line here is a row there.

    >>> lines_by_number(Source("-", "a\\r\\nb\\nc".encode()), "utf-8", {2, 3, 9})
    {2: 'b', 3: 'c'}
    """
    left = set(wanted)
    found: dict[int, str] = {}
    if not left:
        return found
    last = max(left)
    raw = source.open()
    with raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
        for number, line in enumerate(text, start=1):
            if number in left:
                found[number] = line.rstrip("\r\n")
            if number >= last:
                break
    return found


class CheckedStream:
    """A byte stream passed on to Arrow that ends early (``unusual``) at what only the general
    path reads: a NUL byte, a lone carriage return (a line break Arrow would not count), or
    quotes other than whole quoted cells on one line (:mod:`ecotarget.read.quotes`).
    ``last``: the last byte read (does the file end with a line break?)."""

    def __init__(self, stream: IO[bytes], delimiter: str = ",") -> None:
        self._stream = stream
        self._delimiter = delimiter
        self._quotes: QuoteCheck | None = None  # from the first block with a quote on
        self.unusual = False
        self.last = b""
        self.closed = False

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes; b"" at the end or at the first unusual byte."""
        if self.unusual:
            return b""
        chunk = self._stream.read(size)
        if not chunk:
            self.unusual = self._quotes is not None and not self._quotes.finished()
            return chunk
        # a carriage return ending the chunk is judged by the next chunk's first byte
        lone = _LONE_CR.search(chunk) if b"\r" in chunk else None
        if (b"\x00" in chunk or (self.last == b"\r" and chunk[:1] != b"\n")
                or (lone is not None and lone.start() < len(chunk) - 1)
                or not self._quoted_as_arrow_reads(chunk)):
            self.unusual = True
            return b""
        self.last = chunk[-1:]
        return chunk

    def _quoted_as_arrow_reads(self, chunk: bytes) -> bool:
        if self._quotes is None:
            if b'"' not in chunk:
                return True  # most files: no quote, and nothing to follow
            self._quotes = QuoteCheck(self._delimiter, before=self.last)
        return self._quotes.simple(chunk)


def _open(source: Source, data: bytes | None) -> IO[bytes]:
    if data is not None:
        return io.BytesIO(data)
    return source.open()  # the caller closes it


def _size(source: Source, data: bytes | None) -> int:
    return len(data) if data is not None else source.size or 0


def arrow_csv(opened: Callable[[], IO[bytes]], delimiter: str, skip: int, width: int,
              wanted: list[int], numeric: set[int], *, rows: int = 0, size: int = 0,
              encoding: str = "utf-8") -> tuple[pd.DataFrame, CheckedStream] | None:
    """The wanted columns: numeric ones as float64, the rest as categoricals of their exact
    text. A numeric column with a cell that is not a plain number ("1,234", a typo) is read
    as text instead, and validation names the cell. None: the general path must read it
    (or a byte only it reads: ``unusual``). ``rows``: the rows expected, to make room for;
    ``size``: the file's bytes, which set the block size; ``encoding``: the bytes', which
    Arrow transcodes block by block.

    The bytes are streamed in blocks (:data:`_BLOCK_BYTES`) straight into the columns: the
    file's bytes, Arrow's table and pandas' frame are never held side by side (peak memory
    within 3× the file's size; bench/memory.py)."""
    import pyarrow as pa

    text = pa.dictionary(pa.int32(), pa.string())
    types = {str(pos): (pa.float64() if pos in numeric else text) for pos in wanted}
    for _ in range(len(numeric) + 1):
        with opened() as stream:
            checked = CheckedStream(stream, delimiter)
            try:
                frame = _stream_columns(pa.PythonFile(checked, mode="r"), delimiter, skip,
                                        width, types, rows, size, encoding)
            except UnicodeDecodeError:  # from the transcoding: the general path names the line
                return None
            except pa.ArrowException as exc:  # also: a row with too many or too few cells,
                failed = _NOT_A_NUMBER.search(str(exc))  # bad UTF-8: the general path says
                if checked.unusual:
                    return None
                if failed is None or types.get(failed.group(1)) != pa.float64():
                    return None
                types[failed.group(1)] = text
                continue
        return (None if checked.unusual
                else (frame.set_axis([int(name) for name in frame.columns], axis=1), checked))
    return None


def _stream_columns(stream: Any, delimiter: str, skip: int, width: int,
                    types: dict[str, Any], rows: int, size: int, encoding: str) -> pd.DataFrame:
    """Arrow's streaming reader, each block's values copied into columns made room for once
    (grown by half when the guess was short); text as codes into one dictionary per column."""
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    release_freed_memory()
    reader = pa_csv.open_csv(
        stream,
        read_options=pa_csv.ReadOptions(
            skip_rows=skip, column_names=[str(pos) for pos in range(width)],
            # Arrow reads UTF-8 (a byte order mark skipped) itself and transcodes the rest
            encoding="utf8" if encoding.startswith("utf-8") else encoding,
            block_size=min(max(size // 64, _BLOCK_BYTES[0]), _BLOCK_BYTES[1])),
        # quoted cells never span lines here (CheckedStream): one line is one row
        parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char='"',
                                          double_quote=True, newlines_in_values=False,
                                          ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(
            column_types=types, include_columns=list(types), null_values=ARROW_NULL_VALUES,
            strings_can_be_null=False),
        memory_pool=pa.system_memory_pool())
    names = reader.schema.names
    capacity = max(rows, 1024)
    columns = {name: np.empty(capacity, np.float64 if types[name] == pa.float64() else np.int32)
               for name in names}
    codes: dict[str, dict[str, int]] = {name: {} for name in names
                                        if columns[name].dtype == np.int32}
    count = 0
    for batch in reader:
        size = batch.num_rows
        if count + size > capacity:
            capacity = max(count + size, capacity + capacity // 2)
            for name in names:
                grown = np.empty(capacity, columns[name].dtype)
                grown[:count] = columns[name][:count]
                columns[name] = grown
        for name, column in zip(names, batch.columns, strict=True):
            into = columns[name][count:count + size]
            if name in codes:
                known = codes[name]
                values = column.dictionary.to_pylist()
                lookup = np.fromiter((known.setdefault(v, len(known)) for v in values),
                                     dtype=np.int32, count=len(values))
                np.take(lookup, column.indices.to_numpy(zero_copy_only=False), out=into)
            else:
                into[:] = column.to_numpy(zero_copy_only=False)
        count += size
    frame = {}
    for name in names:
        kept = columns.pop(name)[:count]  # a view: the room not filled was never touched
        frame[name] = (pd.Categorical.from_codes(kept.astype(np.int32, copy=False),
                                                 categories=pd.Index(list(codes[name])))
                       if name in codes else kept)
    return pd.DataFrame(frame, copy=False)


@functools.cache
def release_freed_memory() -> None:
    """Have the C library give freed blocks back at once (glibc only; once per process).

    glibc raises its threshold for giving memory back to the system as large blocks are
    freed (up to 32 MiB, and keeps 64 MiB per thread's arena): Arrow's reader threads then
    held 60-120 MiB of freed blocks on a 61 MiB file. A fixed threshold keeps it at 128 KiB.
    """
    libc = _libc()
    with contextlib.suppress(AttributeError):  # a C library without mallopt
        if libc is not None:
            libc.mallopt(_M_MMAP_THRESHOLD, 128 * 2**10)


@functools.cache
def _libc() -> Any:
    """glibc, loaded once; None elsewhere (another C library keeps its own policy)."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


_M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>


def return_freed_memory() -> None:
    """Give back to the system what reading and validating a file freed and still keeps.

    Arrow's default pool (pandas' text columns) keeps freed pages for Arrow alone, and
    glibc's heap keeps freed small blocks: what the steps after validation allocate
    (station-hours, city hours) would add to them. Measured on a 30.4 MiB hourly file:
    check's peak 8 MiB lower (bench/memory.py); it takes about a millisecond.
    """
    arrow = sys.modules.get("pyarrow")  # not loaded: nothing of it to give back
    if arrow is not None:
        arrow.default_memory_pool().release_unused()
    libc = _libc()
    with contextlib.suppress(AttributeError):  # a C library without malloc_trim
        if libc is not None:
            libc.malloc_trim(0)


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


