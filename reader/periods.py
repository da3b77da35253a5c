"""Periods named in report text, as the project's period codes (see loaders.periods.parse_period).

``năm 2022`` → ``2022``; ``6 tháng đầu năm 2023`` → ``2023-H1``; ``7 tháng đầu năm 2023`` → ``2023-01..2023-07``;
``giai đoạn 2021-2023`` → ``2021..2023``; ``đến ngày 18/8/2023`` → ``asof 2023-08-18``; ``đến hết tháng 2/2023`` →
``asof 2023-02``; ``từ tháng 01 năm 2022 đến tháng 12 năm 2022`` → ``2022``; ``đến nay`` → the document date.
A wording without a year (``6 tháng đầu năm``) takes the year of the document date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from loaders.periods import PeriodError, parse_period

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTHS_EN = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"])}
_NUMBER_WORDS_EN = {w: i + 2 for i, w in enumerate(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"])}
# the two-level local government (provinces and communes, no districts) began on 1 July 2025
TWO_TIER_START = (2025, 7)
_MONTHS_EN.update({m[:3]: i for m, i in list(_MONTHS_EN.items())})


@dataclass(frozen=True)
class PeriodMention:
    """A period wording found in text. ``kind``: ``flow`` (a span of time), ``asof`` (a stock at a date), ``now``
    (đến nay, hiện nay: the document date) or ``date`` (a calendar date such as a decision's, code ``""``)."""

    code: str
    kind: str
    start: int
    end: int
    text: str
    year_from_document: bool = False
    end_code: str = ""  # a span closed by a date ("since …, by the end of October 2025"): a stock is as of that date


def _year(value: str | None, default: int | None) -> int | None:
    if value:
        year = int(value)
        return year if year >= 100 else 2000 + year
    return default


def _doc_year(document_date: str | None) -> int | None:
    if document_date:
        m = re.match(r"\s*(?:asof\s+)?(\d{4})", str(document_date))
        if m:
            return int(m.group(1))
    return None


def asof_code(document_date: str | None) -> str | None:
    """``2023-09-07`` → ``asof 2023-09-07``; ``2023-08`` → ``asof 2023-08``; ``2023`` → ``asof 2023``."""
    if not document_date:
        return None
    m = re.match(r"\s*(?:asof\s+)?(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$", str(document_date))
    if not m:
        return None
    y, mo, d = m.groups()
    code = f"asof {y}" + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")
    return code if _valid(code) else None


def _valid(code: str) -> bool:
    try:
        parse_period(code)
    except PeriodError:
        return False
    return True


def _months_code(y1: int, m1: int, y2: int, m2: int) -> str:
    if y1 == y2:
        if (m1, m2) == (1, 12):
            return f"{y1}"
        if (m1, m2) in ((1, 6), (7, 12)):
            return f"{y1}-H{1 if m1 == 1 else 2}"
        if m1 % 3 == 1 and m2 == m1 + 2:
            return f"{y1}-Q{(m1 + 2) // 3}"
        if m1 == m2:
            return f"{y1}-{m1:02d}"
    if (m1, m2) == (1, 12):
        return f"{y1}..{y2}"
    return f"{y1}-{m1:02d}..{y2}-{m2:02d}"


_Y = r"(?P<{n}>(?:19|20)\d\d)"
_YEAR_OPT = r"(?:\s*(?:năm\s+|/\s*|-\s*)" + _Y + r")?"


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_MONTH_NAMES = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_ORDINAL = r"(?:st|nd|rd|th)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "quý I năm nay", "6 tháng đầu năm trước", "tháng 9 năm nay", "the first quarter of last year": a part of the
    # document's year or the one before (said before "năm nay" alone can take the whole year)
    ("part_of_relative_year", _p(r"(?:(?P<n>\d{1,2})\s+tháng\s+(?P<part>đầu\s+|cuối\s+)?|quý\s+(?P<q>iv|iii|ii|i|[1-4])\s+"
                                 r"|tháng\s+(?P<m>\d{1,2})\s+)năm\s+(?P<rel>nay|trước|ngoái)(?!\w)"
                                 r"|(?:first\s+(?P<ne>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months"
                                 r"|(?P<h>first|second)\s+half|(?P<qe>first|second|third|fourth)\s+quarter)\s+of\s+"
                                 r"(?P<rel_en>last|the\s+previous|this)\s+year")),
    # "trong 10 tháng qua", "in the past nine months", "over the last six months": the months before the report's
    ("past_months", _p(r"(?:trong\s+)?(?P<n>\d{1,2})\s+tháng\s+(?:vừa\s+)?qua(?!\w)"
                       r"|(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+(?P<ne>\d{1,2}|two|three|four|five|six|seven"
                       r"|eight|nine|ten|eleven)\s+months")),
    # "during the past year", "over the last year": the year just ended early in a year, else the report's
    ("past_year_en", _p(r"(?:in|over|during)\s+the\s+(?:past|last)\s+year(?!s|['’])")),
    # "từ (đầu) tháng 7 đến nay": from that month of the report's year (or the year before) to its date
    ("since_month", _p(r"(?:từ|kể\s+từ)\s+(?:đầu\s+)?tháng\s+(?P<m>\d{1,2})(?![\d/])(?!\s+năm)\s*(?:đến|tới)\s+"
                       r"(?:nay|hiện\s+tại|thời\s+điểm\s+hiện\s+tại)")),
    # "lũy kế đến hết tháng 9/2025", "lũy kế đến nay": a count summed from the start of the year to that month
    # ("lũy kế đến ngày 30/9/2025": the day's month closes the span)
    ("cumulative_to", _p(r"(?:lũy|luỹ)\s+kế\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:tháng\s+(?P<m>\d{1,2})"
                         r"(?:\s*(?:/\s*|\s+năm\s+)" + _Y.format(n="y") + r")?(?![\d/])"
                         r"|(?:ngày\s+)?\d{1,2}\s*/\s*(?P<md>\d{1,2})(?:\s*/\s*" + _Y.format(n="yd") + r")?(?![\d/])|(?P<now>nay|hiện\s+tại|thời\s+điểm\s+"
                         r"(?:hiện\s+tại|báo\s+cáo)))")),
    # từ ngày 1/7 đến cuối tháng 10/2025 / từ 1/7 đến 26/11/2025 / từ ngày 15/12/2023 đến 14/6/2024: a span between two
    # days runs over their months (the first day's year, when not said, is the second's or the one before)
    ("day_span", _p(r"(?:từ|tính\s+từ|kể\s+từ)\s+(?:ngày\s+)?(?P<d1>\d{1,2})\s*/\s*(?P<m1>\d{1,2})(?:\s*/\s*"
                    + _Y.format(n="y1") + r")?\s*(?:đến|tới|-|–)\s*(?:hết\s+|cuối\s+)?(?:ngày\s+)?"
                    r"(?:(?P<d2>\d{1,2})\s*/\s*|tháng\s+)(?P<m2>\d{1,2})(?:\s*(?:/\s*|\s+năm\s+)" + _Y.format(n="y2")
                    + r")?(?![\d/])")),
    # from July 1 to August 18 / between 1 July and 17 September 2025
    ("day_span_en", _p(r"(?:from|between)\s+(?:(?P<mn1>" + _MONTH_NAMES + r")\s+\d{1,2}" + _ORDINAL + r"|\d{1,2}" + _ORDINAL
                       + r"\s+(?P<mn1b>" + _MONTH_NAMES + r"))(?:,?\s+" + _Y.format(n="y1") + r")?\s+(?:to|until|till|"
                       r"through|and)\s+(?:(?P<mn2>" + _MONTH_NAMES + r")\s+\d{1,2}" + _ORDINAL + r"|\d{1,2}" + _ORDINAL
                       # ("… to December 22 in 2020": the year said with "in")
                       + r"\s+(?P<mn2b>" + _MONTH_NAMES + r"))(?:,?\s+(?:in\s+)?" + _Y.format(n="y2") + r")?(?![\d/])")),
    # "kể từ khi vận hành chính quyền địa phương 2 cấp", "since the two-tier local government took effect": the
    # two-level local government began on 1 July 2025, so the span runs from July 2025 to the document's date
    ("since_two_tier", _p(r"(?:(?:kể\s+)?từ\s+khi|since)\s+(?:[^\d.;:\n]{0,40}?\s)?(?:(?:mô\s+hình\s+)?chính\s+quyền"
                          r"\s+(?:địa\s+phương\s+)?(?:2|hai)\s+cấp|(?:the\s+)?(?:two|2)[-\s](?:tier|level)\s+(?:local\s+)?"
                          r"(?:government|administration|model))")),
    # "in the first month of operation", "after more than a month of operation", "sau 3 tháng vận hành": counted from
    # the start of the two-level government, when the text is about it (see _REFORM_ERA)
    ("months_of_operation", _p(r"(?:(?:in\s+|during\s+)?the\s+first\s+(?P<n1>\d{1,2}|two|three|four|five|six)?\s*months?"
                               r"|after\s+(?P<more>more\s+than\s+|over\s+)?(?:nearly\s+|almost\s+|about\s+)?"
                               r"(?P<n2>\d{1,2}|one|a|two|three|four|five|six)"
                               r"\s+months?)\s+of\s+(?:operation|implementation|operating)"
                               # ("gần 3 tháng", "nearly three months": the month of the date is the last one)
                               r"|(?:sau|trong)\s+(?P<more_vi>hơn\s+)?(?:gần\s+|khoảng\s+)?(?P<n3>\d{1,2}|một|hai|ba)\s+tháng\s+(?:đầu\s+)?"
                               r"(?:vận\s+hành|đi\s+vào\s+hoạt\s+động|hoạt\s+động|triển\s+khai)"
                               # "sau hơn 100 ngày vận hành", "after 100 days of operation": from July 2025 to the date
                               r"|(?P<days>(?:sau|after)\s+(?:hơn\s+|more\s+than\s+|over\s+)?\d{2,3}\s+(?:ngày|days)\s+"
                               r"(?:of\s+)?(?:vận\s+hành|đi\s+vào\s+hoạt\s+động|hoạt\s+động|triển\s+khai|operation"
                               r"|implementation|operating))")),
    # từ (đầu) tháng 8/2021 đến nay / từ năm 2021 đến nay: from then to the document date
    ("since", _p(r"(?:từ|since)\s+(?P<early>đầu\s+)?(?:tháng\s+(?P<m>\d{1,2})\s*(?:/\s*|\s+năm\s+)|năm\s+)" + _Y.format(n="y")
                 + r"\s*(?:đến|tới)\s+(?:nay|thời\s+điểm\s+hiện\s+tại)")),
    # từ ngày 1/7 đến nay / từ 01/7/2025 đến nay (a day: the span runs from its month)
    ("since_day", _p(r"(?:từ|kể\s+từ)\s+(?:ngày\s+)?\d{1,2}\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*" + _Y.format(n="y")
                     + r")?\s*(?:đến|tới)\s+(?:nay|thời\s+điểm\s+hiện\s+tại|hiện\s+tại)")),
    # "kể từ ngày 1/7/2025, xã đã tiếp nhận …": "since" a day with no end said runs to the document date ("từ ngày 1/7, xã
    # vận hành …" alone is a start date)
    ("since_day_open", _p(r"kể\s+từ\s+(?:ngày\s+)?\d{1,2}\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*" + _Y.format(n="y")
                          + r")?(?![\d/])(?!\s*(?:đến|tới|-|–)\s*\S)")),
    # (lũy kế) từ đầu năm (2024) (đến nay): from January of that year (the document's when none is said)
    ("since_year_start", _p(r"(?:lũy\s+kế\s+|luỹ\s+kế\s+)?(?:tính\s+|kể\s+)?(?:từ|since|from)\s+(?:đầu\s+năm|the\s+(?:beginning|start)\s+of\s+"
                            r"(?:(?:the|this)\s+year|(?=(?:19|20)\d\d)))(?:\s*(?:năm\s+)?" + _Y.format(n="y") + r")?"
                            r"(?:\s*(?:đến|tới)\s+(?:nay|hiện\s+tại)|\s+(?:to|until)\s+(?:now|date|the\s+present|present))?"
                            r"|(?:lũy|luỹ)\s+kế\s+năm(?:\s+" + _Y.format(n="y2") + r")?|year[-\s]to[-\s]date|so\s+far\s+this\s+year")),
    # from July 1 to present / since 1 July / since July 1, 2025 until now
    ("since_en", _p(r"(?:from|since)\s+(?:(?P<mn>january|february|march|april|may|june|july|august|september|october"
                    r"|november|december)\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?P<mn2>january|february|march"
                    r"|april|may|june|july|august|september|october|november|december))(?:,?\s+" + _Y.format(n="y") + r")?"
                    r"(?:\s+(?:to|until|till)\s+(?:the\s+)?(?:present|now|date|today))?")),
    # từ tháng 01 năm 2022 đến tháng 12 năm 2022 / từ tháng 1/2022 đến tháng 6/2022
    ("month_span", _p(r"(?:từ|tính từ)\s+(?:đầu\s+)?tháng\s+(?P<m1>\d{1,2})" + _YEAR_OPT.format(n="y1")
                      + r"\s*(?:đến|tới|-|–)\s*(?:hết\s+|cuối\s+)?tháng\s+(?P<m2>\d{1,2})" + _YEAR_OPT.format(n="y2"))),
    # from January to August 2024 / the January-August period / in January–August 2024 (the document's year when none)
    # (and "between January and June 2025")
    ("month_span_en", _p(r"(?:from\s+(?P<mn1>" + _MONTH_NAMES + r")\s+(?:to|until|till|through)\s+(?P<mn2>"
                         + _MONTH_NAMES + r")|between\s+(?P<mn1c>" + _MONTH_NAMES + r")\s+and\s+(?P<mn2c>"
                         + _MONTH_NAMES + r")|(?P<mn1b>" + _MONTH_NAMES + r")\s*(?:-|–|—)\s*(?P<mn2b>" + _MONTH_NAMES
                         + r"))(?:,?\s+(?:of\s+)?" + _Y.format(n="y") + r")?(?![\s,]+\d{1,2}(?!\d))")),
    # từ năm 2021 đến năm 2023 / giai đoạn 2021-2023 / 2021 - 2023
    ("year_span", _p(r"(?:(?:từ\s+)?năm\s+" + _Y.format(n="y1") + r"\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:năm\s+)?"
                     + _Y.format(n="y2") + r"|(?:giai\s+đoạn|giao\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ|period|between)?\s*"
                     + _Y.format(n="y3") + r"\s*(?:-|–|—|to|and|đến)\s*" + _Y.format(n="y4") + r")(?![\d/])")),
    # (trong) 6 tháng đầu năm 2023 / 9 tháng năm 2023 / 6 tháng cuối năm
    ("first_months", _p(r"(?P<n>\d{1,2})\s+tháng\s+(?P<part>đầu\s+|cuối\s+)?năm(?:\s+" + _Y.format(n="y") + r")?")),
    # the first nine months of 2023 / of the year (the document's year)
    ("first_months_en", _p(r"first\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months"
                           r"(?:\s+of\s+(?:(?:the|this)\s+year|" + _Y.format(n="y") + r"))?")),
    ("half_en", _p(r"(?:(?P<h>first|second)\s+half\s+of\s+(?:(?:the|this)\s+year|" + _Y.format(n="y") + r")"
                   r"|H(?P<hn>[12])\s+" + _Y.format(n="y2") + r")")),
    ("quarter_en", _p(r"(?P<q>first|second|third|fourth)\s+quarter(?:\s+of\s+(?:(?:the|this)\s+year|"
                      + _Y.format(n="y") + r"))?|(?<![\w])Q(?P<qn>[1-4])\s*(?:/|,|-)?\s*" + _Y.format(n="y2") + r"(?!\d)"
                      # "In Q3, …": the report's year's quarter
                      r"|(?<=\bin\s)Q(?P<qn_bare>[1-4])(?![\w/-])")),
    # "trong năm", "trong tháng", "trong quý", "trong 9 tháng" (no year said): the document's year, month, quarter, or
    # its year's first months
    ("this_span_vi", _p(r"(?:trong|của)\s+(?:(?P<n>\d{1,2})\s+tháng|(?P<which>năm|tháng|quý))(?!\s*(?:\d|nay|qua|trước|"
                        r"ngoái|tới|sau|đầu|cuối|học|i|v))(?!\w)")),
    # "trong năm nay", "năm trước", "năm ngoái", "(trong) năm qua": the document's year or the one before ("năm qua"
    # in a report of the first half-year is the year just ended)
    ("year_vi", _p(r"(?:trong\s+)?năm\s+(?P<which>nay|trước|ngoái|qua)(?!\w)")),
    # "tháng trước", "trong tháng qua", "last month": the month before the document's
    ("month_before", _p(r"(?:trong\s+)?tháng\s+(?:trước|qua)(?!\w)|(?:last|the\s+previous|the\s+past)\s+month(?!s)")),
    # "so far this year", "this year", "last year": the document's year (or the one before)
    ("year_en", _p(r"(?:so\s+far\s+)?(?P<which>this|last)\s+year(?!['’]s?\s+(?:target|plan))")),
    # quý III năm 2023 / quý 3/2023
    ("quarter", _p(r"quý\s+(?P<q>iv|iii|ii|i|[1-4])(?![a-z])" + _YEAR_OPT.format(n="y"))),
    # as of: đến ngày 18/8/2023 / tính đến ngày 18 tháng 8 năm 2023
    # (and "số liệu cập nhật ngày 18/3/2024": figures as updated on a day stand at that day)
    ("asof_day", _p(r"(?:(?:tính\s+)?(?:đến|tới|as\s+of|by)|cập\s+nhật(?:\s+(?:đến|tới))?)\s+(?:hết\s+|cuối\s+)?(?:ngày\s+)?(?P<d>\d{1,2})\s*(?:/|\s+tháng\s+)"
                    r"(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)" + _Y.format(n="y"))),
    # "tính đến 8/5" (the press leaves "ngày" out after "tính đến"; a bare "đến 8/10" may be a share)
    ("asof_day_no_year", _p(r"(?:tính\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?|(?:đến|tới)\s+(?:hết\s+)?ngày\s+)"
                            r"(?P<d>\d{1,2})\s*(?:/|\s+tháng\s+)"
                            r"(?P<m>\d{1,2})(?![\d/])")),
    # ("the portal's results as updated on March 18, 2024", "the updated results on 18 March 2024")
    ("asof_day_en", _p(r"(?:as\s+of|as\s+at|by|up\s+to|updated\s+(?:[a-z’'-]+\s+){0,6}?(?:on|as\s+of))\s+(?:(?P<d>\d{1,2})" + _ORDINAL + r"\s+(?:of\s+)?(?P<mn>[a-z]+)|"
                       r"(?P<mn2>" + _MONTH_NAMES + r")\s+(?P<d2>\d{1,2})" + _ORDINAL + r"),?\s+" + _Y.format(n="y"))),
    # "as of October 15", "by 15 October": a day of the report's year (or the year before, if it would fall after it)
    ("asof_day_en_no_year", _p(r"(?:as\s+of|as\s+at|up\s+to)\s+(?:(?P<d>\d{1,2})" + _ORDINAL + r"\s+(?:of\s+)?(?P<mn>"
                               + _MONTH_NAMES + r")|(?P<mn2>" + _MONTH_NAMES + r")\s+(?P<d2>\d{1,2})" + _ORDINAL
                               + r")(?!,?\s*\d)")),
    # a calendar date that is not "đến ngày …" (the date of a decision, a meeting): not a period, but consumed so
    # that its "tháng 9 năm 2023" is not read as a month
    ("date", _p(r"(?:ngày\s+)?(?<!\d)\d{1,2}\s*(?:/\s*|\s+tháng\s+)\d{1,2}\s*(?:/\s*|\s+năm\s+)(?:19|20)\d\d(?!\d)")),
    # "from May 1, 2021", "on 12 March 2024": an English calendar date (a start, an event) is no period, but consumed so
    # that its day is not read as a figure
    ("date_en", _p(r"(?:" + _MONTH_NAMES + r")\s+\d{1,2}" + _ORDINAL + r",?\s+(?:19|20)\d\d(?!\d)|(?<!\d)\d{1,2}" + _ORDINAL
                   + r"\s+(?:of\s+)?" + _MONTH_NAMES + r",?\s+(?:19|20)\d\d(?!\d)")),
    # "Sáng 5/4, tại xã …", "ngày 20/6 đã …": a day of the document's year on which what follows happened
    ("event_day", _p(r"(?<!\w)(?:sáng|chiều|tối|trưa|hôm)\s+(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])")),
    # đến hết tháng 2/2023 / đến tháng 5 năm 2023 / đến hết tháng 5 (year of the document)
    ("asof_month", _p(r"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?tháng\s+(?P<m>\d{1,2})" + _YEAR_OPT.format(n="y"))),
    # "as of the end of June 2024", "by the end of June" (the document's year)
    ("asof_month_en", _p(r"(?:as\s+of|by)\s+(?:the\s+)?(?:end\s+of\s+)?(?:(?P<mn>[a-z]+)\s+" + _Y.format(n="y")
                         + r"|(?P<mn_bare>" + _MONTH_NAMES + r")(?![\s,]+\d))")),
    # đến hết năm 2022 / đến cuối năm 2022
    ("asof_year", _p(r"(?:tính\s+)?(?:đến|tới)\s+(?:hết|cuối)\s+năm\s+" + _Y.format(n="y")
                     + r"|(?:as\s+of|by)\s+(?:the\s+)?end\s+of\s+" + _Y.format(n="y2"))),
    ("now", _p(r"(?:tính\s+)?(?:đến|tới)\s+(?:nay|thời\s+điểm\s+(?:hiện\s+tại|này|báo\s+cáo))|hiện\s+nay|hiện\s+tại"
               r"|hiện\s+(?:có|đang|đã)(?!\w)|(?<![\w])hiện(?=\s+\d)|as\s+of\s+(?:now|today)|currently|to\s+date"
               r"|(?<![\w])now(?![\w])")),
    # tháng 5/2023 / tháng 5 năm 2023 / (trong) tháng 5
    ("month", _p(r"(?<!\d\s)tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm\s+|/\s*)" + _Y.format(n="y") + r")?(?![\d/])")),
    ("month_en", _p(r"(?:in\s+)(?P<mn>january|february|march|april|may|june|july|august|september|october|november|"
                    r"december)\s+" + _Y.format(n="y"))),
    # "in July", "in early October": a month of the document's year (a year said after it is month_en's)
    ("month_en_bare", _p(r"(?:in|during)\s+(?:early\s+|late\s+|mid-?\s*)?(?P<mn>january|february|march|april|june|july|august"
                         r"|september|october|november|december)(?![\w,]*\s*(?:\d|,\s*(?:19|20)\d\d))")),
    # năm 2022 / in 2022
    ("year", _p(r"(?:năm|in|year|during|for)\s+" + _Y.format(n="y") + r"(?![\d/-])")),
]


