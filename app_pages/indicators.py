"""Chỉ tiêu & nguồn / Indicators & sources: the catalogue, the documents, coverage, and the full data table."""

import streamlit as st

from charts.tables import catalogue_table, cells_frame, coverage_grid, data_columns, with_words
from exports.table_files import to_csv_bytes, to_xlsx_bytes
from i18n import pick, t
from i18n.numbers import format_number
from ui import db, layout, pickers, scope, state
from ui.search import filter_frame
from ui.tables import show_columns, show_table

# Rows sent to the browser; the downloads carry every row that matches.
MAX_TABLE_ROWS = 5000
# What the search box looks in, diacritics and case ignored ("ky so" finds "ký số").
SEARCHED = ("indicator_name_vi", "indicator_name_en", "quote", "district_name", "source_title", "note", "locator",
            "printed", "commune")

# The page's four sections; only the one open is built (a rerun used to build all four: catalogue, every source,
# the coverage grid and the data table, whichever the person was looking at).
SECTIONS = ("catalogue", "sources", "coverage", "data")
# A link that filters the data table (?theme=…, ?indicator=…, ?q=…) opens on it, as such links did before.
DATA_FILTERS = ("theme", "indicator", "q")


def opens_on() -> str:
    """The section this page's link opens when it does not name one (`?tab=`)."""
    return "data" if any(param in st.query_params for param in DATA_FILTERS) else "catalogue"


@st.cache_resource(show_spinner=False, max_entries=4)
def _unit_ids(version: tuple) -> tuple[str, ...]:
    """Every unit's id by province, then name, once per build (shared, read-only): ordering the 3,321 units' frame
    again on each change of a filter was about 2.5 ms."""
    return tuple(scope.in_display_order(db.query("districts"))["district_id"].tolist())


lang = state.language()
layout.page_header(lang, "indicators.title", "indicators.caption")

section = state.bound("tab", "indicators_section", SECTIONS, opens_on(), lambda options: st.segmented_control(
    t("indicators.section", lang), options, key="indicators_section", required=True, label_visibility="collapsed",
    format_func=lambda k: t(f"indicators.tab_{k}", lang)))

if section == "catalogue":
    show_table(catalogue_table(db.query("indicator_catalogue"), lang), hide_index=True, width="stretch")

elif section == "sources":
    sources = db.query("source_documents")
    show_table(
        sources.assign(kind=sources["kind"].map(lambda k: t(f"indicators.kind_{k}", lang)),
                       title_source=sources["title_source"].map(lambda k: t(f"indicators.title_source_{k}", lang)),
                       language=sources["language"].map(lambda k: t(f"indicators.language_{k}", lang)))[
            ["title", "title_source", "issuer", "number", "date_label", "place", "kind", "language", "figures",
             "seed_file"]
        ].rename(columns={
            "title": t("indicators.col_title", lang), "title_source": t("indicators.col_title_source", lang),
            "issuer": t("indicators.col_issuer", lang), "number": t("indicators.col_number", lang),
            "date_label": t("indicators.col_date", lang), "kind": t("indicators.col_kind", lang),
            "language": t("indicators.col_language", lang), "figures": t("indicators.col_figures", lang)}),
        hide_index=True, width="stretch")

elif section == "coverage":
    districts = scope.in_display_order(db.query("districts"))  # by province, then name
    st.caption(t("indicators.coverage_caption", lang))
    # At national scale a grid of every district is hundreds of columns: show one province at a time.
    in_scope = districts
    if scope.is_capped(list(districts["district_id"])):
        provinces = list(dict.fromkeys(districts["province_2025"]))  # in the units' (Vietnamese) order
        # a closed section's widgets are forgotten by Streamlit: the province chosen is kept for the next visit
        if "coverage_province" not in st.session_state and st.session_state.get("_coverage_province") in provinces:
            st.session_state["coverage_province"] = st.session_state["_coverage_province"]
        province = st.selectbox(t("compare.province", lang), provinces, key="coverage_province")
        st.session_state["_coverage_province"] = province
        in_scope = districts[districts["province_2025"] == province]
    coverage = db.query("coverage_matrix", theme=None,
                        districts=None if in_scope is districts else list(in_scope["district_id"]))
    grid = coverage_grid(coverage, in_scope, lang)
    # an unreported pair is an empty cell (no data), never "None" or 0
    show_table(grid.astype("string").fillna(""), width="stretch")

