"""Command-line paths → sources: files, the input files of a directory, or stdin."""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ecotarget.catalogue import Text
from ecotarget.errors import InputError, os_reason

STDIN = "-"
INPUT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
#: A CSV file whose first 64 MiB hold no line break is not a table (``/dev/zero``, a dump).
FIRST_LINE_LIMIT = 64 * 2**20
#: No monitoring export comes near this; a device or pipe that keeps giving is cut here.
INPUT_LIMIT = 8 * 2**30
_CHUNK = 4 * 2**20


@dataclass(frozen=True)
class Source:
    """An input before reading: a name to show and, for stdin, its bytes (``data``) or the
    anonymous temporary file that holds them (``spool``, :func:`spooled`)."""

    name: str
    data: bytes | None = None
    spool: BinaryIO | None = None

    def read(self) -> bytes:
        """The source's bytes; an :class:`InputError` that says why when they cannot be read."""
        if self.data is not None:
            return self.data
        if self.spool is not None:
            with self.open() as stream:
                return stream.read()
        try:
            with open(self.name, "rb") as stream:
                return read_bounded(stream, self.name)
        except IsADirectoryError as exc:
            raise InputError(Text("input.is_directory", {"path": self.name})) from exc
        except OSError as exc:
            raise InputError(Text("input.unreadable", {"path": self.name,
                                                      "reason": os_reason(exc)})) from exc

    def open(self) -> BinaryIO:
        """A stream over the source's bytes from their start (the caller closes it; a spool
        is read by one stream at a time, which share its position)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.spool is not None:
            stream = os.fdopen(os.dup(self.spool.fileno()), "rb")
            stream.seek(0)
            return stream
        return open(self.name, "rb")

    @property
    def size(self) -> int | None:
        """The source's bytes, when known without reading them (None: a device, a pipe)."""
        if self.data is not None:
            return len(self.data)
        try:
            status = (os.fstat(self.spool.fileno()) if self.spool is not None
                      else os.stat(self.name))
        except OSError:
            return None
        return status.st_size if stat.S_ISREG(status.st_mode) else None


def spooled(stream: BinaryIO, name: str) -> Source:
    """Standard input as a source whose bytes are in an anonymous temporary file, which the
    system deletes when the process ends, however it ends: a large input is then streamed
    as a file is (peak memory within 3× its size), and its rejected lines read again. With
    no temporary file to be had (a read-only or full disk), the bytes are kept in memory.
    The limits of :func:`read_bounded` apply.

    >>> source = spooled(io.BytesIO(b"a,b\\n1,2\\n"), "-")
    >>> source.read(), source.size, source.data
    (b'a,b\\n1,2\\n', 8, None)
    """
    try:
        # unbuffered: a full disk is told by the write that meets it, never by a later flush
        spool = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 (the source holds it)
    except OSError:
        return Source(STDIN, read_bounded(stream, name))
    in_memory: list[bytes] = []  # from a full disk on: what was spooled, and all after it
    for chunk in _bounded_chunks(stream, name, INPUT_LIMIT, FIRST_LINE_LIMIT):
        if in_memory:
            in_memory.append(chunk)
            continue
        try:
            done = spool.write(chunk) or 0
        except OSError:
            done = 0
        if done < len(chunk):  # the disk is full: what is spooled comes back to memory
            spool.seek(0)
            in_memory = [spool.read(), chunk[done:]]
    if in_memory:
        spool.close()
        return Source(STDIN, b"".join(in_memory))
    return Source(STDIN, spool=spool)