def _mention(kind: str, m: re.Match[str], doc_year: int | None, doc_month: int | None = None,
             reform_era: bool = False) -> tuple[str, str, bool] | None:
    g = m.groupdict()
    if kind in ("day_span", "day_span_en"):
        if kind == "day_span":
            m1, m2 = int(g["m1"]), int(g["m2"])
        else:
            m1, m2 = _MONTHS_EN[(g["mn1"] or g["mn1b"]).lower()], _MONTHS_EN[(g["mn2"] or g["mn2b"]).lower()]
        y2 = _year(g["y2"], None) or (_year(g["y1"], None) if g["y1"] and m1 <= m2 else None) or doc_year
        if y2 is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        y1 = _year(g["y1"], y2 if m1 <= m2 else y2 - 1)
        if (y1, m1) > (y2, m2):
            return None
        code = _months_code(y1, m1, y2, m2)
        if _statistical_period(m, kind):
            # "từ ngày 15/12/2023 đến ngày 14/6/2024": the administrative reporting period (from the 15th to the 14th)
            # of the months after its first day, here the first half of 2024
            y1, m1 = (y1 + 1, 1) if m1 == 12 else (y1, m1 + 1)
            code = _months_code(y1, m1, y2, m2) if (y1, m1) <= (y2, m2) else code
        elif not _whole_months(m, kind):
            # "from July 1 to September 17" is not the third quarter: only days that begin and end their months
            # make a quarter, a half or a year of them
            code = f"{y1}-{m1:02d}..{y2}-{m2:02d}" if (y1, m1) != (y2, m2) else f"{y1}-{m1:02d}"
        return code, "flow", not (g["y1"] or g["y2"])
    if kind == "month_span":
        y2 = _year(g["y2"], None)
        y1 = _year(g["y1"], y2)
        y2 = y2 or y1
        from_doc = False
        if y1 is None:
            y1 = y2 = doc_year
            from_doc = True
        if y1 is None:
            return None
        return _months_code(y1, int(g["m1"]), y2, int(g["m2"])), "flow", from_doc
    if kind == "month_span_en":
        y = _year(g["y"], doc_year)
        if y is None:
            return None
        m1 = _MONTHS_EN[(g["mn1"] or g["mn1b"] or g["mn1c"]).lower()]
        m2 = _MONTHS_EN[(g["mn2"] or g["mn2b"] or g["mn2c"]).lower()]
        return (_months_code(y, m1, y, m2), "flow", not g["y"]) if m1 <= m2 else None
    if kind == "since":
        # "từ đầu năm 2024 đến nay" runs from January; "từ năm 2021 đến nay" over whole years
        return ("since", g["y"], g["m"] or ("1" if g["early"] else "")), "since", False
    if kind == "part_of_relative_year":
        if doc_year is None:
            return None
        back = (g["rel"] or "").lower() in ("trước", "ngoái") or (g["rel_en"] or "").lower() in ("last", "the previous")
        y = doc_year - (1 if back else 0)
        if g["q"] or g["qe"]:
            q = _ROMAN[g["q"].lower()] if g["q"] else ["first", "second", "third", "fourth"].index(g["qe"].lower()) + 1
            return f"{y}-Q{q}", "flow", True
        if g["h"]:
            return f"{y}-H{1 if g['h'].lower() == 'first' else 2}", "flow", True
        if g["m"]:
            month = int(g["m"])
            return (f"{y}-{month:02d}", "flow", True) if 1 <= month <= 12 else None
        n = int(g["n"] or g["ne"]) if (g["n"] or g["ne"]).isdigit() else _NUMBER_WORDS_EN[g["ne"].lower()]
        if not 1 <= n <= 12:
            return None
        last = (g["part"] or "").strip().lower() == "cuối"
        return _months_code(y, 13 - n if last else 1, y, 12 if last else n), "flow", True
    if kind == "past_months":
        if doc_year is None or doc_month is None:
            return None
        n = int(g["n"] or g["ne"]) if (g["n"] or g["ne"]).isdigit() else _NUMBER_WORDS_EN[g["ne"].lower()]
        end_y, end_m = (doc_year, doc_month - 1) if doc_month > 1 else (doc_year - 1, 12)
        if not 1 <= n <= 12:
            return None
        start = end_y * 12 + end_m - 1 - (n - 1)
        return _months_code(start // 12, start % 12 + 1, end_y, end_m), "flow", True
    if kind == "past_year_en":
        if doc_year is None:
            return None
        return str(doc_year - (1 if doc_month is not None and doc_month <= 6 else 0)), "flow", True
    if kind == "since_month":
        return ("since", "", g["m"]), "since", True
    if kind == "asof_day_en_no_year":
        month = _MONTHS_EN[(g["mn"] or g["mn2"]).lower()]
        return ("day", "", str(month), g["d"] or g["d2"]), "day", True
    if kind == "cumulative_to":
        if g["now"]:
            return ("since", "", "1"), "since", True  # from January to the document's date
        y = _year(g["y"] or g["yd"], doc_year)
        month = int(g["m"] or g["md"])
        if y is None or not 1 <= month <= 12:
            return None
        return _months_code(y, 1, y, month), "flow", not (g["y"] or g["yd"])
    if kind == "months_of_operation":
        if not reform_era:
            return None
        if g["days"]:
            return ("since", str(TWO_TIER_START[0]), str(TWO_TIER_START[1])), "since", False
        said = (g["n1"] or g["n2"] or g["n3"] or "1").lower()
        n = int(said) if said.isdigit() else {"one": 1, "a": 1, "một": 1, "hai": 2, "ba": 3, **_NUMBER_WORDS_EN}.get(said, 1)
        n += 1 if (g["more"] or g["more_vi"]) else 0  # "after more than a month": into the second month
        y, m1 = TWO_TIER_START
        if not 1 <= n <= 6:
            return None
        return _months_code(y, m1, y, m1 + n - 1), "flow", False
    if kind == "since_two_tier":
        return ("since", str(TWO_TIER_START[0]), str(TWO_TIER_START[1])), "since", False
    if kind in ("since_day", "since_day_open"):
        return ("since", g["y"] or "", g["m"]), "since", not g["y"]
    if kind == "since_year_start":
        return ("since", g["y"] or g["y2"] or "", "1"), "since", not (g["y"] or g["y2"])
    if kind == "since_en":
        if m.group(0).lower().startswith("from") and not re.search(r"(?:to|until|till)\s", m.group(0), re.IGNORECASE):
            return None  # "from July 1, the commune …" is a start date, not a span to now
        month = _MONTHS_EN.get((g["mn"] or g["mn2"]).lower())
        return ("since", g["y"] or "", str(month)), "since", not g["y"]
    if kind in ("asof_day_no_year", "event_day"):
        return ("day", "", g["m"], g["d"]), "day", True
    if kind == "year_span":
        y1, y2 = (g["y1"], g["y2"]) if g["y1"] else (g["y3"], g["y4"])
        if int(y2) < int(y1):
            return None
        return (f"{y1}..{y2}" if y1 != y2 else y1), "flow", False
    if kind == "first_months":
        n = int(g["n"])
        y = _year(g["y"], doc_year)
        if y is None or not 1 <= n <= 12:
            return None
        last = (g["part"] or "").strip().lower() == "cuối"
        m1, m2 = (13 - n, 12) if last else (1, n)
        return _months_code(y, m1, y, m2), "flow", not g["y"]
    if kind == "first_months_en":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS_EN[g["n"].lower()]
        y = _year(g["y"], doc_year)
        if y is None or not 1 <= n <= 12:
            return None
        return _months_code(y, 1, y, n), "flow", not g["y"]
    if kind == "half_en":
        h = 1 if (g["h"] or "").lower() == "first" or g["hn"] == "1" else 2
        y = _year(g["y"] or g["y2"], doc_year)
        return (f"{y}-H{h}", "flow", not (g["y"] or g["y2"])) if y else None
    if kind == "quarter_en":
        if g["qn"]:
            return f"{g['y2']}-Q{g['qn']}", "flow", False
        if g["qn_bare"]:
            return (f"{doc_year}-Q{g['qn_bare']}", "flow", True) if doc_year else None
        y = _year(g["y"], doc_year)
        q = ["first", "second", "third", "fourth"].index(g["q"].lower()) + 1
        return (f"{y}-Q{q}", "flow", not g["y"]) if y else None
    if kind == "this_span_vi":
        if doc_year is None:
            return None
        if g["n"]:
            n = int(g["n"])
            return (_months_code(doc_year, 1, doc_year, n), "flow", True) if 1 <= n <= 12 else None
        which = g["which"].lower()
        if which == "năm":
            return str(doc_year), "flow", True
        if doc_month is None:
            return None
        if which == "tháng":
            return f"{doc_year}-{doc_month:02d}", "flow", True
        return f"{doc_year}-Q{(doc_month + 2) // 3}", "flow", True
    if kind == "year_vi":
        if doc_year is None:
            return None
        which = g["which"].lower()
        back = which in ("trước", "ngoái") or (which == "qua" and doc_month is not None and doc_month <= 6)
        return str(doc_year - (1 if back else 0)), "flow", True
    if kind == "month_before":
        if doc_year is None or doc_month is None:
            return None
        y, m = (doc_year, doc_month - 1) if doc_month > 1 else (doc_year - 1, 12)
        return f"{y}-{m:02d}", "flow", True
    if kind == "year_en":
        if doc_year is None:
            return None
        return str(doc_year - (1 if g["which"].lower() == "last" else 0)), "flow", True
    if kind == "quarter":
        y = _year(g["y"], doc_year)
        if y is None:
            return None
        return f"{y}-Q{_ROMAN[g['q'].lower()]}", "flow", not g["y"]
    if kind in ("asof_day", "asof_day_en"):
        month = _month_of(g) or _MONTHS_EN.get((g.get("mn2") or "").lower())
        if not month:
            return None
        return f"asof {g['y']}-{month:02d}-{int(g['d'] or g['d2']):02d}", "asof", False
    if kind in ("asof_month", "asof_month_en", "month", "month_en", "month_en_bare"):
        # "đến hết tháng 2/2023" is a stock at the month's end, "tháng 5/2023" a flow over the month
        month = _month_of(g)
        y = _year(g.get("y"), doc_year)
        if not month or y is None:
            return None
        if kind.startswith("asof"):
            return f"asof {y}-{month:02d}", "asof", not g.get("y")
        return f"{y}-{month:02d}", "flow", not g.get("y")
    if kind == "asof_year":
        return f"asof {g['y'] or g['y2']}", "asof", False
    if kind == "now":
        return "", "now", True
    if kind in ("date", "date_en"):
        return "", "date", False
    if kind == "year":
        return g["y"], "flow", False
    return None


def _statistical_period(m: re.Match[str], kind: str) -> bool:
    """Whether a span between two days runs from a 15th to a 14th, as administrative reporting periods do."""
    if kind != "day_span" or m.group("d2") is None:
        return False
    days = re.findall(r"(?<![\d/])(\d{1,2})(?=\s*/)", m.group(0))
    return bool(days) and int(days[0]) == 15 and int(m.group("d2")) == 14


def _whole_months(m: re.Match[str], kind: str) -> bool:
    """Whether a span between two days starts on a month's first day and ends on a month's last (or "cuối tháng")."""
    days = [int(d) for d in re.findall(r"(?<![\d/])(\d{1,2})(?!\d)", m.group(0))]
    said = m.group(0).lower()
    if kind == "day_span":
        first = days[0] if days else 1
        last_said = "cuối" in said or "hết" in said or m.group("d2") is None
        last = 31 if last_said else int(m.group("d2"))
    else:
        first = days[0] if days else 1
        last = days[1] if len(days) > 1 else 31
    return first == 1 and last >= 28


def _month_of(g: dict) -> int | None:
    """The month of a match: a number (8, 08) or an English month name."""
    return int(g["m"]) if g.get("m") else _MONTHS_EN.get((g.get("mn") or g.get("mn_bare") or "").lower())


def _since_code(year: str, month: str, document_date: str | None) -> str | None:
    """From a month (or a year) to the document's date; without a year said, the document's year."""
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?", str(document_date or ""))
    if not m:
        return None
    end_year, end_month = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    if not year:
        year = str(end_year if not (month and end_month and int(month) > end_month) else end_year - 1)
    if month:
        code = _months_code(int(year), int(month), end_year, end_month or 12)
    else:
        code = f"{year}..{end_year}" if int(year) != end_year else year
    return code if _valid(code) else None


def _day_code(month: int, day: int, document_date: str | None) -> str | None:
    """A day written without its year ("5/4") is in the document's year, or the year before when it would be later
    than the document; without a document date it has no code."""
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(document_date or ""))
    if not m:
        return None
    year = int(m.group(1))
    said = (month, day)
    if m.group(2) and said > (int(m.group(2)), int(m.group(3) or 31)):
        year -= 1
    code = f"asof {year}-{month:02d}-{day:02d}"
    return code if _valid(code) else None