else:
    catalogue = db.query("indicator_catalogue")
    themes = db.query("themes")
    theme_names = {row.theme_id: pick(lang, row.name_vi, row.name_en) for row in themes.itertuples()}
    ids = list(_unit_ids(db.version()))
    names = pickers.all_unit_names(lang)  # as every unit picker labels units
    indicator_names = {i: pick(lang, vi, en) for i, vi, en in
                       zip(catalogue["indicator_id"], catalogue["name_vi"], catalogue["name_en"])}
    theme_of = dict(zip(catalogue["indicator_id"], catalogue["theme_id"]))
    default_ids = scope.default_districts(ids)
    filters = st.columns([2, 1, 2, 2])
    chosen = state.bound("d", "data_districts", ids, default_ids, lambda options: filters[0].multiselect(
        t("indicators.filter_districts", lang), options, key="data_districts", format_func=names.get,
        placeholder=t("data_table.choose_units", lang)), many=True)
    if chosen == default_ids:
        scope.show_cap_notice(ids, lang, "any")  # all kinds are listed here: "đơn vị", not "huyện"
    theme = state.bound("theme", "data_theme", ["", *themes["theme_id"]], "", lambda options: filters[1].selectbox(
        t("indicators.filter_theme", lang), options, key="data_theme",
        format_func=lambda k: theme_names.get(k) or t("indicators.all", lang)))
    in_theme = [i for i in theme_of if not theme or theme_of[i] == theme]
    indicator = state.bound("indicator", "data_indicator", ["", *in_theme], "", lambda options: filters[2].selectbox(
        t("indicators.filter_indicator", lang), options, key="data_indicator",
        format_func=lambda k: indicator_names.get(k) or t("indicators.all", lang)))
    if "data_search" not in st.session_state:  # free text: any value is valid, so nothing to clamp or warn about
        st.session_state["data_search"] = st.query_params.get("q", "")
    search = filters[3].text_input(t("indicators.filter_search", lang), key="data_search",
                                   help=t("data_table.search_help", lang)).strip()
    state.remember(q=search or None)

    table = db.query("observations_table", districts=chosen, theme=theme or None, indicator=indicator or None)
    table = filter_frame(table, search, SEARCHED)
    # readable cells under the UI language's headers, from the columns as lists, the level and the period in plain
    # words beside their codes: shown without a frame in between; the downloads make one when clicked
    cells = data_columns(with_words({c: table[c].tolist() for c in table.columns}, lang), lang, theme_names)
    st.caption(t("indicators.rows_found", lang, count=format_number(len(table), lang)))
    if len(table) > MAX_TABLE_ROWS:
        st.caption(t("indicators.rows_shown", lang, shown=format_number(MAX_TABLE_ROWS, lang)))
    show_columns(cells, rows=MAX_TABLE_ROWS, hide_index=True, width="stretch")
    downloads = st.columns(2)
    # Files are made when clicked, not on every rerun: at national scale an XLSX of every row takes seconds.
    downloads[0].download_button(t("indicators.download_csv", lang), lambda: to_csv_bytes(cells_frame(cells)),
                                 file_name="cds-compare-data.csv", mime="text/csv", on_click="ignore")
    downloads[1].download_button(
        t("indicators.download_xlsx", lang), lambda: to_xlsx_bytes(cells_frame(cells)),
        file_name="cds-compare-data.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
    # the filters above may have just added or cleared the link's last data filter: it still reopens this section
    state.remember(tab=None if opens_on() == "data" else "data")
