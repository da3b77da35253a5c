"""Bản đồ / Map: the units with figures (of one province, or all) at their centroids on the offline outline of
Vietnam with Hoàng Sa and Trường Sa, coloured by one indicator, with the bars' hover card (docs/map.md). One kind of
unit at a time (districts until 2025, communes, provinces), the kind with most figures first, and the page says which."""

import streamlit as st

from charts.map import map_view, unit_map, units_frame
from i18n import pick, t
from i18n.numbers import format_number
from ui import db, layout, scope, state
from ui.charts import PLOTLY_CONFIG
from ui.pickers import searchable_select
from ui.search import vietnamese_key

lang = state.language()
layout.page_header(lang, "map_page.title", "map_page.caption")

catalogue = db.query("indicator_catalogue")
reported = set(db.query("reported_indicators")["indicator_id"])
indicator_ids = [i for i in catalogue["indicator_id"] if i in reported]
if not indicator_ids:  # no figure built yet (a new or emptied data folder): nothing to colour
    st.info(t("common.nothing_built", lang), icon=":material/info:")
    st.stop()
names = {r.indicator_id: pick(lang, r.name_vi, r.name_en) for r in catalogue.itertuples()}
units = db.query("districts")
provinces = sorted(units["province_2025"].dropna().unique(), key=vietnamese_key)

indicator = state.bound("indicator", "map_indicator", indicator_ids, indicator_ids[0], lambda options: searchable_select(
    t("map_page.indicator", lang), options, "map_indicator", lang, format_func=names.get))
province = state.bound("province", "map_province", ["", *provinces], "", lambda options: st.selectbox(
    t("map_page.province", lang), options, key="map_province",
    format_func=lambda p: p or t("map_page.all_provinces", lang)))

rows = db.query("map_units", indicator=indicator, province=province or None)
# One kind of unit at a time: a pre-2025 district's figure and a commune's of today on one colour scale would read
# as if they measured the same thing. The kind with most figures of this indicator is shown first.
held = rows.loc[rows["value"].notna(), "unit_kind"].value_counts()
kinds = [k for k in scope.KINDS if k in held] or [k for k in scope.KINDS if k in set(rows["unit_kind"])]
default_kind = max(kinds, key=lambda k: held.get(k, 0)) if kinds else None
kind = state.bound("kind", "map_kind", kinds, default_kind, lambda options: (st.segmented_control(
    t("map_page.kind", lang), options, key="map_kind", format_func=lambda k: t(f"subtypes.kind_{k}", lang))
    or default_kind) if len(options) > 1 else default_kind)
rows = rows[rows["unit_kind"] == kind]
words = scope.unit_words(kind or "district", lang)
shown = rows[rows["value"].notna()]
first = shown.iloc[0].to_dict() if not shown.empty else {"unit": None}
unit = first.get("unit")
title = t("map_page.title_of", lang, indicator=names[indicator], units=words["units"],
          scope=province or t("map_page.all_provinces", lang))
figure = unit_map(db.query("country_outline"), units_frame(rows, lang), lang,
                  view="units" if province else "country", indicator=names[indicator],
                  value_label=t(f"units.{unit}", lang) if unit else "", title=title)
st.plotly_chart(figure, width="stretch", theme=None, config=PLOTLY_CONFIG, key="map_page_chart")
st.caption(t("map_page.with_figure", lang, held=format_number(len(shown), lang), total=format_number(len(rows), lang),
             **words))
if len(kinds) > 1:
    others = ", ".join(f"{scope.unit_words(k, lang)['units']} ({format_number(int(held.get(k, 0)), lang)})"
                       for k in kinds if k != kind)
    st.caption(t("map_page.one_kind", lang, others=others, **words))
st.caption(t("views.map_view_country" if map_view(figure) == "country" else "views.map_view_units",
             lang))
