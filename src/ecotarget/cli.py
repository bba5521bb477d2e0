"""The command line: parse options, call the library, pick a renderer, map errors to exit codes.

Heavy modules (pandas, the engines) are imported inside the commands, so that
``ecotarget --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from ecotarget import __version__
from ecotarget.errors import EcotargetError, TargetsFileError
from ecotarget.outputs import open_output, refuse_overwriting_inputs

if TYPE_CHECKING:
    from ecotarget.pipeline import CheckOptions
    from ecotarget.read import Source
    from ecotarget.targets import LoadedTargets
    from ecotarget.validate import ValidatedTable

F = TypeVar("F", bound=Callable[..., Any])
EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process ended by it
ROW_ERRORS_SHOWN = 5


def _fail(message: str) -> None:
    click.echo(f"ecotarget: {message}", err=True)


def handle_errors(func: F) -> F:
    """Turn every failure into a message and an exit code: never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TargetsFileError as exc:
            for problem in exc.problems:
                _fail(problem)
            sys.exit(EXIT_UNUSABLE)
        except EcotargetError as exc:
            _fail(f"error: {exc}")
            sys.exit(EXIT_UNUSABLE)
        except KeyboardInterrupt:
            _fail("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        except Terminated:
            _fail("terminated")
            sys.exit(EXIT_TERMINATED)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`): nothing left to say
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # the last net: a bug must still not print a traceback
            if os.environ.get("ECOTARGET_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} "
                  "(set ECOTARGET_DEBUG=1 for the traceback, and please report it)")
            sys.exit(EXIT_UNUSABLE)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="ecotarget")
def cli() -> None:
    """Check a county ecology bureau's yearly targets against its monitoring data.

    \b
    Example:
      ecotarget check data/samples
      ecotarget check exports/ --as-of 2025-10 --format json > report.json
    """


class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C so that partly written outputs are removed on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """Console-script entry point."""
    # A check allocates and frees arrays of millions of rows, one after another. NumPy asks
    # Linux for huge pages for each (madvise), and finding free huge pages in a process that
    # has just freed gigabytes stalls: on the benchmark machine a 1,700-station check took
    # 5.8 s with them and 4.9 s without (bench/README.md). Before NumPy is first imported;
    # a value the user set wins.
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli(prog_name="ecotarget")
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        _fail("terminated")
        sys.exit(EXIT_TERMINATED)


# --- shared options -----------------------------------------------------------------------------

def input_options(func: F) -> F:
    for option in reversed([
        click.argument("paths", nargs=-1, required=True),
        click.option("--targets", "targets_path", type=click.Path(dir_okay=False),
                     help="Targets file (default: ./config/targets.yaml, else the bundled one)."),
        click.option("--encoding", help="Input encoding (default: detect UTF-8 / GB18030)."),
        click.option("--kind", type=click.Choice(["ledger", "air", "water"]),
                     help="Input kind for every file (default: detect from the header)."),
        click.option("--hour-label", type=click.Choice(["end", "start"]),
                     help="Air hour labels mark the hour's end (network, default) or start."),
    ]):
        func = option(func)
    return func


def output_options(formats: Sequence[str]) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        func = click.option("--output", "-o", type=click.Path(dir_okay=False),
                            help="Write the report to FILE (atomically) instead of stdout.")(func)
        func = click.option("--format", "fmt", type=click.Choice(list(formats)),
                            default=formats[0], show_default=True, help="Output format.")(func)
        return func
    return decorate


def _sources(paths: Sequence[str]) -> list[Source]:
    from ecotarget.read import STDIN, Source, expand_paths

    sources = expand_paths(paths)
    return [Source(STDIN, sys.stdin.buffer.read()) if s.name == STDIN else s for s in sources]


def _targets(path: str | None) -> LoadedTargets:
    from ecotarget.targets import load_targets

    return load_targets(path)


@contextmanager
def output_stream(path: str | None, option: str = "--output") -> Iterator[IO[str]]:
    """stdout, or the file at ``path`` written without harm to what is there (see outputs)."""
    with open_output(path, option=option) as stream:
        yield stream


PROGRESS_MIN_BYTES = 32 * 2**20  # below this a run takes about a second: no bar needed


@contextmanager
def progress_reporter(sources: Sequence[Source], steps: int, *, enabled: bool = True
                      ) -> Iterator[Callable[[str], None] | None]:
    """A progress bar on stderr for large inputs, only when stderr is a terminal."""
    size = sum(len(s.data) if s.data is not None else _size(s.name) for s in sources)
    if not enabled or size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting", total=steps)
        done = [0]

        def step(description: str) -> None:
            bar.update(task, description=description, completed=done[0])
            done[0] += 1

        yield step


def _size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


# --- check --------------------------------------------------------------------------------------

@cli.command()
@input_options
@click.option("--as-of", help="Judge as of YYYY-MM-DD or YYYY-MM (default: last day in the data).")
@click.option("--period", help="Evaluate over 2025-03, 2025-Q1 or A..B instead of year to date.")
@click.option("--air-standard", type=click.Choice(["auto", "2012", "2026"]),
              help="AQI edition: by each day's date (auto), or one edition for every day.")
@click.option("--station", "stations", multiple=True,
              help="An assessment station code or name of the region (repeatable).")
@output_options(["table", "json", "csv", "markdown"])
@click.option("--fail-on", type=click.Choice(["not_met", "at_risk", "never"]), default="not_met",
              show_default=True, help="Exit 1 when a target reaches this status.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of target names and statuses in table and Markdown output.")
@click.option("--strict", is_flag=True, help="Exit 2 when any input row is rejected.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code tells.")
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Write rejected rows, in their original form plus a reason, to FILE.")
@handle_errors
def check(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
          kind: str | None, hour_label: str | None, as_of: str | None, period: str | None,
          air_standard: str | None, stations: tuple[str, ...], fmt: str, output: str | None,
          fail_on: str, lang: str, strict: bool, quiet: bool, rejects: str | None) -> None:
    """Compare the inputs with every target and print a pass/fail report.

    PATHS are CSV files, directories (every .csv inside) or - for stdin.

    \b
    Examples:
      ecotarget check data/samples
      ecotarget check data/samples --as-of 2025-06 --period 2025-Q2 --format markdown
      cat ledger.csv | ecotarget check - --format json | jq '.summary'
    """
    from ecotarget.pipeline import check_tables, read_inputs
    from ecotarget.render import RENDERERS

    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])],
                              {"--output": output, "--rejects": rejects})
    loaded = _targets(targets_path)
    options = _check_options(as_of, period, encoding, kind, air_standard, hour_label, stations)
    sources = _sources(paths)
    with progress_reporter(sources, steps=2 * len(sources) + 2, enabled=not quiet) as progress:
        tables = read_inputs(sources, loaded.spec, options, progress)
        _write_rejects(tables, rejects)
        report = check_tables(tables, loaded, options, progress)
    if not quiet:
        _report_row_errors(tables, fmt)
        with output_stream(output) as stream:
            RENDERERS[fmt](report, stream, lang)
    if strict and any(t.rows_rejected for t in tables):
        _fail("error: rows were rejected and --strict is set")
        sys.exit(EXIT_UNUSABLE)
    sys.exit(report.exit_code(fail_on))


def _check_options(as_of: str | None, period: str | None, encoding: str | None,
                   kind: str | None, air_standard: str | None, hour_label: str | None,
                   stations: tuple[str, ...]) -> CheckOptions:
    from ecotarget.periods import parse_as_of, parse_period
    from ecotarget.pipeline import CheckOptions

    return CheckOptions(
        as_of=parse_as_of(as_of) if as_of else None,
        period=parse_period(period) if period else None,
        encoding=encoding, kind=kind,  # type: ignore[arg-type]
        air_standard=air_standard, hour_label=hour_label, stations=stations,
    )


def _report_row_errors(tables: Sequence[ValidatedTable], fmt: str) -> None:
    errors = [e for t in tables for e in t.errors]
    if not errors:
        return
    _fail(f"{len(errors)} rows rejected and not counted"
          + (" (all listed under row_errors in the JSON)" if fmt != "json" else ""))
    for error in errors[:ROW_ERRORS_SHOWN]:
        click.echo(f"  {error.path}:{error.line}: {error.column}: {error.value!r}: "
                   f"{error.message}", err=True)
    if len(errors) > ROW_ERRORS_SHOWN:
        click.echo(f"  … and {len(errors) - ROW_ERRORS_SHOWN} more "
                   "(ecotarget validate lists them all)", err=True)


def _write_rejects(tables: Sequence[ValidatedTable], path: str | None) -> None:
    if path is None:
        return
    from ecotarget.rejects import write_rejects

    with output_stream(path, "--rejects") as stream:
        write_rejects(tables, stream)


# --- targets ------------------------------------------------------------------------------------

@cli.command()
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False),
              help="Targets file (default: ./config/targets.yaml, else the bundled one).")
@output_options(["table", "json"])
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@handle_errors
def targets(targets_path: str | None, fmt: str, output: str | None, lang: str) -> None:
    """List the targets of the plan (and check the targets file).

    \b
    Example:
      ecotarget targets --format json | jq '.targets[].id'
    """
    from ecotarget.render.targets_list import render_targets

    loaded = _targets(targets_path)
    with output_stream(output) as stream:
        render_targets(loaded, stream, fmt=fmt, lang=lang)


# --- validate -----------------------------------------------------------------------------------

@cli.command()
@input_options
@output_options(["table", "json"])
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Write rejected rows, in their original form plus a reason, to FILE.")
@handle_errors
def validate(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
             kind: str | None, hour_label: str | None, fmt: str, output: str | None,
             rejects: str | None) -> None:
    """Check the inputs only: exit 0 when every row is accepted, 1 when any is rejected.

    Exit 2 when an input is unusable as a whole (unreadable, no recognisable header).

    \b
    Example:
      ecotarget validate exports/*.csv --rejects fix-these.csv
    """
    from ecotarget.pipeline import CheckOptions, read_inputs
    from ecotarget.render.validation import render_validation

    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])],
                              {"--output": output, "--rejects": rejects})
    loaded = _targets(targets_path)
    options = CheckOptions(encoding=encoding, kind=kind)  # type: ignore[arg-type]
    sources = _sources(paths)
    with progress_reporter(sources, steps=2 * len(sources)) as progress:
        tables = read_inputs(sources, loaded.spec, options, progress)
    _write_rejects(tables, rejects)
    with output_stream(output) as stream:
        render_validation(tables, stream, fmt=fmt)
    sys.exit(1 if any(t.rows_rejected for t in tables) else 0)



def _register_commands() -> None:
    # The domain commands live in their own modules; importing them costs only click.
    from ecotarget.commands.aqi import aqi
    from ecotarget.commands.water import water

    cli.add_command(aqi)
    cli.add_command(water)


_register_commands()
