"""How a period code (2023-H1, asof 2023-08-18, …) reads in each language, from the translation table."""

from __future__ import annotations

from loaders.periods import AS_OF_UNKNOWN_KIND, parse_period

from . import t


def format_about(about: str, lang: str) -> str:
    """'2023' or '2023-03' (an undated source's date_about) as words: '2023', 'tháng 3/2023' / 'Mar 2023'."""
    parts = str(about).split("-")
    if len(parts) >= 2:
        month = int(parts[1])
        return t("periods.about_month", lang, month=month, month_name=t(f"periods.month_{month}", lang), year=parts[0])
    return parts[0]


def format_period(code: str, lang: str, about: str | None = None) -> str:
    """How the period code reads; ``about`` is the undated source's date_about, said with 'asof unknown'."""
    period = parse_period(code)
    start, end = period.start, period.end
    if period.kind == AS_OF_UNKNOWN_KIND:
        if isinstance(about, str) and about:
            return t("periods.as_of_unknown", lang, about=format_about(about, lang))
        return t("periods.as_of_unknown_bare", lang)
    if period.kind == "year":
        return t("periods.year", lang, year=start.year)
    if period.kind == "half":
        return t(f"periods.half{1 if start.month == 1 else 2}", lang, year=start.year)
    if period.kind == "quarter":
        return t("periods.quarter", lang, quarter=(start.month + 2) // 3, year=start.year)
    if period.kind == "month":
        return t("periods.month", lang, month=start.month, month_name=t(f"periods.month_{start.month}", lang), year=start.year)
    if period.kind == "month_range":
        if start.month == 1 and start.year == end.year:
            return t("periods.first_months", lang, months=end.month, year=end.year,
                     last=t(f"periods.month_{end.month}", lang))
        return t("periods.month_range", lang, m1=start.month, y1=start.year, m2=end.month, y2=end.year,
                 name1=t(f"periods.month_{start.month}", lang), name2=t(f"periods.month_{end.month}", lang))
    if period.kind == "year_range":
        return t("periods.year_range", lang, y1=start.year, y2=end.year)
    # as_of: say only as much of the date as the code gave
    parts = code.split()[1].split("-")
    if len(parts) == 3:
        return t("periods.as_of_day", lang, day=end.day, month=end.month, month_name=t(f"periods.month_{end.month}", lang), year=end.year)
    if len(parts) == 2:
        return t("periods.as_of_month", lang, month=end.month, month_name=t(f"periods.month_{end.month}", lang), year=end.year)
    return t("periods.as_of_year", lang, year=end.year)
