"""The one error family of ecotarget; the CLI catches :class:`EcotargetError` once."""

from __future__ import annotations


class EcotargetError(Exception):
    """Base of every error that ecotarget reports to its user (exit code 2)."""


class TargetsFileError(EcotargetError):
    """The targets file cannot be read or does not validate.

    ``problems`` holds one located message per problem (``file:line: path: message``).
    """

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(problems))


class InputError(EcotargetError):
    """An input file is unusable as a whole (unreadable, unknown kind, no usable column)."""


class UsageError(EcotargetError):
    """An option or argument combination that cannot be answered."""
