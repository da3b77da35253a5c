"""The words around a figure: its level, its source, its hover card. Shared by every chart builder and page
so a figure reads the same wherever it appears."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from functools import lru_cache
from zoneinfo import ZoneInfo
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from domain.units import is_pre_reform_id
from i18n import pick, t
from i18n.numbers import format_number, format_value
from i18n.periods import format_about, format_period

from .markup import plotly_text


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def unit_word(row: Mapping, lang: str) -> str:
    """huyện, xã, phường, tỉnh, đặc khu … from the unit's subtype (a row without one is a district's)."""
    subtype = row.get("unit_subtype")
    return t(f"subtypes.{subtype if _present(subtype) else 'huyen'}", lang)


def unit_label(row: Mapping, lang: str) -> str:
    """'huyện Lâm Bình' / 'Lâm Bình district': the unit's name with its type word."""
    name = row.get("unit_name") if _present(row.get("unit_name")) else row.get("district_name")
    return t("subtypes.named", lang, word=unit_word(row, lang), name=name)


def kind_words(kinds: Iterable[str], lang: str) -> dict[str, str]:
    """The words a sentence about units of these kinds uses: {unit} (one), {units} (several), {units_title}; those
    of the one kind when all are of one kind ("huyện", "xã, phường", "tỉnh"), else "đơn vị"."""
    found = set(kinds)
    kind = found.pop() if len(found) == 1 else "any"
    units = t(f"comparable.units_{kind}", lang)
    return {"unit": t(f"comparable.unit_{kind}", lang), "units": units, "units_title": units[:1].upper() + units[1:]}


def unit_labels(rows: Iterable[Mapping], lang: str) -> dict[str, str]:
    """Unit id → the name a list of units (a picker, a scorecard column) shows: a district by its bare name, any
    other unit with its type word (unit_label), so the district and the commune Thuận Châu, or the district and the
    province Hòa Bình, read apart. Two units that would still read alike also say their province (or, without one,
    their id): a list never holds two identical labels for two units."""
    labels: dict[str, str] = {}
    provinces: dict[str, str] = {}
    before_reform: dict[str, bool | None] = {}  # None: the row does not say (no unit_id)
    for row in rows:
        unit = row["district_id"]
        if unit in labels:
            continue
        kind = row.get("unit_kind")
        labels[unit] = unit_label(row, lang) if _present(kind) and kind != "district" else str(row["district_name"])
        province = row.get("province_2025")
        provinces[unit] = str(province) if _present(province) else unit
        unit_id = row.get("unit_id")
        before_reform[unit] = is_pre_reform_id(str(unit_id)) if _present(unit_id) else None
    labels = _era_said(labels, before_reform, lang)
    seen = Counter(labels.values())
    labels = {unit: f"{label} ({provinces[unit]})" if seen[label] > 1 else label for unit, label in labels.items()}
    seen = Counter(labels.values())
    return {unit: f"{label} · {unit}" if seen[label] > 1 else label for unit, label in labels.items()}


def _era_said(labels: dict[str, str], before_reform: dict[str, bool | None], lang: str) -> dict[str, str]:
    """Units of one name on both sides of the 1 July 2025 reform (the old province Phú Thọ and today's, which took in
    Vĩnh Phúc and Hòa Bình): the old one says so, today's keeps its bare name. Where the era does not tell a group
    apart (two old districts Châu Thành), the province does, after this."""
    groups: dict[str, list[str]] = {}
    for unit, label in labels.items():
        groups.setdefault(label, []).append(unit)
    said = dict(labels)
    for label, units in groups.items():
        eras = [before_reform[unit] for unit in units]
        if len(units) > 1 and None not in eras and len(set(eras)) == 2:
            for unit in units:
                if before_reform[unit]:
                    said[unit] = t("subtypes.before_reform", lang, label=label)
    return said


def level_label(row: Mapping, lang: str) -> str:
    """The level in plain words, relative to the unit: 'toàn huyện', 'UBND huyện', 'cấp xã (cộng lại)',
    'xã Lâm Thượng'."""
    level = row["level"]
    if level == "commune":
        return t("common.level_commune", lang, commune=row["commune"])
    return t(f"common.level_{level}", lang, unit=unit_word(row, lang))


def figure_owner(row: Mapping, lang: str) -> str:
    """Whose figure it is: the unit's name, and for one commune's figure the commune first ('xã Lâm Thượng
    (Lục Yên)'), so a commune's figure never reads as its district's."""
    name = str(row["district_name"])
    if row.get("level") == "commune":
        return f"{level_label(row, lang)} ({name})"
    return name


