"""The vectorised IAQI against an exact rational-arithmetic reading of HJ 633 §4 / formula (1)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotarget.standards.aqi import BREAKPOINTS, IAQI_LEVELS, iaqi


def exact_iaqi(key: str, concentration: float, edition: str) -> float:
    points = [b for b in BREAKPOINTS[edition][key] if b is not None]  # type: ignore[index]
    quantum = Decimal("0.1") if key.startswith("co") else Decimal(1)
    c = Fraction(Decimal(repr(concentration)).quantize(quantum, rounding=ROUND_HALF_EVEN))
    if c > points[-1]:
        return math.nan if len(points) < len(IAQI_LEVELS) else 500.0
    j = next(i for i in range(1, len(points)) if c <= points[i])
    lo, hi = Fraction(points[j - 1]), Fraction(points[j])
    value = (Fraction(IAQI_LEVELS[j] - IAQI_LEVELS[j - 1]) / (hi - lo) * (c - lo)
             + IAQI_LEVELS[j - 1])
    return float(math.ceil(value))


KEYS = sorted(BREAKPOINTS["2012"])


@pytest.mark.slow  # end to end on whole inputs: the full run has it
@settings(max_examples=400, deadline=None)
@given(key=st.sampled_from(KEYS), edition=st.sampled_from(["2012", "2026"]),
       concentration=st.floats(min_value=0, max_value=4000, allow_nan=False))
def test_vectorised_iaqi_is_exact(key: str, edition: str, concentration: float) -> None:
    got = float(iaqi(key, [concentration], edition)[0])  # type: ignore[arg-type]
    want = exact_iaqi(key, concentration, edition)
    assert (math.isnan(got) and math.isnan(want)) or got == want


@pytest.mark.slow  # end to end on whole inputs: the full run has it
def test_every_grid_point_of_every_table_is_exact() -> None:
    for edition in ("2012", "2026"):
        for key in KEYS:
            top = [b for b in BREAKPOINTS[edition][key] if b is not None][-1]
            step = 10 if key.startswith("co") else 1
            grid = [i / step for i in range(int(top * step) + 2)]
            got = iaqi(key, grid, edition)  # type: ignore[arg-type]
            for c, value in zip(grid, got, strict=True):
                want = exact_iaqi(key, c, edition)
                assert (math.isnan(value) and math.isnan(want)) or value == want, (key, c)