# The press writes dates with hyphens ("tính đến 8-5", "ngày 15-9-2024", "tháng 8-2024", "Sáng 27-8"): after a word
# that introduces a day or a month, a hyphen between a day and a month (and a year), or between a month and a year, is
# the slash of the administrative style. It is replaced character for character, so every position stays where it was.
_HYPHEN_DAY = re.compile(r"(?<!\w)((?:ngày|đến|tới|từ|sáng|chiều|tối|trưa|đêm|hôm)\s+)(\d{1,2})-(\d{1,2})"
                         r"(?:-((?:19|20)\d\d))?(?![\d%,.]\d|[\d%-])", re.IGNORECASE)
_HYPHEN_MONTH = re.compile(r"(?<!\w)(tháng\s+)(\d{1,2})-((?:19|20)\d\d)(?![\d-])", re.IGNORECASE)


def slash_dates(text: str) -> str:
    """``text`` with its hyphenated dates written with slashes ("đến 8-5" → "đến 8/5"), at the same positions."""
    def day(m: re.Match) -> str:
        if not (1 <= int(m.group(2)) <= 31 and 1 <= int(m.group(3)) <= 12):
            return m.group(0)
        return m.group(0).replace("-", "/")

    def month(m: re.Match) -> str:
        return m.group(0).replace("-", "/") if 1 <= int(m.group(2)) <= 12 else m.group(0)

    return _HYPHEN_MONTH.sub(month, _HYPHEN_DAY.sub(day, text))


