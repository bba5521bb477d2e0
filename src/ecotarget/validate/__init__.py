"""Text cells → typed columns, with an exact message for every cell that fails.

The checks are derived from the row models in :mod:`ecotarget.schemas` and run on whole
columns at once. A row with any problem is rejected (reported with file, line, column, the
raw value and what to do) and excluded; every row is accounted for:
``rows_read = rows_accepted + rows_rejected``.

Modules: :mod:`~ecotarget.validate.table` (the result and the problems collector),
:mod:`~ecotarget.validate.cells` (cell parsers), :mod:`~ecotarget.validate.measurements`
(reported concentrations), :mod:`~ecotarget.validate.typed` (the generic pass), one module
per kind (``ledger``, ``air``, ``water``), :mod:`~ecotarget.validate.duplicates`, and
:mod:`~ecotarget.validate.core` (:func:`validate_table`, which runs them in order).
"""

from ecotarget.schemas import LEVEL_WORDS, MISSING_MARKERS, WATERBODY_WORDS
from ecotarget.validate.cells import (
    as_plain,
    is_missing,
    parse_datetimes,
    parse_numbers,
    parse_periods,
)
from ecotarget.validate.core import compact_lines, validate_table
from ecotarget.validate.measurements import parse_measurement
from ecotarget.validate.table import (
    LINE,
    TIME_CODE,
    RowError,
    ValidatedTable,
    ValidationContext,
    error_dicts,
)
from ecotarget.validate.water import (
    BDL_SUFFIX,
    DL_SUFFIX,
    ITEM_KEYS,
    NOT_A_MEASUREMENT,
    SOURCE_WORDS,
    measurement_frame,
    water_columns,
)

__all__ = [
    "BDL_SUFFIX",
    "DL_SUFFIX",
    "ITEM_KEYS",
    "LEVEL_WORDS",
    "LINE",
    "MISSING_MARKERS",
    "NOT_A_MEASUREMENT",
    "SOURCE_WORDS",
    "TIME_CODE",
    "WATERBODY_WORDS",
    "RowError",
    "ValidatedTable",
    "ValidationContext",
    "as_plain",
    "compact_lines",
    "error_dicts",
    "is_missing",
    "measurement_frame",
    "parse_datetimes",
    "parse_measurement",
    "parse_numbers",
    "parse_periods",
    "validate_table",
    "water_columns",
]
