"""Every table shown on a page goes through here, so the table's own toolbar download ("Download as CSV") holds
the same neutralised text as the product's CSV/XLSX buttons: a cell such as =HYPERLINK(…), @SUM(…) or +1+cmd|…
is shown (and exported) with a leading apostrophe and never runs as a formula in a spreadsheet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exports.table_files import safe_frame


def show_table(frame: pd.DataFrame | list[dict], **options) -> None:
    st.dataframe(safe_frame(pd.DataFrame(frame)), **options)
