"""What every page shares: language switch, data-status banner, page header."""

from __future__ import annotations

import streamlit as st

from i18n import DEFAULT_LANGUAGE, LANGUAGES, t

from . import db, state

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def language_switch() -> str:
    """The language radio in the sidebar; returns the language for this run."""
    current = state.language()
    return state.bound("lang", "language", LANGUAGES, DEFAULT_LANGUAGE, lambda options: st.sidebar.radio(
        t("common.language", current), options, format_func=LANGUAGE_NAMES.get, horizontal=True, key="language"))


# Browser print (Ctrl+P): whole charts on white paper, without the sidebar, the header bar, the view switches and
# the buttons; a chart is never cut across two pages. File pickers: Streamlit writes "Drag and drop file here",
# "Limit 200MB per file" and "Browse files"/"Upload" in English whatever the page's language (and a limit that is
# not the product's 5 MB): those words are hidden and the page's own words are written in their place.
_PAGE_CSS = """
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stButtonGroup"], [data-testid="stPopover"], [data-testid="stDownloadButton"],
  [data-testid="stBaseButton-secondary"], .modebar-container { display: none !important; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"] { margin-left: 0 !important; width: 100% !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stPlotlyChart"], [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) {
    break-inside: avoid; page-break-inside: avoid; }
}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after { content: "{drop}"; }
[data-testid="stFileUploaderDropzone"] button { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }
[data-testid="stFileUploaderDropzone"] button::after { content: "{browse}"; font-size: 0.875rem; }
"""


def _css_text(text: str) -> str:
    """A translation inside a CSS string: no quote or backslash can end it."""
    return text.replace("\\", " ").replace('"', "'").replace("\n", " ")


def page_css(lang: str) -> str:
    css = _PAGE_CSS.replace("{drop}", _css_text(t("views.upload_drop", lang)))
    return "<style>" + css.replace("{browse}", _css_text(t("views.upload_browse", lang))) + "</style>"


def page_header(lang: str, title_key: str, caption_key: str | None = None) -> None:
    # Our own constant rules with two of our own translations in them: no text from data, uploads or links.
    st.html(page_css(lang))
    st.title(t(title_key, lang))
    if caption_key:
        st.caption(t(caption_key, lang))
    state.show_notices(lang)
    problems = db.load_problems(lang)  # first: on a server's first run this starts the look at the data files
    if db.data_updating():  # newer data is being built: what the page shows may be about to change
        st.info(t("common.data_updating", lang), icon=":material/sync:")
    if problems:
        with st.expander(t("common.stale_data", lang, count=len(problems)), icon=":material/warning:"):
            st.code("\n".join(problems), language=None)
