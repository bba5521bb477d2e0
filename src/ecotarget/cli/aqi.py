"""``ecotarget aqi``: the days (or hours) behind the air figures, with their AQI.

The computation lives in :mod:`ecotarget.tables.aqi` and the rendering in
:mod:`ecotarget.render.aqi`; this module parses options, reads the inputs and picks the
output from the registries of :mod:`ecotarget.render`. ``cli/main.py`` registers the
command; the library is imported inside it (see :mod:`ecotarget.cli.options`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast

import click

from ecotarget.catalogue import Text
from ecotarget.cli.options import (
    check_options,
    excel_bom,
    handle_errors,
    input_options,
    lang_option,
    output_options,
    output_stream,
    read_sources,
    refuse_overwriting_inputs,
    report_rejected_rows,
    targets_and_lang,
    tell,
)
from ecotarget.errors import InputError, UsageError
from ecotarget.render import AQI_ROWS_RENDERERS, COMPARISON_RENDERERS, write_calendar

if TYPE_CHECKING:
    from ecotarget.pipeline import CheckOptions
    from ecotarget.read import Source
    from ecotarget.stations import Selection
    from ecotarget.targets import LoadedTargets, TargetsFile
    from ecotarget.validate import ValidatedTable


@click.command()
@input_options
@click.option("--air-standard", type=click.Choice(["auto", "2012", "2026"]),
              help="AQI edition: by each day's date (auto), or one edition for every row.")
@click.option("--hourly", is_flag=True,
              help="One row per station-hour: the hourly AQI as the network publishes it.")
@click.option("--calendar", "show_calendar", is_flag=True,
              help="Month-by-month calendar of the city days, with the good-day outlook.")
@click.option("--station", "stations", multiple=True,
              help="Only this station of every air input, by code or name (repeatable).")
@click.option("--compare-published", is_flag=True,
              help="Station-hours where the network's published AQI or 24-h means differ from "
                   "ecotarget's, then the agreement line.")
@output_options(AQI_ROWS_RENDERERS)
@lang_option
@handle_errors
def aqi(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
        kind: str | None, hour_label: str | None, air_standard: str | None, hourly: bool,
        show_calendar: bool, stations: tuple[str, ...], compare_published: bool, fmt: str,
        output: str | None, lang: str | None) -> None:
    """List the daily AQI of every station-day, the hourly AQI, or a calendar.

    PATHS are air CSV files or directories (other kinds of input there are skipped).
    By default: one row per station-day (from station-hours with the HJ 663 validity
    gates, or from day rows as given; inputs without a station column are station
    "city"), with the daily values, each pollutant's IAQI, the AQI, its category, the
    primary pollutants and whether the day is valid. When the input has more than one
    station, the city days (the mean of the stations, as `check` computes them) follow
    each date as station "city". CSV and JSON carry every column; the table shows the
    values and the AQI.

    --hourly lists each station-hour's AQI as the national network publishes it (PM 1-h
    values read against the 24-h breakpoints, no O3 8-h); the time column is the input's
    own label. --calendar colours each city day by its AQI category and prints the
    year-to-date good-day rate, the allowance of non-good days and the projection, as
    `check` judges the air_good_day_rate target (≥ 90 % when the targets file has none).

    The national network's files (daily china_sites_YYYYMMDD.csv in the long layout, or
    hourly files in the wide layout) are read as they are: every station is listed unless
    --station (or the targets file's stations: list) chooses some; --station chooses in
    the bureau's own air files too. --compare-published (with or without --hourly) lists
    each station-hour where the network's published AQI or 24-h mean differs from
    ecotarget's, and ends with `agreement: K/N (P%); T at a
    rounding tie`, N the station-hours compared. A 24-h mean is compared only where its 24
    hours lie within the hours the inputs span. A difference of one unit where ecotarget's
    mean of the rounded hours lies exactly half-way (CO 0.55 → 0.6, published 0.5) is a
    rounding tie: the network averages unrounded values; ties count as agreeing (K).

    \b
    Examples:
      ecotarget aqi data/samples/air-hourly-2025.csv
      ecotarget aqi data/samples --calendar
      ecotarget aqi data/samples/air-hourly-2025.csv --hourly --format csv -o hours.csv
      ecotarget aqi data/samples/network/long --hourly --compare-published
    """
    # start-up: choosing stations loads pandas (see ecotarget.cli.options)
    from ecotarget.stations import select_stations

    loaded, lang = targets_and_lang(targets_path, lang)  # every error below in its language
    if (hourly or compare_published) and show_calendar:
        raise UsageError(Text("option.calendar_hourly"))
    if show_calendar and fmt != "table":
        raise UsageError(Text("option.calendar_table"))
    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])], {"--output": output})
    spec = loaded.spec
    options = check_options(None, None, encoding, kind, air_standard, hour_label, ())
    tables = read_air_tables(read_sources(paths), spec, encoding=encoding, kind=kind)
    selection = select_stations(tables, stations or tuple(spec.stations), required=False,
                                every_air_input=bool(stations))
    tables = selection.tables
    _report_selection(selection, lang)
    report_rejected_rows(sum(t.rows_rejected for t in tables),
                         [e for t in tables for e in t.errors], "first", lang=lang)
    if compare_published:
        _list_disagreements(tables, spec, air_standard, hour_label, fmt, (output, lang))
    elif show_calendar:
        _draw_calendar(tables, loaded, options, air_standard, (output, lang))
    else:
        _list_rows(tables, spec, options, air_standard, hourly, fmt, (output, lang))


def _list_disagreements(tables: list[ValidatedTable], spec: TargetsFile,
                        air_standard: str | None, hour_label: str | None, fmt: str,
                        to: tuple[str | None, str]) -> None:
    # start-up: the comparison loads pandas (see ecotarget.cli.options)
    from ecotarget.dataset import choose_edition

    # start-up: (as above)
    from ecotarget.render.aqi import agreement_line

    # start-up: (as above)
    from ecotarget.tables.published import compare_published

    label = cast("Literal['end', 'start']", hour_label or spec.settings.air.hour_label)
    edition = choose_edition(air_standard, None, spec.settings.air.standard)
    comparison = compare_published(tables, edition=edition, hour_label=label)
    output, lang = to  # where to write, and in which language
    with output_stream(output) as stream:
        excel_bom(stream, fmt, output)
        COMPARISON_RENDERERS[fmt](comparison, stream, lang)
    if fmt == "csv":  # the CSV itself stays pure rows
        click.echo(agreement_line(comparison, lang), err=True)


def _draw_calendar(tables: list[ValidatedTable], loaded: LoadedTargets, options: CheckOptions,
                   air_standard: str | None, to: tuple[str | None, str]) -> None:
    # start-up: the dataset loads pandas (see ecotarget.cli.options)
    from ecotarget.pipeline import build_dataset

    # start-up: (as above)
    from ecotarget.tables.aqi import calendar_data

    data = build_dataset(tables, loaded.spec, options)
    # Everything is computed before the output opens: a failure leaves no partial output.
    days = calendar_data(data, loaded.spec, air_standard=air_standard)
    output, lang = to  # where to write, and in which language
    with output_stream(output) as stream:
        write_calendar(days, stream, lang)


def _list_rows(tables: list[ValidatedTable], spec: TargetsFile, options: CheckOptions,
               air_standard: str | None, hourly: bool, fmt: str,
               to: tuple[str | None, str]) -> None:
    # start-up: the dataset loads pandas (see ecotarget.cli.options)
    from ecotarget.dataset import choose_edition, given_station_days

    # start-up: (as above)
    from ecotarget.pipeline import build_dataset

    # start-up: (as above)
    from ecotarget.tables.aqi import hourly_table, station_day_table

    data = build_dataset(tables, spec, options)
    edition = choose_edition(air_standard, None, spec.settings.air.standard)
    if hourly:
        rows = hourly_table(data, edition)
    else:
        rows = station_day_table(data, spec.settings.air, edition,
                                 day_rows=given_station_days(tables))
    # Everything is computed before the output opens: a failure leaves no partial output.
    output, lang = to  # where to write, and in which language
    with output_stream(output) as stream:
        excel_bom(stream, fmt, output)
        AQI_ROWS_RENDERERS[fmt](rows, stream, hourly, lang)


def read_air_tables(sources: Sequence[Source], spec: TargetsFile, *, encoding: str | None,
                    kind: str | None) -> list[ValidatedTable]:
    """Read every source and validate the air ones; other kinds are skipped unvalidated."""
    # start-up: the pipeline imports pandas, which `ecotarget --help` must not wait for
    from ecotarget.pipeline import CheckOptions, read_inputs

    options = CheckOptions(encoding=encoding, kind=kind)  # type: ignore[arg-type]
    tables = read_inputs(sources, spec, options, only_kind="air")
    if not tables:
        raise InputError(Text("input.no_air", {"names": tuple(s.name for s in sources)}))
    return tables


def _report_selection(selection: Selection, lang: str) -> None:
    for code in selection.missing:
        tell(Text("note.prefix", {"text": Text("note.station_not_in_network", {
            "code": code, "where": Text(selection.searched)})}).render(lang))
