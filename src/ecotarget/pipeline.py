"""The check pipeline as a library call: read → validate → dataset → metrics → evaluate → report.

``check(["data/samples"], load_targets())`` returns a :class:`~ecotarget.report.Report`;
the CLI only renders it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, cast

import numpy as np
import pandas as pd

from ecotarget import __version__
from ecotarget.dataset import Dataset, assemble_dataset
from ecotarget.evaluate import evaluate
from ecotarget.metrics import MEASURES
from ecotarget.metrics.context import MetricContext
from ecotarget.periods import make_window
from ecotarget.read import Source, expand_paths, read_table
from ecotarget.registry import ledger_indicators
from ecotarget.report import InputSummary, Report, Result
from ecotarget.schemas import Kind
from ecotarget.stations import select_stations
from ecotarget.tables.breakdown import with_breakdowns
from ecotarget.targets import LoadedTargets, Target, TargetsFile, load_targets
from ecotarget.validate import ValidatedTable, ValidationContext, validate_table


@dataclass(frozen=True)
class CheckOptions:
    """Everything a check can be told besides its inputs and targets."""

    as_of: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    encoding: str | None = None
    kind: Kind | None = None
    air_standard: str | None = None  # "2012" | "2026" | "auto"; None: the targets file decides
    hour_label: str | None = None  # "end" | "start"; None: the targets file decides
    stations: tuple[str, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)
    breakdown: str | None = None  # "station" | "month" | "section" (check --by)


def validation_context(spec: TargetsFile) -> ValidationContext:
    """What the targets tell validation: the ledger indicators they read, the grades of the
    graded ones (scale order kept) and which are milestones."""
    grades: dict[str, dict[str, None]] = {}
    indicators: set[str] = set()
    for target in spec.targets:
        names = [name for _, name in ledger_indicators(target.metric, target.params)]
        indicators.update(names)
        for name in names if target.scale else ():
            grades.setdefault(name, {}).update(dict.fromkeys(target.scale or ()))
    milestones = {name for t in spec.targets if t.metric == "ledger.milestone"
                  for _, name in ledger_indicators(t.metric, t.params)}
    return ValidationContext(grades={k: tuple(v) for k, v in grades.items()},
                             indicators=frozenset(indicators), milestones=frozenset(milestones))


Progress = Callable[[str], None]  # told what starts next: "reading x.csv", "evaluating" …


def read_inputs(sources: Sequence[Source], spec: TargetsFile, options: CheckOptions,
                progress: Progress | None = None, *, only_kind: Kind | None = None
                ) -> list[ValidatedTable]:
    """Read and validate every source; unusable files raise :class:`InputError`.

    ``only_kind``: validate and return only the inputs of that kind; the others are read
    (to learn their kind) and skipped.
    """
    context = validation_context(spec)
    tables = []
    for source in sources:
        if progress:
            progress(f"reading {source.name}")
        raw = read_table(source, encoding=options.encoding, kind=options.kind)
        if only_kind is not None and raw.kind != only_kind:
            continue
        if progress:
            progress(f"validating {source.name}")
        tables.append(validate_table(raw, context))
    return tables


def check(paths: Sequence[str] | Sequence[Source], targets: LoadedTargets | None = None,
          options: CheckOptions | None = None) -> Report:
    """Check the targets against the inputs and return the :class:`Report`."""
    options = options or CheckOptions()
    loaded = targets or load_targets()
    sources = (list(paths) if all(isinstance(p, Source) for p in paths)
               else expand_paths([str(p) for p in paths]))
    tables = read_inputs(sources, loaded.spec, options)  # type: ignore[arg-type]
    return check_tables(tables, loaded, options)


def check_tables(tables: list[ValidatedTable], loaded: LoadedTargets,
                 options: CheckOptions, progress: Progress | None = None) -> Report:
    """Check the targets against validated tables (see :func:`check`)."""
    spec = loaded.spec
    year = spec.plan.year
    # National network files hold the whole country: only the region's stations count, and
    # without a station list that is an error, never a national average.
    selection = select_stations(tables, options.stations or tuple(spec.stations), required=True)
    in_scope, summaries = scope_tables(selection.tables, year, options.today, selection.other_rows,
                                 options.hour_label or spec.settings.air.hour_label)
    if progress:
        progress("computing daily values")
    data = build_dataset(in_scope, spec, options)
    as_of = options.as_of or _default_as_of(data, year, options)
    window = make_window(year, as_of=as_of, period=options.period)
    ctx = MetricContext(data=data, window=window, settings=spec.settings,
                        air_standard=options.air_standard)
    if progress:
        progress("evaluating targets")
    results = with_breakdowns([evaluate_target(target, ctx) for target in spec.targets],
                              spec.targets, ctx, options.breakdown)
    errors = [e.as_dict() for t in tables for e in t.errors]
    return Report(
        version=__version__, targets_file=loaded.path,
        plan=spec.plan.model_dump(mode="json", exclude_none=True), as_of=window.as_of,
        period=(window.start, window.end), inputs=summaries, results=results, row_errors=errors,
        air_standard=options.air_standard or spec.settings.air.standard,
    )


def evaluate_target(target: Target, ctx: MetricContext) -> Result:
    """Measure one target with its registered metric and judge the measurement."""
    measured = MEASURES[target.metric](target, ctx)
    return evaluate(target, measured, ctx.window)


def _default_as_of(data: Dataset, year: int, options: CheckOptions) -> dt.date:
    last = data.last_date()
    if options.period is not None:
        return min(last, options.period[1]) if last else options.period[1]
    if last is None or last.year < year:
        # nothing dated in the plan year: judge as of today (or the year's first or last day)
        return max(dt.date(year, 1, 1), min(options.today, dt.date(year, 12, 31)))
    return min(last, dt.date(year, 12, 31))


def _row_dates(table: ValidatedTable) -> pd.Series | None:
    frame = table.frame
    if table.kind == "ledger":
        return pd.to_datetime(frame["period"] + "-01", format="%Y-%m-%d")
    for column in ("time", "date"):
        if column in frame:
            return frame[column]
    return None


def scope_tables(tables: list[ValidatedTable], year: int, today: dt.date,
           other_stations: Sequence[int] | None = None, hour_label: str = "end"
           ) -> tuple[list[ValidatedTable], list[InputSummary]]:
    """Drop (and count) rows dated in the future or outside the plan year and its baseline.

    ``other_stations``: per table, the accepted rows already left out as other stations'.
    An hour labelled by its end belongs to the hour before the label: 2026-01-01 00:00 is
    the last hour of 2025.
    """
    kept, summaries = [], []
    for index, table in enumerate(tables):
        dates = _row_dates(table)
        outside = 0
        if dates is not None and len(dates):
            values = dates.to_numpy()
            end_labels = table.subkind == "hourly" and (
                hour_label == "end" or (table.raw is not None and table.raw.layout is not None))
            # an end label covers the hour before it: the bounds move, not the labels
            shift = np.timedelta64(1 if end_labels else 0, "h")
            first = np.datetime64(f"{year - 1}-01-01") + shift
            after_year = np.datetime64(f"{year + 1}-01-01") + shift
            last = np.datetime64(today + dt.timedelta(days=1)) + shift  # no later than this
            # comparisons on the datetime64 values: no per-row year extraction, and none at
            # all when the earliest and the latest row are in scope
            low, high = values.min(), values.max()
            if np.isnat(low) or np.isnat(high) or not (
                    low >= first and high < after_year and high <= last):
                mask = (values < first) | (values >= after_year) | (values > last)
                outside = int(mask.sum())
                if outside:
                    table = _replace_frame(table, table.frame[~mask])
        kept.append(table)
        summaries.append(InputSummary(
            path=table.path, kind=table.kind, encoding=table.encoding,
            rows_read=table.rows_read, rows_accepted=table.rows_accepted,
            rows_rejected=table.rows_rejected, rows_out_of_period=outside,
            rows_other_stations=other_stations[index] if other_stations else 0,
            rows_unused=table.rows_unused,
            subkind=table.subkind, notes=tuple(table.notes)))
    return kept, summaries


def _replace_frame(table: ValidatedTable, frame: pd.DataFrame) -> ValidatedTable:
    return replace(table, frame=frame.reset_index(drop=True))


def build_dataset(tables: list[ValidatedTable], spec: TargetsFile,
                  options: CheckOptions) -> Dataset:
    """Combine the accepted rows of all inputs per kind, under the check's settings."""
    air = spec.settings.air
    return assemble_dataset(
        tables, hour_label=cast(Literal["end", "start"], options.hour_label or air.hour_label),
        city_aggregation=air.city_aggregation,
        stations=options.stations or tuple(spec.stations))
