"""The period grammar of observations (see docs/data-format.md), parsed into dates.

Codes are language-neutral; how a period reads in Vietnamese or English is the UI's business.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    code: str
    kind: str  # year | half | quarter | month | month_range | year_range | as_of | as_of_unknown
    start: date
    end: date

    @property
    def is_stock(self) -> bool:
        """A stock (as of a date) is not comparable to a flow over a period without saying so."""
        return self.kind in ("as_of", AS_OF_UNKNOWN_KIND)

    @property
    def is_dated(self) -> bool:
        """False for 'asof unknown': its dates are not the period's but placeholders (see UNSTATED_PERIOD)."""
        return self.kind != AS_OF_UNKNOWN_KIND


# As of the source's own date, which the source does not state (an undated article's "đến nay", "hiện nay").
# Not a calendar date: the code claims no day, month or year. Its start and end here are date.min; the build puts
# the source's date_about range beside it (period_start/period_end, for sorting only) and says it is unknown.
UNSTATED_PERIOD = "asof unknown"
AS_OF_UNKNOWN_KIND = "as_of_unknown"


# ASCII digits only (re.ASCII): fullwidth '２０２２' or Arabic-Indic digits would otherwise make a period whose code
# reads differently from every other one.
_YEAR = r"(?P<y>\d{4})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("year", re.compile(rf"^{_YEAR}$", re.ASCII)),
    ("half", re.compile(rf"^{_YEAR}-H(?P<h>[12])$", re.ASCII)),
    ("quarter", re.compile(rf"^{_YEAR}-Q(?P<q>[1-4])$", re.ASCII)),
    ("month", re.compile(rf"^{_YEAR}-(?P<m>\d{{2}})$", re.ASCII)),
    ("month_range", re.compile(r"^(?P<y1>\d{4})-(?P<m1>\d{2})\.\.(?P<y2>\d{4})-(?P<m2>\d{2})$", re.ASCII)),
    ("year_range", re.compile(r"^(?P<y1>\d{4})\.\.(?P<y2>\d{4})$", re.ASCII)),
    ("as_of", re.compile(r"^asof (?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$", re.ASCII)),
]


class PeriodError(ValueError):
    pass


_LONGEST_CODE = 32


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(value: str) -> int:
    month = int(value)
    if not 1 <= month <= 12:
        raise PeriodError(f"month {value} is not between 01 and 12")
    return month


@lru_cache(maxsize=8192)  # a national build parses the same few dozen codes 200,000 times
def parse_period(code: object) -> Period:
    """Parse a period code such as ``2022``, ``2023-H1``, ``2023-01..2023-07`` or ``asof 2023-08-18``."""
    text = str(code).strip()
    if text == UNSTATED_PERIOD:
        return Period(text, AS_OF_UNKNOWN_KIND, date.min, date.min)
    if len(text) > _LONGEST_CODE:  # the longest code, "2023-01..2023-07", has 16 characters: a long text is not one
        raise PeriodError(f"'{text[:_LONGEST_CODE]}…' is not a period; a period code has at most {_LONGEST_CODE} characters")
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                start, end = _bounds(kind, match)
            except ValueError as error:
                raise PeriodError(f"'{text}': {error}") from None
            if end < start:
                raise PeriodError(f"'{text}' ends before it starts")
            return Period(text, kind, start, end)
    raise PeriodError(
        f"'{text}' is not a period; use 2022, 2023-H1, 2023-Q3, 2023-05, 2023-01..2023-07, 2021..2023, asof 2023-08-18 or asof unknown"
    )


def _bounds(kind: str, m: re.Match[str]) -> tuple[date, date]:
    if kind == "year":
        year = int(m["y"])
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "half":
        year, half = int(m["y"]), int(m["h"])
        return date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
    if kind == "quarter":
        year, quarter = int(m["y"]), int(m["q"])
        return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if kind == "month":
        year, month = int(m["y"]), _month(m["m"])
        return date(year, month, 1), _month_end(year, month)
    if kind == "month_range":
        return date(int(m["y1"]), _month(m["m1"]), 1), _month_end(int(m["y2"]), _month(m["m2"]))
    if kind == "year_range":
        return date(int(m["y1"]), 1, 1), date(int(m["y2"]), 12, 31)
    # as_of: a stock at the end of the named day, month or year
    year = int(m["y"])
    if m["d"]:
        day = date(year, _month(m["m"]), int(m["d"]))
    elif m["m"]:
        day = _month_end(year, _month(m["m"]))
    else:
        day = date(year, 12, 31)
    return day, day
