"""What every command shares: options, inputs, the output stream, progress, and exit codes.

A command module imports this module and nothing else of the ``cli`` package, so that
``cli/main.py`` can import the commands to register them without an import cycle.

The library (pandas, pydantic, the engines) is imported inside the helpers that read
inputs, so that ``ecotarget --help`` and ``--version`` answer at once: importing
:mod:`ecotarget.read` or :mod:`ecotarget.pipeline` loads pandas, about 0.3 s on an idle
machine and seconds on a busy one, and :mod:`ecotarget.targets` loads pydantic and YAML.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar

import click

from ecotarget.catalogue import Text
from ecotarget.cli.output import open_output, refuse_overwriting_inputs
from ecotarget.errors import EcotargetError, TargetsFileError
from ecotarget.periods import parse_as_of, parse_period
from ecotarget.render.safe import inert

if TYPE_CHECKING:
    from ecotarget.pipeline import CheckOptions
    from ecotarget.read import Source
    from ecotarget.targets import LoadedTargets
    from ecotarget.validate import RowError, ValidatedTable

F = TypeVar("F", bound=Callable[..., Any])
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process ended by it
ROW_ERRORS_SHOWN = 5
PROGRESS_MIN_BYTES = 32 * 2**20  # below this a run takes about a second: no bar needed
TARGETS_HELP = "Targets file (default: ./config/targets.yaml, else the bundled one)."


def lang_option(func: F) -> F:
    """``--lang zh|en``: the one language of everything the command prints."""
    return click.option(
        "--lang", type=click.Choice(["zh", "en"]), default=None,
        help="Language of everything printed: zh (Chinese) or en (English). Default: the "
             "targets file's settings.lang, else zh. JSON keys stay English and carry both.",
    )(func)


#: The language of the running command once known (``--lang``, or the targets file's): the
#: error handler says a fatal error in it, and in Chinese (the default) before it is known.
#: Each command reads its targets file first, so that what it refuses next (an output that
#: is an input, options that contradict each other) is said in the file's language.
RUN_LANG: ContextVar[str | None] = ContextVar("RUN_LANG", default=None)
#: the language when neither --lang nor the targets file's settings.lang says one
DEFAULT_LANG = "zh"


def chosen_lang(lang: str | None, loaded: LoadedTargets | None) -> str:
    """``--lang`` when given, else the targets file's ``settings.lang``, else zh; from now
    on the run's language (see :data:`RUN_LANG`)."""
    chosen = lang if lang is not None else (
        loaded.spec.settings.lang if loaded is not None else DEFAULT_LANG)
    RUN_LANG.set(chosen)
    return chosen


def tell(message: str) -> None:
    """One line on stderr, after ``ecotarget: `` (stdout is kept for the report); control
    characters of a path or value in it are shown escaped, never obeyed."""
    click.echo(inert(f"ecotarget: {message}", keep_newlines=True), err=True)


# --- errors and signals → exit codes ----------------------------------------------------------

