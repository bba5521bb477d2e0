"""``ecotarget water``: each section's class, main pollutants and CWQI, and each source's verdict.

The command only parses options: :func:`ecotarget.metrics.water.water_report` computes the
tables and :mod:`ecotarget.render.water` renders them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ecotarget.cli import _sources, _targets, handle_errors, output_options, output_stream
from ecotarget.outputs import refuse_overwriting_inputs
from ecotarget.render.water import render_csv, render_json, render_table

if TYPE_CHECKING:

    from ecotarget.tables.water import WaterReport

@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False),
              help="Targets file whose water settings apply (below-DL rule, drinking pass rule).")
@click.option("--encoding", help="Input encoding (default: detect UTF-8 / GB18030).")
@click.option("--period", help="Evaluate 2025-07, 2025-Q3, 2025 or A..B instead of the year "
              "of the last sample up to that sample.")
@output_options(["table", "csv", "json"])
@handle_errors
def water(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
          period: str | None, fmt: str, output: str | None) -> None:
    """Show each water section's class over a period, and each drinking-water source's verdict.

    A section's class is the single-factor GB 3838 class of its item means over the period;
    main pollutants are listed when it is worse than class III. PATHS are CSV files,
    directories (every .csv inside) or - for stdin; files that are not water data are
    skipped.

    \b
    Example:
      ecotarget water data/samples/water-2025.csv --period 2025-07
    """
    from ecotarget.periods import parse_period
    from ecotarget.pipeline import CheckOptions, read_inputs
    from ecotarget.tables.water import period_window, water_report

    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])], {"--output": output})
    loaded = _targets(targets_path)
    window = period_window(*parse_period(period)) if period else None
    tables = read_inputs(_sources(paths), loaded.spec, CheckOptions(encoding=encoding))
    for table in tables:
        if table.kind != "water":
            click.echo(f"ecotarget: skipped {table.path}: a {table.kind} file, not water data",
                       err=True)
    report = water_report(tables, loaded.spec.settings, window)
    _report_row_errors(report)
    with output_stream(output) as stream:
        if fmt == "json":
            render_json(report, stream)
        elif fmt == "csv":
            render_csv(report, stream)
        else:
            from ecotarget.render.table import make_console

            render_table(report, make_console(stream))


def _report_row_errors(report: WaterReport) -> None:
    if report.row_errors:
        click.echo(f"ecotarget: {len(report.row_errors)} rows rejected and not counted "
                   "(ecotarget validate lists them)", err=True)


