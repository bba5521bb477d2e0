"""``ecotarget targets``: the plan's targets as a table or JSON."""

from __future__ import annotations

import json
from typing import IO

from rich.table import Table
from rich.text import Text

from ecotarget.catalogue import Text as CatalogueText
from ecotarget.catalogue import words
from ecotarget.registry import METRICS, ledger_indicators
from ecotarget.render.common import format_target, plan_words, section_title, unit_in
from ecotarget.render.json import SCHEMA_VERSION, jsonable
from ecotarget.render.table import make_console
from ecotarget.targets import LoadedTargets, Target


def render_targets_json(loaded: LoadedTargets, stream: IO[str]) -> None:
    """The targets file as one JSON document: plan, settings and every target, each with
    the ledger ``indicators`` it reads (``role``: indicator, numerator or denominator), and
    ``ledger_indicators``, every indicator once, in the order the targets name them."""
    spec = loaded.spec
    targets = []
    for t in spec.targets:
        entry = t.model_dump(mode="json", exclude_none=True)
        entry["indicators"] = [{"role": role, "indicator": name}
                               for role, name in ledger_indicators(t.metric, t.params)]
        targets.append(entry)
    document = {
        "schema_version": SCHEMA_VERSION,
        "targets_file": loaded.path,
        "plan": spec.plan.model_dump(mode="json", exclude_none=True),
        "settings": spec.settings.model_dump(mode="json"),
        "targets": targets,
        "ledger_indicators": list(dict.fromkeys(
            name for t in spec.targets for _, name in ledger_indicators(t.metric, t.params))),
    }
    json.dump(jsonable(document), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


#: the columns, each a catalogue key (targets.id: 编号 / id …)
HEADERS = ("id", "name", "goal", "indicators", "unit", "clause")


def render_targets_table(loaded: LoadedTargets, stream: IO[str], lang: str) -> None:
    """One table row per target, grouped by the plan's sections, then the count.

    Each row names the exact ledger indicators the target reads (one per line, a ratio's
    with 分子/分母), so that a ledger can be written without reading the targets file, and
    the unit its figure is in: a milestone's 1 or 0, a graded target's scale lowest first.
    """
    spec = loaded.spec
    console = make_console(stream)
    plan = spec.plan.model_dump()
    table = Table(title=Text(f"{plan_words(plan, lang)} · {spec.plan.issuer} · "
                             f"{loaded.path}"), title_justify="left")
    for header in HEADERS:
        table.add_column(words(f"targets.{header}", lang), overflow="fold")
    section = None
    for t in spec.targets:
        if t.section != section:
            section = t.section
            table.add_row(Text(section_title(section, lang), style="bold"))
        goal = (CatalogueText("goal.done_by", {"due": t.due}).render(lang)
                if t.metric == "ledger.milestone"
                else format_target(t.op, t.target, unit_in(t, lang), lang))
        table.add_row(Text(t.id), Text(t.name_en if lang == "en" else t.name), Text(goal),
                      Text(_indicators(t, lang)), Text(_unit(t, lang)), Text(t.clause))
    console.print(table)
    console.print(Text(CatalogueText("targets.count", {"n": len(spec.targets)}).render(lang)))


def _indicators(target: Target, lang: str) -> str:
    read = ledger_indicators(target.metric, target.params)
    if not read:  # what the target reads instead: the monitoring data of its kind
        return words(f"targets.{METRICS[target.metric].kind}_data", lang)
    # a ratio's indicators with 分子/分母 (numerator/denominator), a plain one as it is
    return "\n".join(name if role == "indicator"
                     else CatalogueText(f"targets.{role}", {"name": name}).render(lang)
                     for role, name in read)


def _unit(target: Target, lang: str) -> str:
    if target.metric == "ledger.milestone":
        return words("targets.milestone_unit", lang)
    if target.scale:
        return f"{unit_in(target, lang)} {'、'.join(target.scale)}".strip()
    return unit_in(target, lang)
