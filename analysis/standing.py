"""Strengths and gaps of one unit: against the national target where the catalogue has one, and against the
median of the other units of its kind (districts with districts, communes with communes, provinces with provinces)
that report the same indicator for the whole unit.

Absolute counts depend on a unit's size, so they are compared with other units only as rates or per-unit ratios;
the period of both sides is always said, because reports cover different periods. The kind's words come from the
translation table (comparable.units_<kind>), the same words the pages use (ui.scope.unit_words)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from i18n import pick, t
from i18n.numbers import format_number, format_value
from i18n.periods import format_period

from .targets import reaches

MEDIAN_MARGIN = 0.10  # ±10% of the median counts as "about the same", not a strength or a gap
MIN_OTHERS = 1  # few units of a kind report the same rate: even one other is worth saying


@dataclass(frozen=True)
class Finding:
    kind: str  # "strength" | "gap"
    indicator_id: str
    text: str


def _size_free(row) -> bool:
    """Scale-free as the catalogue declares it (indicators.yaml: scale_free; percentages by default): only such
    figures are set beside the other units' median, since counts grow with a unit's size."""
    return bool(row["scale_free"])


def findings(standing: pd.DataFrame | Sequence[Mapping], lang: str) -> list[Finding]:
    """standing: rows of queries/district_standing.sql for one unit, as a frame or as records (NULL as None)."""
    found: list[Finding] = []
    for row in standing.to_dict("records") if isinstance(standing, pd.DataFrame) else standing:
        if row["structural"] or row["higher_is_better"] is not True:
            continue
        name = pick(lang, row["indicator_name_vi"], row["indicator_name_en"])
        qualifier = row["qualifier"] if isinstance(row["qualifier"], str) else None
        value = format_value(row["value"], row["unit"], lang, qualifier)
        period = format_period(row["period_label"], lang)
        if pd.notna(row["target_value"]):
            target = format_value(row["target_value"], row["unit"], lang)
            year = f" {int(row['target_year'])}" if pd.notna(row["target_year"]) else ""
            if reaches(row["value"], row["target_value"], qualifier):
                found.append(Finding("strength", row["indicator_id"], t(
                    "standing.meets_target", lang, name=name, value=value, period=period, target=target, year=year)))
            else:
                found.append(Finding("gap", row["indicator_id"], t(
                    "standing.below_target", lang, name=name, value=value, period=period, target=target, year=year)))
        if row["others_count"] >= MIN_OTHERS and _size_free(row) and pd.notna(row["others_median"]):
            median = row["others_median"]
            others_periods = "; ".join(format_period(code, lang) for code in row["others_periods"])
            values = dict(name=name, value=value, period=period, count=format_number(int(row["others_count"]), lang),
                          units=t(f"comparable.units_{row['unit_kind']}", lang),
                          median=format_value(median, row["unit"], lang), others_periods=others_periods)
            if row["value"] > median * (1 + MEDIAN_MARGIN):
                found.append(Finding("strength", row["indicator_id"], t("standing.above_median", lang, **values)))
            elif row["value"] < median * (1 - MEDIAN_MARGIN):
                found.append(Finding("gap", row["indicator_id"], t("standing.below_median", lang, **values)))
    return found
