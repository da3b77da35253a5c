"""Every table shown on a page goes through here, so the table's own toolbar download ("Download as CSV") holds
the same neutralised text as the product's CSV/XLSX buttons: a cell such as =HYPERLINK(…), @SUM(…) or +1+cmd|…
is shown (and exported) with a leading apostrophe and never runs as a formula in a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from exports.table_files import safe_frame


@dataclass(frozen=True)
class NeutralisedTable:
    """A frame already passed through safe_frame, for a table a page keeps (per build and language) and shows on
    every rerun: neutralising the overview's roster of 3,321 units again on each rerun was about 10 ms. Made only by
    `neutralised`, so a frame cannot be shown unneutralised by mistake."""

    frame: pd.DataFrame


def neutralised(frame: pd.DataFrame) -> NeutralisedTable:
    return NeutralisedTable(safe_frame(frame))


def show_table(frame: pd.DataFrame | list[dict] | NeutralisedTable, **options) -> None:
    if isinstance(frame, NeutralisedTable):
        # a copy-on-write copy: Streamlit's own conversion never touches the kept frame
        st.dataframe(frame.frame.copy(deep=False), **options)
    else:
        st.dataframe(safe_frame(pd.DataFrame(frame)), **options)
