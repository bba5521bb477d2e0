"""``ecotarget template``: a blank input with the exact headers, ready to fill in.

The rows come from :mod:`ecotarget.tables.template`; ``cli/main.py`` registers the command.
"""

from __future__ import annotations

import click

from ecotarget.catalogue import Text
from ecotarget.cli.options import (
    TARGETS_HELP,
    handle_errors,
    output_stream,
    refuse_overwriting_inputs,
    targets_and_lang,
    tell,
)


@click.command()
@click.argument("kind", type=click.Choice(["ledger", "air", "water"]))
@click.option("--year", type=click.IntRange(1900, 2999),
              help="Year of the ledger's months (default: the targets file's plan year).")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write the CSV to FILE (UTF-8 with BOM, for Excel) instead of stdout.")
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False), help=TARGETS_HELP)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the messages: zh (Chinese) or en (English). Default: the "
                   "targets file's settings.lang, else zh. The headers stay the Chinese ones "
                   "of the bureau's own exports, in either language: they are what the "
                   "readers expect of real files.")
@handle_errors
def template(kind: str, year: int | None, output: str | None, targets_path: str | None,
             lang: str | None) -> None:
    """Write a blank CSV input of KIND (ledger, air or water) with the headers ecotarget reads.

    The ledger has one row per indicator the targets use and per month of the year, its
    value (数值) blank: fill in each month's figure (0 when none; a milestone 1 when done, 0
    when not; a graded indicator its grade) and delete the months not yet reported, since
    an empty value is rejected. Targets that compare with the previous year need its months
    too: write a second template with --year. Air and water templates are the header line:
    add one row per station-hour (or day) and one per sample. `ecotarget targets` lists
    each target's indicators.

    \b
    Examples:
      ecotarget template ledger -o ledger-2025.csv
      ecotarget template ledger --year 2024 -o ledger-2024.csv
      ecotarget template air > air.csv
    """
    # start-up: the targets file and its models load pydantic and YAML (see cli.options)
    from ecotarget.tables.template import template_rows, write_template

    loaded, lang = targets_and_lang(targets_path, lang)  # every error below in its language
    refuse_overwriting_inputs(list(filter(None, [targets_path])), {"--output": output})
    chosen = year or loaded.spec.plan.year
    rows = template_rows(kind, loaded.spec, chosen)  # type: ignore[arg-type]
    with output_stream(output) as stream:
        write_template(rows, stream, bom=output not in (None, "-"))
    if output not in (None, "-"):
        said = (Text("template.wrote_ledger", {"path": output, "count": len(rows) - 1,
                                               "year": chosen}) if kind == "ledger"
                else Text("template.wrote", {"path": output, "kind": Text(f"kind.{kind}")}))
        tell(said.render(lang))
