"""``ecotarget report``: the monthly report as one self-contained HTML page or a workbook.

The command parses options; :func:`ecotarget.pipeline.monthly_from_tables` runs the check
once and derives the report's series from it, and a renderer of
:data:`ecotarget.render.MONTHLY_RENDERERS` writes the file. ``cli/main.py`` registers the
command; the library is imported inside it (see :mod:`ecotarget.cli.options`).
"""

from __future__ import annotations

import dataclasses
import os
import sys

import click

from ecotarget.catalogue import Text
from ecotarget.cli.options import (
    check_options,
    evaluation_options,
    handle_errors,
    input_options,
    lang_option,
    output_stream,
    progress_reporter,
    read_sources,
    refuse_overwriting_inputs,
    report_rejected_rows,
    report_warnings,
    targets_and_lang,
    tell,
    warn_line,
    year_option,
)
from ecotarget.errors import UsageError
from ecotarget.periods import check_as_of_in_period, parse_period
from ecotarget.render import MONTHLY_RENDERERS

#: the format an --output name's extension implies
EXTENSIONS = {".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def report_format(output: str, fmt: str | None) -> str:
    """``--format``, else the format of ``--output``'s extension (``-``: HTML on stdout).

    >>> report_format("october.HTML", None), report_format("x.bin", "xlsx"), report_format("-", None)
    ('html', 'xlsx', 'html')
    """
    if fmt is not None:
        chosen = fmt
    elif output == "-":
        chosen = "html"
    else:
        extension = os.path.splitext(output)[1].lower()
        if extension not in EXTENSIONS:
            raise UsageError(Text("output.report_extension", {"path": output}))
        chosen = EXTENSIONS[extension]
    if chosen == "xlsx" and output == "-":
        raise UsageError(Text("output.workbook", {"fmt": "xlsx"}))
    return chosen


@click.command()
@input_options
@evaluation_options("Report on 2025-03, 2025-Q1 or A..B instead of year to date.")
@click.option("--compare-to", "compare_to",
              help="Also list what changed since the check as of the end of this period "
                   "(2025-09, 2025-Q3).")
@click.option("--output", "-o", required=True,
              help="The report file: FILE.html (one self-contained page), FILE.xlsx, or - "
                   "for the HTML on stdout. Written atomically.")
@click.option("--format", "fmt", type=click.Choice(list(MONTHLY_RENDERERS)),
              help="html or xlsx (default: from the --output extension).")
@lang_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on stderr but errors.")
@year_option
@handle_errors
def report(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
           kind: str | None, hour_label: str | None, as_of: str | None, period: str | None,
           air_standard: str | None, stations: tuple[str, ...], compare_to: str | None,
           output: str, fmt: str | None, lang: str | None, quiet: bool,
           year: int | None) -> None:
    """Write the monthly report: summary, air, water, ledger and tasks, data.

    The figures are those of ``ecotarget check`` with the same inputs and options. The HTML
    is one file with its styles and charts inside: it opens offline and prints on A4, one
    section per page.

    \b
    Examples:
      ecotarget report data/samples --output report.html
      ecotarget report data/samples --as-of 2025-10 --compare-to 2025-09 -o 2025-10.html
      ecotarget report data/samples --lang en --output report.xlsx
    """
    # start-up: the check loads pandas and every engine (see ecotarget.cli.options)
    from ecotarget.pipeline import monthly_from_tables, read_inputs

    loaded, lang = targets_and_lang(targets_path, lang)  # every error below in its language
    chosen = report_format(output, fmt)
    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])], {"--output": output})
    options = dataclasses.replace(check_options(as_of, period, encoding, kind, air_standard,
                                                hour_label, stations), year=year)
    check_as_of_in_period(options.as_of, options.period)  # before the inputs are read
    if compare_to is not None:
        parse_period(compare_to)  # a wrong period is refused before the inputs are read
    sources = read_sources(paths)
    with progress_reporter(sources, steps=2 * len(sources) + 2, enabled=not quiet) as progress:
        tables = read_inputs(sources, loaded.spec, options, progress, keep_published=False)
        monthly = monthly_from_tables(tables, loaded, options, compare_to, progress)
    if not quiet:
        report_warnings(tables, lang)
        errors = [e for t in tables for e in t.errors]
        report_rejected_rows(len(errors), errors, "count", lang=lang)
        for warning in monthly.report.warnings:
            tell(warn_line(warning.render(lang), lang))
    with output_stream(output) as stream:
        MONTHLY_RENDERERS[chosen](monthly, stream, lang)
    sys.exit(0)