class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C so that partly written outputs are removed on the way out."""


def raise_terminated(signum: int, frame: object) -> None:
    """The SIGTERM handler: unwind the stack as Ctrl-C does (outputs clean up on the way)."""
    raise Terminated


def handle_errors(func: F) -> F:
    """Turn every failure into a message and an exit code: never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # --lang, when given, is the language of an error raised before the targets file
        # is read; without it zh, until chosen_lang knows the file's settings.lang
        token = RUN_LANG.set(kwargs.get("lang"))
        try:
            return func(*args, **kwargs)
        except TargetsFileError as exc:
            # the file's own settings.lang when it was read far enough to tell it
            lang = RUN_LANG.get() or exc.lang or DEFAULT_LANG
            for problem in exc.problems:
                tell(problem.render(lang))
            sys.exit(EXIT_UNUSABLE)
        except EcotargetError as exc:
            # an error of plain text (a library caller's) is one English line, never half
            # and half; every error ecotarget raises carries a Text
            lang = (RUN_LANG.get() or DEFAULT_LANG) if exc.text is not None else "en"
            tell(Text("error.prefix", {"text": exc.said(lang)}).render(lang))
            sys.exit(EXIT_UNUSABLE)
        except KeyboardInterrupt:
            tell(Text("run.interrupted").render(RUN_LANG.get() or DEFAULT_LANG))
            sys.exit(EXIT_INTERRUPTED)
        except Terminated:
            tell(Text("run.terminated").render(RUN_LANG.get() or DEFAULT_LANG))
            sys.exit(EXIT_TERMINATED)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`): nothing left to say
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # the last net: a bug must still not print a traceback
            if os.environ.get("ECOTARGET_DEBUG"):
                raise
            # the exception's own words stay as Python says them: they are for the report
            tell(Text("run.internal", {"error": f"{type(exc).__name__}: {exc}"}).render(
                RUN_LANG.get() or DEFAULT_LANG))
            sys.exit(EXIT_UNUSABLE)
        finally:
            RUN_LANG.reset(token)

    return wrapper  # type: ignore[return-value]


# --- shared options ---------------------------------------------------------------------------

def input_options(func: F) -> F:
    """PATHS, ``--targets``, ``--encoding``, ``--kind`` and ``--hour-label``."""
    for option in reversed([
        click.argument("paths", nargs=-1, required=True),
        click.option("--targets", "targets_path", type=click.Path(dir_okay=False),
                     help=TARGETS_HELP),
        click.option("--encoding", help="Input encoding (default: detect UTF-8 / GB18030)."),
        click.option("--kind", type=click.Choice(["ledger", "air", "water"]),
                     help="Input kind for every file (default: detect from the header)."),
        click.option("--hour-label", type=click.Choice(["end", "start"]),
                     help="Air hour labels mark the hour's end (network, default) or start."),
    ]):
        func = option(func)
    return func


def evaluation_options(period_help: str) -> Callable[[F], F]:
    """``--as-of``, ``--period`` (its help: ``period_help``), ``--air-standard`` and
    ``--station``: what a check is judged over, the same for ``check`` and ``report``."""
    def decorate(func: F) -> F:
        for option in reversed([
            click.option("--as-of", help="Judge as of YYYY-MM-DD or YYYY-MM (default: last "
                                         "day in the data)."),
            click.option("--period", help=period_help),
            click.option("--air-standard", type=click.Choice(["auto", "2012", "2026"]),
                         help="AQI edition: by each day's date (auto), or one edition for "
                              "every day."),
            click.option("--station", "stations", multiple=True,
                         help="Only this station of every air input, by code or name "
                              "(repeatable)."),
        ]):
            func = option(func)
        return func
    return decorate


def year_option(func: F) -> F:
    """``--year``: the year of water times written without one (``MM-DD HH:MM``)."""
    return click.option(
        "--year", type=click.IntRange(1990, 2100),
        help="Year of water sampling times written without one (07-01 04:00, as the "
             "national automatic water-station release may export them); default: the "
             "year or date in each file's name.")(func)


def output_options(registry: Mapping[str, object]) -> Callable[[F], F]:
    """``--output`` and ``--format``, whose choices are the registry's names (the first is
    the default): the command then calls ``registry[fmt]``."""
    formats = list(registry)

    def decorate(func: F) -> F:
        func = click.option("--output", "-o", type=click.Path(dir_okay=False),
                            help="Write the report to FILE (atomically) instead of stdout.")(func)
        func = click.option("--format", "fmt", type=click.Choice(formats),
                            default=formats[0], show_default=True, help="Output format.")(func)
        return func
    return decorate


# --- inputs -----------------------------------------------------------------------------------

def read_sources(paths: Sequence[str]) -> list[Source]:
    """The inputs named on the command line: files, every .csv of a folder, ``-`` for stdin."""
    # start-up: the readers load pandas (see the module docstring)
    from ecotarget.read import STDIN, expand_paths, spooled

    sources = expand_paths(paths)
    return [spooled(sys.stdin.buffer, "- (standard input)") if s.name == STDIN else s
            for s in sources]


def read_targets(path: str | None) -> LoadedTargets:
    """``--targets``, else ./config/targets.yaml, else the bundled targets file."""
    # start-up: the targets file's models load pydantic and YAML (see the module docstring)
    from ecotarget.targets import load_targets

    return load_targets(path)


def targets_and_lang(path: str | None, lang: str | None) -> tuple[LoadedTargets, str]:
    """The targets file (:func:`read_targets`) and the run's language (:func:`chosen_lang`):
    what a command does first, so that every error after it is said in that language."""
    loaded = read_targets(path)
    return loaded, chosen_lang(lang, loaded)


def check_options(as_of: str | None, period: str | None, encoding: str | None,
                  kind: str | None, air_standard: str | None, hour_label: str | None,
                  stations: tuple[str, ...]) -> CheckOptions:
    """The library's options from the command line's text (dates and periods parsed)."""
    # start-up: the check loads pandas and every engine (see the module docstring)
    from ecotarget.pipeline import CheckOptions

    return CheckOptions(
        as_of=parse_as_of(as_of) if as_of else None,
        period=parse_period(period) if period else None,
        encoding=encoding, kind=kind,  # type: ignore[arg-type]
        air_standard=air_standard, hour_label=hour_label, stations=stations,
    )


# --- outputs ----------------------------------------------------------------------------------

@contextmanager
def output_stream(path: str | None, option: str = "--output") -> Iterator[IO[str]]:
    """stdout, or the file at ``path`` written without harm to what is there (see output)."""
    with open_output(path, option=option) as stream:
        yield stream


def excel_bom(stream: IO[str], fmt: str, output: str | None) -> None:
    """Start a CSV written to a file with the BOM that Excel on a Chinese Windows needs to read
    UTF-8; stdout stays without, for pipes and scripts."""
    if fmt == "csv" and output not in (None, "-"):
        stream.write("\ufeff")


RejectedDetail = Literal["rows", "first", "count"]


def report_rejected_rows(count: int, errors: Sequence[RowError], detail: RejectedDetail, *,
                         in_json: bool = False, rejects: str | None = None,
                         lang: str = "en") -> None:
    """Say on stderr that ``count`` rows were rejected and not counted; nothing when none.

    ``detail`` is how much to show: ``rows``, the first few problems one per line; ``first``,
    the first one on the same line; ``count``, only the number. The first line says where
    every rejected row is listed: under ``row_errors`` in the JSON report (``in_json``: JSON
    is the output), in the ``--rejects`` file, else by ``ecotarget validate``.

    Rows rejected for the same problem of the same column (a whole column in the wrong
    unit, a missing station column) are one line with their count, not one line each.
    Every word is in ``lang``.
    """
    if not count:
        return
    head = Text("rejected.head", {"count": count})
    listed = rejected_rows_listed(in_json=in_json, rejects=rejects)
    if detail == "count":
        tell(Text("rejected.count", {"head": head, "listed": listed}).render(lang))
    elif detail == "first":
        first = errors[0]
        tell(Text("rejected.first", {
            "head": head, "where": f"{first.path}:{first.line}", "column": first.column,
            "message": first.said(lang), "listed": listed}).render(lang))
    else:
        tell(Text("rejected.count", {"head": head, "listed": listed}).render(lang))
        _rejected_groups(errors, lang)


def _rejected_groups(errors: Sequence[RowError], lang: str) -> None:
    """The first few problems, one line each; rows of the same problem in the same column
    are one line with their count."""
    said: dict[int, str] = {}  # one rendering per Text: a column's rows share theirs

    def message(error: RowError) -> str:
        key = id(error.text)
        if key not in said:
            said[key] = error.said(lang)
        return said[key]

    groups: dict[tuple[str, str, str], list[RowError]] = {}
    for error in errors:
        groups.setdefault((error.path, error.column, message(error)), []).append(error)
        if len(groups) > ROW_ERRORS_SHOWN:  # the rest are only counted
            break
    shown = list(groups.items())[:ROW_ERRORS_SHOWN]
    if len(groups) > ROW_ERRORS_SHOWN:  # the shown groups' further rows still count
        wanted = {key for key, _ in shown}
        columns = {key[:2] for key in wanted}  # a cheap test before a message is rendered
        for error in errors[sum(len(g) for g in groups.values()):]:
            if (error.path, error.column) not in columns:
                continue
            key = (error.path, error.column, message(error))
            if key in wanted:
                groups[key].append(error)
    for (_, _, text), group in shown:
        first = group[0]
        if len(group) == 1:
            click.echo(inert(f"  {first.path}:{first.line}: {first.column}: "
                             f"{first.quoted_value(lang)}: {text}"), err=True)
        else:
            click.echo(inert("  " + Text("rejected.group", {
                "path": first.path, "column": first.column, "count": len(group),
                "first": first.line, "last": group[-1].line, "message": text}).render(lang)),
                err=True)
    rest = len(errors) - sum(len(group) for _, group in shown)
    if rest:
        click.echo("  " + Text("rejected.more", {"count": rest}).render(lang), err=True)


def rejected_rows_listed(*, in_json: bool = False, rejects: str | None = None) -> Text:
    """Where the user finds every rejected row, for the stderr summary.

    >>> rejected_rows_listed().render("en"), rejected_rows_listed().render("zh")
    ('ecotarget validate lists them all', '全部可用 ecotarget validate 列出')
    >>> rejected_rows_listed(in_json=True, rejects="fix.csv").render("en")
    'all listed under row_errors in the JSON and in fix.csv'
    >>> rejected_rows_listed(rejects="fix.csv").render("en")
    'all listed in fix.csv'
    """
    places = [*([Text("rejected.in_json")] if in_json else []),
              *([Text("rejected.in_file", {"path": rejects})] if rejects else [])]
    if not places:
        return Text("rejected.in_validate")
    where = places[0] if len(places) == 1 else Text("rejected.and", {
        "first": places[0], "second": places[1]})
    return Text("rejected.listed", {"places": where})


def report_warnings(tables: Sequence[ValidatedTable], lang: str = "zh") -> None:
    """Each input's warnings on stderr (e.g. a ledger indicator no target uses)."""
    for table in tables:
        for warning in table.warnings:
            # tell() makes the text inert
            tell(warn_line(f"{table.path}: {warning.render(lang)}", lang))


def warn_line(text: str, lang: str) -> str:
    """``警告：…`` / ``warning: …``.

    >>> warn_line("x", "zh"), warn_line("x", "en")
    ('警告：x', 'warning: x')
    """
    return Text("warn.prefix", {"text": text}).render(lang)


@contextmanager
def progress_reporter(sources: Sequence[Source], steps: int, *, enabled: bool = True
                      ) -> Iterator[Callable[[str], None] | None]:
    """A progress bar on stderr for large inputs, only when stderr is a terminal."""
    size = sum(s.size or 0 for s in sources)
    if not enabled or size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return
    # start-up: rich takes about 50 ms to import, and most runs draw no bar
    from rich.console import Console

    # start-up: (as above)
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    # a path is text, not markup: "[/]" in a file name must not end the bar in a traceback
    columns = (SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting", total=steps)
        done = [0]

        def step(description: str) -> None:
            bar.update(task, description=inert(description), completed=done[0])
            done[0] += 1

        yield step


__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_TERMINATED",
    "EXIT_UNUSABLE",
    "PROGRESS_MIN_BYTES",
    "TARGETS_HELP",
    "Terminated",
    "check_options",
    "chosen_lang",
    "excel_bom",
    "handle_errors",
    "input_options",
    "lang_option",
    "output_options",
    "output_stream",
    "progress_reporter",
    "raise_terminated",
    "read_sources",
    "read_targets",
    "refuse_overwriting_inputs",
    "rejected_rows_listed",
    "report_rejected_rows",
    "report_warnings",
    "targets_and_lang",
    "tell",
    "warn_line",
]
