"""The one error family of ecotarget; the CLI catches :class:`EcotargetError` once.

An error is raised with a catalogue :class:`Text` (tests/test_language_sources.py checks
every raise site); the command line then says it in the run's language
(:meth:`EcotargetError.said`), and ``str()`` of the error is its English text. Plain text is
still taken (a library caller's own error), and is said as it is.
"""

from __future__ import annotations

import errno

from ecotarget.catalogue import CATALOGUE, Text


class EcotargetError(Exception):
    """Base of every error that ecotarget reports to its user (exit code 2)."""

    def __init__(self, message: str | Text = "") -> None:
        self.text = message if isinstance(message, Text) else None
        super().__init__(message.render("en") if isinstance(message, Text) else message)

    def said(self, lang: str) -> str:
        """The error in ``lang``: its Text rendered, or its English text when it has none.

        >>> InputError(Text("input.empty", {"path": "a.csv"})).said("zh")
        'a.csv：文件是空的'
        >>> str(InputError(Text("input.empty", {"path": "a.csv"})))
        'a.csv: the file is empty'
        """
        return self.text.render(lang) if self.text is not None else str(self)


class TargetsFileError(EcotargetError):
    """The targets file cannot be read or does not validate.

    ``problems`` holds one catalogue Text per problem, located ``file:line: path: message``
    (:mod:`ecotarget.targets_problems`); ``lang`` is the file's own ``settings.lang`` when
    the file was read far enough to tell it (the language of these errors without
    ``--lang``), else None.
    """

    def __init__(self, path: str, problems: list[Text], lang: str | None = None) -> None:
        self.path = path
        self.problems = problems
        self.lang = lang
        super().__init__("\n".join(problem.render("en") for problem in problems))

    def said(self, lang: str) -> str:
        """Every problem in ``lang``, one a line.

        >>> TargetsFileError("t.yaml", [Text("spec.at", {"where": "t.yaml",
        ...                                              "problem": Text("spec.empty")})]).said("zh")
        't.yaml：目标文件是空的'
        """
        return "\n".join(problem.render(lang) for problem in self.problems)


class InvalidValue(ValueError):
    """A value a validator of the targets file refuses, with its reason as a catalogue Text.

    pydantic keeps the raised error in the context of its error record, so the loader says
    the Text in the run's language; ``str()`` is the English text (what pydantic shows).
    """

    def __init__(self, text: Text, *, at: str | None = None) -> None:
        self.text = text
        #: a field below the one validated that the problem belongs to (``params``)
        self.at = at
        super().__init__(text.render("en"))


class InputError(EcotargetError):
    """An input file is unusable as a whole (unreadable, unknown kind, no usable column).

    Only a catalogue Text is taken, so that the error can be said in either language.
    """

    def __init__(self, message: Text) -> None:
        super().__init__(message)


class UsageError(EcotargetError):
    """An option or argument combination that cannot be answered (a catalogue Text)."""

    def __init__(self, message: Text) -> None:
        super().__init__(message)


def os_reason(exc: OSError) -> Text | str:
    """The operating system's reason for a failed read or write, in the catalogue when it is
    a common one (``os.EACCES`` …), else the system's own text (English).

    >>> os_reason(PermissionError(errno.EACCES, "Permission denied")).render("zh")
    '没有权限'
    >>> os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    'Invalid cross-device link'
    """
    name = errno.errorcode.get(exc.errno or 0, "")
    if f"os.{name}" in CATALOGUE:
        return Text(f"os.{name}")
    return exc.strerror or str(exc)
