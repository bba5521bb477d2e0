"""The monthly report's charts: matplotlib figures written as inline SVG, text kept as text.

Every chart has a title and both axis labels in the report's language (catalogue words).
``svg.fonttype = 'none'`` leaves each label a ``<text>`` element, so the reader's browser
draws the Chinese with its own fonts (the page's CSS names them) and the words can be
searched and copied. The SVG is cut to the ``<svg>`` element itself: no XML declaration,
no DOCTYPE, no metadata, no namespace URL; every id is unique to its chart (the hash salt
is the chart's name), so several charts live in one page.

No GUI backend is involved: a :class:`~matplotlib.figure.Figure` is saved straight to SVG.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import os
import re
import tempfile
from collections.abc import Sequence
from typing import Any, cast

if not os.access(os.path.expanduser("~"), os.W_OK) and "MPLCONFIGDIR" not in os.environ:
    # matplotlib keeps a font cache in its config folder: a home it cannot write (a service
    # account, a read-only container) makes it warn on every run
    os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="ecotarget-mpl-")

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from ecotarget.catalogue import Text, words
from ecotarget.tables.monthly import (
    AllowanceMonth,
    CategoryMonth,
    Milestone,
    TargetSeries,
)

#: HJ 633 category colours, by the category's Chinese name
AQI_COLOURS = {"优": "#00e400", "良": "#ffff00", "轻度污染": "#ff7e00", "中度污染": "#ff0000",
               "重度污染": "#99004c", "严重污染": "#7e0023"}
#: fonts that draw Chinese, in the order a reader's machine may have them
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
             "SimHei")
STATUS_COLOURS = {"met": "#2e7d32", "on_track": "#1565c0", "at_risk": "#f9a825",
                  "not_met": "#c62828", "insufficient_data": "#6a1b9a", "no_data": "#9e9e9e"}
BAR = "#90caf9"
LINE = "#0d47a1"
STYLE = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": [*CJK_FONTS, "DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
# a font the machine lacks is named in the SVG for the browser, not an error here
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def month_labels(months: Sequence[str], lang: str) -> list[str]:
    """``1月`` … / ``Jan`` …: a month axis in the report's language.

    >>> month_labels(["2025-01", "2025-10"], "zh"), month_labels(["2025-01"], "en")
    (['1月', '10月'], ['Jan'])
    """
    return [Text("months.one", {"month": Text(f"month.{int(m[5:])}")}).render(lang)
            for m in months]


def to_svg(figure: Figure, name: str) -> str:
    """The figure as an ``<svg>`` element for an HTML page (see the module docstring).

    The element names the chart's title and axis labels in ``aria-label``, ``data-x`` and
    ``data-y`` (from its first axes), for readers that do not see it and for tests.
    """
    axes = figure.axes[0]
    labels = {"aria-label": axes.get_title(), "data-x": axes.get_xlabel(),
              "data-y": axes.get_ylabel()}
    attributes = " ".join(f'{key}="{html.escape(value)}"' for key, value in labels.items())
    out = io.StringIO()
    with mpl.rc_context(cast(Any, {**STYLE, "svg.hashsalt": name})):
        pin_titles(figure)
        save_svg(figure, out)
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg)
    return svg.replace("<svg ", f'<svg class="chart" data-chart="{name}" role="img" {attributes} ',
                       1)


def save_svg(figure: Figure, out: io.StringIO) -> None:
    """The SVG ``savefig(format="svg", bbox_inches="tight")`` writes, drawn once.

    The tight box comes from :func:`tight_bbox`, without the layout-only draw that
    ``bbox_inches="tight"`` makes before the real one. The figure is saved at the SVG
    backend's 72 dpi: that draw leaves the figure there while the box is applied, and the
    box's arithmetic at another dpi differs in the last bits of a float, enough to change
    the hash of a clip path's id. No date, no creator: the same figure, the same bytes.
    """
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None},
                   bbox_inches=tight_bbox(figure), dpi=FigureCanvasSVG.fixed_dpi)


def tight_bbox(figure: Figure) -> Bbox:
    """The area of ``figure`` an SVG saved with ``bbox_inches="tight"`` keeps, in inches.

    ``savefig(bbox_inches="tight")`` draws the whole figure once without output to lay it
    out, asks it for its tight box, and draws it again into the file: two draws, the first
    about a third of a chart's cost. The box needs no draw: each artist measures its extent
    with the renderer it is given (ticks, labels, title, legend placed as a draw would
    place them). This asks the figure directly, with the renderer the SVG backend draws
    with (a :class:`RendererSVG` inside a :class:`MixedModeRenderer`, the figure at the
    backend's 72 dpi, as ``print_svg`` sets it), padded by ``savefig.pad_inches``. Given
    this box (and the dpi of :func:`save_svg`), ``savefig`` draws once and writes the same
    bytes (tests/render/test_report_charts.py compares them on every kind of chart here).
    """
    dpi = figure.dpi
    figure.dpi = FigureCanvasSVG.fixed_dpi  # what print_svg does before it draws
    try:
        width, height = figure.get_size_inches()
        svg = RendererSVG(  # type: ignore[no-untyped-call]
            width * figure.dpi, height * figure.dpi, io.StringIO(), image_dpi=dpi)
        renderer = MixedModeRenderer(  # type: ignore[no-untyped-call]
            figure, width, height, dpi, svg)
        # not a RendererBase by type: it hands every call to its RendererSVG (print_svg
        # draws through it all the same)
        box = figure.get_tightbbox(cast(Any, renderer))
    finally:
        figure.dpi = dpi
    pad = float(mpl.rcParams["savefig.pad_inches"])
    return box.padded(pad, pad)


def pin_titles(figure: Figure) -> None:
    """Fix each axes' title where matplotlib's automatic placement would put it anyway.

    Placed automatically, a title is moved up past ticks on top of the axes or past the
    y axis' offset text (``1e6``) — a search through every tick label's extent, in the
    tight box and again in the draw, and a third of a chart's cost. The charts here have
    their ticks below, so without an offset text the title stays at the top of the axes
    (y = 1): pinned there, it is drawn in the same place without the search.
    """
    for axes in figure.axes:
        x_axis, y_axis = axes.xaxis, axes.yaxis
        if (x_axis.get_ticks_position() in ("top", "unknown")
                or x_axis.get_label_position() == "top" or not axes.get_title()):
            continue
        formatter = y_axis.get_major_formatter()
        formatter.set_locs(list(y_axis.get_majorticklocs()))
        if formatter.get_offset():
            continue  # an offset text may push the title up: leave it to matplotlib
        axes.set_title(axes.get_title(), y=1.0)


def new_figure(width: float = 7.0, height: float = 3.0) -> Figure:
    """A figure of ``width`` × ``height`` inches in the report's style."""
    with mpl.rc_context(cast(Any, STYLE)):
        return Figure(figsize=(width, height))


def _days(day: dt.date) -> float:
    """A date as matplotlib's date axis counts it: days since its epoch, 1970-01-01."""
    return float((day - dt.date(1970, 1, 1)).days)


def _labels(axes: Axes, title: str, x: str, y: str) -> None:
    axes.set_title(title)
    axes.set_xlabel(x)
    axes.set_ylabel(y)


def series_chart(series: TargetSeries, lang: str, *, name: str, title: str, y_label: str,
                 monthly_target: bool = False, width: float = 7.0) -> str:
    """Bars of each month's own figure, the figure to date, the pace and the target line.

    ``monthly_target``: the target differs per month (a ``previous_year`` target: the same
    month a year earlier), drawn as a line through the months.
    """
    with mpl.rc_context(cast(Any, STYLE)):
        figure = new_figure(width, 2.8)
        axes = figure.add_subplot()
        x = list(range(len(series.months)))
        values = [m.value if m.value is not None else float("nan") for m in series.months]
        axes.bar(x, values, color=BAR, label=words("rpt.month_value", lang))
        to_date = [m.to_date for m in series.months]
        if any(v is not None for v in to_date):
            axes.plot(x, [v if v is not None else float("nan") for v in to_date], color=LINE,
                      marker="o", label=words("rpt.to_date", lang))
        pace = [m.pace for m in series.months]
        if any(p is not None for p in pace):
            axes.plot(x, [p if p is not None else float("nan") for p in pace], color="#ef6c00",
                      linestyle="--", label=words("rpt.pace_line", lang))
        if monthly_target:
            axes.plot(x, [m.target if m.target is not None else float("nan")
                          for m in series.months], color="#555555", marker="s",
                      label=words("rpt.last_year", lang))
        elif series.goal is not None:
            axes.axhline(series.goal, color="#c62828", linestyle=":",
                         label=f"{words('rpt.target_line', lang)} {series.goal:g}")
        axes.set_xticks(x, month_labels([m.month for m in series.months], lang))
        shown = [v for v in (*values, *(p for p in pace if p is not None),
                             *(v for v in to_date if v is not None)) if v == v]
        if shown and min(shown) >= 0:
            # counts and rates start at zero; a series of zeros gets a scale of 0–1, not ±0.04
            axes.set_ylim(bottom=0, top=None if max(shown) > 0 or (series.goal or 0) > 0 else 1)
        _labels(axes, title, words("rpt.month", lang), y_label)
        axes.legend(loc="best", fontsize=7, frameon=False)
        return to_svg(figure, name)


def allowance_chart(months: Sequence[AllowanceMonth], year_allowance: int, lang: str) -> str:
    """The non-good days still allowed at each month's end, against the year's allowance
    spread evenly, with each month's non-good days as bars."""
    with mpl.rc_context(cast(Any, STYLE)):
        figure = new_figure(7.0, 2.8)
        axes = figure.add_subplot()
        x = list(range(len(months)))
        axes.bar(x, [m.non_good_days for m in months], color="#ffcc80",
                 label=words("rpt.non_good_month", lang))
        axes.plot(x, [m.allowance if m.allowance is not None else float("nan") for m in months],
                  color=LINE, marker="o", label=words("rpt.allowance_left", lang))
        axes.plot(x, [m.pro_rata for m in months], color="#ef6c00", linestyle="--",
                  label=Text("rpt.allowance_pro_rata", {"n": year_allowance}).render(lang))
        axes.set_xticks(x, month_labels([m.month for m in months], lang))
        axes.set_ylim(bottom=0)
        _labels(axes, words("rpt.allowance_title", lang), words("rpt.month", lang),
                words("rpt.allowance_axis", lang))
        axes.legend(loc="best", fontsize=7, frameon=False)
        return to_svg(figure, "allowance")


def categories_chart(months: Sequence[CategoryMonth], lang: str) -> str:
    """Stacked bars: each month's valid days per HJ 633 category, in the category colours."""
    with mpl.rc_context(cast(Any, STYLE)):
        figure = new_figure(7.0, 2.8)
        axes = figure.add_subplot()
        x = list(range(len(months)))
        bottom = [0] * len(months)
        for category, colour in AQI_COLOURS.items():
            heights = [m.days.get(category, 0) for m in months]
            if not any(heights):
                continue
            axes.bar(x, heights, bottom=bottom, color=colour, edgecolor="#666666",
                     linewidth=0.3, label=words(f"rpt.aqi.{category}", lang))
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axes.set_xticks(x, month_labels([m.month for m in months], lang))
        _labels(axes, words("rpt.categories_title", lang), words("rpt.month", lang),
                words("rpt.allowance_axis", lang))
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
        return to_svg(figure, "categories")


def timeline_chart(milestones: Sequence[Milestone], as_of: dt.date, lang: str) -> str:
    """Each milestone on a line: its due date (◆), the month it was done (●), coloured by
    status, and the report's as-of date."""
    with mpl.rc_context(cast(Any, STYLE)):
        figure = new_figure(7.0, 0.45 * len(milestones) + 1.2)
        axes = figure.add_subplot()
        y = list(range(len(milestones)))
        for row, item in zip(y, milestones, strict=True):
            colour = STATUS_COLOURS[item.status]
            if item.due is not None:
                axes.plot([_days(item.due)], [row], marker="D", color=colour,
                          linestyle="none")
            if item.done_in is not None:
                # a month reported done: drawn mid-month
                done = dt.date.fromisoformat(f"{item.done_in}-15")
                axes.plot([_days(done)], [row], marker="o", color=colour, linestyle="none")
        axes.axvline(_days(as_of), color="#555555", linestyle=":", label=words("rpt.today", lang))
        names = [m.name_en if lang == "en" else m.name for m in milestones]
        axes.set_yticks(y, names)
        axes.invert_yaxis()
        axes.xaxis_date()
        _labels(axes, words("rpt.timeline_title", lang), words("rpt.date_axis", lang),
                words("rpt.task_axis", lang))
        figure.autofmt_xdate()
        return to_svg(figure, "timeline")


__all__ = ["AQI_COLOURS", "CJK_FONTS", "STATUS_COLOURS", "allowance_chart", "categories_chart",
           "month_labels", "new_figure", "save_svg", "series_chart", "tight_bbox", "timeline_chart",
           "to_svg"]
