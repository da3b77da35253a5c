"""Side-by-side bar charts of the chosen districts, one chart per indicator or compare group.

Honesty rules built in: every bar is labelled with its value (in the UI's number format) and its period; a
district without the figure gets a visible "no data" mark, never a zero bar; mixed periods, definitions and levels
are flagged on the chart itself and in its notes; national targets are drawn as reference lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from i18n import pick, t
from i18n.numbers import format_number, format_value
from i18n.periods import format_period

from .colors import MISSING_COLOR, TARGET_COLOR
from .labels import group_title, hover_card, indicator_name, level_label, source_note, value_text
from .spec import ChartSpec
from .style import apply_style

PERCENT_AXIS_TOP = 112  # room above 100% for the value labels
PATTERNS = ("", "/", "x", ".", "\\", "+", "-")
LEGEND_SWATCH = "#8C8C8C"
SERIES_MARKS = ("①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨")


def comparison_charts(
    observations: pd.DataFrame,
    districts: pd.DataFrame,
    colors: Mapping[str, str],
    lang: str,
    *,
    per_commune: bool = False,
    medium: str = "screen",
) -> list[ChartSpec]:
    """One ChartSpec per compare group (or lone indicator) in `observations`, bars for every district in
    `districts` (in that order). With per_commune, plain counts are divided by each district's communes."""
    return [comparison_chart(observations, key, districts, colors, lang, per_commune=per_commune, medium=medium)
            for key in chart_keys(observations)]


def _group_keys(observations: pd.DataFrame) -> pd.Series:
    return observations["compare_group"].fillna(observations["indicator_id"])


def chart_keys(observations: pd.DataFrame) -> list[str]:
    """The charts `observations` make, in catalogue order: one per compare group or lone indicator. Cheap, so a
    page can list the charts (and draw each as soon as it is built) before building any."""
    if observations.empty:
        return []
    frame = observations.assign(group_key=_group_keys(observations))
    return list(frame.groupby("group_key", sort=False)["indicator_order"].min().sort_values().index)


def chart_title(observations: pd.DataFrame, key: str, lang: str) -> str:
    """The chart's title as the chart itself shows it (without the per-commune wording)."""
    return group_title(key, observations[_group_keys(observations) == key].iloc[0], lang)


def comparison_chart(
    observations: pd.DataFrame,
    key: str,
    districts: pd.DataFrame,
    colors: Mapping[str, str],
    lang: str,
    *,
    per_commune: bool = False,
    medium: str = "screen",
) -> ChartSpec:
    """The chart of one compare group (or lone indicator) `key` of `observations`."""
    rows = observations[_group_keys(observations) == key]
    return _group_chart(rows, key, districts, colors, lang, per_commune, medium)


def divides_by_communes(row: Mapping) -> bool:
    """Only plain counts of the whole district can be put per commune (not rates, ratios or one commune)."""
    return (row["unit"] == "count" and not row["is_derived"] and not row.get("structural", False)
            and row.get("counts_en") != "communes"  # "communes per commune" means nothing
            and row["level"] in ("district", "commune_aggregate"))


