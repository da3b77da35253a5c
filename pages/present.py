"""Trình chiếu / Present: build a deck of charts, show it one chart per screen, download it as PPTX or PDF."""

import streamlit as st

from exports.deck import Deck
from exports.images import renderer_available
from exports.pdf_pack import build_pdf
from exports.pptx_pack import build_pptx
from i18n import pick, t
from ui import db, layout, markdown, scope, state
from ui.present_mode import hide_app_chrome

lang = state.language()
districts = db.query("districts")
themes = db.query("themes")
ids = list(districts["district_id"])
names = dict(zip(districts["district_id"], districts["district_name"]))
default_ids = scope.default_districts(ids)
chosen = state.choices("d", ids, default_ids)
per_commune = state.choice("per", ["commune"], None) == "commune"
presenting = state.choice("show", ["1"], None) == "1"

if presenting:
    hide_app_chrome()
    wanted = state.requested("deck")
    themes_wanted = tuple(dict.fromkeys(c.split(".", 1)[0] for c in wanted))
    slides = db.all_charts(chosen, lang, per_commune, medium="slide", themes=themes_wanted) if wanted else []
    by_id = {spec.chart_id: spec for spec in slides}
    deck_ids = state.choices("deck", list(by_id), [])
    state.show_notices(lang)
    if not deck_ids:
        st.warning(t("present.empty_deck", lang))
    else:
        total = len(deck_ids)
        current = int(state.choice("slide", [str(n) for n in range(1, total + 1)], "1"))
        spec = by_id[deck_ids[current - 1]]
        st.plotly_chart(spec.figure, width="stretch", theme=None, config={"displaylogo": False, "displayModeBar": False},
                        key="slide_chart")
        for note in spec.notes:
            st.markdown(f"⚠️ {markdown.escape(note)}")
        st.markdown(f"**{markdown.escape(spec.source_note)}**")
        controls = st.columns([1, 1, 2, 1])
        if controls[0].button(t("present.previous", lang), disabled=current == 1, width="stretch"):
            state.remember(slide=str(current - 1))
            st.rerun()
        if controls[1].button(t("present.next", lang), disabled=current == total, width="stretch", type="primary"):
            state.remember(slide=str(current + 1))
            st.rerun()
        controls[2].markdown(f"### {t('present.counter', lang, current=current, total=total)}")
    if st.button(t("present.stop", lang)):
        state.remember(show=None, slide=None)
        st.rerun()
    st.stop()

layout.page_header(lang, "present.title", "present.caption")
state.seed_widget("present_districts", chosen)
chosen = st.multiselect(t("present.districts", lang), ids, key="present_districts", format_func=names.get)
state.seed_widget("present_per_commune", per_commune)
per_commune = st.toggle(t("present.per_commune", lang), key="present_per_commune")
titles = db.chart_titles(chosen, lang) if chosen else {}
theme_names = {row.theme_id: pick(lang, row.name_vi, row.name_en) for row in themes.itertuples()}

state.seed_widget("present_deck", state.choices("deck", list(titles), []))
st.session_state["present_deck"] = [c for c in st.session_state["present_deck"] if c in titles]
adding = st.columns([3, 1])
theme = adding[0].selectbox(t("present.add_theme", lang), list(theme_names), format_func=theme_names.get)
if adding[1].button(t("present.add_theme_button", lang), width="stretch"):
    st.session_state["present_deck"] += [c for c in titles if c.startswith(f"{theme}.")
                                         and c not in st.session_state["present_deck"]]
deck_ids = st.multiselect(
    t("present.charts", lang), list(titles), key="present_deck",
    format_func=lambda c: f"{theme_names.get(c.split('.')[0], '')} — {titles[c]}")
state.remember(d=None if chosen == default_ids else chosen, deck=deck_ids or None, per="commune" if per_commune else None)

if not deck_ids:
    st.info(t("present.empty_deck", lang))
    st.stop()

if st.button(t("present.start", lang), type="primary", icon=":material/slideshow:"):
    state.remember(show="1", slide="1")
    st.rerun()

st.subheader(t("present.pack", lang))
if not renderer_available():
    st.info(t("present.images_unavailable", lang))
    st.stop()
deck = Deck(tuple(deck_ids), tuple(chosen), lang, per_commune)
packs = st.session_state.setdefault("_packs", {})
for fmt, builder, mime in (("pptx", build_pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                           ("pdf", build_pdf, "application/pdf")):
    key = (deck, fmt, db.version())
    columns = st.columns([1, 1, 2])
    if columns[0].button(t(f"present.build_{fmt}", lang), key=f"build_{fmt}"):
        with st.status(t(f"present.build_{fmt}", lang), expanded=True) as status:
            bar = st.progress(0.0)

            def progress(done: int, total: int) -> None:
                bar.progress(done / total, text=t("present.building", lang, done=done, total=total))

            packs[key] = builder(db.connection(), deck, progress)
            status.update(label=t("present.built", lang), state="complete", expanded=False)
    if key in packs:
        columns[1].download_button(t(f"present.download_{fmt}", lang), packs[key], file_name=f"cds-compare.{fmt}",
                                   mime=mime, on_click="ignore", key=f"download_{fmt}")
