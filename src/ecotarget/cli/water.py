"""``ecotarget water``: each section's class, main pollutants and CWQI, and each source's verdict.

The command only parses options: :func:`ecotarget.metrics.water.water_report` computes the
tables and :mod:`ecotarget.render.water` renders them. ``cli/main.py`` registers the
command; the library is imported inside it (see :mod:`ecotarget.cli.options`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ecotarget.catalogue import Text
from ecotarget.cli.options import (
    excel_bom,
    handle_errors,
    lang_option,
    output_options,
    output_stream,
    read_sources,
    refuse_overwriting_inputs,
    report_rejected_rows,
    targets_and_lang,
    tell,
    year_option,
)
from ecotarget.periods import parse_period
from ecotarget.render import WATER_COMPARISON_RENDERERS, WATER_RENDERERS

if TYPE_CHECKING:
    import datetime as dt

    from ecotarget.validate import ValidatedTable


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False),
              help="Targets file whose water settings apply (below-DL rule, drinking pass rule).")
@click.option("--encoding", help="Input encoding (default: detect UTF-8 / GB18030).")
@click.option("--period", help="Evaluate 2025-07, 2025-Q3, 2025 or A..B instead of the year "
              "of the last sample up to that sample.")
@click.option("--compare-published", is_flag=True,
              help="Samples whose published class (水质类别 of the national automatic "
                   "water-station release) differs from ecotarget's, then the agreement line.")
@year_option
@output_options(WATER_RENDERERS)
@lang_option
@handle_errors
def water(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
          period: str | None, compare_published: bool, year: int | None, fmt: str,
          output: str | None, lang: str | None) -> None:
    """Show each water section's class over a period, and each drinking-water source's verdict.

    A section's class is the single-factor GB 3838 class of its item means over the period;
    main pollutants are listed when it is worse than class III. PATHS are CSV files,
    directories (every .csv inside) or - for stdin; files that are not water data are
    skipped. The national automatic water-station release is read as exported; its samples
    whose 站点情况 is not 正常 are left out, and the targets file's sections: give the level,
    waterbody and target class it lacks. --compare-published lists each sample whose
    published class differs from ecotarget's (pH, DO, CODMn, NH3-N, TP; the worst item
    decides) and ends with `agreement: K/N (P%)`, N the samples with a published class.

    \b
    Examples:
      ecotarget water data/samples/water-2025.csv --period 2025-07
      ecotarget water data/samples/water-release --compare-published \\
        --targets data/samples/water-release/targets.yaml
    """
    # start-up: the check loads pandas and every engine (see ecotarget.cli.options)
    from ecotarget.pipeline import CheckOptions, read_inputs

    # start-up: (as above)
    from ecotarget.tables.water import period_window, water_report

    loaded, lang = targets_and_lang(targets_path, lang)  # every error below in its language
    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])], {"--output": output})
    window = period_window(*parse_period(period)) if period else None
    tables = read_inputs(read_sources(paths), loaded.spec,
                         CheckOptions(encoding=encoding, year=year))
    for table in tables:
        if table.kind != "water":
            tell(Text("note.skipped", {"path": table.path,
                                       "kind": Text(f"kind.{table.kind}")}).render(lang))
    if compare_published:
        _compare(tables, loaded.spec.settings.water.below_detection_limit,
                 (window.start, window.end) if window else None, fmt,
                 (output, lang))
        return
    report = water_report(tables, loaded.spec.settings, window)
    report_rejected_rows(len(report.row_errors), [], "count", in_json=fmt == "json", lang=lang)
    with output_stream(output) as stream:
        excel_bom(stream, fmt, output)
        WATER_RENDERERS[fmt](report, stream, lang)


def _compare(tables: list[ValidatedTable], rule: str, period: tuple[dt.date, dt.date] | None,
             fmt: str, to: tuple[str | None, str]) -> None:
    # start-up: the comparison loads pandas (see ecotarget.cli.options)
    from ecotarget.render.water_published import agreement_line

    # start-up: (as above)
    from ecotarget.tables.published_water import compare_published_classes

    comparison = compare_published_classes(tables, rule, period)  # type: ignore[arg-type]
    output, lang = to  # where to write, and in which language
    report_rejected_rows(sum(t.rows_rejected for t in tables), [], "count",
                         in_json=fmt == "json", lang=lang)
    with output_stream(output) as stream:
        excel_bom(stream, fmt, output)
        WATER_COMPARISON_RENDERERS[fmt](comparison, stream, lang)
    if fmt == "csv":  # the CSV itself stays pure rows
        click.echo(agreement_line(comparison, lang), err=True)
