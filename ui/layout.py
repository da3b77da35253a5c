"""What every page shares: language switch, data-status banner, page header."""

from __future__ import annotations

import streamlit as st

from i18n import LANGUAGES, t

from . import db, state

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def language_switch() -> str:
    """The language radio in the sidebar; returns the language for this run."""
    current = state.language()
    chosen = st.sidebar.radio(
        t("common.language", current), LANGUAGES, index=LANGUAGES.index(current),
        format_func=LANGUAGE_NAMES.get, horizontal=True, key="language",
    )
    state.remember(lang=None if chosen == "vi" else chosen)
    return chosen


def _ensure_app_navigation() -> None:
    """A deep link (/compare?…) that is the first request after a server start would run the page file on its
    own: Streamlit treats a folder named pages/ as old-style navigation until app.py has called st.navigation
    once. Switch that mode off and rerun, so app.py runs and routes to this same page with its query string."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_header(lang: str, title_key: str, caption_key: str | None = None) -> None:
    _ensure_app_navigation()
    st.title(t(title_key, lang))
    if caption_key:
        st.caption(t(caption_key, lang))
    state.show_notices(lang)
    problems = db.load_problems(lang)
    if problems:
        with st.expander(t("common.stale_data", lang, count=len(problems)), icon="⚠️"):
            st.code("\n".join(problems), language=None)
