"""How a ChartSpec appears on a page: the figure, its honest notes, its source line."""

from __future__ import annotations

import streamlit as st

from charts.spec import ChartSpec

from . import markdown
from .downloads import chart_downloads

# No plotly logo, no "edit in chart studio" link (it reaches the internet); big PNG from the modebar camera.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
}


def show_chart(spec: ChartSpec, lang: str, downloads: bool = True) -> None:
    # theme=None: the figure keeps its own fonts and sizes, so the page matches the PNG, PPTX and PDF.
    st.plotly_chart(spec.figure, width="stretch", theme=None, config=PLOTLY_CONFIG, key=f"chart_{spec.chart_id}")
    # Notes and the source line carry names, titles and numbers from the data: shown as text.
    for note in spec.notes:
        st.caption(f"⚠️ {markdown.escape(note)}")
    st.caption(markdown.escape(spec.source_note))
    if downloads:
        chart_downloads(spec, lang)
