"""So sánh / Compare: the chosen units of one kind side by side, one chart per indicator or compare group."""

import streamlit as st

from charts.colors import district_colors
from charts.compare import chart_keys, chart_title
from charts.labels import unit_label
from charts.tables import figures_table
from i18n import pick, t
from ui import db, layout, scope, state
from ui.charts import show_chart
from ui.tables import show_table

lang = state.language()
layout.page_header(lang, "compare.title", "compare.caption")

all_units = db.query("districts")
themes = db.query("themes")
colors = district_colors(list(all_units["district_id"]))
names = {row["district_id"]: unit_label(row, lang) if row["unit_kind"] != "district" else row["district_name"]
         for row in all_units.to_dict("records")}

# Units of one kind are compared: districts (until 2025) with districts, communes with communes. The choice is
# offered only when the data holds figures of more than one kind.
kinds = [kind for kind in ("district", "commune", "province") if kind in set(all_units["unit_kind"])]
state.seed_widget("compare_kind", state.choice("kind", kinds, kinds[0]))
if len(kinds) > 1:
    kind = st.radio(t("compare.kind", lang), kinds, key="compare_kind", horizontal=True,
                    format_func=lambda k: t(f"subtypes.kind_{k}", lang))
else:
    kind = kinds[0]
districts = all_units[all_units["unit_kind"] == kind]

provinces = sorted(districts["province_2025"].unique())
province_options = ["", *provinces]
state.seed_widget("compare_province", state.choice("province", provinces, None) or "")
controls = st.columns([1, 2, 1])
province = controls[0].selectbox(
    t("compare.province", lang), province_options, key="compare_province",
    format_func=lambda p: p or t("compare.all_provinces", lang))
in_scope = districts if not province else districts[districts["province_2025"] == province]
scope_ids = list(in_scope["district_id"])
default_ids = scope.default_districts(scope_ids)
if state.choices("d", scope_ids, []) == []:
    scope.show_cap_notice(scope_ids, lang)

state.seed_widget("compare_districts", state.choices("d", scope_ids, default_ids))
kept = [d for d in st.session_state["compare_districts"] if d in scope_ids]
if kept != st.session_state["compare_districts"]:  # the province changed: keep what still fits, else its default
    st.session_state["compare_districts"] = kept or default_ids
chosen = controls[1].multiselect(t("compare.districts", lang), scope_ids, key="compare_districts",
                                 format_func=names.get)

theme_ids = list(themes["theme_id"])
theme_names = {row.theme_id: pick(lang, row.name_vi, row.name_en) for row in themes.itertuples()}
state.seed_widget("compare_theme", state.choice("theme", theme_ids, theme_ids[0]))
theme = controls[2].selectbox(t("compare.theme", lang), theme_ids, key="compare_theme", format_func=theme_names.get)

state.seed_widget("compare_per_commune", state.choice("per", ["commune"], None) == "commune")
per_commune = st.toggle(t("compare.per_commune", lang), key="compare_per_commune",
                        help=t("compare.per_commune_help", lang))

if not chosen:
    state.remember(d=None, theme=theme, province=province or None, per=None, indicator=None,
                   kind=None if kind == kinds[0] else kind)
    st.warning(t("compare.pick_districts", lang))
    st.stop()

observations = db.query("observations_for_districts", districts=chosen, theme=theme, indicators=None)
selected = districts[districts["district_id"].isin(chosen)]
keys = chart_keys(observations)
chart_titles = {key: chart_title(observations, key, lang) for key in keys}
state.seed_widget("compare_indicator", state.choice("indicator", keys, "") or "")
if st.session_state["compare_indicator"] not in ["", *keys]:
    st.session_state["compare_indicator"] = ""  # the theme changed under it
focus = st.selectbox(t("compare.indicator", lang), ["", *keys], key="compare_indicator",
                     format_func=lambda k: chart_titles.get(k) or t("compare.all_indicators", lang))

state.remember(
    d=None if chosen == default_ids else chosen, theme=None if theme == theme_ids[0] else theme,
    province=province or None, per="commune" if per_commune else None, indicator=focus or None,
    kind=None if kind == kinds[0] else kind)
st.caption(":material/link: " + t("compare.link_hint", lang))

if not keys:
    st.info(t("compare.no_charts", lang))
    st.stop()

# Each chart is built just before it is shown, so the first one reaches the browser while the others are built.
for key in keys:
    if not focus or key == focus:
        show_chart(db.comparison_chart(theme, key, chosen, lang, per_commune, observations, selected, colors), lang)

with st.expander(t("compare.figures_table", lang)):
    shown = observations if not focus else observations[
        observations["compare_group"].fillna(observations["indicator_id"]) == focus]
    show_table(figures_table(shown, lang), hide_index=True, width="stretch")
