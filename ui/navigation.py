"""The pages of the app, in menu order. Each page is a thin file under app_pages/: a folder named pages/ would
switch Streamlit into its old-style navigation for a deep link that arrives before app.py has run."""

from __future__ import annotations

import streamlit as st

from i18n import t

# (file, title key, url path, icon)
PAGES = [
    ("app_pages/overview.py", "nav.overview", "overview", ":material/dashboard:"),
    ("app_pages/compare.py", "nav.compare", "compare", ":material/bar_chart:"),
    ("app_pages/district.py", "nav.district", "district", ":material/location_city:"),
    ("app_pages/provinces.py", "nav.provinces", "provinces", ":material/leaderboard:"),
    ("app_pages/map.py", "nav.map", "map", ":material/map:"),
    ("app_pages/indicators.py", "nav.indicators", "indicators", ":material/menu_book:"),
    ("app_pages/present.py", "nav.present", "present", ":material/slideshow:"),
    ("app_pages/contribute.py", "nav.contribute", "contribute", ":material/upload_file:"),
    ("app_pages/report_reader.py", "nav.reader", "reader", ":material/find_in_page:"),
]


# The session's pages and the language they are titled in (see pages).
_KEPT = "_navigation_pages"


def pages(lang: str) -> list:
    """The menu's pages, titled in `lang`: made once per session and language, not on every rerun of every page
    (each st.Page resolves its file and checks that it exists). Kept in the session, not shared between sessions:
    st.navigation marks the page it returns as the one to run, and a session's runs never overlap."""
    kept = st.session_state.get(_KEPT)
    if kept is None or kept[0] != lang:
        kept = st.session_state[_KEPT] = (lang, _made(lang))
    return kept[1]


def _made(lang: str) -> list:
    listed = [
        st.Page(file, title=t(title_key, lang), url_path=f"{url_path}-home" if n == 0 else url_path, icon=icon,
                default=(n == 0))
        for n, (file, title_key, url_path, icon) in enumerate(PAGES)
    ]
    # The default page is served at "/" and the browser does not route its own path back to it (a pasted /overview
    # link said "Page not found"): the default keeps a reserved name, and /overview is the same page, hidden from
    # the menu.
    file, title_key, url_path, icon = PAGES[0]
    return [*listed, st.Page(file, title=t(title_key, lang), url_path=url_path, icon=icon, visibility="hidden")]
