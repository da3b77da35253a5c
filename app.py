"""CĐS Compare: compare administrative units on digital transformation, every figure traceable to its source."""

from pathlib import Path

import streamlit as st

from ui import gc_freeze, layout, navigation

# The page icon is our own picture, served by the app: an emoji needs an emoji font (a box without one, as on a
# machine with DejaVu only) and a ":material/…:" page icon is fetched from a font CDN by every visitor.
st.set_page_config(page_title="CĐS Compare", page_icon=str(Path(__file__).parent / "app_assets" / "favicon.png"),
                   layout="wide")
lang = layout.language_switch()
try:
    st.navigation(navigation.pages(lang)).run()
finally:
    # After the process's first run has imported the libraries and filled the caches: later full collections
    # (one after every run) walk only what later runs make (ui/gc_freeze.py).
    gc_freeze.freeze_once()
