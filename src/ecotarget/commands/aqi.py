"""``ecotarget aqi``: the days (or hours) behind the air figures, with their AQI.

The computation lives in :mod:`ecotarget.tables.aqi` and the rendering in
:mod:`ecotarget.render.aqi`; this module parses options, reads the inputs and picks the
output.

Registered by ``cli.py`` (``from ecotarget.commands.aqi import aqi; cli.add_command(aqi)``)
after its shared helpers are defined: this module imports them from :mod:`ecotarget.cli`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast

import click

from ecotarget.cli import (
    _check_options,
    _sources,
    _targets,
    handle_errors,
    input_options,
    output_options,
    output_stream,
)
from ecotarget.errors import InputError, UsageError
from ecotarget.outputs import refuse_overwriting_inputs
from ecotarget.render.aqi import (
    DAY_VIEW,
    HOUR_VIEW,
    render_calendar,
    write_comparison,
    write_rows,
)

if TYPE_CHECKING:

    from ecotarget.read import Source
    from ecotarget.standards.aqi import Edition
    from ecotarget.stations import Selection
    from ecotarget.targets import TargetsFile
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
              help="Only this station of national network files, by code or name (repeatable).")
@click.option("--compare-published", is_flag=True,
              help="Station-hours where the network's published AQI or 24-h means differ from "
                   "ecotarget's, then the agreement line.")
@output_options(["table", "csv", "json"])
@handle_errors
def aqi(paths: tuple[str, ...], targets_path: str | None, encoding: str | None,
        kind: str | None, hour_label: str | None, air_standard: str | None, hourly: bool,
        show_calendar: bool, stations: tuple[str, ...], compare_published: bool, fmt: str,
        output: str | None) -> None:
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
    --station (or the targets file's stations: list) chooses some. --compare-published
    (with or without --hourly) lists each station-hour where the network's published AQI
    or 24-h mean differs from ecotarget's, and ends with `agreement: K/N (P%)`, N the
    station-hours compared. A 24-h mean is compared only where its 24 hours lie within the
    hours the inputs span.

    \b
    Examples:
      ecotarget aqi data/samples/air-hourly-2025.csv
      ecotarget aqi data/samples --calendar
      ecotarget aqi data/samples/air-hourly-2025.csv --hourly --format csv -o hours.csv
      ecotarget aqi data/samples/network/long --hourly --compare-published
    """
    from ecotarget.dataset import given_station_days
    from ecotarget.pipeline import build_dataset
    from ecotarget.stations import select_stations
    from ecotarget.tables.aqi import calendar_data, hourly_table, station_day_table
    from ecotarget.tables.published import compare_published as compare

    if (hourly or compare_published) and show_calendar:
        raise UsageError("--hourly (or --compare-published) and --calendar show different "
                         "things: choose one")
    if show_calendar and fmt != "table":
        raise UsageError("--calendar draws a terminal calendar: use --format table, or leave "
                         "out --calendar for csv/json rows (the city days are station 'city')")
    refuse_overwriting_inputs([*paths, *filter(None, [targets_path])], {"--output": output})
    loaded = _targets(targets_path)
    spec = loaded.spec
    options = _check_options(None, None, encoding, kind, air_standard, hour_label, ())
    tables = read_air_tables(_sources(paths), spec, encoding=encoding, kind=kind)
    selection = select_stations(tables, stations or tuple(spec.stations), required=False)
    tables = selection.tables
    _report_selection(selection, stations)
    _report_rejected(tables)
    if compare_published:
        label = cast("Literal['end', 'start']", hour_label or spec.settings.air.hour_label)
        comparison = compare(tables, edition=_edition(air_standard, spec), hour_label=label)
        with output_stream(output) as stream:
            write_comparison(comparison, stream, fmt)
        if fmt == "csv":
            click.echo(comparison.line(), err=True)  # the CSV itself stays pure rows
        return
    data = build_dataset(tables, spec, options)

    # Everything is computed before the output opens: a failure leaves no partial output.
    if show_calendar:
        from ecotarget.render.table import make_console

        days = calendar_data(data, spec, air_standard=air_standard)
        with output_stream(output) as stream:
            render_calendar(days, make_console(stream))
        return
    edition = _edition(air_standard, spec)
    if hourly:
        rows = hourly_table(data, edition)
    else:
        rows = station_day_table(data, spec.settings.air, edition,
                                 day_rows=given_station_days(tables))
    with output_stream(output) as stream:
        write_rows(rows, stream, fmt, HOUR_VIEW if hourly else DAY_VIEW)


def read_air_tables(sources: Sequence[Source], spec: TargetsFile, *, encoding: str | None,
                    kind: str | None) -> list[ValidatedTable]:
    """Read every source and validate the air ones; other kinds are skipped unvalidated."""
    # start-up: the pipeline imports pandas, which `ecotarget --help` must not wait for
    from ecotarget.pipeline import CheckOptions, read_inputs

    options = CheckOptions(encoding=encoding, kind=kind)  # type: ignore[arg-type]
    tables = read_inputs(sources, spec, options, only_kind="air")
    if not tables:
        names = ", ".join(s.name for s in sources)
        raise InputError(f"no air input among {names} (an air file has a header such as "
                         "时间,站点,PM2.5,…; use --kind air to force it)")
    return tables


def _report_selection(selection: Selection, stations: Sequence[str]) -> None:
    for code in selection.missing:
        click.echo(f"ecotarget: note: station {code} is in none of the network files", err=True)
    if stations and not selection.network_files:
        click.echo("ecotarget: note: --station picks stations out of national network files; "
                   "there is none among the inputs, so every station is listed", err=True)


def _report_rejected(tables: Sequence[ValidatedTable]) -> None:
    rejected = sum(t.rows_rejected for t in tables)
    if rejected:
        first = next(e for t in tables for e in t.errors)
        click.echo(f"ecotarget: {rejected} rows rejected and not counted, e.g. "
                   f"{first.path}:{first.line}: {first.column}: {first.message} "
                   "(ecotarget validate lists them all)", err=True)


def _edition(air_standard: str | None, spec: TargetsFile) -> Edition | None:
    """--air-standard, else the targets file's setting; None ("auto"): each day's own."""
    chosen = air_standard or spec.settings.air.standard
    return None if chosen == "auto" else cast("Edition", chosen)


