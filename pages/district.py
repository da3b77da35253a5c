"""Huyện / District profile: one district's figures by theme, each traceable; strengths and gaps."""

import streamlit as st

from analysis.standing import findings
from charts.tables import figures_table
from i18n import pick, t
from i18n.numbers import format_number
from ui import db, layout, markdown, state
from ui.tables import show_table

lang = state.language()
layout.page_header(lang, "district.title", "district.caption")

districts = db.query("district_summary")
ids = list(districts["district_id"])
names = dict(zip(districts["district_id"], districts["district_name"]))
state.seed_widget("profile_district", state.choice("district", ids, ids[0]))
district_id = st.selectbox(t("district.choose", lang), ids, key="profile_district", format_func=names.get)
state.remember(district=district_id)

facts = districts[districts["district_id"] == district_id].iloc[0]
# Names, findings and theme names come from the data: shown as text, never as markdown.
st.header(markdown.escape(facts["district_name"]))
st.caption(t("district.facts", lang, province=markdown.escape(facts["province"]),
             province_2025=markdown.escape(facts["province_2025"]),
             communes=format_number(facts["communes"], lang) if facts["communes"] == facts["communes"] else "—",
             figures=int(facts["figures"] + facts["derived_figures"])))

results = findings(db.query("district_standing", district=district_id), lang)
strengths, gaps = st.columns(2)
for column, kind in ((strengths, "strength"), (gaps, "gap")):
    column.subheader(t(f"district.{kind}s", lang))
    mine = [finding.text for finding in results if finding.kind == kind]
    if mine:
        column.markdown("\n".join(f"- {markdown.escape(text)}" for text in mine))
    else:
        column.caption(t("district.none_found", lang))
st.caption(t("district.standing_caption", lang))

observations = db.query("observations_for_districts", districts=[district_id], theme=None, indicators=None)
themes = db.query("themes")
for theme in themes.itertuples():
    rows = observations[observations["theme"] == theme.theme_id]
    if rows.empty:
        continue
    label = t("district.figures_in_theme", lang, theme=markdown.escape(pick(lang, theme.name_vi, theme.name_en)),
              count=len(rows))
    with st.expander(label, expanded=True):
        show_table(figures_table(rows, lang, with_district=False), hide_index=True, width="stretch")