def provenance_text(row: Mapping, lang: str) -> str:
    """Where the figure can be checked: the verbatim quote of an own document, or for a public page the number
    as printed, where it stands and the page's address (as text, never a link)."""
    quote = row.get("quote")
    if _present(quote) and row.get("source_holds_quotes") is not False:
        return f"“{quote}”"
    parts = []
    if _present(row.get("printed")):
        parts.append(f"{t('common.printed', lang)} «{row['printed']}»")
    if _present(row.get("locator")):
        parts.append(f"{t('common.locator', lang)}: {row['locator']}")
    if _present(row.get("source_url")):
        parts.append(f"{t('common.link', lang)}: {row['source_url']}")
    if not parts and _present(quote):
        return f"“{quote}”"
    return " · ".join(parts)


def indicator_name(row: Mapping, lang: str) -> str:
    return pick(lang, row["indicator_name_vi"], row["indicator_name_en"])


def group_title(key: str, first_row: Mapping, lang: str) -> str:
    """A compare group's title as the catalogue names it (compare_groups in data/indicators.yaml); a lone
    indicator's is its own catalogue name."""
    name = first_row.get(f"compare_group_name_{lang}") if first_row.get("compare_group") == key else None
    return name if isinstance(name, str) and name else indicator_name(first_row, lang)


def value_text(row: Mapping, lang: str) -> str:
    qualifier = row.get("qualifier")
    return _value_text(row["value"], row["unit"], lang, qualifier if _present(qualifier) else None)


@lru_cache(maxsize=50_000)  # Babel looks the locale up on every call; a page formats the same values each rerun
def _value_text(value: float, unit: str, lang: str, qualifier: str | None) -> str:
    return format_value(value, unit, lang, qualifier)


VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def clock_text(moment: object, lang: str) -> str:
    """A moment stored in UTC (ISO text or Timestamp) as officials read a clock: Vietnam time, the date as people
    write it, then hours and minutes ('2/12/2026 10:46'); the UTC date is a day behind before 07:00. Text that is not a
    moment is shown as written."""
    try:
        stamp = pd.Timestamp(moment)
    except (ValueError, TypeError):
        return str(moment)
    if pd.isna(stamp):
        return ""
    local = (stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp).tz_convert(VIETNAM_TIME)
    return f"{date_text(local, lang)} {local:%H:%M}"


def date_text(date: object, lang: str) -> str:
    """A date (date, Timestamp or ISO text) as people write it: 7/9/2023 in Vietnamese, 7 Sep 2023 in English; a
    source dated only to its month or year ('2023-08', '2023') says only that much."""
    if not hasattr(date, "day"):
        text = str(date)
        try:
            date = dt.date.fromisoformat(text[:10]) if len(text) >= 10 else None
        except ValueError:
            return text  # not a date we can read: as written
        if date is None:
            return format_about(text, lang) if text[:4].isdigit() else text
    return t("charts.source_date", lang, day=date.day, month=date.month, year=date.year,
             month_name=t(f"periods.month_{date.month}", lang))


def source_text(row: Mapping, lang: str = "vi") -> str:
    """'Báo cáo … (373/BC-UBND, 7/9/2023)': the document as people cite it (an undated one: '~2023', '~tháng 3/2023',
    '~Mar 2023'); the date as people write it (7/9/2023; 7 Sep 2023 in English), never ISO. The one citation
    formatter: charts, tables and the pack's source list all cite through it."""
    parts = (row["source_title"], row.get("source_number"), row.get("source_date"), row.get("source_date_about"))
    try:
        return _citation(*parts, lang)
    except TypeError:  # a part that cannot be a cache key (a list, a dict): cited without the cache
        return _citation.__wrapped__(*parts, lang)


# Memoised: a compare theme cites each bar's document twice (its hover card and the chart's source line), some 360
# citations of a few documents on each change of theme (0.9 -> 0.14 ms at national; issue 17, ninth round (r)); a citation depends on
# these parts alone, all plain values.
@lru_cache(maxsize=20_000, typed=True)
def _citation(title: object, number: object, date: object, date_about: object, lang: str) -> str:
    if _present(date):
        date = date_text(date, lang)
    elif _present(date_about):
        date = f"~{format_about(date_about, lang)}"
    details = ", ".join(str(part) for part in (number, date) if _present(part))
    return f"{title} ({details})" if details else str(title)


