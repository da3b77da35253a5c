"""Bản đồ / Map: the units with figures (of one province, or all) at their centroids on the offline outline of
Vietnam with Hoàng Sa and Trường Sa, coloured by one indicator, with the bars' hover card (docs/map.md)."""

import streamlit as st

from charts.map import unit_map, units_frame
from i18n import pick, t
from ui import db, layout, state
from ui.charts import PLOTLY_CONFIG
from ui.pickers import searchable_select

lang = state.language()
layout.page_header(lang, "map_page.title", "map_page.caption")

catalogue = db.query("indicator_catalogue")
coverage = db.query("coverage_matrix", theme=None, districts=None)
reported = set(coverage["indicator_id"])
indicator_ids = [i for i in catalogue["indicator_id"] if i in reported]
names = {r.indicator_id: pick(lang, r.name_vi, r.name_en) for r in catalogue.itertuples()}
units = db.query("districts")
provinces = sorted(units["province_2025"].dropna().unique())

state.seed_widget("map_indicator", state.choice("indicator", indicator_ids, indicator_ids[0]))
state.seed_widget("map_province", state.choice("province", provinces, None) or "")
indicator = searchable_select(t("map_page.indicator", lang), indicator_ids, "map_indicator", lang,
                              format_func=names.get)
province = st.selectbox(t("map_page.province", lang), ["", *provinces], key="map_province",
                        format_func=lambda p: p or t("map_page.all_provinces", lang))
state.remember(indicator=indicator, province=province or None)

rows = db.query("map_units", indicator=indicator, province=province or None)
shown = rows[rows["value"].notna()]
first = shown.iloc[0].to_dict() if not shown.empty else {"unit": None}
unit = first.get("unit")
title = t("map_page.title_of", lang, indicator=names[indicator], scope=province or t("map_page.all_provinces", lang))
figure = unit_map(db.query("country_outline"), units_frame(rows, lang), lang,
                  view="units" if province else "country", indicator=names[indicator],
                  value_label="%" if unit == "percent" else (t(f"units.{unit}", lang) if unit else ""), title=title)
st.plotly_chart(figure, width="stretch", theme=None, config=PLOTLY_CONFIG, key="map_page_chart")
st.caption(t("map_page.with_figure", lang, held=len(shown), total=len(rows)))
st.caption(t("views.map_view_country" if figure.layout.meta["map_view"] == "country" else "views.map_view_units",
             lang))
