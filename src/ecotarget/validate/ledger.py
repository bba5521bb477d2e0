"""The ledger kind's value column: a number, or a grade on the indicator's target scale."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from ecotarget.catalogue import Text
from ecotarget.standards.columns import text_isin
from ecotarget.validate.cells import fold, parse_numbers
from ecotarget.validate.table import Problems, ValidationContext
from ecotarget.validate.typed import reject_not_numbers

#: What a milestone row may say instead of 1 (done) or 0 (not yet), folded (NFKC, trimmed).
MILESTONE_WORDS: dict[str, float] = {"是": 1.0, "完成": 1.0, "已完成": 1.0,
                                     "否": 0.0, "未完成": 0.0}
NOT_MILESTONE = Text("row.not_milestone")  # write 1 (done) or 0 (not yet); 是/完成 … read as 1
NEGATIVE = Text("row.negative")  # must be ≥ 0: a ledger figure is never negative


def ledger_columns(typed: pd.DataFrame, problems: Problems, context: ValidationContext
                   ) -> pd.DataFrame:
    """``typed`` with ``value`` as float and a ``grade`` column (text where the value is a
    grade on its indicator's scale, else None); unreadable values are reported.

    A milestone's value is 1 (done) or 0, and 是/完成/已完成 or 否/未完成 stand for them;
    any other value of a milestone is rejected with :data:`NOT_MILESTONE`. A negative figure
    is rejected (:data:`NEGATIVE`); a text that is not on a graded indicator's scale is
    rejected with the scale listed.
    """
    raw = typed["value"]
    values, missing, invalid = parse_numbers(raw)
    text = fold(raw)
    indicator = typed["indicator"]
    milestone = text_isin(indicator, context.milestones)
    if milestone.any():
        words = text.map(MILESTONE_WORDS).to_numpy(dtype=np.float64, na_value=np.nan)
        word = milestone & ~np.isnan(words)
        values = values.mask(pd.Series(word, index=values.index), words)
        invalid = invalid & ~word
    is_grade = _grades(text, indicator, invalid, context)
    graded = text_isin(indicator, context.grades)
    problems.add(missing & ~milestone, "value", Text("row.ledger_required"))
    problems.add(missing & milestone, "value", Text("row.milestone_required"))
    bad = invalid.to_numpy() & ~is_grade
    problems.add(bad & milestone, "value", NOT_MILESTONE)
    # one Text per scale, shared by the rows of its indicator
    scales = {name: Text("row.not_grade", {"scale": _listed(grades)})
              for name, grades in context.grades.items()}
    names = indicator.to_numpy()
    problems.add(bad & graded & ~milestone, "value", lambda pos: scales[names[pos]])
    reject_not_numbers(raw, bad & ~graded & ~milestone, "value", problems,
                       Text("row.ledger_not_number"))
    known = values.notna().to_numpy()
    problems.add(milestone & known & ~values.isin([0.0, 1.0]).to_numpy(), "value",
                 NOT_MILESTONE)
    problems.add(known & (values < 0).to_numpy() & ~milestone, "value", NEGATIVE)
    _fractions(values, text, indicator, problems)
    return typed.assign(value=values, grade=text.where(is_grade, None))


def _grades(text: pd.Series, indicator: pd.Series, invalid: pd.Series,
            context: ValidationContext) -> np.ndarray:
    """Where an unreadable number is a grade on its indicator's scale."""
    is_grade = np.zeros(len(text), dtype=bool)
    bad_rows = np.flatnonzero(invalid.to_numpy())
    if len(bad_rows) and context.grades:
        # only unreadable numbers can be grades: the per-row look-up stays off the bulk
        is_grade[bad_rows] = [
            value in context.grades.get(name, ())
            for value, name in zip(text.to_numpy()[bad_rows], indicator.to_numpy()[bad_rows],
                                   strict=True)]
    return is_grade


def _listed(grades: Collection[str]) -> tuple[str, ...]:
    """A scale as the user should read it: in its order, lowest first (a set sorted); the
    catalogue joins it with the language's separator (``D, C, B, A`` / ``D、C、B、A``).

    >>> _listed(("D", "C", "B", "A")), _listed(frozenset({"B", "A"}))
    (('D', 'C', 'B', 'A'), ('A', 'B'))
    """
    return tuple(sorted(grades) if isinstance(grades, (set, frozenset)) else grades)


def unused_indicators(accepted: pd.Series, context: ValidationContext, header: str
                      ) -> tuple[int, list[Text]]:
    """(accepted rows whose indicator no target uses, one warning per such indicator).

    The warning names the closest indicators the targets use (difflib), since a misspelt
    indicator would otherwise count for nothing without a word. Nothing is reported when
    the known indicators are not given.

    Worked example: known 培训期数 and 环保学堂期数; 10 rows of 培训次数 → 10 unused rows and
    "指标 '培训次数' (10 rows) is used by no target and counts for nothing; closest known:
    培训期数" (培训次数 and 培训期数 share 3 of 4 characters, ratio 0.75; 环保学堂期数 shares
    期数 only, ratio 0.4, below the 0.5 cut).
    """
    if context.indicators is None or accepted.empty:
        return 0, []
    unknown = accepted[accepted.notna() & ~text_isin(accepted, context.indicators)]
    warnings = []
    for name, rows in unknown.value_counts(sort=False).items():
        close = difflib.get_close_matches(str(name), sorted(context.indicators), n=3,
                                          cutoff=0.5)
        hint = (Text("warn.closest", {"names": tuple(close)}) if close
                else Text("warn.no_closest"))
        warnings.append(Text("warn.unused_indicator", {
            "header": header, "name": repr(name), "rows": rows,
            "row_word": Text("word.rows" if rows != 1 else "word.row"), "hint": hint}))
    return len(unknown), warnings


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

    def message(pos: int) -> Text:
        return Text("row.fraction", {"example": examples.get(names[pos], "%"),
                                     "percent": _as_percent(texts[pos])})

    problems.add(fraction, "value", message)


def _as_percent(text: str) -> str | Text:
    """'0.993' → '99.3%', exactly (decimal arithmetic, no 99.30000000000001).

    >>> _as_percent("0.993"), _as_percent("0.5")
    ('99.3%', '50%')
    """
    try:
        number = Decimal(text.replace(",", "")) * 100
    except InvalidOperation:
        return Text("row.as_percent")
    return f"{number.normalize():f}%"
