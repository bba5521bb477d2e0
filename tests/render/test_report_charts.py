"""A chart saved by ``save_svg`` is the chart ``bbox_inches="tight"`` saves.

``to_svg`` (through ``save_svg``) hands ``savefig`` the tight box it computed itself, so that the figure is drawn
once; matplotlib's ``bbox_inches="tight"`` draws it twice (once to lay it out). The SVG must
be the same bytes either way, for every kind of chart the report draws: bars and lines with
a target line or a line of last year's months, values that need an offset text, negative
values, months without a figure, a legend outside the axes (the categories), a date axis
with slanted labels and a name per row (the timeline), both languages.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pytest
from matplotlib.figure import Figure

from ecotarget.render import report_charts
from ecotarget.render.report_charts import (
    allowance_chart,
    categories_chart,
    new_figure,
    series_chart,
    tight_bbox,
    timeline_chart,
)
from ecotarget.tables.monthly import (
    AllowanceMonth,
    CategoryMonth,
    Milestone,
    MonthFigure,
    TargetSeries,
)

MONTHS = [f"2025-{m:02d}" for m in range(1, 11)]


def series(values: list[float | None], goal: float | None = 90.0,
           targets: list[float | None] | None = None) -> TargetSeries:
    """Ten months of ``values``; the figure to date is their running mean, the pace ``goal``."""
    months = []
    seen: list[float] = []
    for i, (month, value) in enumerate(zip(MONTHS, values, strict=True)):
        seen += [value] if value is not None else []
        months.append(MonthFigure(
            month=month, value=value, to_date=sum(seen) / len(seen) if seen else None,
            target=targets[i] if targets else None, pace=goal, status="on_track"))
    return TargetSeries(target_id="t", name="优良天数比率", name_en="Good days", unit="%",
                        unit_en="%", op=">=", goal=goal, months=tuple(months))


def charts(lang: str) -> dict[str, Callable[[], str]]:
    """Each kind of chart, by a name for the test's id."""
    rates = [95.2, 88.0, 91.3, 79.9, 100.0, 96.7, 93.5, 90.3, 87.1, 92.0]
    return {
        "rates": lambda: series_chart(series(list(rates)), lang, name="a", title="优良天数比率",
                                      y_label="%"),
        "offset": lambda: series_chart(series([1_000_000.0 + i for i in range(10)], None),
                                       lang, name="b", title="累计", y_label="吨"),
        "large": lambda: series_chart(series([2e7, 5e7, 4e7, 1e7, 3e7, 2e7, 5e7, 4e7, 1e7,
                                              3e7], None), lang, name="c", title="t",
                                      y_label="y"),
        "negative": lambda: series_chart(series([-3.5, 2.0, -1.25, 0.0, 4.5, -2.0, 1.0, 3.0,
                                                 -4.0, 2.5], 0.0), lang, name="d", title="变化",
                                         y_label="%"),
        "gaps": lambda: series_chart(series([None, 3.0, None, None, 5.0, 4.0, None, 1.0, None,
                                             2.0], 4.0), lang, name="e", width=3.4,
                                     title="一个很长的标题：危险废物规范化管理抽查合格率",
                                     y_label="%"),
        "zeros": lambda: series_chart(series([0.0] * 10, None), lang, name="f", title="z",
                                      y_label="起"),
        "last_year": lambda: series_chart(
            series([81.0, 82.5, 80.1, 83.0, 84.2, 85.0, 83.3, 82.0, 84.4, 86.0], None,
                   [80.0, 81.0, 82.0, 80.5, 83.0, 84.0, 85.5, 81.0, 83.0, 84.0]),
            lang, name="g", title="CWQI", y_label="CWQI", monthly_target=True),
        "allowance": lambda: allowance_chart(
            [AllowanceMonth(month=m, non_good_days=i % 4, allowance=36 - 2 * i,
                            pro_rata=round(36 * (1 - (i + 1) / 12), 1))
             for i, m in enumerate(MONTHS)], 36, lang),
        "categories": lambda: categories_chart(
            [CategoryMonth(month=m, valid_days=30, days={"优": 10 + i, "良": 15 - i,
                                                         "轻度污染": 5 if i % 3 else 0,
                                                         "重度污染": 1 if i == 4 else 0})
             for i, m in enumerate(MONTHS)], lang),
        "timeline": lambda: timeline_chart(
            [Milestone(target_id=f"m{i}", name=f"任务{i}：编制方案", name_en=f"Task {i}",
                       due=dt.date(2025, 3 * i + 1, 28) if i < 4 else None,
                       done_in=f"2025-{2 * i + 1:02d}" if i % 2 else None,
                       status=("met", "not_met", "on_track", "no_data", "at_risk")[i])
             for i in range(5)], dt.date(2025, 10, 31), lang),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", list(charts("zh")))
def test_a_chart_in_the_tight_box_is_matplotlibs_tight_chart(
        kind: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    draw = charts(lang)[kind]
    once = draw()
    monkeypatch.setattr(report_charts, "save_svg", save_tight)
    assert draw() == once


def save_tight(figure: Figure, out: io.StringIO) -> None:
    """How the report saved its charts before :func:`report_charts.save_svg`: two draws."""
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None},
                   bbox_inches="tight")


def test_the_box_applied_at_the_figures_own_dpi_is_not_the_same(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the comparison above can fail: at the figure's own 100 dpi the box is applied with
    # other float arithmetic (700 × 0.72 rather than 7 × 72), and the timeline's clip path
    # gets another id
    draw = charts("zh")["timeline"]
    once = draw()

    def at_100(figure: Figure, out: io.StringIO) -> None:
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None},
                       bbox_inches=tight_bbox(figure))

    monkeypatch.setattr(report_charts, "save_svg", at_100)
    other = draw()
    assert other != once and re.sub(r"#?p[0-9a-f]{10}", "p", other) == re.sub(
        r"#?p[0-9a-f]{10}", "p", once)


def test_the_tight_box_is_the_artists_extent_padded() -> None:
    # an axes of 4 × 2 inches at matplotlib's subplot margins: its right and top spines at
    # 0.9 × 4 = 3.6 in and 0.88 × 2 = 1.76 in, the labels of x = 1 and y = 1 inside them
    # (5 % margins); the box reaches 0.1 in (savefig.pad_inches) beyond the spines there,
    # and below the figure's bottom edge, where the x ticks and label do not fit 0.22 in
    with report_charts.mpl.rc_context(report_charts.STYLE):  # type: ignore[arg-type]
        figure = new_figure(4.0, 2.0)
        axes = figure.add_subplot()
        axes.plot([0, 1], [0, 1])
        axes.set_xlabel("x")
        box = tight_bbox(figure)
    assert box.x1 == pytest.approx(3.6 + 0.1)
    assert box.y1 == pytest.approx(1.76 + 0.1)
    assert 0 < box.x0 < 0.5 and box.y0 < 0
    assert figure.dpi == 100  # restored after the 72 dpi of the SVG backend
