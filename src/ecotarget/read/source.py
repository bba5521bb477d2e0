"""Command-line paths → sources: files, the input files of a directory, or stdin."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ecotarget.errors import InputError

STDIN = "-"
INPUT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")


@dataclass(frozen=True)
class Source:
    """An input before reading: a name to show and, for stdin, its bytes."""

    name: str
    data: bytes | None = None

    def read(self) -> bytes:
        """The source's bytes; an :class:`InputError` that says why when they cannot be read."""
        if self.data is not None:
            return self.data
        try:
            return Path(self.name).read_bytes()
        except IsADirectoryError as exc:
            raise InputError(f"{self.name}: is a directory") from exc
        except OSError as exc:
            raise InputError(f"{self.name}: cannot read: {exc.strerror}") from exc


def expand_paths(paths: Sequence[str]) -> list[Source]:
    """Turn command-line paths into sources: files, every ``.csv`` of a directory, or stdin."""
    sources: list[Source] = []
    for name in paths:
        if name == STDIN:
            sources.append(Source(STDIN))
            continue
        path = Path(name)
        if path.is_dir():
            # Excel leaves "~$name.xlsx" lock files beside an open workbook, editors leave
            # dot files: reading them would fail a cron run while someone has a file open.
            files = sorted(
                p for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
            if not files:
                raise InputError(f"{name}: directory holds no .csv, .tsv, .txt or .xlsx file")
            sources.extend(Source(str(p)) for p in files)
        elif path.exists():
            sources.append(Source(name))
        else:
            raise InputError(f"{name}: no such file or directory")
    return sources
