"""Side-by-side bar charts of the chosen districts, one chart per indicator or compare group.

Honesty rules built in: every bar is labelled with its value (in the UI's number format) and its period; a
district without the figure gets a visible "no data" mark, never a zero bar; mixed periods, definitions and levels
are flagged on the chart itself and in its notes; national targets are drawn as reference lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from i18n import pick, t
from i18n.numbers import format_number, format_value

from .colors import MISSING_COLOR, TARGET_COLOR
from .labels import (_present, group_title, hover_card, indicator_name, level_label, period_text, source_note,
                     value_text)
from .markup import plotly_text
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
    if "superseded_by" in rows:  # a rate the source states is charted through its derived twin (both in tables)
        rows = rows[rows["superseded_by"].isna()]
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


def _series(records: list[dict], lang: str) -> list[str]:
    """What tells two bars of one district apart: the indicator (in a group) and/or the level."""
    several_indicators = len({r["indicator_id"] for r in records}) > 1
    several_levels = len({(str(r["level"]), str(r["commune"])) for r in records}) > 1
    # A figure of less than the whole unit (its own bodies, its communes, one commune) always says so on its bar:
    # one commune's rate is never drawn under its district's name alone.
    several_levels = several_levels or any(r["level"] != "district" for r in records)
    if not (several_indicators or several_levels):
        return [""] * len(records)

    def label(row) -> str:
        parts = []
        if several_indicators:
            parts.append(indicator_name(row, lang))
        if several_levels and not (several_indicators and row["level"] == "district"):
            parts.append(level_label(row, lang))
        return " · ".join(parts)

    return [label(r) for r in records]


def _per_district(records: list[dict], field: str) -> set[frozenset]:
    """The distinct sets of `field` values the districts report (one set per district)."""
    sets: dict[str, set] = {}
    for r in records:
        sets.setdefault(r["district_id"], set()).add(r[field])
    return {frozenset(values) for values in sets.values()}


def _periods_differ(records: list[dict]) -> bool:
    return len({r["period_label"] for r in records}) > 1


def _definitions_differ(records: list[dict]) -> bool:
    return len({r["indicator_id"] for r in records}) > 1 and len(_per_district(records, "indicator_id")) > 1


def _notes(records: list[dict], missing: Sequence[str], lang: str) -> list[str]:
    notes = []
    if _periods_differ(records):
        # an undated figure's period says it is undated ("không ghi ngày, khoảng 2023"), never a day it does not have
        pairs = dict.fromkeys((r["district_name"], period_text(r, lang)) for r in records)
        listing = "; ".join(f"{name}: {period}" for name, period in pairs)
        notes.append(t("charts.note_periods_differ", lang, listing=listing))
    if _definitions_differ(records):
        by_indicator: dict[str, list[dict]] = {}
        for r in records:
            by_indicator.setdefault(r["indicator_id"], []).append(r)
        listing = "; ".join(
            f"{indicator_name(group[0], lang)}: {', '.join(dict.fromkeys(r['district_name'] for r in group))}"
            for group in by_indicator.values())
        notes.append(t("charts.note_definitions_differ", lang, listing=listing))
    if len(_per_district(records, "level")) > 1:
        notes.append(t("charts.note_levels_differ", lang))
    if any(_present(r["qualifier"]) for r in records):
        notes.append(t("charts.note_qualified", lang))
    if missing:
        notes.append(t("charts.note_missing", lang, districts=", ".join(missing)))
    return notes


def _group_chart(rows, key, districts, colors, lang, per_commune, medium) -> ChartSpec:
    rows = rows.sort_values(["district_order", "indicator_order", "level", "commune"], na_position="first")
    extra_notes: list[str] = []
    if per_commune:
        rows, extra_notes = _per_commune(rows, lang)
    # Row access in pandas costs microseconds per cell; the figure is built from plain records instead.
    all_records = rows.to_dict("records")
    for record in all_records:
        if not per_commune:
            record["shown"], record["formula_shown"] = value_text(record, lang), None
    for record, label in zip(all_records, _series(all_records, lang)):
        record["series"] = label
    divisible = any(divides_by_communes(r) for r in all_records)
    # The most reported series comes first, so it gets the plain fill and the lone variants get the patterns.
    counts = Counter(r["series"] for r in all_records)
    series_labels = sorted(dict.fromkeys(r["series"] for r in all_records), key=lambda label: -counts[label])
    unit = all_records[0]["unit"]

    figure = go.Figure()
    reported = set(rows["district_id"])
    missing = [d.district_name for d in districts.itertuples() if d.district_id not in reported]
    # Names, series and periods come from the data: escaped wherever they enter the figure (ticks, legend, texts).
    names = {district_id: plotly_text(name)
             for district_id, name in zip(districts["district_id"], districts["district_name"])}
    shown_names = [plotly_text(name) for name in districts["district_name"]]
    # One trace per series (indicator variant and/or level): bars keep their district's colour, the series is
    # told apart by a fill pattern explained in the legend, and x stays the plain district name.
    several = len(series_labels) > 1

    def position(district_name: str, number: int | None):
        # With several series the axis has two rows: the district and, under each bar, the series' number.
        return (district_name, SERIES_MARKS[number % len(SERIES_MARKS)] if number is not None else "") if several \
            else district_name

    if several:  # an invisible first trace fixes the axis order: districts in list order, series in number order
        present = {(r["district_id"], r["series"]) for r in all_records}
        slots = [position(names[d.district_id], number) for d in districts.itertuples() for number, label
                 in enumerate(series_labels) if (d.district_id, label) in present]
        slots += [position(plotly_text(name), None) for name in missing]
        name_order = {name: index for index, name in enumerate(shown_names)}
        slots.sort(key=lambda slot: (name_order[slot[0]], slot[1]))
        figure.add_trace(go.Scatter(x=[list(pair) for pair in zip(*slots)], y=[None] * len(slots), mode="markers",
                                    showlegend=False, hoverinfo="skip"))

    for number, label in enumerate(series_labels):
        records = [r for r in all_records if r["series"] == label]
        xs = [position(names[r["district_id"]], number) for r in records]
        figure.add_trace(go.Bar(
            x=[list(pair) for pair in zip(*xs)] if several else xs, y=[r["value"] for r in records],
            name=plotly_text(label or group_title(key, records[0], lang)), showlegend=False,
            marker=dict(color=[colors.get(r["district_id"], MISSING_COLOR) for r in records],
                        pattern=dict(shape=PATTERNS[number % len(PATTERNS)], solidity=0.45)),
            text=[f"<b>{plotly_text(r['shown'])}</b><br>{plotly_text(period_text(r, lang))}"
                  for r in records],
            textposition="outside", cliponaxis=False, constraintext="none",
            hovertext=[hover_card(r, lang, shown_value=r["shown"], formula=r["formula_shown"]) for r in records],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[[r["observation_id"]] for r in records],
        ))
        if several:  # a grey swatch with the pattern and number: the legend explains series, not colours
            mark = SERIES_MARKS[number % len(SERIES_MARKS)]
            figure.add_trace(go.Bar(x=[[None], [None]], y=[None], name=f"{mark} {plotly_text(label)}", showlegend=True,
                                    hoverinfo="skip",
                                    marker=dict(color=LEGEND_SWATCH,
                                                pattern=dict(shape=PATTERNS[number % len(PATTERNS)], solidity=0.45))))
    if missing:
        xs = [position(plotly_text(name), None) for name in missing]
        figure.add_trace(go.Scatter(
            x=[list(pair) for pair in zip(*xs)] if several else xs, y=[0] * len(missing), mode="text", text=[t("common.no_data", lang)] * len(missing),
            textposition="top center", textfont=dict(color=MISSING_COLOR), showlegend=False, cliponaxis=False,
            name=t("common.no_data", lang),
            hovertemplate="<b>%{x}</b><br>" + t("charts.no_data_hover", lang) + "<extra></extra>",
        ))
    notes = extra_notes + _notes(all_records, missing, lang)
    markers = []
    if _periods_differ(all_records):
        markers.append(t("charts.marker_periods_differ", lang))
    if _definitions_differ(all_records):
        markers.append(t("charts.marker_definitions_differ", lang))
    if not per_commune or not divisible:
        _add_targets(figure, all_records, lang)

    title = group_title(key, all_records[0], lang)
    if per_commune and divisible:
        title = t("charts.per_commune_title", lang, title=title)
    counts = pick(lang, rows["counts_vi"].iloc[0], rows["counts_en"].iloc[0])
    axis_title = "%" if unit == "percent" else (t("units.vnd", lang) if unit == "vnd" else plotly_text(counts or ""))
    # One layout update (plotly validates on each): axis ranges and category order go in with the rest.
    if unit == "percent" and not (per_commune and divisible):
        value_axis = dict(range=[0, PERCENT_AXIS_TOP], ticksuffix="%")
    else:
        top = rows["value"].max()
        value_axis = dict(range=[0, top * 1.25 if top > 0 else 1], tickformat=",~f")
    category_axis = {} if several else dict(categoryorder="array", categoryarray=shown_names)
    figure.update_layout(
        title=dict(text=plotly_text(title), subtitle=dict(text="⚠ " + " · ".join(markers) if markers else "",
                                             font=dict(color="#8A4B00"))),
        barmode="group", bargap=0.3, bargroupgap=0.08,
        showlegend=True, legend=dict(orientation="h", x=0, y=-0.18, xanchor="left", yanchor="top"),
        separators=t("charts.plotly_separators", lang),
        yaxis=dict(title=axis_title, rangemode="tozero", **value_axis),
        xaxis=dict(type="multicategory" if several else "category", **category_axis),
        meta=dict(chart_id=f"{rows['theme'].iloc[0]}.{key}"),
    )
    apply_style(figure, medium)
    return ChartSpec(chart_id=f"{rows['theme'].iloc[0]}.{key}", title=title, figure=figure,
                     source_note=source_note(rows, lang), notes=notes)


def _add_targets(figure: go.Figure, records: list[dict], lang: str) -> None:
    seen = set()
    for row in records:
        target, year = row["target_value"], row["target_year"]
        if target is None or pd.isna(target) or (target, year) in seen:
            continue
        seen.add((target, year))
        value = format_value(target, row["unit"], lang)
        text = (t("charts.target_line", lang, year=int(year), value=value) if pd.notna(year)
                else t("charts.target_line_undated", lang, value=value))
        line = dict(color=TARGET_COLOR, dash="dash", width=2)
        figure.add_hline(y=target, line=line)
        # The label goes in the legend: written on the line it would sit on top of the bars' value labels.
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line, name=plotly_text(text), hoverinfo="skip"))