def find_periods(text: str, *, document_date: str | None = None, year_hint: int | None = None) -> list[PeriodMention]:
    """Every period wording in ``text``, in order; overlapping wordings keep the more specific (earlier) pattern.

    ``now`` mentions carry the document date's as-of code (empty when no date is known). ``year_hint`` is the year an
    undated report is about (see :func:`undated_report_year`): wordings without a year ("the first nine months of
    this year", "in July") take it; a span to now or a day still needs the document's date.
    """
    text = slash_dates(unicodedata.normalize("NFC", text))
    doc_year = _doc_year(document_date) or year_hint
    month = re.match(r"\s*(?:asof\s+)?\d{4}-(\d{1,2})", str(document_date or ""))
    doc_month = int(month.group(1)) if month else None
    now = asof_code(document_date) or ""
    reform_era = bool(_TWO_TIER.search(text) or _COMMUNE_CENTRE.search(text))
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []
    opened: list[tuple[int, int, int | None, int]] = []  # spans "since …" whose start month is known: start, end, year (or None), month
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            # trim leading blanks the optional prefixes may leave
            while start < end and text[start].isspace():
                start += 1
            if any(start < e and s < end for s, e in taken):
                continue
            result = _mention(kind, m, doc_year, doc_month, reform_era)
            if result is None:
                continue
            code, mention_kind, from_doc = result
            if mention_kind == "since":
                start_said = (code[1], code[2])
                code, mention_kind = _since_code(code[1], code[2], document_date), "flow"
                if start_said[1]:
                    # a start without its year ("từ đầu năm", "từ ngày 1/7") takes the year of the date it runs to
                    opened.append((start, end, int(start_said[0]) if start_said[0] else None, int(start_said[1])))
                if code is None:
                    continue
            elif mention_kind == "day":
                code, mention_kind = _day_code(int(code[2]), int(code[3]), document_date), "asof"
                if code is None:
                    continue
            if mention_kind == "now":
                code = now
            elif mention_kind == "date":
                code = ""
            elif not _valid(code):
                continue
            taken.append((start, end))
            found.append(PeriodMention(code, mention_kind, start, end, text[start:end], from_doc))
    return _closed_spans(text, sorted(found, key=lambda p: p.start), opened)