def _per_commune(rows: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Divide what can be divided; say which districts lack the commune count instead of guessing it."""
    rows = rows.copy()
    rows["shown"] = rows.apply(lambda row: value_text(row, lang), axis=1)
    rows["formula_shown"] = None
    notes = []
    divisible = rows.apply(divides_by_communes, axis=1)
    if not divisible.any():
        return rows, notes
    lacking = rows[divisible & rows["communes"].isna()]
    for name in dict.fromkeys(lacking["district_name"]):
        notes.append(t("charts.no_commune_count", lang, district=name))
    rows = rows[~(divisible & rows["communes"].isna())].copy()
    divisible = rows.apply(divides_by_communes, axis=1)
    for index in rows.index[divisible]:
        row = rows.loc[index]
        per = row["value"] / row["communes"]
        rows.loc[index, "formula_shown"] = t(
            "charts.per_commune_formula", lang, value=format_number(row["value"], lang),
            communes=format_number(row["communes"], lang), result=format_number(round(per, 2), lang))
        rows.loc[index, "value"] = per
        rows.loc[index, "shown"] = format_value(round(per, 2), "count", lang)
    return rows, notes


def _series(rows: pd.DataFrame, lang: str) -> pd.Series:
    """What tells two bars of one district apart: the indicator (in a group) and/or the level."""
    several_indicators = rows["indicator_id"].nunique() > 1
    several_levels = rows[["level", "commune"]].astype(str).drop_duplicates().shape[0] > 1
    if not (several_indicators or several_levels):
        return pd.Series("", index=rows.index)

    def label(row) -> str:
        parts = []
        if several_indicators:
            parts.append(indicator_name(row, lang))
        if several_levels and not (several_indicators and row["level"] == "district"):
            parts.append(level_label(row, lang))
        return " · ".join(parts)

    return rows.apply(label, axis=1)


def _notes(rows: pd.DataFrame, missing: Sequence[str], lang: str) -> list[str]:
    notes = []
    periods = rows.drop_duplicates(["district_name", "period_label"])
    if rows["period_label"].nunique() > 1:
        listing = "; ".join(f"{row.district_name}: {format_period(row.period_label, lang)}"
                            for row in periods.itertuples())
        notes.append(t("charts.note_periods_differ", lang, listing=listing))
    indicator_sets = rows.groupby("district_id")["indicator_id"].apply(frozenset)
    if rows["indicator_id"].nunique() > 1 and indicator_sets.nunique() > 1:
        listing = "; ".join(
            f"{indicator_name(group.iloc[0], lang)}: {', '.join(dict.fromkeys(group['district_name']))}"
            for _, group in rows.groupby("indicator_id", sort=False))
        notes.append(t("charts.note_definitions_differ", lang, listing=listing))
    level_sets = rows.groupby("district_id")["level"].apply(frozenset)
    if level_sets.nunique() > 1:
        notes.append(t("charts.note_levels_differ", lang))
    if rows["qualifier"].notna().any():
        notes.append(t("charts.note_qualified", lang))
    if missing:
        notes.append(t("charts.note_missing", lang, districts=", ".join(missing)))
    return notes


def _group_chart(rows, key, districts, colors, lang, per_commune, medium) -> ChartSpec:
    rows = rows.sort_values(["district_order", "indicator_order", "level", "commune"], na_position="first")
    extra_notes: list[str] = []
    if per_commune:
        rows, extra_notes = _per_commune(rows, lang)
    else:
        rows = rows.assign(shown=rows.apply(lambda row: value_text(row, lang), axis=1), formula_shown=None)
    rows = rows.assign(series=_series(rows, lang))
    # The most reported series comes first, so it gets the plain fill and the lone variants get the patterns.
    counts = rows["series"].value_counts(sort=False)
    series_labels = sorted(dict.fromkeys(rows["series"]), key=lambda label: -counts[label])
    unit = rows["unit"].iloc[0]

    figure = go.Figure()
    reported = set(rows["district_id"])
    missing = [d.district_name for d in districts.itertuples() if d.district_id not in reported]
    names = dict(zip(districts["district_id"], districts["district_name"]))
    # One trace per series (indicator variant and/or level): bars keep their district's colour, the series is
    # told apart by a fill pattern explained in the legend, and x stays the plain district name.
    several = len(series_labels) > 1

    def position(district_name: str, number: int | None):
        # With several series the axis has two rows: the district and, under each bar, the series' number.
        return (district_name, SERIES_MARKS[number % len(SERIES_MARKS)] if number is not None else "") if several \
            else district_name

    if several:  # an invisible first trace fixes the axis order: districts in list order, series in number order
        slots = [position(d.district_name, number) for d in districts.itertuples() for number, label
                 in enumerate(series_labels) if ((rows["district_id"] == d.district_id) & (rows["series"] == label)).any()]
        slots += [position(name, None) for name in missing]
        slots.sort(key=lambda slot: (list(districts["district_name"]).index(slot[0]), slot[1]))
        figure.add_trace(go.Scatter(x=[list(pair) for pair in zip(*slots)], y=[None] * len(slots), mode="markers",
                                    showlegend=False, hoverinfo="skip"))

    for number, label in enumerate(series_labels):
        records = rows[rows["series"] == label].to_dict("records")
        xs = [position(names[r["district_id"]], number) for r in records]
        figure.add_trace(go.Bar(
            x=[list(pair) for pair in zip(*xs)] if several else xs, y=[r["value"] for r in records],
            name=label or group_title(key, records[0], lang), showlegend=False,
            marker=dict(color=[colors.get(r["district_id"], MISSING_COLOR) for r in records],
                        pattern=dict(shape=PATTERNS[number % len(PATTERNS)], solidity=0.45)),
            text=[f"<b>{r['shown']}</b><br>{format_period(r['period_label'], lang)}" for r in records],
            textposition="outside", cliponaxis=False, constraintext="none",
            hovertext=[hover_card(r, lang, shown_value=r["shown"], formula=r["formula_shown"]) for r in records],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[[r["observation_id"]] for r in records],
        ))
        if several:  # a grey swatch with the pattern and number: the legend explains series, not colours
            mark = SERIES_MARKS[number % len(SERIES_MARKS)]
            figure.add_trace(go.Bar(x=[[None], [None]], y=[None], name=f"{mark} {label}", showlegend=True,
                                    hoverinfo="skip",
                                    marker=dict(color=LEGEND_SWATCH,
                                                pattern=dict(shape=PATTERNS[number % len(PATTERNS)], solidity=0.45))))
    if missing:
        xs = [position(name, None) for name in missing]
        figure.add_trace(go.Scatter(
            x=[list(pair) for pair in zip(*xs)] if several else xs, y=[0] * len(missing), mode="text", text=[t("common.no_data", lang)] * len(missing),
            textposition="top center", textfont=dict(color=MISSING_COLOR), showlegend=False, cliponaxis=False,
            name=t("common.no_data", lang),
            hovertemplate="<b>%{x}</b><br>" + t("charts.no_data_hover", lang) + "<extra></extra>",
        ))
    if not several:
        figure.update_xaxes(categoryorder="array", categoryarray=list(districts["district_name"]))

    notes = extra_notes + _notes(rows, missing, lang)
    markers = []
    if rows["period_label"].nunique() > 1:
        markers.append(t("charts.marker_periods_differ", lang))
    if rows["indicator_id"].nunique() > 1 and rows.groupby("district_id")["indicator_id"].apply(frozenset).nunique() > 1:
        markers.append(t("charts.marker_definitions_differ", lang))
    if not per_commune or not rows.apply(divides_by_communes, axis=1).any():
        _add_targets(figure, rows, lang)

    title = group_title(key, rows.iloc[0], lang)
    if per_commune and rows.apply(divides_by_communes, axis=1).any():
        title = t("charts.per_commune_title", lang, title=title)
    counts = pick(lang, rows["counts_vi"].iloc[0], rows["counts_en"].iloc[0])
    axis_title = "%" if unit == "percent" else (t("units.vnd", lang) if unit == "vnd" else (counts or ""))
    figure.update_layout(
        title=dict(text=title, subtitle=dict(text="⚠ " + " · ".join(markers) if markers else "",
                                             font=dict(color="#8A4B00"))),
        barmode="group", bargap=0.3, bargroupgap=0.08,
        showlegend=True, legend=dict(orientation="h", x=0, y=-0.18, xanchor="left", yanchor="top"),
        separators=t("charts.plotly_separators", lang),
        yaxis=dict(title=axis_title, rangemode="tozero"),
        xaxis=dict(type="multicategory" if several else "category"),
        meta=dict(chart_id=f"{rows['theme'].iloc[0]}.{key}"),
    )
    if unit == "percent" and not (per_commune and rows.apply(divides_by_communes, axis=1).any()):
        figure.update_yaxes(range=[0, PERCENT_AXIS_TOP], ticksuffix="%")
    else:
        top = rows["value"].max()
        figure.update_yaxes(range=[0, top * 1.25 if top > 0 else 1], tickformat=",~f")
    apply_style(figure, medium)
    return ChartSpec(chart_id=f"{rows['theme'].iloc[0]}.{key}", title=title, figure=figure,
                     source_note=source_note(rows, lang), notes=notes)


def _add_targets(figure: go.Figure, rows: pd.DataFrame, lang: str) -> None:
    targets = rows.dropna(subset=["target_value"]).drop_duplicates(["target_value", "target_year"])
    for row in targets.itertuples():
        value = format_value(row.target_value, row.unit, lang)
        text = (t("charts.target_line", lang, year=int(row.target_year), value=value) if pd.notna(row.target_year)
                else t("charts.target_line_undated", lang, value=value))
        line = dict(color=TARGET_COLOR, dash="dash", width=2)
        figure.add_hline(y=row.target_value, line=line)
        # The label goes in the legend: written on the line it would sit on top of the bars' value labels.
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line, name=text, hoverinfo="skip"))

