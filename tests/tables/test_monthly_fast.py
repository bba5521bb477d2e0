"""The monthly report built the fast way is the report built the slow way.

The fast way shares work between the many measurements of a monthly series: the water
rows' item numbers parsed once (``ItemFrames``), a ledger target's rows selected once
(``MetricContext.ledger_of``), a ratio's sides found once (``MetricContext.memo``), the
good-day months measured once, the charts' titles pinned where matplotlib puts them, and
each chart drawn once in the tight box computed beforehand (``report_charts.save_svg``).
The slow way, rebuilt here by switching each of these off, measures every month and every
month's end from the whole inputs in a context of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from ecotarget.dataset import Dataset
from ecotarget.metrics.context import MetricContext
from ecotarget.metrics.water_sections import ItemFrames, item_values, section_table
from ecotarget.periods import Window
from ecotarget.pipeline import CheckOptions, check_in_context, input_last_dates, read_inputs
from ecotarget.read import expand_paths
from ecotarget.render import report_charts, report_html
from ecotarget.render.report_charts import new_figure, to_svg
from ecotarget.tables.monthly import MonthlyReport, build, monthly_report_from
from ecotarget.targets import Settings, load_targets
from tests.conftest import ROOT, SAMPLES


def water_rows() -> pd.DataFrame:
    """Three samples of two sections; ammonia "0.02L" is below a DL of 0.02 (half: 0.01)."""
    return pd.DataFrame({
        "section": ["甲", "乙", "甲"],
        "date": pd.to_datetime(["2025-01-05", "2025-01-06", "2025-02-05"]),
        "nh3n": [0.5, float("nan"), 1.2], "nh3n__bdl": [False, True, False],
        "nh3n__dl": [float("nan"), 0.02, float("nan")],
        "tp": [0.1, 0.05, 0.3]})


def test_item_frames_of_a_subset_are_the_subsets_own() -> None:
    rows = water_rows()
    whole = ItemFrames.parse(rows, "half")
    # the whole frame: ammonia 0.5, 0.02/2 = 0.01, 1.2; the flags below DL: no, yes, no
    assert whole.values["nh3n"].tolist() == [0.5, 0.01, 1.2]
    assert whole.below["nh3n"].tolist() == [False, True, False]
    # the February rows (label 2) and the January rows in reverse order (labels 1, 0)
    for subset in (rows.iloc[[2]], rows.iloc[[1, 0]]):
        mine = whole.of(subset)
        pd.testing.assert_frame_equal(mine.values, item_values(subset, "half"))
        assert mine.values.index.tolist() == subset.index.tolist()
    january = rows.iloc[[0, 1]]
    pd.testing.assert_frame_equal(section_table(january, "half", whole.of(january)),
                                  section_table(january, "half"))


def test_the_ledger_of_some_indicators_and_the_memo() -> None:
    ledger = pd.DataFrame({"indicator": ["a", "b", "a", "c"],
                           "period": ["2025-01", "2025-01", "2025-02", "2025-02"],
                           "value": [1.0, 2.0, 3.0, 4.0], "note": ["", "", "x", ""]})
    day = dt.date(2025, 2, 28)
    ctx = MetricContext(Dataset(ledger=ledger), Window(2025, dt.date(2025, 1, 1), day, day),
                        Settings())
    # "a" and "c": rows 0, 2 and 3 in the ledger's order, the columns the figures read
    chosen = ctx.ledger_of(["a", "c"])
    assert chosen.index.tolist() == [0, 2, 3]
    assert chosen.columns.tolist() == ["indicator", "period", "value"]
    # selected once, and shared with the context of another window (a month of the series)
    january = dt.date(2025, 1, 31)
    assert ctx.at(Window(2025, dt.date(2025, 1, 1), january, january)).ledger_of(
        ["a", "c"]) is chosen
    calls: list[str] = []

    def compute(value: int) -> int:
        calls.append("computed")
        return value

    assert ctx.memo(("k", 1), lambda: compute(7)) == 7
    assert ctx.memo(("k", 1), lambda: compute(8)) == 7  # the first value, computed once
    assert calls == ["computed"]


def chart(values: list[float]) -> str:
    """A bar chart of ``values`` with a title as wide as its axes, as the report draws one
    (an offset text at the top left of the axes then lies under the title's left end)."""
    with report_charts.mpl.rc_context(report_charts.STYLE):  # type: ignore[arg-type]
        figure = new_figure(4.0, 2.0)
        axes = figure.add_subplot()
        axes.bar(range(len(values)), values)
        axes.set_title("A chart title as long as the axes are wide: 标题")
        axes.set_xlabel("月")
        axes.set_ylabel("值")
    return to_svg(figure, "t")


@pytest.mark.parametrize("values", [
    [3.0, 5.0, 4.0],                      # no offset text: the title is pinned at y = 1
    [1_000_001.0, 1_000_002.0, 1_000_003.0],  # ticks 1e6 + 0.5 …: an offset text "+1e6"
    [2e7, 5e7, 4e7],                      # ticks 0 … 5e7: an offset text "1e7"
])
def test_a_pinned_title_is_drawn_where_matplotlib_puts_it(values: list[float],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    pinned = chart(values)
    monkeypatch.setattr(report_charts, "pin_titles", lambda figure: None)
    assert pinned == chart(values)


def test_a_title_over_an_offset_text_is_left_to_matplotlib(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    # the guard matters: pinned regardless, the title would sit on the offset text "1e7"
    placed = chart([2e7, 5e7, 4e7])

    def always(figure: Any) -> None:
        for axes in figure.axes:
            axes.set_title(axes.get_title(), y=1.0)

    monkeypatch.setattr(report_charts, "pin_titles", always)
    assert chart([2e7, 5e7, 4e7]) != placed


@pytest.fixture
def slow_way(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every shortcut of the fast way switched off, as before it existed."""

    def fresh(self: MetricContext, window: Any) -> MetricContext:
        # a context of its own: no city days, section tables or memos shared
        return self if window == self.window else MetricContext(
            data=self.data, window=window, settings=self.settings,
            air_standard=self.air_standard)

    original_series = build.target_series
    monkeypatch.setattr(MetricContext, "at", fresh)
    monkeypatch.setattr(MetricContext, "item_frames", lambda self, rows: None)
    monkeypatch.setattr(MetricContext, "ledger_of", lambda self, indicators: self.data.ledger)
    monkeypatch.setattr(MetricContext, "memo", lambda self, key, compute: compute())
    monkeypatch.setattr(build, "target_series", lambda *a, **k: original_series(
        *a, **{**k, "month_rows": None}))
    monkeypatch.setattr(report_charts, "pin_titles", lambda figure: None)
    monkeypatch.setattr(report_charts, "save_svg", lambda figure, out: figure.savefig(
        out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight"))
    yield


def samples_report(**options: Any) -> MonthlyReport:
    loaded = load_targets(ROOT / "config" / "targets.yaml")
    chosen = CheckOptions(**options)
    tables = read_inputs(expand_paths([str(SAMPLES)]), loaded.spec, chosen)
    report, ctx = check_in_context(tables, loaded, chosen)
    return monthly_report_from(report, ctx, loaded.spec.targets, input_last_dates(tables))


OPTIONS = [{}, {"as_of": dt.date(2025, 6, 30)},
           {"period": (dt.date(2025, 4, 1), dt.date(2025, 6, 30))}]


@pytest.fixture(scope="module")
def fast() -> dict[int, tuple[MonthlyReport, str]]:
    """The samples' model and page the fast way, for each of OPTIONS."""
    out = {}
    for i, options in enumerate(OPTIONS):
        model = samples_report(**options)
        out[i] = (model, report_html.render_report_html(model, "zh"))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("case", range(len(OPTIONS)))
def test_the_samples_model_and_page_the_fast_way_are_the_slow_ways(
        case: int, fast: dict[int, tuple[MonthlyReport, str]], slow_way: None) -> None:
    model, page = fast[case]
    slow = samples_report(**OPTIONS[case])
    # every series, month, figure and status (dataclass equality), then the whole page
    assert slow == model
    assert report_html.render_report_html(slow, "zh") == page
