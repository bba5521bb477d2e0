from __future__ import annotations

import datetime as dt

import pytest

from ecotarget.errors import UsageError
from ecotarget.periods import make_window, parse_as_of, parse_period, shift_year

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-03", (D(2025, 3, 1), D(2025, 3, 31))),
     ("2025-Q4", (D(2025, 10, 1), D(2025, 12, 31))),
     ("2025q2", (D(2025, 4, 1), D(2025, 6, 30))),
     ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
     ("2025", (D(2025, 1, 1), D(2025, 12, 31))),
     ("2025-01-01..2025-03-15", (D(2025, 1, 1), D(2025, 3, 15)))],
)
def test_parse_period(text: str, expected: tuple[dt.date, dt.date]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2025-13", "Q1", "2025-03-31..2025-01-01", "last month"])
def test_parse_period_refuses(text: str) -> None:
    with pytest.raises(UsageError, match="--period"):
        parse_period(text)


def test_as_of_month_means_its_last_day() -> None:
    assert parse_as_of("2024-02") == D(2024, 2, 29)
    with pytest.raises(UsageError):
        parse_as_of("2025-02-30")


def test_year_to_date_window() -> None:
    window = make_window(2025, as_of=D(2025, 10, 31), period=None)
    assert (window.start, window.end) == (D(2025, 1, 1), D(2025, 10, 31))
    assert window.label().render("en") == "Jan–Oct" and window.days_left == 61
    assert window.elapsed_share == pytest.approx(304 / 365)
    assert window.months()[0] == "2025-01" and len(window.months()) == 10
    previous = window.previous_year()
    assert (previous.start, previous.end) == (D(2024, 1, 1), D(2024, 10, 31))
    assert not window.is_final and make_window(2025, as_of=D(2025, 12, 31), period=None).is_final


def test_as_of_outside_the_year_is_refused() -> None:
    window = make_window(2025, as_of=D(2025, 12, 31), period=None)
    assert window.end == D(2025, 12, 31) and window.is_final
    for as_of in (D(2026, 1, 1), D(2024, 12, 31), D(1, 1, 1)):
        with pytest.raises(UsageError, match=f"--as-of {as_of}: not inside the plan year 2025"):
            make_window(2025, as_of=as_of, period=None)


def test_period_window_and_mid_month_label() -> None:
    window = make_window(2025, as_of=D(2025, 5, 15), period=(D(2025, 4, 1), D(2025, 6, 30)))
    assert (window.start, window.end) == (D(2025, 4, 1), D(2025, 5, 15))
    assert window.label() == "2025-04-01..2025-05-15"
    with pytest.raises(UsageError, match="not inside the plan year"):
        make_window(2025, as_of=D(2025, 5, 15), period=(D(2024, 4, 1), D(2024, 6, 30)))


def test_shift_year_leap_day() -> None:
    assert shift_year(D(2024, 2, 29), 1) == D(2025, 2, 28)
