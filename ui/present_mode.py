"""Full-screen slide view: hide Streamlit's sidebar, header and toolbar so only the chart is on the projector."""

import streamlit as st

_HIDE_CHROME = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
.block-container {padding-top: 1rem !important; max-width: 100% !important;}
</style>
"""


def hide_app_chrome() -> None:
    st.html(_HIDE_CHROME)
