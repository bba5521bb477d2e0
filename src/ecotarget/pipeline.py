"""The check pipeline as a library call: read → validate → dataset → metrics → evaluate → report.

``check(["data/samples"], load_targets())`` returns a :class:`~ecotarget.report.Report`;
the CLI only renders it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, cast

import numpy as np
import pandas as pd

from ecotarget import __version__
from ecotarget.catalogue import Text
from ecotarget.dataset import Dataset, assemble_dataset
from ecotarget.evaluate import evaluate
from ecotarget.metrics import MEASURES
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.through import Through, data_through, kind_through
from ecotarget.periods import Window, check_as_of_in_period, make_window, parse_period
from ecotarget.read import Source, expand_paths, read_table, return_freed_memory
from ecotarget.read.network import PUBLISHED
from ecotarget.registry import ledger_indicators
from ecotarget.report import InputSummary, Report, Result, kind_dates
from ecotarget.schemas import Kind
from ecotarget.standards.water import parse_class
from ecotarget.stations import is_network, select_stations
from ecotarget.tables.breakdown import with_breakdowns
from ecotarget.tables.monthly import MonthlyReport, comparison, monthly_report_from
from ecotarget.targets import LoadedTargets, Target, TargetsFile, load_targets
from ecotarget.validate import (
    ValidatedTable,
    ValidationContext,
    compact_lines,
    error_dicts,
    validate_table,
)


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
    year: int | None = None  # the year of water times written without one (--year)


def validation_context(spec: TargetsFile) -> ValidationContext:
    """What the targets tell validation: the ledger indicators they read, the grades of the
    graded ones (scale order kept), which are milestones, and the water sections'
    attributes (``sections:``)."""
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
                             indicators=frozenset(indicators), milestones=frozenset(milestones),
                             sections=section_attributes(spec))


def section_attributes(spec: TargetsFile) -> dict[str, dict[str, str | int | None]]:
    """The targets file's ``sections:`` as validation uses them: names folded as cells are
    (NFKC, trimmed), target classes as 1..6."""
    out: dict[str, dict[str, str | int | None]] = {}
    for name, section in spec.sections.items():
        attributes: dict[str, str | int | None] = dict(section.attributes())
        target = attributes["target_class"]
        attributes["target_class"] = parse_class(str(target)) if target else None
        out[unicodedata.normalize("NFKC", name).strip()] = attributes
    return out


Progress = Callable[[str], None]  # told what starts next: "reading x.csv", "evaluating" …


def read_inputs(sources: Sequence[Source], spec: TargetsFile, options: CheckOptions,
                progress: Progress | None = None, *, only_kind: Kind | None = None,
                keep_published: bool = True) -> list[ValidatedTable]:
    """Read and validate every source; unusable files raise :class:`InputError`.

    ``keep_published=False``: a network file's published values (hourly AQI, 24-h means)
    are not kept past validation — a check never counts them, and they are half the
    numbers of a national file (peak memory).

    ``only_kind``: validate and return only the inputs of that kind; the others are read
    (to learn their kind) and skipped.
    """
    context = validation_context(spec)
    tables = []
    for source in sources:
        if progress:
            progress(f"reading {source.name}")
        raw = read_table(source, encoding=options.encoding, kind=options.kind,
                         year=options.year)
        if only_kind is not None and raw.kind != only_kind:
            continue
        if progress:
            progress(f"validating {source.name}")
        validated = validate_table(raw, context)
        del raw  # this file's cells and text are not held while the next file is read
        return_freed_memory()  # nor kept for reuse: what comes next adds to it
        if not keep_published:
            validated = without_published(validated)
        tables.append(compact_lines(validated))
        del validated  # its wider line numbers with it
    return tables


def without_published(table: ValidatedTable) -> ValidatedTable:
    """``table`` without the published values of an hourly network file (only compared,
    never counted: docs/standards.md §1)."""
    published = [name for name in PUBLISHED if name in table.frame]
    if table.subkind != "hourly" or not published or not is_network(table):
        return table
    return replace(table, frame=table.frame.drop(columns=published))


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
    return check_in_context(tables, loaded, options, progress)[0]


def check_in_context(tables: list[ValidatedTable], loaded: LoadedTargets,
                     options: CheckOptions, progress: Progress | None = None
                     ) -> tuple[Report, MetricContext]:
    """:func:`check_tables`, and the context its targets were evaluated in (the data, the
    window, the settings): what the monthly report derives its series from."""
    spec = loaded.spec
    year = spec.plan.year
    check_as_of_in_period(options.as_of, options.period)
    # National network files hold the whole country: only the region's stations count, and
    # without a station list that is an error, never a national average. --station chooses
    # in the bureau's own air files too; the targets file's list only in network files.
    selection = select_stations(tables, options.stations or tuple(spec.stations), required=True,
                                every_air_input=bool(options.stations))
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
    results = with_breakdowns(
        [evaluate_target(target, ctx, explicit_as_of=options.as_of is not None)
         for target in spec.targets], spec.targets, ctx, options.breakdown)
    errors = error_dicts(e for t in tables for e in t.errors)
    kinds = kind_through(data, year)
    return Report(
        data_through=kinds, warnings=data_warnings(kinds, results, window),
        version=__version__, targets_file=loaded.path,
        plan=spec.plan.model_dump(mode="json", exclude_none=True), as_of=window.as_of,
        period=(window.start, window.end), inputs=summaries, results=results, row_errors=errors,
        air_standard=options.air_standard or spec.settings.air.standard,
    ), ctx


def monthly_report(paths: Sequence[str] | Sequence[Source],
                   targets: LoadedTargets | None = None, options: CheckOptions | None = None,
                   compare_to: str | None = None) -> MonthlyReport:
    """The monthly report (``ecotarget report``): one check of the inputs and every series of
    the report derived from that check's context; ``compare_to`` (a period: ``2025-09``,
    ``2025-Q3``) adds what changed since the check as of that period's end."""
    options = options or CheckOptions()
    loaded = targets or load_targets()
    sources = (list(paths) if all(isinstance(p, Source) for p in paths)
               else expand_paths([str(p) for p in paths]))
    tables = read_inputs(sources, loaded.spec, options)  # type: ignore[arg-type]
    return monthly_from_tables(tables, loaded, options, compare_to)


