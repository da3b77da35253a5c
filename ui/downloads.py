"""Download buttons for one chart: made only while its menu is open, and images rendered only when clicked
(deferred, on another thread), so a page with many charts stays fast."""

from __future__ import annotations

import re

import streamlit as st

from charts.spec import ChartSpec
from exports.images import chart_image, renderer_available
from i18n import t

FORMATS = (("png", "wide", "present.png_wide", "image/png"), ("png", "square", "present.png_square", "image/png"),
           ("svg", "wide", "present.svg", "image/svg+xml"))


def _file_stem(spec: ChartSpec) -> str:
    return "cds-" + re.sub(r"[^a-z0-9]+", "-", spec.chart_id.lower()).strip("-")


def chart_downloads(spec: ChartSpec, lang: str) -> None:
    # The menu's buttons are made only while it is open (opening it reruns the page): a theme shows up to 17 charts
    # and three download buttons each were built on every rerun for menus nobody opened.
    with st.popover(t("present.download_chart", lang), icon=":material/download:", key=f"downloads_{spec.chart_id}",
                    on_change="rerun") as menu:
        if not renderer_available():  # one line, shown at once: where to get the picture instead
            st.caption(t("present.images_unavailable", lang))
            return
        if not menu.open:
            return
        for fmt, size, label_key, mime in FORMATS:
            st.download_button(
                t(label_key, lang), data=lambda fmt=fmt, size=size: chart_image(spec, fmt, size),
                file_name=f"{_file_stem(spec)}-{size}.{fmt}", mime=mime, on_click="ignore",
                key=f"download_{spec.chart_id}_{fmt}_{size}")
