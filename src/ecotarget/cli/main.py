"""The ``ecotarget`` command group, its ``check``, ``targets`` and ``validate`` commands, and
the console-script entry point.

Each command parses its options, calls the library, picks a renderer from a registry of
:mod:`ecotarget.render` and maps the outcome to an exit code. The further commands live in
a module each (:mod:`ecotarget.cli.aqi`, :mod:`ecotarget.cli.water`) and are registered
here. The library is imported inside the commands, so that ``ecotarget --help`` and
``--version`` answer at once (see :mod:`ecotarget.cli.options`).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ecotarget import __version__
from ecotarget.catalogue import Text
from ecotarget.cli.aqi import aqi
from ecotarget.cli.options import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    EXIT_UNUSABLE,
    TARGETS_HELP,
    Terminated,
    check_options,
    evaluation_options,
    excel_bom,
    handle_errors,
    input_options,
    lang_option,
    output_options,
    output_stream,
    progress_reporter,
    raise_terminated,
    read_sources,
    refuse_overwriting_inputs,
    report_rejected_rows,
    report_warnings,
    targets_and_lang,
    tell,
    warn_line,
    year_option,
)
from ecotarget.cli.rank import rank
from ecotarget.cli.report import report
from ecotarget.cli.template import template
from ecotarget.cli.water import water
from ecotarget.errors import UsageError
from ecotarget.render import (
    FILE_ONLY_FORMATS,
    REPORT_RENDERERS,
    TARGETS_RENDERERS,
    VALIDATION_RENDERERS,
)

if TYPE_CHECKING:
    from ecotarget.validate import ValidatedTable


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="ecotarget")
def cli() -> None:
    """Check a county ecology bureau's yearly targets against its monitoring data.

    \b
    Example:
      ecotarget check data/samples
      ecotarget check exports/ --as-of 2025-10 --format json > report.json
    """


def main() -> None:
    """Console-script entry point."""
    # A check allocates and frees arrays of millions of rows, one after another. NumPy asks
    # Linux for huge pages for each (madvise), and finding free huge pages in a process that
    # has just freed gigabytes stalls: on the benchmark machine a 1,700-station check took
    # 5.8 s with them and 4.9 s without (bench/README.md). Before NumPy is first imported;
    # a value the user set wins.
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    signal.signal(signal.SIGTERM, raise_terminated)
    try:
        cli(prog_name="ecotarget")
    except KeyboardInterrupt:  # before a command ran (its own handler says it in its language)
        tell(Text("run.interrupted").render("en"))
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        tell(Text("run.terminated").render("en"))
        sys.exit(EXIT_TERMINATED)


# --- check --------------------------------------------------------------------------------------

@cli.command()
@input_options
@evaluation_options("Evaluate over 2025-03, 2025-Q1 or A..B instead of year to date.")
@output_options(REPORT_RENDERERS)
@click.option("--fail-on", type=click.Choice(["not_met", "at_risk", "never"]), default="not_met",
              show_default=True, help="Exit 1 when a target reaches this status.")
@lang_option
@click.option("--strict", is_flag=True, help="Exit 2 when any input row is rejected.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code tells.")
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Write rejected rows, in their original form plus a reason, to FILE.")
@click.option("--by", "breakdown", type=click.Choice(["station", "month", "section"]),
              help="Break each figure down by station (air), month, or section (water).")
@year_option
@handle_errors
def check(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
          kind: str | None, hour_label: str | None, as_of: str | None, period: str | None,
          air_standard: str | None, stations: tuple[str, ...], fmt: str, output: str | None,
          fail_on: str, lang: str | None, strict: bool, quiet: bool, rejects: str | None,
          breakdown: str | None, year: int | None) -> None:
    """Compare the inputs with every target and print a pass/fail report.

    PATHS are CSV files, directories (every .csv inside) or - for stdin.

    \b
    Examples:
      ecotarget check data/samples
      ecotarget check data/samples --as-of 2025-06 --period 2025-Q2 --format markdown
      ecotarget check data/samples --by month
      cat ledger.csv | ecotarget check - --format json | jq '.summary'
    """
    # start-up: periods is light, but every library import stays out of --help
    from ecotarget.periods import check_as_of_in_period

    # start-up: the check loads pandas and every engine (see ecotarget.cli.options)
    from ecotarget.pipeline import check_tables, read_inputs

    loaded, lang = targets_and_lang(targets_path, lang)  # every error below in its language
    if fmt in FILE_ONLY_FORMATS and output in (None, "-"):
        raise UsageError(Text("output.workbook", {"fmt": fmt}))
    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])],
                              {"--output": output, "--rejects": rejects})
    options = check_options(as_of, period, encoding, kind, air_standard, hour_label, stations)
    check_as_of_in_period(options.as_of, options.period)  # before the inputs are read
    options = dataclasses.replace(options, breakdown=breakdown, year=year)
    sources = read_sources(paths)
    with progress_reporter(sources, steps=2 * len(sources) + 2, enabled=not quiet) as progress:
        tables = read_inputs(sources, loaded.spec, options, progress, keep_published=False)
        _write_rejects(tables, rejects, lang)
        report = check_tables(tables, loaded, options, progress)
    if not quiet:
        report_warnings(tables, lang)
        errors = [e for t in tables for e in t.errors]
        report_rejected_rows(len(errors), errors, "rows", in_json=fmt == "json", rejects=rejects,
                             lang=lang)
        for warning in report.warnings:
            tell(warn_line(warning.render(lang), lang))
        with output_stream(output) as stream:
            excel_bom(stream, fmt, output)
            REPORT_RENDERERS[fmt](report, stream, lang)
    if strict and any(t.rows_rejected for t in tables):
        tell(Text("error.prefix", {"text": Text("rejected.strict")}).render(lang))
        sys.exit(EXIT_UNUSABLE)
    sys.exit(report.exit_code(fail_on))


def _write_rejects(tables: Sequence[ValidatedTable], path: str | None, lang: str) -> None:
    if path is None:
        return
    # start-up: rejected rows come as validated tables, which load pandas
    from ecotarget.rejects import write_rejects

    with output_stream(path, "--rejects") as stream:
        write_rejects(tables, stream, lang)


# --- targets ------------------------------------------------------------------------------------

@cli.command()
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False), help=TARGETS_HELP)
@output_options(TARGETS_RENDERERS)
@lang_option
@handle_errors
def targets(targets_path: str | None, fmt: str, output: str | None, lang: str | None) -> None:
    """List the targets of the plan (and check the targets file).

    \b
    Example:
      ecotarget targets --format json | jq '.targets[].id'
    """
    loaded, lang = targets_and_lang(targets_path, lang)
    with output_stream(output) as stream:
        TARGETS_RENDERERS[fmt](loaded, stream, lang)


# --- validate -----------------------------------------------------------------------------------

@cli.command()
@input_options
@output_options(VALIDATION_RENDERERS)
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Write rejected rows, in their original form plus a reason, to FILE.")
@lang_option
@year_option
@handle_errors
def validate(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
             kind: str | None, hour_label: str | None, fmt: str, output: str | None,
             rejects: str | None, lang: str | None, year: int | None) -> None:
    """Check the inputs only: exit 0 when every row is accepted, 1 when any is rejected.

    Exit 2 when an input is unusable as a whole (unreadable, no recognisable header).

    \b
    Example:
      ecotarget validate exports/*.csv --rejects fix-these.csv
    """
    # start-up: the check loads pandas and every engine (see ecotarget.cli.options)
    from ecotarget.pipeline import CheckOptions, read_inputs

    loaded, lang = targets_and_lang(targets_path, lang)  # every error below in its language
    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])],
                              {"--output": output, "--rejects": rejects})
    options = CheckOptions(encoding=encoding, kind=kind, year=year)  # type: ignore[arg-type]
    sources = read_sources(paths)
    with progress_reporter(sources, steps=2 * len(sources)) as progress:
        tables = read_inputs(sources, loaded.spec, options, progress, keep_published=False)
    _write_rejects(tables, rejects, lang)
    with output_stream(output) as stream:
        VALIDATION_RENDERERS[fmt](tables, stream, lang)
    sys.exit(1 if any(t.rows_rejected for t in tables) else 0)


# The further commands, one module each; they import only ecotarget.cli.options, so
# importing them above is no cycle.
cli.add_command(aqi)
cli.add_command(water)
cli.add_command(template)
cli.add_command(rank)
cli.add_command(report)
