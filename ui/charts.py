"""How a ChartSpec appears on a page: the figure, its honest notes, its source line, and its views.

Every chart built from figures of the database gets the views Chart / Trend / Map / Table / Sources (a segmented
control: only the view the user opens is built; hidden views cost nothing) and a Share button (the link to this
view and an embed snippet, both as text). The figures of a chart are found by the observation ids its bars carry
(customdata), so every view shows exactly the chart's figures. A chart whose figures are not in the database (a
contribution's preview, shown without downloads) shows only itself."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.colors import district_colors
from charts.labels import indicator_name
from charts.map import map_view, one_figure_per_unit, unit_map, units_frame
from charts.plotly_json import trace_values
from charts.spec import ChartSpec
from charts.tables import chart_figures_table, chart_sources
from charts.trend import has_trend, latest_periods, trend_chart
from exports.table_files import to_csv_bytes
from i18n import t, table
from i18n.numbers import format_number

from . import db, links, markdown
from .downloads import chart_downloads
from .tables import show_table

# No plotly logo, no "edit in chart studio" link (it reaches the internet); big PNG from the modebar camera.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
}
VIEWS = ("chart", "trend", "map", "table", "sources")
VIEW_ICONS = {"chart": ":material/bar_chart:", "trend": ":material/show_chart:", "map": ":material/map:",
              "table": ":material/table:", "sources": ":material/description:"}
LOCAL_URL = "http://localhost:8501"


def observation_ids(spec: ChartSpec) -> list[str]:
    """The ids of the figures a chart draws: its bars' customdata (one id per bar)."""
    ids: list[str] = []
    for customdata in trace_values(spec.figure, "customdata"):
        for item in customdata if customdata is not None else ():
            first = item[0] if isinstance(item, (list, tuple)) or hasattr(item, "__len__") and not isinstance(
                item, str) else item
            if isinstance(first, str) and first.count("/") >= 3:  # slug/indicator/level/period
                ids.append(first)
    return list(dict.fromkeys(ids))


def counted(key: str, count: int, lang: str) -> str:
    """'1 figure' / '3 figures' / '1.973 số liệu': keys `<key>_one` and `<key>_many`, the number as the language
    writes it."""
    return t(f"{key}_one" if count == 1 else f"{key}_many", lang, count=format_number(count, lang))


def _page_url() -> str:
    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest) there is no URL
        url = None
    return (url or LOCAL_URL).split("?")[0]


def share_link(chart_id: str, view: str) -> str:
    """This page with its current query string, naming the chart and the view to open."""
    return links.share(_page_url(), {key: st.query_params.get(key) for key in st.query_params}, chart_id, view)


def _show_figure(spec: ChartSpec, lang: str, key: str) -> None:
    # theme=None: the figure keeps its own fonts and sizes, so the page matches the PNG, PPTX and PDF.
    st.plotly_chart(spec.figure, width="stretch", theme=None, config=PLOTLY_CONFIG, key=key)
    lines = caption_lines(spec)
    if lines:
        # One caption, each line its own paragraph: a caption per line was 2-5 elements per chart on every rerun
        # (issue 17, seventh round (d)); escape() leaves no line break inside a line.
        st.caption("\n\n".join(lines))


def caption_lines(spec: ChartSpec) -> list[str]:
    """The lines under a chart, in order: its notes, then its source line; names, titles and numbers from the data
    in them escaped, shown as text."""
    # U+26A0 alone is drawn as text (DejaVu has it); with U+FE0F it asks for an emoji font, and a ":material/…:"
    # directive in a caption is live markup, which the attack corpus refuses on a line that carries data
    lines = [f"\u26a0 {markdown.escape(note)}" for note in spec.notes]
    if spec.source_note:
        lines.append(markdown.escape(spec.source_note))
    return lines