def monthly_from_tables(tables: list[ValidatedTable], loaded: LoadedTargets,
                        options: CheckOptions, compare_to: str | None = None,
                        progress: Progress | None = None) -> MonthlyReport:
    """:func:`monthly_report` of validated tables.

    The comparison checks the same tables as of the end of ``compare_to``: over that period
    when this report is of an explicit ``--period``, else the year to that date.
    """
    report, ctx = check_in_context(tables, loaded, options, progress)
    hour_label = options.hour_label or loaded.spec.settings.air.hour_label
    monthly = monthly_report_from(report, ctx, loaded.spec.targets,
                                  input_last_dates(tables, hour_label))
    if compare_to is None:
        return monthly
    first, last = parse_period(compare_to)
    before = check_tables(tables, loaded, replace(
        options, as_of=last, period=(first, last) if options.period else None, breakdown=None))
    return replace(monthly, comparison=comparison(compare_to, before, report))


def input_last_dates(tables: Sequence[ValidatedTable], hour_label: str = "end"
                     ) -> dict[str, dt.date | None]:
    """The last date each input covers, by path (a ledger: its last month's last day).

    An hour labelled by its end belongs to the hour before the label (as in
    :func:`scope_tables`): a last label of 2025-11-01 00:00 covers 2025-10-31.
    """
    out: dict[str, dt.date | None] = {}
    for table in tables:
        dates = _row_dates(table)
        last = dates.max() if dates is not None and len(dates) else None
        if last is None or pd.isna(last):
            out[table.path] = None
            continue
        stamp = pd.Timestamp(last)
        if table.kind == "ledger":
            stamp += pd.offsets.MonthEnd(0)
        elif table.subkind == "hourly" and (
                hour_label == "end" or (table.raw is not None and table.raw.layout is not None)):
            stamp -= pd.Timedelta(hours=1)
        out[table.path] = stamp.date()
    return out


def evaluate_target(target: Target, ctx: MetricContext, *, explicit_as_of: bool = False
                    ) -> Result:
    """Measure one target with its registered metric, on its own data, and judge it.

    Without ``--as-of`` the target is judged as of the last day its own data reach
    (``data_through``) when the check's as-of date lies after it. With ``--as-of``
    (``explicit_as_of``) it is judged as of that date when its input reports it (a ledger
    month without a row of the indicator, in a ledger that reports that month, counts as
    none that month), and is ``insufficient_data`` otherwise: "no 危险废物利用量 data
    after 2025-10" rather than a year judged on months never reported. A ratio month inside
    the check's window that only one side reports makes it ``insufficient_data`` too.
    """
    through = data_through(target, ctx.data, ctx.window.year)
    window, blocked = own_window(through, ctx.window, explicit_as_of)
    inside = [m for m in through.unmatched if m in set(ctx.window.months())]
    if inside:
        # measured up to the last month both sides reach: never over unmatched months
        window = own_window(through, ctx.window, explicit_as_of=False)[0]
        blocked = Text("reason.unmatched_months",
                       {"months": tuple(inside), "indicators": through.lacking})
    measured = MEASURES[target.metric](target, ctx.at(window))
    return evaluate(target, measured, window, data_through=through.day, blocked=blocked)


def own_window(through: Through, window: Window, explicit_as_of: bool
               ) -> tuple[Window, Text | None]:
    """The window a target is judged over: the check's, cut at the target's last data day.

    Returns the window and, when the as-of date was given and lies past the data, why the
    target cannot be judged.
    """
    if through.day is None or through.covers(window.as_of) or (
            explicit_as_of and through.reports(window.as_of)):
        return window, None
    if explicit_as_of:
        # measured over the window asked for, so that its own shortfalls (days, sections)
        # show; judged insufficient whatever the figure
        return window, Text("reason.no_data_after", {"subject": through.subject,
                                                      "after": through.label()})
    period = (window.start, window.end) if window.explicit_period else None
    return make_window(window.year, as_of=through.day, period=period), None


def data_warnings(kinds: dict[str, dt.date], results: list[Result], window: Window
                  ) -> tuple[Text, ...]:
    """What the reader must know about the data besides the results (printed on stderr).

    * the input kinds end in different months: each target is judged on its own data;
    * a ratio has months reported on one side only;
    * a period (``--period``) holds no data of any input.
    """
    warnings = []
    if len({(day.year, day.month) for day in kinds.values()}) > 1:  # as Report.kinds_differ
        warnings.append(Text("warn.kinds_differ", {"dates": kind_dates(kinds)}))
    unmatched = [Text("warn.unmatched_item", {"name": r.name, "name_en": r.name_en,
                                              "months": tuple(r.detail["unmatched_months"])})
                 for r in results if r.detail.get("unmatched_months")]
    if unmatched:
        warnings.append(Text("warn.unmatched_months", {"items": tuple(unmatched)}))
    if window.explicit_period and all(day < window.start for day in kinds.values()):
        last = max(kinds.values()).isoformat() if kinds else "–"
        warnings.append(Text("warn.empty_period", {"start": window.start, "end": window.end,
                                                   "through": last}))
    return tuple(warnings)



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
            rows_unused=table.rows_unused, rows_not_assessed=table.rows_not_assessed,
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
