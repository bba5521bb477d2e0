"""The ledger kind's value column: a number, or a grade on the indicator's target scale."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from ecotarget.validate.cells import fold, parse_numbers
from ecotarget.validate.table import Problems, ValidationContext
from ecotarget.validate.typed import reject_not_numbers


def ledger_columns(typed: pd.DataFrame, problems: Problems, context: ValidationContext
                   ) -> pd.DataFrame:
    """``typed`` with ``value`` as float and a ``grade`` column (text where the value is a
    grade on its indicator's scale, else None); unreadable values are reported."""
    raw = typed["value"]
    values, missing, invalid = parse_numbers(raw)
    text = fold(raw)
    indicator = typed["indicator"]
    is_grade = np.zeros(len(typed), dtype=bool)
    bad_rows = np.flatnonzero(invalid.to_numpy())
    if len(bad_rows) and context.grades:
        # only unreadable numbers can be grades: the per-row look-up stays off the bulk
        is_grade[bad_rows] = [
            value in context.grades.get(name, frozenset())
            for value, name in zip(text.to_numpy()[bad_rows], indicator.to_numpy()[bad_rows],
                                   strict=True)]
    graded = indicator.isin(list(context.grades)).to_numpy()
    problems.add(missing, "value", "is required: write the month's figure (0 when none)")
    bad = invalid.to_numpy() & ~is_grade
    problems.add(bad & graded, "value", "not a grade on this indicator's scale nor a number")
    reject_not_numbers(raw, bad & ~graded, "value", problems,
                       "not a number (text is accepted only as a grade on a target's scale)")
    _fractions(values, text, indicator, problems)
    return typed.assign(value=values, grade=text.where(is_grade, None))


def _fractions(values: pd.Series, text: pd.Series, indicator: pd.Series,
               problems: Problems) -> None:
    """A bare 0.993 among an indicator's "99.1%" values is a fraction where a percentage is
    meant; read as 0.993 % it would sink the indicator's figure without a word."""
    percent = text.str.endswith("%")
    if not percent.any():
        return
    percent_indicator = percent.groupby(indicator).transform("any").fillna(False).astype(bool)
    fraction = (percent_indicator & ~percent & (values > 0) & (values <= 1)).to_numpy()
    if not fraction.any():
        return
    examples = text[percent].groupby(indicator[percent]).first().to_dict()
    texts = text.to_numpy()
    names = indicator.to_numpy()

    def message(pos: int) -> str:
        return (f"looks like a fraction: this indicator's other values are percentages "
                f"(e.g. {examples.get(names[pos], '%')}); write {_as_percent(texts[pos])} "
                "if that is what it means")

    problems.add(fraction, "value", message)


def _as_percent(text: str) -> str:
    """'0.993' → '99.3%', exactly (decimal arithmetic, no 99.30000000000001).

    >>> _as_percent("0.993"), _as_percent("0.5")
    ('99.3%', '50%')
    """
    try:
        number = Decimal(text.replace(",", "")) * 100
    except InvalidOperation:
        return "it as a percentage"
    return f"{number.normalize():f}%"
