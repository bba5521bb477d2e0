"""Reported concentrations as exports write them (ecotarget.validate.measurements)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotarget.schemas import MISSING_MARKERS
from ecotarget.standards.water import substitute_below_dl
from ecotarget.validate import parse_measurement
from ecotarget.validate.measurements import parse_measurement_columns


def test_parse_measurement_forms() -> None:
    raw = pd.Series(
        ["0.5", "ND", "未检出", "<0.01", "0.01L", "０.５", " 0.3 ", "＜0.02", "0.02 L", "nd",
         "ND(0.005)", "1.2e-3", "-0.5", "7"],
        index=list("abcdefghijklmn"),
    )  # fmt: skip
    before = raw.copy()
    p = parse_measurement(raw)
    pd.testing.assert_series_equal(raw, before)
    assert p.index.equals(raw.index)
    assert list(p.columns) == ["value", "below_dl", "dl", "invalid"]
    nan = math.nan
    assert p["value"].tolist() == pytest.approx(
        [0.5, nan, nan, nan, nan, 0.5, 0.3, nan, nan, nan, nan, 0.0012, -0.5, 7.0], nan_ok=True
    )
    assert p["below_dl"].tolist() == [False, True, True, True, True, False, False, True, True,
                                      True, True, False, False, False]  # fmt: skip
    assert p["dl"].tolist() == pytest.approx(
        [nan, nan, nan, 0.01, 0.01, nan, nan, 0.02, 0.02, nan, 0.005, nan, nan, nan], nan_ok=True
    )
    assert not p["invalid"].any()


def test_parse_measurement_missing_and_invalid() -> None:
    missing = ["", "-", "--", "—", "NA", "/", "无", None, math.nan, "  ", "\u3000"]
    garbage = ["abc", ">24000", "0.5mg/L", "L", "<", "1e999", "0.1.2", "ND0.01"]
    p = parse_measurement(pd.Series(missing + garbage, dtype=object))
    n_missing = len(missing)
    assert p["value"].isna().all()
    assert not p["below_dl"].any()
    assert p["dl"].isna().all()
    assert p["invalid"].tolist() == [False] * n_missing + [True] * len(garbage)


def test_parse_measurement_numeric_and_mixed_columns() -> None:
    p = parse_measurement(pd.Series([1.5, np.nan, np.inf]))
    assert p["value"].tolist()[0] == 1.5 and p["value"].isna().tolist()[1:] == [True, True]
    assert p["invalid"].tolist() == [False, False, True]
    q = parse_measurement(pd.Series([0.25, "ND", 3], dtype=object))
    assert q["value"].tolist()[0::2] == [0.25, 3.0] and q["below_dl"].tolist() == [0, 1, 0]
    r = parse_measurement(pd.Series([1, None], dtype="Int64"))
    assert r["value"].tolist()[0] == 1.0 and np.isnan(r["value"].tolist()[1])
    assert parse_measurement(pd.Series([], dtype=object)).shape == (0, 4)


@settings(max_examples=100, deadline=None, database=None)
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_parse_measurement_round_trips_floats(x: float) -> None:
    p = parse_measurement(pd.Series([repr(x)], dtype=object))
    assert p["value"].tolist() == [x] and not p["invalid"].any()


def test_every_missing_marker_is_a_missing_measurement() -> None:
    spellings = [*sorted(MISSING_MARKERS), "NA", "N/A", "#N/A", "None", "NULL", "ＮＡ"]
    p = parse_measurement(pd.Series(spellings, dtype=object))
    assert p["value"].isna().all() and not p["below_dl"].any() and not p["invalid"].any()


def test_parsed_measurements_feed_the_below_dl_substitution() -> None:
    p = parse_measurement(pd.Series(["<0.01", "0.02L", "ND", "0.5", ""]))
    assert substitute_below_dl(p).tolist() == pytest.approx([0.005, 0.01, 0.0, 0.5, math.nan],
                                                            nan_ok=True)


def _alone(cells: pd.Series) -> pd.DataFrame:
    """A column parsed on its own, as validation parsed each item column before."""
    codes, distinct = pd.factorize(cells, use_na_sentinel=False)
    return parse_measurement(pd.Series(distinct, dtype=object)).iloc[codes].set_axis(cells.index)


def test_columns_parsed_together_are_each_as_parsed_alone() -> None:
    columns = {
        "cod": pd.Series(["12", "ND", "<0.01", None, "12", "x"], dtype="str"),
        "nh3n": pd.Series(["0.02L", "12", "未检出", "", "0.5", "ＮＤ"], index=[10, 11, 12, 13, 14, 15]),
        "ph": pd.Series(["7", "7", "-0.5", "—"], dtype=object, index=list("abcd")),
    }
    together = parse_measurement_columns(columns)
    assert list(together) == ["cod", "nh3n", "ph"]
    for key, cells in columns.items():
        pd.testing.assert_frame_equal(together[key], _alone(cells))
    # "12" is a row of both cod and nh3n and is parsed once: 12.0, a number in both
    assert together["cod"]["value"].iloc[0] == together["nh3n"]["value"].loc[11] == 12.0
    assert parse_measurement_columns({}) == {}


def test_a_negative_zero_integer_keeps_its_own_columns_reading() -> None:
    # pandas reads "-0" as the integer 0 in a column of integers (ph: "-0", "7") but as the
    # float -0.0 beside a decimal (cod: "0.5"): parsed together, ph's "-0" would turn -0.0
    columns = {"cod": pd.Series(["0.5"]), "ph": pd.Series(["-0", "7"])}
    alone = _alone(columns["ph"])["value"].tolist()
    assert alone == [0.0, 7.0] and not np.signbit(alone[0])
    assert np.signbit(_alone(pd.Series(["-0", "0.5"]))["value"].iloc[0])  # the other reading
    together = parse_measurement_columns(columns)
    assert not np.signbit(together["ph"]["value"].iloc[0])
    for key, cells in columns.items():
        pd.testing.assert_frame_equal(together[key], _alone(cells))
