"""A unit's own figures as charts, theme by theme (the unit profile): its rates as bars on 0–100% beside its
province's median (when other units of the province report the same rate) and the national target, each bar
labelled with value and period and carrying the full hover card (source, quote or locator and address, note)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from i18n import t
from i18n.numbers import format_value

from .colors import TARGET_COLOR
from .labels import hover_card, indicator_name, period_text, source_note, value_text, wrap
from .markup import plotly_text
from .spec import ChartSpec
from .style import apply_style

LEVEL_RANK = {"district": 0, "commune_aggregate": 1, "unit_bodies": 2, "commune": 3}
UNIT_COLOR = "#0072B2"
MEDIAN_COLOR = "#E69F00"
LOW_RATE = 50.0  # % : a rate below half of its population, with nothing to compare it with, is listed as a gap


def latest_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """One figure per indicator: the whole unit's before its bodies', communes' or one commune's, then the latest
    period; stated rates whose derived twin exists are left to the twin."""
    if rows.empty:
        return rows
    rows = rows[rows["superseded_by"].isna()] if "superseded_by" in rows else rows
    ranked = rows.assign(_level=rows["level"].map(LEVEL_RANK).fillna(4))
    ranked = ranked.sort_values(["indicator_order", "_level", "period_end"], ascending=[True, True, False])
    return ranked.drop_duplicates("indicator_id").drop(columns="_level")


def rates_chart(rows: pd.DataFrame, medians: pd.DataFrame, lang: str, *, chart_id: str, title: str,
                medium: str = "screen") -> ChartSpec | None:
    """The theme's rates of one unit (latest_figures rows with unit 'percent'), a bar each; the province median
    (queries/province_medians.sql, only where at least two units of the province report it) and the national
    target as markers on the same row. None when the theme has no rate."""
    rates = rows[rows["unit"] == "percent"]
    if rates.empty:
        return None
    records = rates.to_dict("records")
    names = [plotly_text(indicator_name(r, lang)) for r in records]
    figure = go.Figure(go.Bar(
        x=[r["value"] for r in records], y=names, orientation="h", marker=dict(color=UNIT_COLOR),
        name=plotly_text(t("profile.this_unit", lang)),
        text=[f"<b>{plotly_text(value_text(r, lang))}</b> · {plotly_text(period_text(r, lang))}" for r in records],
        textposition="outside", cliponaxis=False,
        hovertext=[hover_card(r, lang) for r in records], hovertemplate="%{hovertext}<extra></extra>",
        customdata=[[r["observation_id"]] for r in records]))
    by_indicator = medians.set_index("indicator_id") if not medians.empty else pd.DataFrame()
    median_x, median_y, median_hover = [], [], []
    for r, name in zip(records, names):
        if r["indicator_id"] in by_indicator.index:
            m = by_indicator.loc[r["indicator_id"]]
            if int(m["province_units"]) >= 2:
                median_x.append(m["province_median"])
                median_y.append(name)
                median_hover.append(wrap(t("profile.median_hover", lang, value=format_value(
                    m["province_median"], "percent", lang), count=int(m["province_units"]),
                    periods="; ".join(period_text({"period_label": p}, lang) for p in m["province_periods"]))))
    if median_x:
        figure.add_trace(go.Scatter(x=median_x, y=median_y, mode="markers", name=t("profile.province_median", lang),
                                    marker=dict(symbol="diamond", size=14, color=MEDIAN_COLOR,
                                                line=dict(color="#333333", width=1)),
                                    hovertext=median_hover, hovertemplate="%{hovertext}<extra></extra>"))
    targets = [(r["target_value"], name, r) for r, name in zip(records, names) if pd.notna(r.get("target_value"))]
    if targets:
        figure.add_trace(go.Scatter(
            x=[value for value, _, _ in targets], y=[name for _, name, _ in targets], mode="markers",
            name=t("profile.national_target", lang),
            marker=dict(symbol="line-ns", size=26, color=TARGET_COLOR, line=dict(color=TARGET_COLOR, width=4)),
            hovertext=[plotly_text(t("profile.target_hover", lang, value=format_value(value, "percent", lang),
                                     year=int(r["target_year"]) if pd.notna(r.get("target_year")) else ""))
                       for value, _, r in targets],
            hovertemplate="%{hovertext}<extra></extra>"))
    figure.update_layout(
        title=dict(text=plotly_text(title)), separators=t("charts.plotly_separators", lang),
        xaxis=dict(range=[0, 135], ticksuffix="%", tickvals=[0, 25, 50, 75, 100]),
        yaxis=dict(autorange="reversed", type="category"), showlegend=True,
        legend=dict(orientation="h", x=0, y=-0.12, xanchor="left", yanchor="top"), meta=dict(chart_id=chart_id))
    apply_style(figure, medium)
    figure.update_layout(height=170 + 48 * len(records))
    return ChartSpec(chart_id=chart_id, title=title, figure=figure, source_note=source_note(rates, lang))


def low_rates_without_yardstick(figures: pd.DataFrame, judged: set[str], lang: str) -> list[str]:
    """Rates (higher is better) below LOW_RATE that no target or other unit judges (`judged`: indicator ids the
    standing analysis already speaks of): a weak figure the unit itself states is a gap, not 'not enough data'."""
    found = []
    for r in figures.to_dict("records"):
        if (r["unit"] == "percent" and r.get("higher_is_better") is True and not r.get("structural")
                and r["indicator_id"] not in judged and r["value"] < LOW_RATE):
            found.append(t("profile.low_rate", lang, name=indicator_name(r, lang), value=value_text(r, lang),
                           period=period_text(r, lang), threshold=format_value(LOW_RATE, "percent", lang)))
    return found
