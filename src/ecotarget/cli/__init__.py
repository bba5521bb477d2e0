"""The command line (the only part of ecotarget that imports click).

``main.py`` holds the group and its core commands, ``options.py`` what the commands share,
``output.py`` how a report reaches its path, and ``aqi.py`` and ``water.py`` one further
command each.
"""

from ecotarget.cli.main import cli, main

__all__ = ["cli", "main"]
