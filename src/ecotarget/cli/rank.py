"""``ecotarget rank``: where each region stands among its peers, by the issuing bodies' rules.

The rankings are computed by :mod:`ecotarget.tables.rank` (air) and
:mod:`ecotarget.tables.rank_water` (water) and rendered by :mod:`ecotarget.render.rank`;
this module parses options and reads the inputs. ``cli/main.py`` registers the command; the
library is imported inside it (see :mod:`ecotarget.cli.options`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast

import click

from ecotarget.catalogue import Text
from ecotarget.cli.options import (
    TARGETS_HELP,
    handle_errors,
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
from ecotarget.periods import parse_period
from ecotarget.render import RANK_RENDERERS

if TYPE_CHECKING:
    import datetime as dt

    from ecotarget.tables.rank import Ranking
    from ecotarget.targets import TargetsFile
    from ecotarget.validate import ValidatedTable

AIR_BY = ("composite", "good_day_rate", "pm25", "change")
WATER_BY = ("cwqi", "change")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--period", help="Rank over 2025-01, 2025-Q1, 2025 or A..B (default: the year "
              "to date of the last day in the data).")
@click.option("--by", type=click.Choice([*AIR_BY, "cwqi"]),
              help="Ranking rule (default: composite for air, cwqi for water).")
@click.option("--regions", "regions_path", type=click.Path(dir_okay=False),
              help="CSV station,region grouping stations (water: sections) into regions "
                   "(default: the targets file's regions:, else each station its own).")
@click.option("--region", "only", multiple=True,
              help="Rank only this region (repeatable), e.g. the cities of one province.")
@click.option("--highlight", multiple=True, help="Mark this region in the table (repeatable).")
@click.option("--kind", type=click.Choice(["air", "water"]), default="air", show_default=True,
              help="Rank by air quality or by water quality (CWQI).")
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False), help=TARGETS_HELP)
@click.option("--encoding", help="Input encoding (default: detect UTF-8 / GB18030).")
@click.option("--hour-label", type=click.Choice(["end", "start"]),
              help="Air hour labels mark the hour's end (network, default) or start.")
@output_options(RANK_RENDERERS)
@lang_option
@handle_errors
def rank(paths: tuple[str, ...], period: str | None, by: str | None,
         regions_path: str | None, only: tuple[str, ...], highlight: tuple[str, ...],
         kind: str, targets_path: str | None, encoding: str | None, hour_label: str | None,
         fmt: str, output: str | None, lang: str | None) -> None:
    """Rank regions (or stations, cities, sections) by the rule the issuing bodies use.

    \b
    Air (HJ 663 over the period; regions short of valid days, 27 a month, February 25,
    324 a year, are listed last, unranked, with their valid days):
      composite      the composite index, ascending (the Ministry's and provinces' lists)
      good_day_rate  descending; ties by PM2.5 ascending; equal on both: 并列
      pm25           the PM2.5 mean, ascending
      change         the composite index against the same period of the previous year,
                     (this - last) / last x 100, ascending: the largest improvement first
    Water (--kind water): cwqi, the city water quality index ascending, or change.

    Equal figures share a rank and the next rank skips (1, 2, 2, 4), shown as 并列. A
    region's hourly values are the mean of its stations (hourly first, as for the county).
    Without --regions or a regions: mapping in the targets file each station is its own
    region, so network city files (china_cities_YYYYMMDD.csv) rank cities and station
    files rank stations.

    \b
    Examples:
      ecotarget rank data/samples/rank --period 2025-01
      ecotarget rank data/samples/rank --period 2025-01 --by change --highlight 平湖市
      ecotarget rank data/samples/rank --by good_day_rate --format json
    """
    loaded, lang = targets_and_lang(targets_path, lang)  # every error below in its language
    spec = loaded.spec
    by = _rule(kind, by)
    refuse_overwriting_inputs([*paths, *filter(None, [targets_path, regions_path])],
                              {"--output": output})
    window = parse_period(period) if period else None
    mapping = _mapping(regions_path, spec)
    tables = _read(paths, spec, encoding, kind)
    report_rejected_rows(sum(t.rows_rejected for t in tables),
                         [e for t in tables for e in t.errors], "first", lang=lang)
    if kind == "water":
        ranking = _rank_water(tables, spec, mapping, by, window, only, highlight)
    else:
        ranking = _rank_air(tables, spec, mapping, by, window, only, highlight, hour_label)
    for note in ranking.notes:
        tell(Text("note.prefix", {"text": note}).render(lang))
    shown = {row["region"] for row in ranking.rows}
    for name in highlight:
        if name not in shown:
            tell(Text("note.prefix", {"text": Text("note.no_such_region", {"name": name})}
                      ).render(lang))
    with output_stream(output) as stream:
        RANK_RENDERERS[fmt](ranking, stream, lang)


def _rule(kind: str, by: str | None) -> str:
    if by is None:
        return "composite" if kind == "air" else "cwqi"
    allowed = AIR_BY if kind == "air" else WATER_BY
    if by not in allowed:
        raise UsageError(Text("option.rank_by", {"by": by, "kind": kind, "allowed": allowed,
                                                 "kind_word": Text(f"kind.{kind}")}))
    return by


def _mapping(path: str | None, spec: TargetsFile) -> dict[str, str] | None:
    if path is not None:
        # start-up: the regions reader loads the decoders (see ecotarget.cli.options)
        from ecotarget.read.regions import read_regions

        return read_regions(path)
    return spec.station_regions() or None


def _read(paths: Sequence[str], spec: TargetsFile, encoding: str | None,
          kind: str) -> list[ValidatedTable]:
    # start-up: the pipeline loads pandas (see ecotarget.cli.options)
    from ecotarget.pipeline import CheckOptions, read_inputs

    sources = read_sources(paths)
    tables = read_inputs(sources, spec, CheckOptions(encoding=encoding),
                         only_kind=cast("Literal['air', 'water']", kind))
    if not tables:
        raise InputError(Text(f"input.no_{kind}", {"names": tuple(s.name for s in sources)}))
    return tables


def _rank_air(tables: list[ValidatedTable], spec: TargetsFile, mapping: dict[str, str] | None,
              by: str, window: tuple[dt.date, dt.date] | None, only: Sequence[str],
              highlight: Sequence[str], hour_label: str | None) -> Ranking:
    # start-up: (as above)
    from ecotarget.dataset import choose_edition, given_station_days, station_hours

    # start-up: (as above)
    from ecotarget.stations import select_stations, station_names

    # start-up: (as above)
    from ecotarget.tables.rank import rank_air

    settings = spec.settings.air
    tables = select_stations(tables, (), required=False).tables  # every station is ranked
    hourly = [t for t in tables if t.subkind == "hourly"]
    label = cast("Literal['end', 'start']", hour_label or settings.hour_label)
    hours = station_hours(hourly, label) if hourly else None
    return rank_air(hours, given_station_days(tables), mapping, settings, by, period=window,
                    edition=choose_edition(None, None, settings.standard),
                    names=station_names(tables), only=only, highlight=highlight)


def _rank_water(tables: list[ValidatedTable], spec: TargetsFile,
                mapping: dict[str, str] | None, by: str,
                window: tuple[dt.date, dt.date] | None, only: Sequence[str],
                highlight: Sequence[str]) -> Ranking:
    # start-up: (as above)
    from ecotarget.tables.rank_water import water_ranking

    # start-up: (as above)
    from ecotarget.tables.water import combine_water, default_window

    water = combine_water(tables)
    assert water is not None  # _read found water tables
    if window is None:
        default = default_window(water)
        window = (default.start, default.end)
    return water_ranking(water, mapping, by, window[0], window[1],
                         spec.settings.water.below_detection_limit, only=only,
                         highlight=highlight)
