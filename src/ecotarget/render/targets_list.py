"""``ecotarget targets``: the plan's targets as a table or JSON."""

from __future__ import annotations

import json
from typing import IO

from rich.table import Table
from rich.text import Text

from ecotarget.render.common import SECTION_TITLE, format_target
from ecotarget.render.json import SCHEMA_VERSION, jsonable
from ecotarget.render.table import make_console
from ecotarget.targets import LoadedTargets


def render_targets_json(loaded: LoadedTargets, stream: IO[str]) -> None:
    """The targets file as one JSON document: plan, settings and every target."""
    spec = loaded.spec
    document = {
        "schema_version": SCHEMA_VERSION,
        "targets_file": loaded.path,
        "plan": spec.plan.model_dump(mode="json", exclude_none=True),
        "settings": spec.settings.model_dump(mode="json"),
        "targets": [t.model_dump(mode="json", exclude_none=True) for t in spec.targets],
    }
    json.dump(jsonable(document), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def render_targets_table(loaded: LoadedTargets, stream: IO[str], lang: str) -> None:
    """One table row per target, grouped by the plan's sections, then the count."""
    spec = loaded.spec
    console = make_console(stream)
    table = Table(title=Text(f"{spec.plan.region} {spec.plan.year} · {spec.plan.issuer} · "
                             f"{loaded.path}"), title_justify="left")
    for header in ("id", "name" if lang == "en" else "名称", "goal" if lang == "en" else "要求",
                   "metric", "clause" if lang == "en" else "原文"):
        table.add_column(header, overflow="fold")
    section = None
    for t in spec.targets:
        if t.section != section:
            section = t.section
            table.add_row(Text(SECTION_TITLE[lang][section], style="bold"))
        goal = f"done by {t.due}" if t.metric == "ledger.milestone" else format_target(
            t.op, t.target, t.unit)
        table.add_row(Text(t.id), Text(t.name_en if lang == "en" else t.name), Text(goal),
                      Text(t.metric), Text(t.clause))
    console.print(table)
    console.print(Text(f"{len(spec.targets)} targets"))
