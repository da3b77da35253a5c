"""The words around a figure: its level, its source, its hover card. Shared by every chart builder and page
so a figure reads the same wherever it appears."""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache
from collections.abc import Mapping

import pandas as pd

from i18n import pick, t, table
from i18n.numbers import format_number, format_value
from i18n.periods import format_period

from .markup import plotly_text


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def level_label(row: Mapping, lang: str) -> str:
    level = row["level"]
    if level == "commune":
        return t("common.level_commune", lang, commune=row["commune"])
    return t(f"common.level_{level}", lang)


def indicator_name(row: Mapping, lang: str) -> str:
    return pick(lang, row["indicator_name_vi"], row["indicator_name_en"])


def group_title(key: str, first_row: Mapping, lang: str) -> str:
    """A compare group's title from the translation table; a lone indicator's is its catalogue name."""
    group_key = f"charts.group_{key}"
    return t(group_key, lang) if group_key in table() else indicator_name(first_row, lang)


def value_text(row: Mapping, lang: str) -> str:
    qualifier = row.get("qualifier")
    return format_value(row["value"], row["unit"], lang, qualifier if _present(qualifier) else None)


def source_text(row: Mapping) -> str:
    """'Báo cáo … (373/BC-UBND, 07/9/2023)': the document as people cite it."""
    details = ", ".join(str(part) for part in (row.get("source_number"), row.get("source_date")) if _present(part))
    return f"{row['source_title']} ({details})" if details else str(row["source_title"])


def localised_formula(text: str, lang: str) -> str:
    """'1973 ÷ 25250 × 100' → '1.973 ÷ 25.250 × 100' in Vietnamese: formulas read like every other number."""
    return re.sub(r"\d+(?:\.\d+)?", lambda m: format_number(float(m.group()), lang), text)


@lru_cache(maxsize=20_000)  # the same quotes and titles are wrapped again on every rerun
def wrap(text: str, width: int = 60) -> str:
    """Plotly hover cards do not wrap; break long quotes into lines (escaped, since the card renders tags)."""
    return "<br>".join(plotly_text(line) for line in textwrap.wrap(str(text), width)) or ""


def hover_card(row: Mapping, lang: str, shown_value: str | None = None, formula: str | None = None) -> str:
    """Everything a doubter needs to check one bar: district, what, value, period, level, source, quote."""
    lines = [
        f"<b>{plotly_text(str(row['district_name']))}</b>",
        plotly_text(indicator_name(row, lang)),
        f"{t('common.value', lang)}: <b>{plotly_text(shown_value or value_text(row, lang))}</b>",
        f"{t('common.period', lang)}: {plotly_text(format_period(row['period_label'], lang))}",
        f"{t('common.level', lang)}: {plotly_text(level_label(row, lang))}",
    ]
    if formula:
        lines.append(f"{t('common.formula', lang)}: {plotly_text(formula)}")
    elif row.get("is_derived") and _present(row.get("formula_values")):
        lines.append(f"{t('common.derived', lang)}: {plotly_text(localised_formula(str(row['formula_values']), lang))}")
    lines.append(f"{t('common.source', lang)}: {wrap(source_text(row))}")
    lines.append(f"{t('common.quote', lang)}: <i>“{wrap(row['quote'])}”</i>")
    return "<br>".join(lines)


def source_note(rows: pd.DataFrame, lang: str) -> str:
    """One line under a chart: every document and period it draws on."""
    documents = rows[["source_title", "source_number", "source_date"]].drop_duplicates()
    sources = list(dict.fromkeys(source_text(row) for row in documents.to_dict("records")))
    periods = list(dict.fromkeys(format_period(code, lang) for code in dict.fromkeys(rows["period_label"])))
    return (f"{t('common.source', lang)}: {'; '.join(sources)} · "
            f"{t('common.period', lang)}: {'; '.join(periods)}")
