"""A unit's figures over time: one line per unit (and indicator, level, commune), a point per period.

x is the period's end date (an undated figure, 'asof unknown', sits at its sort date and says it is undated);
each point is labelled with its period in words and carries the same hover card as a bar (period, source, quote
or locator and address, note). The latest point of each line is drawn larger: it is the one the compare chart
shows by default."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from i18n import t

from .colors import MISSING_COLOR
from .labels import figure_owner, hover_card, indicator_name, level_label, period_text, source_note, value_text
from .markup import plotly_text
from .spec import ChartSpec
from .style import apply_style

SERIES_KEY = ["district_id", "indicator_id", "level", "commune"]


def series_frames(rows: pd.DataFrame) -> list[pd.DataFrame]:
    """The series in `rows` (one per unit, indicator, level and commune), each sorted oldest first."""
    if rows.empty:
        return []
    keyed = rows.assign(commune=rows["commune"].fillna(""))
    keyed = keyed.sort_values(["indicator_order", "district_order", "level", "commune", "period_end"]) \
        if "district_order" in keyed else keyed.sort_values(SERIES_KEY + ["period_end"])
    return [group for _, group in keyed.groupby(SERIES_KEY, sort=False)]


def has_trend(rows: pd.DataFrame) -> bool:
    """Whether some unit has more than one period of one indicator at one level."""
    return any(group["period_label"].nunique() > 1 for group in series_frames(rows))


def latest_periods(rows: pd.DataFrame, lang: str) -> list[str]:
    """'Lâm Bình: Năm 2023' for every series with several periods: what the compare chart shows by default."""
    listing = []
    for group in series_frames(rows):
        if group["period_label"].nunique() > 1:
            last = group.iloc[-1].to_dict()
            listing.append(f"{figure_owner(last, lang)}: {period_text(last, lang)}")
    return listing


def trend_chart(rows: pd.DataFrame, lang: str, colors: Mapping[str, str], *, chart_id: str, title: str,
                medium: str = "screen") -> ChartSpec:
    """Lines over time for every series of `rows` (queries/observation_series.sql); a series of one period is a
    lone point. Title, ids and colours come from the chart this trend belongs to."""
    figure = go.Figure()
    groups = series_frames(rows)
    several_indicators = rows["indicator_id"].nunique() > 1
    for group in groups:
        records = group.to_dict("records")
        first = records[0]
        name_parts = [figure_owner(first, lang)]
        if several_indicators:
            name_parts.append(indicator_name(first, lang))
        if first["level"] != "district" and first["level"] != "commune":
            name_parts.append(level_label(first, lang))
        color = colors.get(first["district_id"], MISSING_COLOR)
        figure.add_trace(go.Scatter(
            x=[r["period_end"] for r in records], y=[r["value"] for r in records],
            mode="lines+markers+text", name=plotly_text(" · ".join(name_parts)),
            line=dict(color=color, width=3),
            # an undated figure ('asof unknown') is drawn hollow: its place on the time axis is only its sort date
            marker=dict(color=color, size=[9] * (len(records) - 1) + [15], line=dict(color=color, width=2),
                        symbol=["circle-open" if r.get("period_kind") == "as_of_unknown" else "circle"
                                for r in records]),
            text=[f"{plotly_text(value_text(r, lang))}<br>{plotly_text(period_text(r, lang))}" for r in records],
            textposition="top center", cliponaxis=False,
            hovertext=[hover_card(r, lang) for r in records], hovertemplate="%{hovertext}<extra></extra>",
            customdata=[[r["observation_id"], r["period_label"]] for r in records],
        ))
    unit = rows["unit"].iloc[0] if not rows.empty else "count"
    top = float(rows["value"].max()) if not rows.empty else 1.0
    value_axis = dict(range=[0, 112], ticksuffix="%") if unit == "percent" else dict(range=[0, top * 1.3 or 1],
                                                                                   tickformat=",~f")
    # One tick per end date held, named in words (a date axis would print "2025" under every month of a short span);
    # periods that end on the same day ("Năm 2023" and "6 tháng cuối năm 2023") share the tick and both are named.
    ticks: dict = {}
    for r in ([] if rows.empty else rows.to_dict("records")):
        named = ticks.setdefault(r["period_end"], [])
        if period_text(r, lang) not in named:
            named.append(period_text(r, lang))
    figure.update_layout(
        title=dict(text=plotly_text(t("views.trend_title", lang, title=title))),
        separators=t("charts.plotly_separators", lang),
        xaxis=dict(type="date", title=t("views.trend_axis", lang), tickmode="array", tickvals=list(ticks),
                   ticktext=[plotly_text(" / ".join(texts)) for texts in ticks.values()]),
        yaxis=dict(rangemode="tozero", **value_axis),
        legend=dict(orientation="h", x=0, y=-0.22, xanchor="left", yanchor="top"),
        showlegend=True, meta=dict(chart_id=f"{chart_id}/trend"),
    )
    apply_style(figure, medium)
    notes = []
    latest = latest_periods(rows, lang)
    if latest:
        notes.append(t("views.trend_latest_default", lang, listing="; ".join(latest)))
    return ChartSpec(chart_id=f"{chart_id}/trend", title=t("views.trend_title", lang, title=title), figure=figure,
                     source_note=source_note(rows, lang) if not rows.empty else "", notes=notes)
