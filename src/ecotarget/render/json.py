"""The JSON document: one object on stdout, ``schema_version`` first.

The keys and their meaning are listed in the README's section *JSON (`--format json`)*.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from typing import IO, Any

from ecotarget.catalogue import Text
from ecotarget.render.common import unit_in
from ecotarget.report import InputSummary, Report

# 2: the on_track status; pace_target, pace_margin, data_through, reason_en per result;
# reason in Chinese; data_through and warnings of the report; no -0.0 (README: JSON);
# how in Chinese with how_en, and unit_en, added within schema 2 (new keys break no reader)
SCHEMA_VERSION = 2


def report_document(report: Report) -> dict[str, Any]:
    """The report as plain JSON-able data, keys in a stable order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "ecotarget_version": report.version,
        "targets_file": report.targets_file,
        "plan": report.plan,
        "as_of": report.as_of.isoformat(),
        "period": {"start": report.period[0].isoformat(), "end": report.period[1].isoformat()},
        "air_standard": report.air_standard,
        "data_through": report.data_through,
        "warnings": [{"zh": w.render("zh"), "en": w.render("en")} for w in report.warnings],
        "inputs": [input_document(i) for i in report.inputs],
        "results": [
            {
                "id": r.id, "name": r.name, "name_en": r.name_en, "section": r.section,
                "metric": r.metric, "unit": r.unit, "unit_en": unit_in(r, "en"),
                "op": r.op, "target": r.target,
                "target_value": r.target_value, "actual": r.actual, "status": r.status,
                "margin": r.margin, "pace_target": r.pace_target, "pace_margin": r.pace_margin,
                "data_through": r.data_through, "how": r.how.render("zh"),
                "how_en": r.how.render("en"), "reason": r.reason.render("zh"),
                "reason_en": r.reason.render("en"), "clause": r.clause,
                "due": r.due, "coverage": r.coverage, "outlook": r.outlook, "detail": r.detail,
                **({"breakdown": both_languages(r.breakdown)} if r.breakdown is not None
                   else {}),
            }
            for r in report.results
        ],
        "summary": report.summary,
        "row_errors": report.row_errors,
    }


def input_document(summary: InputSummary) -> dict[str, Any]:
    """One input's account of rows: ``notes`` in English, as they always were, and
    ``notes_zh`` in Chinese (the pattern of a row error's ``message`` and ``message_zh``)."""
    document = {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary)}
    document["notes"] = [n.render("en") for n in summary.notes]
    document["notes_zh"] = [n.render("zh") for n in summary.notes]
    return document


def both_languages(value: Any) -> Any:
    """``value`` with each catalogue Text under key ``k`` as ``k`` (Chinese) and ``k_en``.

    >>> both_languages({"rows": [{"note": Text("breakdown.no_water")}]})
    {'rows': [{'note': '没有水质输入', 'note_en': 'no water input'}]}
    """
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, Text):
                out[key], out[f"{key}_en"] = item.render("zh"), item.render("en")
            else:
                out[key] = both_languages(item)
        return out
    if isinstance(value, (list, tuple)):
        return [both_languages(v) for v in value]
    return value


def jsonable(value: Any) -> Any:
    """Dates → ISO strings, NaN → null, -0.0 → 0.0, tuples → lists, numpy scalars → Python
    numbers.

    >>> jsonable({"margin": -0.0, "when": dt.date(2025, 10, 31), "n": [float("nan")]})
    {'margin': 0.0, 'when': '2025-10-31', 'n': [None]}
    """
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        if value == 0:
            return 0.0  # -0.0 has no meaning in a report: a zero margin has no side
    return value


def render_json(report: Report, stream: IO[str]) -> None:
    json.dump(jsonable(report_document(report)), stream, ensure_ascii=False, indent=2,
              allow_nan=False)
    stream.write("\n")