def show_chart(spec: ChartSpec, lang: str, downloads: bool = True) -> None:
    ids = observation_ids(spec) if downloads else []
    views = VIEWS if ids else ("chart",)
    key = f"view_{spec.chart_id}"
    if key not in st.session_state:
        asked = st.query_params.get("view") if st.query_params.get("chart") == spec.chart_id else None
        st.session_state[key] = asked if asked in views else "chart"
    # One horizontal row (one block) rather than columns (a block and one per column): the views at the left,
    # Share at the right, as the columns placed them.
    bar = st.container(horizontal=True, horizontal_alignment="distribute" if len(views) > 1 else "right",
                       vertical_alignment="center")
    view = "chart"
    if len(views) > 1:
        view = bar.segmented_control(
            t("views.label", lang), views, key=key, label_visibility="collapsed",
            format_func=lambda v: f"{VIEW_ICONS[v]} {t(f'views.{v}', lang)}") or "chart"
    with bar.popover(t("views.share", lang), icon=":material/share:", key=f"share_{spec.chart_id}",
                        on_change="rerun") as share:
        if share.open:  # the link and the embed snippet are written only when someone opens the menu
            _show_share(spec, view, lang)
    if view == "chart":
        _show_figure(spec, lang, f"chart_{spec.chart_id}")
        if downloads:
            chart_downloads(spec, lang)
        return
    rows = db.query("observations_by_id", ids=ids)
    if rows.empty:
        st.info(t("views.no_figures", lang))
    elif view == "trend":
        _show_trend(spec, rows, lang)
    elif view == "map":
        _show_map(spec, rows, lang)
    elif view == "table":
        _show_table(spec, rows, lang)
    else:
        _show_sources(rows, lang)


def _show_share(spec: ChartSpec, view: str, lang: str) -> None:
    link = share_link(spec.chart_id, view)
    st.caption(t("views.share_link", lang))
    st.code(link, language=None, wrap_lines=True)
    st.caption(t("views.share_embed", lang))
    st.code(f'<iframe src="{link}&embed=true" width="960" height="640" title="CĐS Compare"></iframe>',
            language=None, wrap_lines=True)


def _show_trend(spec: ChartSpec, rows: pd.DataFrame, lang: str) -> None:
    series = db.query("observation_series", districts=list(dict.fromkeys(rows["district_id"])),
                      indicators=list(dict.fromkeys(rows["indicator_id"])))
    if not has_trend(series):
        st.info(t("views.trend_single_period", lang))
    # the units keep the colours they have on the chart (told apart within its selection)
    colors = {**district_colors(list(db.query("districts")["district_id"])), **spec.colors}
    trend = trend_chart(series, lang, colors, chart_id=spec.chart_id, title=spec.title)
    _show_figure(trend, lang, f"trend_{spec.chart_id}")
    latest = latest_periods(series, lang)
    if not latest:
        st.caption(t("views.trend_latest_default_all", lang))


def _show_map(spec: ChartSpec, rows: pd.DataFrame, lang: str) -> None:
    chosen, indicator = one_figure_per_unit(rows)
    first = chosen.iloc[0].to_dict()
    name = indicator_name(first, lang)
    outline = db.query("country_outline")
    figure = unit_map(outline, units_frame(chosen, lang), lang, view="auto", indicator=name,
                      value_label=t(f"units.{first['unit']}", lang),
                      title=t("views.map_title", lang, title=name))
    st.plotly_chart(figure, width="stretch", theme=None, config=PLOTLY_CONFIG, key=f"map_{spec.chart_id}")
    if rows["indicator_id"].nunique() > 1 or len(chosen) < len(rows):
        st.caption(t("views.map_one_figure", lang, indicator=markdown.escape(name)))
    st.caption(t("views.map_view_country" if map_view(figure) == "country" else "views.map_view_units", lang))


def _show_table(spec: ChartSpec, rows: pd.DataFrame, lang: str) -> None:
    table = chart_figures_table(rows, lang)
    st.caption(counted("views.table_rows", len(table), lang))
    show_table(table, hide_index=True, width="stretch")
    st.download_button(t("views.download_csv", lang), lambda: to_csv_bytes(table), on_click="ignore",
                       file_name=f"cds-{spec.chart_id.replace('/', '-').replace('.', '-')}.csv", mime="text/csv",
                       icon=":material/download:", key=f"csv_{spec.chart_id}")


def _show_sources(rows: pd.DataFrame, lang: str) -> None:
    lines = []
    for document in chart_sources(rows, lang):
        kind_key = f"indicators.kind_{document['kind']}"
        kind = t(kind_key, lang) if kind_key in table() else ""
        line = f"- **{markdown.escape(document['cited'])}**"
        details = [markdown.escape(kind)] if kind else []
        details.append(counted("views.figures", document["figures"], lang))
        details.append(t("views.source_quotes" if document["holds_quotes"] else "views.source_public", lang))
        line += " — " + " · ".join(details)
        if document["url"]:
            # The address as text (escaped: never a live link), for the reader to copy.
            line += f"  \n  {t('common.link', lang)}: `{document['url'].replace('`', '')}`"
        lines.append(line)
    st.markdown("\n".join(lines))
