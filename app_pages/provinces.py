"""Các tỉnh / Provinces: the published DTI results ranked edition by edition (one chart each, only the provinces
with a figure, a plain note of what is missing, the sources), every province's ranks side by side, the 766 service
index results found, each with its period; and one province's results of both indices with their sources and its
units with what each has reported (issue 14 §2)."""

import pandas as pd
import streamlit as st

from charts.labels import unit_label
from charts.province_index import (
    SET_SIZE,
    edition_chart,
    edition_key,
    edition_label,
    missing_provinces,
    province_name,
    rank_grid,
    results_table,
)
from i18n import pick, t
from i18n.numbers import format_number
from i18n.periods import format_period
from ui import db, layout, links, markdown, scope, state
from ui.charts import show_chart
from ui.pickers import searchable_select
from ui.search import vietnamese_key
from ui.tables import show_table


def service_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """766 results as a table: each with its period in words and the set of provinces its place is among, the
    points out of 100 and the place as 'place/of', the source, its address and where on the page (as text)."""
    records = rows.sort_values(["period_start", "province_name"]).to_dict("records")
    return pd.DataFrame({
        t("provinces.col_province", lang): [province_name(r) for r in records],
        t("provinces.col_edition", lang): [format_period(r["period"], lang) for r in records],
        t("provinces.col_unit_set", lang): [t(f"provinces.unit_set_{r['unit_set']}", lang) for r in records],
        t("provinces.qd766_points", lang): [format_number(round(float(r["score"]) * int(r["score_scale"]), 4), lang,
                                                          decimals=2) if pd.notna(r["score"]) else ""
                                            for r in records],
        t("provinces.col_place", lang): [t("provinces.rank_of", lang, rank=int(r["rank"]), count=SET_SIZE[r["unit_set"]])
                                        if pd.notna(r["rank"]) else "" for r in records],
        t("common.source", lang): [r["source_title"] or "" for r in records],
        t("views.col_url", lang): [r["source_url"] or "" for r in records],
        t("common.locator", lang): [r["locator"] or "" for r in records],
        t("common.note", lang): [r["note"] or "" for r in records],
    })


lang = state.language()
layout.page_header(lang, "provinces.title", "provinces.caption")
st.info(t("provinces.not_comparable", lang), icon=":material/info:")

results = db.query("province_index_table")
places = db.query("province_places")
# DTI editions are yearly and charted one by one; 766 results are by month, quarter, year or day (a table of their own)
service = results[results["index_id"] == "qd766"]
results = results[results["index_id"] == "dti"]
overall = results[results["measure"] == "overall"]
editions = (overall[["index_id", "edition", "unit_set"]].drop_duplicates()
            .sort_values(["edition", "unit_set"], ascending=[False, True]))
keys = [edition_key(*row) for row in editions.itertuples(index=False)]
labels = {edition_key(*row): edition_label(*row, lang) for row in editions.itertuples(index=False)}
if not keys:  # no overall DTI result in data/province_index/: the 766 results and the provinces still show below
    st.info(t("common.nothing_built", lang), icon=":material/info:")
else:
    # A segmented control can be clicked off (None): the newest edition stays shown then.
    chosen = state.bound("edition", "provinces_edition", keys, keys[0], lambda options: st.segmented_control(
        t("provinces.edition", lang), options, key="provinces_edition", format_func=labels.get) or keys[0])

    index_id, edition, unit_set = next(row for row in editions.itertuples(index=False) if edition_key(*row) == chosen)
    rows = overall[(overall["index_id"] == index_id) & (overall["edition"] == edition)
                   & (overall["unit_set"] == unit_set)]
    show_chart(edition_chart(rows, lang, missing=missing_provinces(rows, places, unit_set)), lang)

    with st.expander(t("provinces.rank_grid", lang)):
        show_table(rank_grid(results, lang), width="stretch")

st.subheader(t("provinces.qd766_heading", lang))
st.info(t("provinces.qd766_not_comparable", lang), icon=":material/info:")
if service.empty:
    st.caption(t("provinces.qd766_none", lang))
else:
    st.caption(t("provinces.qd766_held", lang, count=len(service), provinces=service["province_unit_id"].nunique()))
    show_table(service_table(service, lang), hide_index=True, width="stretch")

st.divider()
provinces = places[~places["unit_id"].str.startswith("pre-2025/")]
province_names = dict(zip(provinces["unit_id"], provinces["name_vi"]))
province_ids = sorted(province_names, key=lambda unit_id: vietnamese_key(province_names[unit_id]))
# The first province is shown when the link names none, and written into the link so a copy names it.
province = state.bound("province", "provinces_province", province_ids, None, lambda options: searchable_select(
    t("provinces.province", lang), options, "provinces_province", lang, format_func=province_names.get))
name = province_names[province]
# The province of today and the provinces it was formed from in 2025: their results are this province's history.
predecessors = list(places.loc[places["province_2025_id"] == province, "unit_id"])
mine = results[results["province_unit_id"].isin([province, *predecessors])]
st.subheader(t("provinces.results_of", lang, province=markdown.escape(name)))
if mine.empty:
    st.caption(t("provinces.no_dti", lang))
else:
    show_table(results_table(mine, lang), hide_index=True, width="stretch")
mine_service = service[service["province_unit_id"].isin([province, *predecessors])]
st.markdown(f"**{t('provinces.qd766_of', lang, province=markdown.escape(name))}**")
if mine_service.empty:
    st.caption(t("provinces.qd766_none_here", lang))
else:
    show_table(service_table(mine_service, lang), hide_index=True, width="stretch")

st.subheader(t("provinces.units_of", lang, province=markdown.escape(name)))
summary = scope.in_display_order(db.query("district_summary"))
units = summary[summary["province_2025"] == name]
if units.empty:
    st.caption(t("provinces.no_units", lang))
else:
    observations = db.query("observations_for_districts", districts=list(units["district_id"]), theme=None,
                            indicators=None)
    records = units.to_dict("records")
    show_table({
        t("provinces.col_unit", lang): [unit_label(r, lang) for r in records],
        t("provinces.col_figures", lang): [int(r["figures"] + r["derived_figures"]) for r in records],
        t("provinces.col_indicators", lang): [
            ", ".join(dict.fromkeys(pick(lang, vi, en) for vi, en in observations.loc[
                observations["district_id"] == r["district_id"], ["indicator_name_vi", "indicator_name_en"]]
                .itertuples(index=False))) for r in records],
        t("provinces.col_profile", lang): [links.unit_profile(r["district_id"], lang) for r in records],
    }, hide_index=True, width="stretch", column_config={t("provinces.col_profile", lang): st.column_config.LinkColumn(
        display_text=t("nav.open_profile", lang))})
    for kind, of_kind in units.groupby("unit_kind", sort=False):
        if len(of_kind) > 1:  # units of one kind side by side, as Compare compares them
            st.link_button(t("nav.compare_units", lang, **scope.unit_words(kind, lang)),
                           links.compare(scope.default_districts(list(of_kind["district_id"])), lang, kind=kind,
                                         province=name), icon=":material/bar_chart:", type="tertiary")
