"""The menu's pages are made once per session and language (ui/navigation.py `pages`), not on every rerun of every
page: ten st.Page objects, each resolving and checking its file, were about 1.7 ms of every rerun (issue 17, eighth
round (p)). Pinned under AppTest on app.py itself: a rerun keeps the session's pages, a switch of language titles
them anew in that language, and the page shown is the one the menu's default names."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from i18n import t
from tests.conftest import REPO
from ui.navigation import PAGES


def kept(at: AppTest) -> tuple[str, list]:
    return at.session_state["_navigation_pages"]


def test_a_rerun_keeps_the_sessions_pages_and_a_language_switch_retitles_them():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    lang, pages = kept(at)
    assert lang == "vi" and [page.title for page in pages[:len(PAGES)]] == [t(key, "vi") for _, key, _, _ in PAGES]
    assert at.title[0].value == t("overview.title", "vi")
    at.run()
    assert kept(at)[1] is pages  # the same objects: nothing made again
    at.radio(key="language").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]
    lang, english = kept(at)
    assert lang == "en" and [page.title for page in english[:len(PAGES)]] == [t(key, "en") for _, key, _, _ in PAGES]
    assert at.title[0].value == t("overview.title", "en")
