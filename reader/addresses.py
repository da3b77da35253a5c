"""The publication date a news or government page's address encodes, for pages whose text states none.

Many Vietnamese news and government sites put the day an article was filed into its address: a path by date
(``/2025/04/22/``, ``/pages/2023-04-07/``), a month folder (``/xa-hoi/202104/``), or an article number that begins
with the date and time (``…-161250422155008479.htm``: a three-digit site code, then 25-04-22 15:50:08, then three more
digits; ``…-20250422103015123.htm`` and ``…-20250422103015.html``: the full year first). Only these shapes are read, and only when the date and the
time of day they hold are real; sequential article numbers (``-1563388.ldo``, ``post1781492.tpo``, ``?ID=5613``) say
nothing about the date and give none. No date is better than a wrong one: an article number that could be read two
ways is not read at all.

A day is the page's date (``date_from_address``). A month folder is not: the page was filed some day that month, so
by the data format (docs/data-format.md, "Undated sources") it is the month the page is *about* (``date_about``), its
stocks stay ``asof unknown``, and it only tells the reader which year the text's undated wordings are in
(``month_from_address``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import unquote, urlsplit

# a year the press could have filed in: neither a product code's "1999" nor a number that happens to look like 2087
_FIRST_YEAR = 2000


def _last_year() -> int:
    return date.today().year + 1


def _day(year: int, month: int, day: int) -> str | None:
    if not _FIRST_YEAR <= year <= _last_year():
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _time_ok(digits: str) -> bool:
    """hhmmss is a time of day."""
    try:
        datetime.strptime(digits, "%H%M%S")
    except ValueError:
        return False
    return True


# /2025/04/22/ and /2025-04-22/ (a folder or the end of a path segment): a day
_PATH_DAY = re.compile(r"(?:^|/)(?P<y>20\d\d)(?P<sep>[/-])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?=/|$|\.)", re.ASCII)
# /xa-hoi/202104/ (a whole folder of six digits): a month
_PATH_MONTH = re.compile(r"/(?P<y>20\d\d)(?P<m>\d{2})/", re.ASCII)
# the article number at the end of the last segment: -161250422155008479.htm, -20250422103015123.html
_ARTICLE_NUMBER = re.compile(r"(?:^|[-_/])(?P<n>\d{14}|\d{17,18})(?:\.[a-z]{2,5})?$", re.ASCII)


def _from_article_number(digits: str) -> str | None:
    if len(digits) in (14, 17):  # YYYYMMDD hhmmss (+ three digits)
        found = _day(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if _time_ok(digits[8:14]) else None
        return found
    # 18 digits: a site code of three or four digits, then YYMMDD hhmmss; read only when exactly one place fits
    readings = set()
    for offset in (3, 4):
        stamp = digits[offset : offset + 12]
        if len(stamp) == 12 and _time_ok(stamp[6:]):
            found = _day(2000 + int(stamp[:2]), int(stamp[2:4]), int(stamp[4:6]))
            if found:
                readings.add(found)
    return readings.pop() if len(readings) == 1 else None


def _path(address: str | None) -> str | None:
    if not address or len(address) > 2000:
        return None
    try:
        return unquote(urlsplit(address.strip()).path).rstrip("/")
    except ValueError:
        return None


def date_from_address(address: str | None) -> str | None:
    """The day a page's address encodes (``2025-04-22``), or None."""
    path = _path(address)
    if not path:
        return None
    m = _PATH_DAY.search(path)
    if m:
        found = _day(int(m["y"]), int(m["m"]), int(m["d"]))
        if found:
            return found
    m = _ARTICLE_NUMBER.search(path.rsplit("/", 1)[-1])
    return _from_article_number(m["n"]) if m else None


def month_from_address(address: str | None) -> str | None:
    """The month a page is filed under (``2025-04``): its month folder, or the month of the day its address encodes."""
    day = date_from_address(address)
    if day:
        return day[:7]
    path = _path(address)
    if not path:
        return None
    months = {f"{m['y']}-{m['m']}" for m in _PATH_MONTH.finditer(path + "/")
              if 1 <= int(m["m"]) <= 12 and _FIRST_YEAR <= int(m["y"]) <= _last_year()}
    return months.pop() if len(months) == 1 else None
