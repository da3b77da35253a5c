"""Trình chiếu / Present: build a deck of charts, show it one chart per screen, download it as PPTX or PDF."""

import streamlit as st

from exports.deck import Deck, deck_charts, single_unit_charts
from exports.images import renderer_available
from exports.pdf_pack import build_pdf
from exports.pptx_pack import build_pptx
from exports.unit_brief import build_unit_brief
from i18n import pick, t
from ui import db, layout, markdown, pickers, scope, state
from ui.present_mode import hide_app_chrome, show_deck

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

lang = state.language()
districts = db.query("districts")
themes = db.query("themes")
names = pickers.unit_names(districts, lang)
presenting = state.choice("show", ["1"], None) == "1"


@st.cache_data(show_spinner=False, max_entries=50)
def _slides(version: tuple, chart_ids: tuple[str, ...], units: tuple[str, ...], lang: str, per: str | None) -> list:
    return deck_charts(db.connection(), Deck(chart_ids, units, lang, per), medium="slide")


@st.cache_data(show_spinner=False, max_entries=50)
def _single_unit_charts(version: tuple, units: tuple[str, ...]) -> dict[str, list[str]]:
    return single_unit_charts(db.connection(), list(units), groups=db.deck_outline(list(units)))


if presenting:  # the slides only: the link's kind, units, deck and switch are read, no controls drawn
    kind, kind_ids = scope.kind_switch(districts, "present_kind", lang, drawn=False)
    chosen = state.choices("d", kind_ids, scope.default_districts(kind_ids))
    per = state.choice("per", scope.normalisations(kind), None)
    hide_app_chrome()
    titles = db.chart_titles(chosen, lang) if chosen else {}
    deck_ids = state.choices("deck", list(titles), [])
    state.show_notices(lang)
    slides = _slides(db.version(), tuple(deck_ids), tuple(chosen), lang, per) if deck_ids else []
    if not slides:
        st.warning(t("present.empty_deck", lang))
        if st.button(t("present.stop", lang)):
            state.remember(show=None, slide=None)
            st.rerun()
    else:
        total = len(slides)
        current = int(state.choice("slide", [str(n) for n in range(1, total + 1)], "1"))
        action = show_deck(slides, current, lang)
        if action in ("previous", "next"):  # without JavaScript the buttons come through the server
            state.remember(slide=str(current + (1 if action == "next" else -1)))
            st.rerun()
        if action == "stop":
            state.remember(show=None, slide=None)
            st.rerun()
    st.stop()

layout.page_header(lang, "present.title", "present.caption")
# A deck compares units of one kind, as the Compare page does: the picker offers the chosen kind's units only.
kind, kind_ids = scope.kind_switch(districts, "present_kind", lang)
default_ids = scope.default_districts(kind_ids)
words = scope.unit_words(kind, lang)
chosen = state.bound("d", "present_districts", kind_ids, default_ids, lambda options: st.multiselect(
    t("present.districts", lang, **words), options, key="present_districts", format_func=names.get,
    placeholder=t("comparable.placeholder", lang, **words)), many=True)
switches = st.columns(2)
per = scope.normalisation_choice(kind, "present_per", switches[0], lang)
# As on the Compare page: by default only the charts at least two of the units have a figure on (each unit at its
# latest period, bars sorted by value); a switch offers the rest, and a list says which were left out.
show_all = state.bound_flag("all", "present_show_all", "1", lambda: switches[1].toggle(
    t("comparable.show_all", lang, **words), key="present_show_all", help=t("comparable.show_all_help", lang, **words)))
titles = db.chart_titles(chosen, lang) if chosen else {}
single = {} if show_all else _single_unit_charts(db.version(), tuple(chosen))
theme_names = {row.theme_id: pick(lang, row.name_vi, row.name_en) for row in themes.itertuples()}


def _label(chart_id: str) -> str:
    theme = theme_names.get(chart_id.split(".")[0])
    return f"{theme} — {titles[chart_id]}" if theme else titles[chart_id]


def _move(index: int, step: int) -> None:
    deck = list(st.session_state["present_deck"])
    other = index + step
    if 0 <= other < len(deck):
        deck[index], deck[other] = deck[other], deck[index]
        st.session_state["present_deck"] = deck


def _remove(index: int) -> None:
    deck = list(st.session_state["present_deck"])
    del deck[index]
    st.session_state["present_deck"] = deck