# "since …, by the end of October 2025": what is between them is a few words, no sentence's end
_BETWEEN_START_AND_END = re.compile(r"[^.;!?\n]{0,60}")


def _closed_spans(text: str, found: list[PeriodMention],
                  opened: list[tuple[int, int, int | None, int]]) -> list[PeriodMention]:
    """A start ("since the two-tier government", "kể từ tháng 7/2025", "từ đầu năm") followed in its sentence by a date
    it runs to ("by the end of October 2025", "tính đến ngày 30/9/2025", "đến ngày 15/11/2024") is one span from the
    start's month to that date's; a start without its year is in the year of that date."""
    result = list(found)
    for s_start, s_end, year, month in opened:
        end_mention = next((m for m in result if m.kind == "asof" and m.start >= s_end and m.code
                            and _BETWEEN_START_AND_END.fullmatch(text[s_end : m.start])), None)
        if end_mention is None:
            continue
        end = parse_period(end_mention.code).end
        if year is None:
            year = end.year if month <= end.month else end.year - 1
        if (end.year, end.month) < (year, month):
            continue
        code = _months_code(year, month, end.year, end.month)
        if not _valid(code):
            continue
        result = [m for m in result if m is not end_mention and not (m.start == s_start and m.end == s_end)]
        result.append(PeriodMention(code, "flow", s_start, end_mention.end, text[s_start : end_mention.end],
                                    end_code=end_mention.code))
    return sorted(result, key=lambda p: p.start)


