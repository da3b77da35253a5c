"""A unit's own figures as charts, theme by theme (the unit profile): its rates as bars on 0–100% beside its
province's median (when other units of the province report the same rate) and the national target, each bar
labelled with value and period and carrying the full hover card (source, quote or locator and address, note)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from i18n import t
from i18n.numbers import format_value

from .colors import TARGET_COLOR
from .compare import CHAR_WIDTH, LINE_HEIGHT, PLOT_WIDTH
from .labels import _present, hover_card, indicator_name, period_text, source_note, value_text, wrap
from .markup import plotly_text
from .plotly_json import JsonFigure
from .spec import ChartSpec
from .style import GRID_COLOR, MEDIA, layout_style

# Which figure stands for "the unit's figure" when it reports an indicator at several levels (loaders/models.Level):
# the whole unit, then all its communes together, then its own bodies, then one commune. Declared here once: the
# brief uses it, and the SQL of the scorecard and the map is pinned to it (tests/test_figure_level_order.py).
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


def latest_records(rows: Iterable[Mapping]) -> list[dict]:
    """latest_figures on plain rows (the query's records, NULL as None): the same figures in the same order, without
    a DataFrame (the unit profile built the frame, sorted it and turned it back into dicts on every change of unit:
    about 10 ms at national, tests/test_profile_rows_as_records.py). The sort is stable, as pandas' sort on several
    keys is: figures tied on all three keys keep the query's order."""
    def key(row: Mapping) -> tuple:
        end = row["period_end"]
        return (row["indicator_order"], LEVEL_RANK.get(row["level"], 4),
                end is None, -end.toordinal() if end is not None else 0)

    chosen: dict[str, dict] = {}
    for row in sorted((r for r in rows if r["superseded_by"] is None), key=key):
        chosen.setdefault(row["indicator_id"], dict(row))
    return list(chosen.values())


PERCENT_TICKS = [0, 25, 50, 75, 100]
LABEL_WRAP = 36  # characters per line of a bar's value and period
NAME_WRAP = 30  # characters per line of an indicator's name on the axis (names run to 75 characters)


def bar_label(row: Mapping, lang: str) -> list[str]:
    """A bar's words, line by line: its value, then its period — on one line when short, else the period wrapped
    under the value (an undated figure's period runs to 60 characters), so the label stays inside the chart."""
    value, period = value_text(row, lang), period_text(row, lang)
    one_line = f"{value} · {period}"
    return [one_line] if len(one_line) <= LABEL_WRAP else [value, *textwrap.wrap(period, LABEL_WRAP)]


def bar_text(row: Mapping, lang: str) -> str:
    """bar_label as the bar writes it: the value in bold."""
    value, *rest = bar_label(row, lang)
    if not rest:  # one line: "value · period"
        return f"<b>{plotly_text(value_text(row, lang))}</b> · {plotly_text(period_text(row, lang))}"
    return "<br>".join([f"<b>{plotly_text(value)}</b>", *(plotly_text(line) for line in rest)])


def median_index(medians: pd.DataFrame | Sequence[Mapping] | Mapping[str, Mapping]) -> dict[str, Mapping]:
    """queries/province_medians.sql rows by indicator (a page converts them once for all its charts): from the frame,
    from its rows as records, or an index made before."""
    if isinstance(medians, Mapping):
        return dict(medians)
    rows = medians.to_dict("records") if isinstance(medians, pd.DataFrame) else medians
    return {row["indicator_id"]: row for row in rows}


def rates_chart(rows: pd.DataFrame | Sequence[Mapping], medians: pd.DataFrame | Mapping[str, Mapping], lang: str, *,
                chart_id: str, title: str, medium: str = "screen") -> ChartSpec | None:
    """The theme's rates of one unit (latest_figures rows with unit 'percent'), a bar each; the province median
    (queries/province_medians.sql, only where at least two units of the province report it) and the national
    target as markers on the same row. None when the theme has no rate.

    Written as plotly JSON and handed out as a JsonFigure (charts/plotly_json.py), as the compare charts are: no
    validation and no object tree (tests/test_charts_profile_json.py pins the same JSON as the validated figure),
    and on screen preset margins from what the axes carry (no automatic margins: plotly draws those twice)."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    records = [r for r in records if r["unit"] == "percent"]
    if not records:
        return None
    style = MEDIA[medium]
    by_indicator = median_index(medians)
    names = [plotly_text(indicator_name(r, lang)) for r in records]
    labels = [bar_label(r, lang) for r in records]
    label_font = dict(size=style.label_size)
    traces = [dict(
        type="bar", x=[r["value"] for r in records], y=names, orientation="h", marker=dict(color=UNIT_COLOR),
        name=plotly_text(t("profile.this_unit", lang)),
        text=[bar_text(r, lang) for r in records],
        textposition="outside", cliponaxis=False, textfont=label_font,
        hovertext=[hover_card(r, lang) for r in records], hovertemplate="%{hovertext}<extra></extra>",
        customdata=[[r["observation_id"]] for r in records])]
    median_x, median_y, median_hover = [], [], []
    for r, name in zip(records, names):
        m = by_indicator.get(r["indicator_id"])
        if m is not None and int(m["province_units"]) >= 2:
            median_x.append(float(m["province_median"]))
            median_y.append(name)
            median_hover.append(wrap(t("profile.median_hover", lang, value=format_value(
                m["province_median"], "percent", lang), count=int(m["province_units"]),
                periods="; ".join(period_text({"period_label": p}, lang) for p in m["province_periods"]))))
    if median_x:
        traces.append(dict(type="scatter", x=median_x, y=median_y, mode="markers",
                           name=plotly_text(t("profile.province_median", lang)),
                           marker=dict(symbol="diamond", size=14, color=MEDIAN_COLOR,
                                       line=dict(color="#333333", width=1)),
                           hovertext=median_hover, hovertemplate="%{hovertext}<extra></extra>", textfont=label_font))
    targets = [(float(r["target_value"]), name, r) for r, name in zip(records, names)
               if _present(r.get("target_value"))]
    if targets:
        traces.append(dict(
            type="scatter", x=[value for value, _, _ in targets], y=[name for _, name, _ in targets], mode="markers",
            name=plotly_text(t("profile.national_target", lang)),
            marker=dict(symbol="line-ns", size=26, color=TARGET_COLOR, line=dict(color=TARGET_COLOR, width=4)),
            hovertext=[plotly_text(t("profile.target_hover", lang, value=format_value(value, "percent", lang),
                                     year=int(r["target_year"]) if _present(r.get("target_year")) else ""))
                       for value, _, r in targets],
            hovertemplate="%{hovertext}<extra></extra>", textfont=label_font))

    # Preset margins: the names (wrapped) on the left, ticks and the legend's one or two rows below.
    tick_text = ["<br>".join(plotly_text(line) for line in textwrap.wrap(indicator_name(r, lang), NAME_WRAP))
                 or name for r, name in zip(records, names)]
    widest = max(len(line) for text in tick_text for line in text.split("<br>"))
    margin_left = int(widest * style.label_size * CHAR_WIDTH + 32)
    legend_items = [trace["name"] for trace in traces]
    legend_width = sum(len(item) * style.font_size * CHAR_WIDTH + 50 for item in legend_items)
    legend_rows = max(1, math.ceil(legend_width / PLOT_WIDTH[medium]))
    tick_px = style.label_size * LINE_HEIGHT + 10
    margin = dict(l=max(style.margin["l"], margin_left), r=style.margin["r"], t=style.margin["t"],
                  b=int(tick_px + legend_rows * style.font_size * 1.6 + 18))
    # The value axis reaches far enough right for every bar's value and period written after it (they used to run
    # off the chart's right edge on a laptop): the drawing area is what the house width leaves after the names.
    plot_width = PLOT_WIDTH[medium] + style.margin["l"] - margin["l"]
    label_share = [min(0.6, (max(len(line) for line in label) * style.label_size * CHAR_WIDTH + 30)
                        / max(plot_width, 200)) for label in labels]
    axis_top = max([135.0] + [max(r["value"], 0) / (1 - share) for r, share in zip(records, label_share)])
    # a row keeps room for its label's lines (a long undated period takes three)
    rows_px = sum(max(48, len(label) * style.label_size * LINE_HEIGHT + 14) for label in labels)
    height = int(170 + rows_px + max(0, margin["b"] - style.margin["b"]))
    plot_px = height - margin["t"] - margin["b"]
    layout = layout_style(medium, dict(
        xaxis=dict(range=[0, round(axis_top, 1)], tickmode="array", tickvals=PERCENT_TICKS,
                   # plotly leaves ticksuffix off array ticks: the % is written into each tick (0%, 25%, … 100%)
                   ticktext=[format_value(tick, "percent", lang) for tick in PERCENT_TICKS], automargin=False,
                   tickfont=label_font),
        yaxis=dict(autorange="reversed", type="category", gridcolor=GRID_COLOR, zerolinecolor="#BDBDBD",
                   automargin=False, tickmode="array", tickvals=names, ticktext=tick_text, tickfont=label_font,
                   ticklabelstandoff=8)))
    layout.update(
        title=dict(layout["title"], text=plotly_text(title)), separators=t("charts.plotly_separators", lang),
        showlegend=True, legend=dict(orientation="h", x=0, y=-(tick_px + 4) / max(plot_px, 1), xanchor="left",
                                     yanchor="top"),
        meta=dict(chart_id=chart_id), margin=margin, height=height)
    return ChartSpec(chart_id=chart_id, title=title, figure=JsonFigure(dict(data=traces, layout=layout)),
                     source_note=source_note(records, lang))


def low_rates_without_yardstick(figures: pd.DataFrame | Iterable[Mapping], judged: set[str], lang: str) -> list[str]:
    """Rates (higher is better) below LOW_RATE that no target or other unit judges (`judged`: indicator ids the
    standing analysis already speaks of): a weak figure the unit itself states is a gap, not 'not enough data'.
    `figures`: latest_figures' frame, or its rows (the page turns them into dicts once for all its uses)."""
    found = []
    for r in figures.to_dict("records") if isinstance(figures, pd.DataFrame) else figures:
        if (r["unit"] == "percent" and r.get("higher_is_better") is True and not r.get("structural")
                and r["indicator_id"] not in judged and r["value"] < LOW_RATE):
            found.append(t("profile.low_rate", lang, name=indicator_name(r, lang), value=value_text(r, lang),
                           period=period_text(r, lang), threshold=format_value(LOW_RATE, "percent", lang)))
    return found
