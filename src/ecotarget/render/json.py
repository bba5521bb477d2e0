"""The JSON document: one object on stdout, ``schema_version`` first.

The keys and their meaning are listed in the README's section *JSON (`--format json`)*.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from typing import IO, Any

from ecotarget.report import Report

SCHEMA_VERSION = 1


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
        "inputs": [dataclasses.asdict(i) for i in report.inputs],
        "results": [
            {
                "id": r.id, "name": r.name, "name_en": r.name_en, "section": r.section,
                "metric": r.metric, "unit": r.unit, "op": r.op, "target": r.target,
                "target_value": r.target_value, "actual": r.actual, "status": r.status,
                "margin": r.margin, "how": r.how, "reason": r.reason, "clause": r.clause,
                "due": r.due, "coverage": r.coverage, "outlook": r.outlook, "detail": r.detail,
                **({"breakdown": r.breakdown} if r.breakdown is not None else {}),
            }
            for r in report.results
        ],
        "summary": report.summary,
        "row_errors": report.row_errors,
    }


def jsonable(value: Any) -> Any:
    """Dates → ISO strings, NaN → null, tuples → lists, numpy scalars → Python numbers."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def render_json(report: Report, stream: IO[str]) -> None:
    json.dump(jsonable(report_document(report)), stream, ensure_ascii=False, indent=2,
              allow_nan=False)
    stream.write("\n")