def parse_period_text(text: str, *, document_date: str | None = None) -> str | None:
    """The period code of a wording such as ``6 tháng đầu năm 2023``; ``None`` if there is none.

    Without any wording the document date is the fallback (as of that date).
    """
    for mention in find_periods(text, document_date=document_date):
        if mention.code:
            return mention.code
    return asof_code(document_date)


# ── document date ─────────────────────────────────────────────────────────────────────────────────────────────

_DOC_DATE_PATTERNS = [
    re.compile(r"^\s*date[:\s]+(?P<iso>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b", re.IGNORECASE),
    re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE),
    # "Hương Khê, 07/09/2023"; not a web page's "Thứ Ba, 20/01/2026" (today's date at the top of a site, without a time)
    re.compile(r"^(?![ \t]*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)[ \t]*,[ \t]*\d{1,2}/\d{1,2}/\d{4}[ \t]*$)"
               r"[^\n]{0,60},\s*(?:ngày\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.IGNORECASE | re.M),
    # a date on a line of its own, as news pages stamp them: "Ngày 15/01/2025", "Cập nhật: 15/01/2025 08:30"
    # (and "Cập nhật: 27-01-2022 | 09:08:07", "Update: 23-10-2020 | 15:39:18": hyphens, a bar before the time)
    re.compile(r"^[ \t]*(?:ngày|đăng\s+ngày|ngày\s+đăng|cập\s+nhật|đăng\s+lúc|updated?|posted|published)[ \t]*:?[ \t]*"
               r"(?:ngày[ \t]+)?(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
               r"(?:[ \t]*[,|]?[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*$",
               re.IGNORECASE | re.MULTILINE),
    # an English page's stamp on a line of its own: "July 12, 2025", "Updated: 12 July 2025 09:30", "Monday, July 12, 2025"
    re.compile(r"^[ \t]*(?:(?:updated|posted|published|date)[ \t]*:?[ \t]*)?(?:\d{1,2}:\d{2}[ \t]*,?[ \t]*)?"
               r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?[ \t]+)?"
               r"(?:(?P<mn>january|february|march|april|may|june|july|august|september|october|november|december)"
               r"[ \t]+(?P<d>\d{1,2}),?|(?P<d2>\d{1,2})[ \t]+(?P<mn2>january|february|march|april|may|june|july|august"
               r"|september|october|november|december),?)[ \t]+(?P<y>\d{4})(?:[ \t]*,?[ \t]*\d{1,2}:\d{2}(?:[ \t]*[ap]m)?)?"
               r"[ \t]*(?:\(?GMT[+\-]?\d*\)?)?[ \t]*$", re.IGNORECASE | re.M),
]


