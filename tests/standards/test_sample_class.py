"""One sample's class as the automatic water-station release computes it, on every boundary.

GB 3838-2002 Table 1, classes I … V (mg/L; pH dimensionless), written out by hand:

=========  ======  ======  ======  ======  ======
item         I       II      III     IV      V
=========  ======  ======  ======  ======  ======
pH          6–9 in every class; outside → 劣V
DO  (≥)     7.5     6       5       3       2
CODMn (≤)   2       4       6       10      15
NH3-N (≤)   0.15    0.5     1.0     1.5     2.0
TP river    0.02    0.1     0.2     0.3     0.4
TP lake     0.01    0.025   0.05    0.1     0.2
=========  ======  ======  ======  ======  ======

A value on a limit meets that class; just past it, the next class. The worst item decides.
"""

from __future__ import annotations

import math

import pytest

from ecotarget.standards.water import RELEASE_ITEMS, sample_classes

# (item, value, class): each limit, and a step past it (the next class)
BOUNDARIES = [
    ("ph", 6.0, 1), ("ph", 5.99, 6), ("ph", 9.0, 1), ("ph", 9.01, 6),
    ("do", 7.5, 1), ("do", 7.49, 2), ("do", 6.0, 2), ("do", 5.99, 3), ("do", 5.0, 3),
    ("do", 4.99, 4), ("do", 3.0, 4), ("do", 2.99, 5), ("do", 2.0, 5), ("do", 1.99, 6),
    ("codmn", 2.0, 1), ("codmn", 2.1, 2), ("codmn", 4.0, 2), ("codmn", 4.1, 3),
    ("codmn", 6.0, 3), ("codmn", 6.1, 4), ("codmn", 10.0, 4), ("codmn", 10.1, 5),
    ("codmn", 15.0, 5), ("codmn", 15.1, 6),
    ("nh3n", 0.15, 1), ("nh3n", 0.151, 2), ("nh3n", 0.5, 2), ("nh3n", 0.501, 3),
    ("nh3n", 1.0, 3), ("nh3n", 1.001, 4), ("nh3n", 1.5, 4), ("nh3n", 1.501, 5),
    ("nh3n", 2.0, 5), ("nh3n", 2.001, 6),
    ("tp", 0.02, 1), ("tp", 0.021, 2), ("tp", 0.1, 2), ("tp", 0.101, 3), ("tp", 0.2, 3),
    ("tp", 0.201, 4), ("tp", 0.3, 4), ("tp", 0.301, 5), ("tp", 0.4, 5), ("tp", 0.401, 6),
]
LAKE_TP = [(0.01, 1), (0.011, 2), (0.025, 2), (0.026, 3), (0.05, 3), (0.051, 4), (0.1, 4),
           (0.101, 5), (0.2, 5), (0.201, 6)]


@pytest.mark.parametrize(("item", "value", "expected"), BOUNDARIES)
def test_each_item_alone_on_each_boundary(item: str, value: float, expected: int) -> None:
    classes, deciding = sample_classes({item: [value]})
    assert classes.tolist() == [float(expected)]
    assert deciding == [(item,)]


@pytest.mark.parametrize(("value", "expected"), LAKE_TP)
def test_lake_tp_on_each_boundary(value: float, expected: int) -> None:
    classes, _ = sample_classes({"tp": [value]}, lake=True)
    assert classes.tolist() == [float(expected)]


def test_the_worst_item_decides() -> None:
    # pH 7.8 → I; DO 6.2 → II (≥ 6); CODMn 4.5 → III (4 < 4.5 ≤ 6); NH3-N 0.42 → II;
    # TP 0.085 → II: the sample is III, by CODMn
    values = {"ph": [7.8], "do": [6.2], "codmn": [4.5], "nh3n": [0.42], "tp": [0.085]}
    classes, deciding = sample_classes(values)
    assert (classes.tolist(), deciding) == ([3.0], [("codmn",)])


def test_items_at_the_same_worst_class_all_decide() -> None:
    # DO 5.5 → III, NH3-N 0.8 → III, TP 0.15 → III (river)
    classes, deciding = sample_classes({"do": [5.5], "nh3n": [0.8], "tp": [0.15]})
    assert (classes.tolist(), deciding) == ([3.0], [("do", "nh3n", "tp")])


def test_the_same_tp_in_a_river_and_a_lake() -> None:
    # TP 0.08: river II (0.02 < 0.08 ≤ 0.1), lake IV (0.05 < 0.08 ≤ 0.1)
    classes, _ = sample_classes({"tp": [0.08, 0.08]}, lake=[False, True])
    assert classes.tolist() == [2.0, 4.0]


def test_missing_items_are_left_out_and_none_measured_is_no_class() -> None:
    nan = float("nan")
    classes, deciding = sample_classes({"do": [nan, nan], "nh3n": [1.2, nan]})
    assert classes[0] == 4.0 and math.isnan(classes[1])
    assert deciding == [("nh3n",), ()]


def test_tn_and_other_items_are_not_classed() -> None:
    # TN 2.5 would be 劣V (V ≤ 2.0) if it were used; it is not one of the release's items
    assert "tn" not in RELEASE_ITEMS
    classes, _ = sample_classes({"do": [6.2], "tn": [2.5]})
    assert classes.tolist() == [2.0]
