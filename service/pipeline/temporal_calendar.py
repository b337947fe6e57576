"""Calendar arithmetic for the temporal tagger: granular points and TIMEX3 values.

A :class:`Point` is a calendar unit (a day, an ISO week, a month, a quarter, a
season, a year, a decade...) identified by any day inside it; it knows how to
print itself as a TIMEX3 ``value``, give its :class:`DateRange` and move by a
number of units.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from .types import DateRange

# Granularities, finest first.
DAY, WEEK, WEEKEND, MONTH, QUARTER, HALF, SEASON, YEAR, DECADE, CENTURY = (
    "D",
    "W",
    "WE",
    "M",
    "Q",
    "H",
    "S",
    "Y",
    "E",
    "C",
)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
MIN_YEAR, MAX_YEAR = 1, 9998


@dataclass(frozen=True, slots=True)
class Point:
    gran: str
    day: dt.date
    # Season code for SEASON; a time-of-day suffix ("TMO", "T10:35") for DAY.
    extra: str = ""

    def value(self) -> str:
        d = self.day
        g = self.gran
        if g == DAY:
            return d.isoformat() + self.extra
        if g in (WEEK, WEEKEND):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if g == WEEKEND else "")
        if g == MONTH:
            return f"{d.year:04d}-{d.month:02d}"
        if g == QUARTER:
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == HALF:
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g == SEASON:
            return f"{d.year:04d}-{self.extra}"
        if g == YEAR:
            return f"{d.year:04d}"
        if g == DECADE:
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"

    def range(self) -> DateRange:
        d = self.day
        g = self.gran
        if g == DAY:
            return DateRange(d, d)
        if g == WEEK:
            monday = d - dt.timedelta(days=d.isoweekday() - 1)
            return DateRange(monday, monday + dt.timedelta(days=6))
        if g == WEEKEND:
            saturday = d + dt.timedelta(days=6 - d.isoweekday())
            return DateRange(saturday, saturday + dt.timedelta(days=1))
        if g == MONTH:
            return DateRange(d.replace(day=1), d.replace(day=_days_in(d.year, d.month)))
        if g in (QUARTER, HALF):
            size = 3 if g == QUARTER else 6
            first = (d.month - 1) // size * size + 1
            last = first + size - 1
            return DateRange(dt.date(d.year, first, 1), dt.date(d.year, last, _days_in(d.year, last)))
        if g == SEASON:
            start = dt.date(d.year, SEASON_START.get(self.extra, 3), 1)
            end = add_months(start, 2)
            return DateRange(start, end.replace(day=_days_in(end.year, end.month)))
        if g == YEAR:
            return DateRange(dt.date(d.year, 1, 1), dt.date(d.year, 12, 31))
        size = 10 if g == DECADE else 100
        first_year = max(d.year // size * size, MIN_YEAR)
        return DateRange(dt.date(first_year, 1, 1), dt.date(min(first_year + size - 1, MAX_YEAR), 12, 31))

    def shift(self, n: int, unit: str | None = None) -> Point:
        """Move by ``n`` units (the point's own granularity unless ``unit`` is given)."""
        return replace(self, day=shift_date(self.day, n, unit or self.gran))

    def with_gran(self, gran: str) -> Point:
        return replace(self, gran=gran, extra="" if gran != self.gran else self.extra)


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: dt.date, n: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + n
    year, month = divmod(index, 12)
    year = min(max(year, MIN_YEAR), MAX_YEAR)
    return dt.date(year, month + 1, min(d.day, _days_in(year, month + 1)))


def shift_date(d: dt.date, n: int, unit: str) -> dt.date:
    try:
        if unit == DAY:
            return d + dt.timedelta(days=n)
        if unit in (WEEK, WEEKEND):
            return d + dt.timedelta(weeks=n)
    except OverflowError:
        return d
    months = {MONTH: 1, QUARTER: 3, HALF: 6, SEASON: 12, YEAR: 12, DECADE: 120, CENTURY: 1200}.get(unit, 12)
    return add_months(d, n * months)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= _days_in(year, month)):
        return None
    return dt.date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of a month (``n = -1``: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, _days_in(year, month))
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
