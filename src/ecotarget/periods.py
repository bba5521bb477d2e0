"""The evaluation window: the as-of date, the period evaluated, and the previous year's twin."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ecotarget.catalogue import Text, months_text
from ecotarget.errors import UsageError


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_label(months: Iterable[str]) -> Text | str:
    """'YYYY-MM' months → ``1–10月`` / ``Jan–Oct`` (within one year) or ``2024-11–2025-02``
    (across years, the same in both languages).

    >>> months_label(["2025-03", "2025-01", "2025-10"]).render("en")
    'Jan–Oct'
    >>> months_label(["2025-02"]).render("zh"), months_label([]).render("zh")
    ('2月', '无月份')
    >>> months_label(["2024-11", "2025-02"])
    '2024-11–2025-02'
    """
    ordered = sorted(set(months))
    if not ordered:
        return Text("months.none")
    first, last = ordered[0], ordered[-1]
    if first[:4] != last[:4]:
        return f"{first}–{last}"
    return months_text(int(first[5:]), int(last[5:]))


def parse_as_of(text: str) -> dt.date:
    """``YYYY-MM-DD``, or ``YYYY-MM`` meaning that month's last day.

    >>> parse_as_of("2025-02"), parse_as_of("2025-10-15")
    (datetime.date(2025, 2, 28), datetime.date(2025, 10, 15))
    """
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}", text):
            year, month = map(int, text.split("-"))
            return month_end(year, month)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(Text("option.as_of", {"value": repr(text)})) from exc


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """``2025-03``, ``2025-Q1``, ``2025`` or ``2025-01-01..2025-03-31`` → (first day, last day).

    >>> parse_period("2025-Q1")
    (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    >>> parse_period("2025-02")
    (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28))
    """
    text = text.strip()
    try:
        if ".." in text:
            first, last = (dt.date.fromisoformat(part.strip()) for part in text.split("..", 1))
        elif m := re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.I):
            year, quarter = int(m[1]), int(m[2])
            first = dt.date(year, 3 * quarter - 2, 1)
            last = month_end(year, 3 * quarter)
        elif m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
            first = dt.date(int(m[1]), int(m[2]), 1)
            last = month_end(first.year, first.month)
        elif re.fullmatch(r"\d{4}", text):
            first, last = dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
        else:
            raise ValueError(text)
    except ValueError as exc:
        raise UsageError(Text("option.period", {"value": repr(text)})) from exc
    if last < first:
        raise UsageError(Text("option.period_reversed", {"value": repr(text)}))
    return first, last


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Window:
    """What a check evaluates: ``start``..``end`` (inclusive) of the plan ``year``."""

    year: int
    start: dt.date
    end: dt.date  # the last day evaluated: min(as_of, period end)
    as_of: dt.date
    explicit_period: bool = False

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def year_end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def days_in_year(self) -> int:
        return 366 if calendar.isleap(self.year) else 365

    @property
    def elapsed_share(self) -> float:
        """Share of the year the window stands for, for pro-rata pace (days / days in year)."""
        return ((self.end - self.start).days + 1) / self.days_in_year

    @property
    def is_final(self) -> bool:
        """True when the year is over: what is missed now can no longer be made up."""
        return self.as_of >= self.year_end

    @property
    def days_left(self) -> int:
        """Days of the year after the as-of date."""
        return max(0, (self.year_end - self.as_of).days)

    def months(self) -> list[str]:
        """'YYYY-MM' of every month the window touches."""
        out = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def previous_year(self) -> Window:
        return Window(self.year - 1, shift_year(self.start, -1), shift_year(self.end, -1),
                      shift_year(self.as_of, -1), self.explicit_period)

    def label(self) -> Text | str:
        """Short text for the 'how' column: ``Jan–Oct`` / ``1–10月``, ``Mar`` / ``3月``, or
        ``2025-01-01..2025-03-15`` in both languages."""
        if self.start.day == 1 and self.end == month_end(self.end.year, self.end.month):
            return months_text(self.start.month, self.end.month)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def check_as_of_in_period(as_of: dt.date | None, period: tuple[dt.date, dt.date] | None) -> None:
    """Refuse an ``--as-of`` outside the ``--period``: the two contradict each other.

    >>> check_as_of_in_period(dt.date(2025, 10, 15), (dt.date(2025, 10, 1), dt.date(2025, 10, 31)))
    >>> october = (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    >>> check_as_of_in_period(dt.date(2025, 6, 30), october)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecotarget.errors.UsageError: --as-of 2025-06-30 lies outside --period 2025-10-01..2025-10-31: ...
    """
    if as_of is None or period is None or period[0] <= as_of <= period[1]:
        return
    raise UsageError(Text("option.as_of_outside", {"as_of": as_of, "start": period[0],
                                                   "end": period[1]}))


def make_window(year: int, *, as_of: dt.date, period: tuple[dt.date, dt.date] | None) -> Window:
    """The window for a plan year: the year to date, or ``period`` cut at the as-of date."""
    if as_of.year != year:  # 1999-12-31 would evaluate 2025-01-01..01-01 and say nothing
        raise UsageError(Text("option.as_of_year", {"as_of": as_of, "year": year}))
    if period is None:
        start, end = dt.date(year, 1, 1), min(as_of, dt.date(year, 12, 31))
        return Window(year, start, max(start, end), as_of)
    first, last = period
    if first.year != year or last.year != year:
        raise UsageError(Text("option.period_year", {"start": first, "end": last,
                                                     "year": year}))
    end = min(last, as_of) if as_of >= first else last
    return Window(year, first, end, max(as_of, first) if as_of < first else min(as_of, last),
                  explicit_period=True)
