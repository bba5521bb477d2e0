"""The monthly report as one self-contained HTML page (``ecotarget report -o FILE.html``).

The page is the Jinja2 template ``templates/report.html.j2`` filled with the values of
:mod:`ecotarget.render.report_sections` and the SVG charts of
:mod:`ecotarget.render.report_charts`. Everything is inside the file: the styles, the
charts, no script, no font, no image or link to fetch, so it opens from a USB stick on an
offline PC. Text stays text; the CSS names fonts that draw Chinese on common systems and
falls back to the reader's sans-serif. Printed, it is A4 with each section on a new page.

Jinja2 escapes every value (names and reasons come from the data); only the charts, SVG
made here, are inserted as they are.
"""

from __future__ import annotations

from typing import IO, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ecotarget.catalogue import Text, words
from ecotarget.render.common import format_value, plan_words
from ecotarget.render.report_charts import (
    CJK_FONTS,
    allowance_chart,
    categories_chart,
    series_chart,
    timeline_chart,
)
from ecotarget.render.report_sections import (
    calendar_months,
    changes,
    grid,
    raw,
    result_row,
    series_rows,
    source_table,
    summary,
)
from ecotarget.tables.monthly import MonthlyReport, TargetSeries

ENVIRONMENT = Environment(
    loader=PackageLoader("ecotarget.render", "templates"),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True),
    undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
STATION_FIGURES = ("good_day_rate", "pm25", "valid_days", "non_good_days",
                   "without_good_day_rate", "without_pm25")
#: the font list of the page: Chinese fonts first, then the reader's sans-serif (our own
#: text, inserted unescaped: entities are not decoded inside <style>)
FONT_FAMILY = Markup(", ".join([*(f"\"{name}\"" for name in CJK_FONTS), "sans-serif"]))


def render_report_html(report: MonthlyReport, lang: str) -> str:
    """The whole page of ``report`` in ``lang`` (``zh`` or ``en``)."""
    template = ENVIRONMENT.get_template("report.html.j2")
    return template.render(
        lang=lang, html_lang="zh-CN" if lang == "zh" else "en", w=lambda key: words(key, lang),
        font_family=FONT_FAMILY, page=page(report, lang), summary=summary(report, lang),
        changes=changes(report.comparison, lang), air=air(report, lang),
        water=water(report, lang), ledger=ledger(report, lang), data=data(report, lang))


def write_report_html(report: MonthlyReport, stream: IO[str], lang: str) -> None:
    """Write the page to ``stream``."""
    stream.write(render_report_html(report, lang))


def page(report: MonthlyReport, lang: str) -> dict[str, Any]:
    """The title, the period and where the figures come from."""
    checked = report.report
    plan = checked.plan
    region = (plan.get("region_en") if lang == "en" else None) or plan.get("region", "")
    title = plan.get("title_en") if lang == "en" else plan.get("title")
    return {
        "title": Text("rpt.title", {"region": region, "year": plan.get("year", "")}).render(lang),
        "plan": title or plan_words(plan, lang),
        "subtitle": Text("rpt.subtitle", {"start": checked.period[0], "end": checked.period[1],
                                          "as_of": checked.as_of}).render(lang),
        "made_by": Text("rpt.made_by", {"version": checked.version,
                                        "targets": checked.targets_file}).render(lang),
    }


def _name(series: TargetSeries, lang: str) -> str:
    return series.name_en if lang == "en" else series.name


