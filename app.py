"""CĐS Compare: compare districts on digital transformation, every figure traceable to its source."""

import streamlit as st

from ui import layout, navigation

# An emoji icon is drawn by the browser itself; a ":material/…:" icon is fetched from a font CDN by every visitor.
st.set_page_config(page_title="CĐS Compare", page_icon="📊", layout="wide")
lang = layout.language_switch()
st.navigation(navigation.pages(lang)).run()