def document_date_from_text(text: str, *, head: int = 800) -> str | None:
    """The date a document gives itself near its top (``Hương Khê, ngày 07 tháng 9 năm 2023``), as ISO text."""
    top = unicodedata.normalize("NFC", text[:head])
    for pattern in _DOC_DATE_PATTERNS:
        m = pattern.search(top)
        if not m:
            continue
        g = m.groupdict()
        if g.get("iso"):
            return m.group("iso")
        if g.get("mn") or g.get("mn2"):
            mo, d = _MONTHS_EN[(g["mn"] or g["mn2"]).lower()], int(g["d"] or g["d2"])
        else:
            mo, d = int(m.group("m")), int(m.group("d"))
        y = int(m.group("y"))
        code = f"{y:04d}-{mo:02d}-{d:02d}"
        if _valid(f"asof {code}"):
            return code
    return None


# ── the year of an undated report ─────────────────────────────────────────────────────────────────────────────────

_TWO_TIER = re.compile(r"chính\s+quyền\s+(?:địa\s+phương\s+)?(?:2|hai)\s+cấp|(?:two|2)[-\s](?:tier|level)\s+(?:local\s+)?"
                       r"(?:government|administration|model|local)", re.IGNORECASE)
# a commune's or ward's public administration service centre exists only since the two-level government (July 2025)
# (Hà Nội's communes have service points, "điểm phục vụ hành chính công", branches of the city's one centre)
_COMMUNE_CENTRE = re.compile(r"(?:trung\s+tâm|điểm)\s+phục\s+vụ\s+hành\s+chính\s+công\s+(?:của\s+)?(?:các\s+)?"
                             r"(?:xã|phường|đặc\s+khu)"
                             r"|(?:commune|ward)(?:'s)?\s+public\s+administra(?:tion|tive)\s+service\s+(?:cent(?:er|re)|point)",
                             re.IGNORECASE)