def localised_formula(text: str, lang: str) -> str:
    """'1973 ÷ 25250 × 100' → '1.973 ÷ 25.250 × 100' in Vietnamese: formulas read like every other number."""
    return re.sub(r"\d+(?:\.\d+)?", lambda m: format_number(float(m.group()), lang), text)


@lru_cache(maxsize=20_000)  # the same quotes and titles are wrapped again on every rerun
def wrap(text: str, width: int = 60) -> str:
    """Plotly hover cards do not wrap; break long quotes into lines (escaped, since the card renders tags)."""
    return "<br>".join(plotly_text(line) for line in textwrap.wrap(str(text), width)) or ""


def period_text(row: Mapping, lang: str) -> str:
    """The period in words; 'asof unknown' says it is undated and about when the source is."""
    about = row.get("period_about")
    return _period_text(row["period_label"], lang, about if _present(about) else None)


@lru_cache(maxsize=5_000)
def _period_text(label: str, lang: str, about: str | None) -> str:
    return format_period(label, lang, about)


def hover_card(row: Mapping, lang: str, shown_value: str | None = None, formula: str | None = None) -> str:
    """Everything a doubter needs to check one bar: unit, what, value, period, level, source, quote (or, for a
    public page, the number as printed, where it stands and the address), the curator's note."""
    lines = [
        f"<b>{plotly_text(figure_owner(row, lang))}</b>",
        plotly_text(indicator_name(row, lang)),
        f"{t('common.value', lang)}: <b>{plotly_text(shown_value or value_text(row, lang))}</b>",
        f"{t('common.period', lang)}: {plotly_text(period_text(row, lang))}",
        f"{t('common.level', lang)}: {plotly_text(level_label(row, lang))}",
    ]
    if formula:
        lines.append(f"{t('common.formula', lang)}: {plotly_text(formula)}")
    elif row.get("is_derived") and _present(row.get("formula_values")):
        lines.append(f"{t('common.derived', lang)}: {plotly_text(localised_formula(str(row['formula_values']), lang))}")
    if row.get("disagrees") is True and _present(row.get("stated_value")):
        stated = value_text({**row, "value": row["stated_value"], "qualifier": None}, lang)
        lines.append(plotly_text(t("common.stated_disagrees", lang, stated=stated, derived=value_text(row, lang))))
    lines.append(f"{t('common.source', lang)}: {wrap(source_text(row, lang))}")
    quote = row.get("quote")
    if _present(quote) and row.get("source_holds_quotes") is not False:
        lines.append(f"{t('common.quote', lang)}: <i>“{wrap(quote)}”</i>")
    else:
        lines.append(f"{t('common.provenance', lang)}: {wrap(provenance_text(row, lang))}")
    if _present(row.get("note")):
        lines.append(f"{t('common.note', lang)}: {wrap(row['note'])}")
    return "<br>".join(lines)


def source_note(rows: pd.DataFrame | list[Mapping], lang: str) -> str:
    """One line under a chart: every document and period it draws on (rows as a frame or as records)."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else rows
    sources = list(dict.fromkeys(source_text(row, lang) for row in records))
    periods = list(dict.fromkeys(period_text({"period_label": row["period_label"],
                                              "period_about": row.get("period_about")}, lang) for row in records))
    return (f"{t('common.source', lang)}: {'; '.join(sources)} · "
            f"{t('common.period', lang)}: {'; '.join(periods)}")


@lru_cache(maxsize=4)
def _undated(lang: str) -> tuple[re.Pattern, str]:
    # The undated period's words come from the translation table; the pattern is made from them, never retyped.
    before, after = t("periods.as_of_unknown", lang, about="\x00").split("\x00")
    return re.compile(re.escape(before) + r"(.+?)" + re.escape(after)), t("periods.as_of_unknown_bare", lang)


def short_undated(text: str, lang: str) -> tuple[str, bool]:
    """A bar label with an undated period ("Đến thời điểm đưa tin (không ghi ngày, khoảng 2023)", 50 characters
    written upright over a slide's title) shortened to "~2023"; True when something was shortened, so the slide
    says once what "~" means (present.undated_note). The chart's source line keeps the period in full words."""
    pattern, bare = _undated(lang)
    short = pattern.sub(lambda match: f"~{match.group(1)}", text)
    short = short.replace(bare, t("present.undated_bare", lang))
    return short, short != text