def _deck_picker(options: list[str]) -> list[str]:
    # A chart already in the deck stays offered (the deck is the presenter's), whatever the default leaves out.
    offered = [c for c in options if c not in single or c in st.session_state["present_deck"]]
    adding = st.columns([3, 1])
    theme = adding[0].selectbox(t("present.add_theme", lang), list(theme_names), format_func=theme_names.get)
    if adding[1].button(t("present.add_theme_button", lang), width="stretch"):
        st.session_state["present_deck"] += [c for c in offered if c.startswith(f"{theme}.")
                                             and c not in st.session_state["present_deck"]]
    return st.multiselect(t("present.charts", lang), offered, key="present_deck", format_func=_label,
                          placeholder=t("present.charts_placeholder", lang))


# A chart whose units were removed leaves the deck silently; one the link names that does not exist is noticed.
deck_ids = state.bound("deck", "present_deck", list(titles), [], _deck_picker, many=True)
left_out = [chart_id for chart_id in single if chart_id not in deck_ids]
if left_out:
    with st.expander(t("comparable.single_unit_heading", lang, count=len(left_out), **words)):
        items = [t("comparable.single_unit_item", lang, title=_label(c), unit=", ".join(single[c])) for c in left_out]
        st.markdown("\n".join(f"- {markdown.escape(item)}" for item in items))

if not deck_ids:
    st.info(t("present.empty_deck", lang))
    st.stop()

with st.expander(t("present.order_title", lang), expanded=len(deck_ids) > 1):
    for index, chart_id in enumerate(deck_ids):
        row = st.columns([8, 1, 1, 1], vertical_alignment="center")
        row[0].markdown(f"{index + 1}. {markdown.escape(_label(chart_id))}")
        row[1].button("↑", key=f"present_up_{index}", help=t("present.move_up", lang), disabled=index == 0,
                      on_click=_move, args=(index, -1))
        row[2].button("↓", key=f"present_down_{index}", help=t("present.move_down", lang),
                      disabled=index == len(deck_ids) - 1, on_click=_move, args=(index, 1))
        row[3].button("✕", key=f"present_remove_{index}", help=t("present.remove", lang), on_click=_remove,
                      args=(index,))

if st.button(t("present.start", lang), type="primary", icon=":material/slideshow:"):
    state.remember(show="1", slide="1")
    st.rerun()

st.subheader(t("present.pack", lang))
can_draw = renderer_available()
if not can_draw:
    st.info(t("present.pdf_unavailable", lang))
deck = Deck(tuple(deck_ids), tuple(chosen), lang, per)
# the packs this session built, kept for their download buttons: only the current deck's (and the current brief),
# so a presenter rebuilding packs through a long meeting does not keep every copy in the server's memory
packs = st.session_state.setdefault("_packs", {})
formats = [("pptx", build_pptx, PPTX_MIME)] + ([("pdf", build_pdf, "application/pdf")] if can_draw else [])
for fmt, builder, mime in formats:
    key = (deck, fmt, db.version())
    columns = st.columns([1, 1, 2])
    if columns[0].button(t(f"present.build_{fmt}", lang), key=f"build_{fmt}"):
        with st.status(t(f"present.build_{fmt}", lang), expanded=True) as status:
            bar = st.progress(0.0)

            def progress(done: int, total: int) -> None:
                bar.progress(done / total, text=t("present.building", lang, done=done, total=total))

            pack = builder(db.connection(), deck, progress)
            for stale in [k for k in packs if len(k) == 3 and k[1] == fmt]:
                del packs[stale]
            packs[key] = pack
            status.update(label=t("present.built", lang), state="complete", expanded=False)
    if key in packs:
        columns[1].download_button(t(f"present.download_{fmt}", lang), packs[key], file_name=f"cds-compare.{fmt}",
                                   mime=mime, on_click="ignore", key=f"download_{fmt}")

if can_draw and chosen:
    st.subheader(t("present.brief", lang))
    columns = st.columns([2, 1, 1], vertical_alignment="bottom")
    unit = columns[0].selectbox(t("present.districts", lang, **words), chosen, format_func=names.get, key="present_brief_unit")
    key = ("brief", unit, lang, db.version())
    if columns[1].button(t("present.build_brief", lang), key="build_brief"):
        with st.spinner(t("present.build_brief", lang)):
            brief = build_unit_brief(db.connection(), unit, lang)
            for stale in [k for k in packs if k[0] == "brief"]:
                del packs[stale]
            packs[key] = brief
    if key in packs:
        columns[2].download_button(t("present.download_brief", lang), packs[key], file_name=f"cds-{unit}.pdf",
                                   mime="application/pdf", on_click="ignore", key="download_brief")