def read_bounded(stream: BinaryIO, name: str, *, limit: int = INPUT_LIMIT,
                 first_line_limit: int | None = FIRST_LINE_LIMIT) -> bytes:
    """All of ``stream``, in chunks, refused (an :class:`InputError`) beyond ``limit`` bytes
    or with no line break in its first ``first_line_limit`` bytes: a FIFO, a device
    (``/dev/zero``) or stdin is read with the same limits as a file, never without end.

    >>> import io
    >>> read_bounded(io.BytesIO(b"a,b\\n1,2\\n"), "in.csv")
    b'a,b\\n1,2\\n'
    >>> read_bounded(io.BytesIO(b"x" * 10), "zero", first_line_limit=8)
    Traceback (most recent call last):
    ecotarget.errors.InputError: zero: no line break in the first 8 bytes: not a CSV text file
    """
    whole = _read_regular(stream, name, limit, first_line_limit)
    if whole is not None:
        return whole
    return b"".join(_bounded_chunks(stream, name, limit, first_line_limit))


def _bounded_chunks(stream: BinaryIO, name: str, limit: int,
                    first_line_limit: int | None) -> Iterator[bytes]:
    """``stream`` in chunks, an :class:`InputError` past the limits of :func:`read_bounded`."""
    size = 0
    seen_break = first_line_limit is None
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if not seen_break:
            seen_break = b"\n" in chunk or b"\r" in chunk
            if not seen_break and first_line_limit is not None and size >= first_line_limit:
                raise InputError(_no_line_break(name, first_line_limit))
        if size > limit:
            raise InputError(_too_large(name, limit))
        yield chunk


def _read_regular(stream: BinaryIO, name: str, limit: int,
                  first_line_limit: int | None) -> bytes | None:
    """A regular file's bytes in one read (one copy in memory, where chunks joined are two);
    None for a pipe, a device or anything else that has no size to trust."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # io.BytesIO and the like: no descriptor
        return None
    if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
        return None  # too large: the chunked read below says so, with the same message
    data = stream.read()  # readall() sizes its buffer from fstat: no growing copies
    if len(data) > limit:
        raise InputError(_too_large(name, limit))
    if (first_line_limit is not None and len(data) >= first_line_limit
            and data.find(b"\n", 0, first_line_limit) < 0
            and data.find(b"\r", 0, first_line_limit) < 0):
        raise InputError(_no_line_break(name, first_line_limit))
    return data


def _no_line_break(name: str, limit: int) -> Text:
    return Text("input.no_line_break", {"path": name, "limit": f"{limit:,}"})


def _too_large(name: str, limit: int) -> Text:
    return Text("input.too_large", {"path": name, "limit": f"{limit:,}"})


def expand_paths(paths: Sequence[str]) -> list[Source]:
    """Turn command-line paths into sources: files, every ``.csv`` of a directory, or stdin."""
    sources: list[Source] = []
    for name in paths:
        if name == STDIN:
            if any(source.name == STDIN for source in sources):
                raise InputError(Text("input.stdin_twice"))
            sources.append(Source(STDIN))
            continue
        try:
            sources.extend(_sources_of(name))
        except OSError as exc:  # a folder on the way that may not be searched, say
            raise InputError(Text("input.unreadable", {"path": name,
                                                      "reason": os_reason(exc)})) from exc
    return sources


def _sources_of(name: str) -> list[Source]:
    """The file ``name``, or the input files of the directory ``name``."""
    path = Path(name)
    if path.is_symlink() and not path.exists():
        raise InputError(Text("input.symlink_loop" if _loops(path) else "input.symlink_broken",
                              {"path": name}))
    if path.is_dir():
        # Excel leaves "~$name.xlsx" lock files beside an open workbook, editors leave
        # dot files: reading them would fail a cron run while someone has a file open.
        try:
            files = sorted(
                p for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
        except OSError as exc:
            raise InputError(Text("input.unreadable_directory",
                                  {"path": name, "reason": os_reason(exc)})) from exc
        if not files:
            raise InputError(Text("input.empty_directory", {"path": name}))
        return [Source(str(p)) for p in files]
    if path.exists():
        return [Source(name)]
    raise InputError(Text("input.no_file", {"path": name}))


def _loops(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop so
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False
