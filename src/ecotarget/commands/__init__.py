"""Commands beyond check/targets/validate, one module each; ``cli.py`` registers them.

Each command module imports its shared options and helpers from :mod:`ecotarget.cli`, and
``cli.py`` imports the command modules when it registers them. Importing ``ecotarget.cli``
here first makes that cycle safe whichever module is imported first: ``cli.py`` is then
complete (helpers defined) before any command module needs it.
"""

import ecotarget.cli  # noqa: F401