# a year said in a plan or as a comparison is not the year reported on
_NOT_REPORTED_YEAR = re.compile(r"(?:so\s+với|compared\s+(?:with|to)|over|than|đến|tới|by|to|until|giai\s+đoạn|period|"
                                r"tầm\s+nhìn|vision|phấn\s+đấu|kế\s+hoạch|plan|target)\s+(?:(?:cùng\s+kỳ\s+)?(?:năm|the\s+"
                                r"(?:same\s+period\s+(?:of|in)\s+)?|year)\s+)?$|\d\s*[-–]\s*$", re.IGNORECASE)
# a sentence that says what is to be done: its year is a plan's (checked against the whole sentence, for "Năm 2025,
# huyện phấn đấu …" puts the year first)
_PLAN_SENTENCE = re.compile(r"(?<!\w)(?:phấn\s+đấu|dự\s+kiến|sẽ|mục\s+tiêu|aims?\s+(?:to|for|at)|will|plans?\s+to|"
                            r"expects?|strives?|targets?\s+(?:to|of)|is\s+expected)(?!\w)", re.IGNORECASE)


_PLAN_MET = re.compile(r"(?<!\w)(?:đạt|hoàn\s+thành|vượt|cán\s+đích|achieved|met|exceeded|reached)(?:\s+(?:được|its|the))?\s*$",
                       re.IGNORECASE)


def _plans(sentence: str) -> bool:
    """Whether a sentence says what is to be done ("đã đạt mục tiêu" says a goal was met: a result)."""
    return any(not _PLAN_MET.search(sentence[max(0, m.start() - 25) : m.start()])
               for m in _PLAN_SENTENCE.finditer(sentence))


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")  # "12.500" and "75,5%" do not end a sentence


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)]


_YEAR_SAID = re.compile(r"(?<![\d/.,-])((?:19|20)\d\d)(?![\d/])")


def undated_report_year(text: str) -> int | None:
    """The year an undated report is about, from its text: the latest year it states of its own results (not a
    year compared with, a plan's horizon or a span's end), and at least 2025 when it speaks of the two-level local
    government that began in July 2025. ``None`` when the text says neither."""
    text = slash_dates(unicodedata.normalize("NFC", text))
    years = []
    for m in _YEAR_SAID.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _NOT_REPORTED_YEAR.search(before) or re.match(r"\s*[-–]\s*(?:19|20)\d\d", text[m.end() : m.end() + 8]):
            continue
        if _plans(_sentence_around(text, m.start(), m.end())):
            continue  # "Năm 2025, huyện phấn đấu …", "In 2025, the district aims …": a plan's year, not the results'
        years.append(int(m.group(1)))
    if _TWO_TIER.search(text) or _COMMUNE_CENTRE.search(text):
        years.append(TWO_TIER_START[0])
    return max(years) if years else None


# ── the day a news story's lead names ─────────────────────────────────────────────────────────────────────────────

# "Chiều 9/7, Chủ tịch UBND … kiểm tra …", "On the afternoon of July 9, the chairman inspected …": a news story opens
# with the day of the event it reports, and is filed that day or soon after. The lead's first words only, so that a
# day said later in the story ("On July 9, the chairman visited it") is never taken for it.
_LEAD_DAY = re.compile(
    r"^[ \t]*(?:\([^()\n]{1,20}\)[ \t]*[-–—][ \t]*)?(?:(?:sáng|chiều|tối|trưa|đêm)\s+(?:nay\s+)?(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})(?![\d/-])"
    r"|on\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?(?:(?P<mn>" + _MONTH_NAMES + r")\s+(?P<d2>\d{1,2})"
    r"|(?P<d3>\d{1,2})\s+(?P<mn3>" + _MONTH_NAMES + r"))" + _ORDINAL + r"(?!,?\s*\d))",
    re.IGNORECASE | re.MULTILINE)


def lead_day(text: str, year: int | None, *, head: int = 400) -> str | None:
    """The day an undated news story's lead names (``2025-07-09``), in ``year`` (the year the story is about), or None."""
    if year is None:
        return None
    lines = [line for line in unicodedata.normalize("NFC", text[:head]).splitlines() if line.strip()]
    # the lead is the first paragraph, or the one after a title (a short first line that ends no sentence)
    leads = lines[:2] if lines and len(lines[0]) < 200 and not lines[0].rstrip().endswith((".", ":", ";")) else lines[:1]
    m = next((found for line in leads if (found := _LEAD_DAY.match(line))), None)
    if not m:
        return None
    if m["d"]:
        day, month = int(m["d"]), int(m["m"])
    else:
        day, month = int(m["d2"] or m["d3"]), _MONTHS_EN[(m["mn"] or m["mn3"]).lower()]
    code = f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 else ""
    return code if code and _valid(f"asof {code}") else None
