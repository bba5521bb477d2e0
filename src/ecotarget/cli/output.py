"""Where a report goes: stdout, a file replaced atomically, or a device written in place.

A report must never harm what is at its path. A regular file (or a new path) is written to a
temporary file in the same directory and renamed over the old one once complete, so a reader
never sees half a report and a failed write keeps the old one. A symlink is followed and its
target replaced, so the link stays a link. A device, FIFO or socket is opened and written in
place: renaming a file over ``/dev/null`` would replace the system's device with a file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ecotarget.catalogue import Text
from ecotarget.errors import UsageError, os_reason

STDOUT = "-"


@contextmanager
def open_output(path: str | None, *, option: str = "--output") -> Iterator[IO[str]]:
    """Yield a text stream for ``path``: stdout for ``None`` or ``-``, else the path's own kind.

    ``option`` names the command-line option in messages (``--output``, ``--rejects``).
    """
    if path is None or path == STDOUT:
        with _stdout(option) as stream:
            yield stream
        return
    if path == "":
        raise UsageError(Text("output.empty", {"option": option}))
    target = Path(os.path.realpath(path))  # a symlink's target is what gets replaced
    mode = _existing_mode(target, path, option)
    if mode is not None and not stat.S_ISREG(mode):
        with _in_place(target, path, option) as stream:
            yield stream
        return
    with _atomic(target, path, option, mode) as stream:
        yield stream


@contextmanager
def _stdout(option: str) -> Iterator[IO[str]]:
    """stdout, flushed before leaving so that a full disk is reported here, by name."""
    stream = sys.stdout
    if stream is None or stream.closed:  # `>&-`: the shell closed it
        raise UsageError(Text("output.stdout_closed", {"option": option}))
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): not an error of the output
    except OSError as exc:
        raise UsageError(Text("output.stdout_full") if exc.errno == errno.ENOSPC else Text(
            "output.stdout_failed", {"reason": os_reason(exc)})) from exc


def refuse_overwriting_inputs(inputs: Sequence[str], outputs: dict[str, str | None]) -> None:
    """Refuse an output path that is an input, or two outputs at one path, before any reading.

    ``outputs`` maps an option name (``--output``) to its path (or ``None``).
    """
    given = {option: path for option, path in outputs.items() if path not in (None, "", STDOUT)}
    seen: dict[str, str] = {}
    for option, path in given.items():
        assert path is not None
        key = os.path.realpath(path)
        if key in seen:
            raise UsageError(Text("output.same_file", {"first": seen[key], "second": option,
                                                       "path": path}))
        seen[key] = option
        for name in inputs:
            if name != STDOUT and (_same_file(name, path) or _read_from_folder(name, path)):
                raise UsageError(Text("output.is_input", {"option": option, "path": path}))


def _read_from_folder(folder: str, path: str) -> bool:
    """Whether ``path`` is a file that reading the directory ``folder`` takes as an input."""
    # start-up: ecotarget.read loads pandas and pyarrow, which `ecotarget --help` must not wait for
    from ecotarget.read.source import INPUT_SUFFIXES

    file = Path(path)
    return (os.path.isdir(folder) and os.path.isfile(file)  # neither raises, unlike Path's
            and os.path.realpath(file.parent) == os.path.realpath(folder)
            and file.suffix.lower() in INPUT_SUFFIXES and not file.name.startswith(("~$", ".")))


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _existing_mode(target: Path, given: str, option: str) -> int | None:
    try:
        return target.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot_there(exc, given, option) from exc


@contextmanager
def _in_place(target: Path, given: str, option: str) -> Iterator[IO[str]]:
    # No O_CREAT, no O_TRUNC: a device or FIFO is written to, never created or emptied.
    try:
        fd = os.open(target, os.O_WRONLY)
    except OSError as exc:
        raise _cannot_there(exc, given, option) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as exc:
        raise _write_error(exc, given, option, replaced=False) from exc


@contextmanager
def _atomic(target: Path, given: str, option: str, mode: int | None) -> Iterator[IO[str]]:
    if target.is_dir():
        raise UsageError(Text("output.is_directory", {"option": option, "path": given}))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise _cannot_there(exc, given, option) from exc
    try:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                yield stream
        except OSError as exc:
            raise _write_error(exc, given, option) from exc
        # mkstemp creates 0600: keep an existing file's permissions, else a plain write's
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_error(exc: OSError, given: str, option: str, *, replaced: bool = True) -> UsageError:
    if exc.errno == errno.ENOSPC:
        return UsageError(Text("output.disk_full_kept" if replaced else "output.disk_full",
                               {"option": option, "path": given}))
    return UsageError(Text("output.failed", {"option": option, "path": given,
                                             "reason": os_reason(exc)}))


def _cannot_there(exc: OSError, given: str, option: str) -> UsageError:
    return UsageError(Text("output.cannot_there", {"option": option, "path": given,
                                                   "reason": os_reason(exc)}))


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