def air(report: MonthlyReport, lang: str) -> dict[str, Any] | None:
    """Section 2: figures, charts, the calendar and the stations (None: no air input)."""
    series = report.air
    if series.good_day is None and series.pm25 is None:
        return None
    charts = []
    tables = []
    for item, title, axis in ((series.good_day, "rpt.good_rate_title", "rpt.good_rate_axis"),
                              (series.pm25, "rpt.pm25_title", "rpt.pm25_axis")):
        if item is None:
            continue
        charts.append(Markup(series_chart(item, lang, name=f"air-{item.target_id}",
                                          title=words(title, lang), y_label=words(axis, lang))))
        tables.append({"id": item.target_id, "name": _name(item, lang),
                       "rows": series_rows(item, lang)})
    if series.allowance and series.year_allowance is not None:
        charts.append(Markup(allowance_chart(series.allowance, series.year_allowance, lang)))
    if series.categories:
        charts.append(Markup(categories_chart(series.categories, lang)))
    return {"results": [_with_outlook(r, lang) for r in series.results], "charts": charts,
            "tables": tables, "calendar": calendar_months(series.days, lang),
            "categories": [(c, words(f"rpt.aqi.{c}", lang), css) for c, css in (
                ("优", "aqi1"), ("良", "aqi2"), ("轻度污染", "aqi3"), ("中度污染", "aqi4"),
                ("重度污染", "aqi5"), ("严重污染", "aqi6"))],
            "stations": [{"station": s.station,
                          "raw": {k: raw(getattr(s, k)) for k in STATION_FIGURES},
                          "shown": {k: format_value(getattr(s, k), "%" if "rate" in k else "")
                                    for k in STATION_FIGURES}} for s in series.stations]}


def _with_outlook(result: Any, lang: str) -> dict[str, Any]:
    row = result_row(result, lang)
    outlook = result.outlook
    notes = []
    if outlook.get("allowance") is not None and outlook.get("days_left"):
        notes.append(Text("rpt.allowance_now", {"days": outlook.get("days_left", 0),
                                                "n": outlook["allowance"]}).render(lang))
    if outlook.get("max_mean_remaining") is not None:
        notes.append(Text("rpt.max_mean", {"value": outlook["max_mean_remaining"]}).render(lang))
    if outlook.get("projected") is not None:
        notes.append(f"{words('rpt.projection', lang)} {outlook['projected']}")
    row["outlook"] = notes
    row["raw"]["projected"] = raw(outlook.get("projected"))
    return row


def water(report: MonthlyReport, lang: str) -> dict[str, Any] | None:
    """Section 3: the class grid, CWQI against last year, the sources (None: no water)."""
    series = report.water
    if not series.months or not (series.sections or series.sources or series.cwqi):
        return None
    cwqi = series.cwqi
    return {"results": [result_row(r, lang) for r in series.results],
            "months": series.months, "grid": grid(series.sections, series.months, lang),
            "cwqi_chart": Markup(series_chart(
                cwqi, lang, name="water-cwqi", title=words("rpt.cwqi_title", lang),
                y_label=words("rpt.cwqi_axis", lang), monthly_target=True)) if cwqi else None,
            "cwqi": {"id": cwqi.target_id, "rows": series_rows(cwqi, lang)} if cwqi else None,
            "sources": source_table(series.sources, series.months, lang)}


def ledger(report: MonthlyReport, lang: str) -> dict[str, Any] | None:
    """Section 4: each count and ratio against its pace, the milestones on a timeline."""
    if not report.ledger and not report.milestones:
        return None
    results = {r.id: r for r in report.report.results}
    items = [{"id": s.target_id, "name": _name(s, lang),
              "result": result_row(results[s.target_id], lang),
              "chart": Markup(series_chart(
                  s, lang, name=f"ledger-{s.target_id}", title=_name(s, lang), width=3.4,
                  y_label=Text("rpt.value_axis", {"unit": s.unit_en if lang == "en"
                                                  else s.unit}).render(lang)))}
             for s in report.ledger]
    milestones = [{**result_row(results[m.target_id], lang), "due": m.due or "",
                   "done_in": m.done_in or words("rpt.not_done", lang)}
                  for m in report.milestones]
    timeline = (Markup(timeline_chart(report.milestones, report.report.as_of, lang))
                if report.milestones else None)
    return {"series": items, "milestones": milestones, "timeline": timeline}


def data(report: MonthlyReport, lang: str) -> dict[str, Any]:
    """Section 5: every input's account of rows and the rejected rows' reasons."""
    return {"inputs": report.inputs, "rejected": report.rejected,
            "through": [t.render(lang) for t in report.report.kind_dates()],
            "kind": {k: words(f"kind.{k}", lang) for k in ("ledger", "air", "water")}}


__all__ = ["FONT_FAMILY", "air", "data", "ledger", "page", "render_report_html", "water",
           "write_report_html"]
