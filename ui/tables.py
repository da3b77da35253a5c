"""Every table shown on a page goes through here, so the table's own toolbar download ("Download as CSV") holds
the same neutralised text as the product's CSV/XLSX buttons: a cell such as =HYPERLINK(…), @SUM(…) or +1+cmd|…
is shown (and exported) with a leading apostrophe and never runs as a formula in a spreadsheet."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st
from streamlit.dataframe_util import convert_pandas_df_to_arrow_table

from exports.table_files import safe_frame
from loaders.formulas import FORMULA_STARTS, neutralise


@dataclass(frozen=True)
class NeutralisedTable:
    """A frame already passed through safe_frame, for a table a page keeps (per build and language) and shows on
    every rerun: neutralising the overview's roster of 3,321 units again on each rerun was about 10 ms. Made only by
    `neutralised`, so a frame cannot be shown unneutralised by mistake. `arrow` is the same frame as the Arrow table
    Streamlit makes of it (its own conversion, index included), made once with it: Streamlit turned the 3,321-row
    roster into Arrow again on every rerun (0.75 ms at communes, thread CPU; issue 17, ninth round (r)); handed the
    table, it only writes its bytes, the same bytes (tests/test_kept_table_as_arrow.py). The rest of showing it
    (about 9 ms there) is Streamlit writing and hashing the 2.1 MB message, which no page-side change avoids."""

    frame: pd.DataFrame
    arrow: pa.Table


def neutralised(frame: pd.DataFrame) -> NeutralisedTable:
    safe = safe_frame(frame)
    return NeutralisedTable(safe, convert_pandas_df_to_arrow_table(safe))


def show_table(frame: pd.DataFrame | list[dict] | NeutralisedTable, **options) -> None:
    if isinstance(frame, NeutralisedTable):
        # the kept Arrow table: Arrow tables are immutable, so no session can change what another is shown
        st.dataframe(frame.arrow, **options)
    else:
        st.dataframe(safe_frame(pd.DataFrame(frame)), **options)


# Text that starts like a formula, as one pattern of the same starts (loaders.formulas.FORMULA_STARTS).
_FORMULA_START = "^(?:" + "|".join(re.escape(start) for start in FORMULA_STARTS) + ")"


def _neutralised_text(cells: pa.Array) -> pa.Array:
    """neutralise() of every cell of a text column, in Arrow: a leading apostrophe before text that starts like a
    formula."""
    formula = pc.match_substring_regex(cells, _FORMULA_START)
    if not pc.any(formula).as_py():
        return cells
    return pc.if_else(formula, pc.binary_join_element_wise("'", cells, ""), cells)


def neutralised_columns(columns: Mapping[str, list], rows: int | None = None) -> pa.Table:
    """A table given as columns of plain cells, one kind per column (text, or numbers: charts.tables.data_columns),
    as an Arrow table with every formula-looking text and header neutralised as safe_frame does it, its first
    `rows` rows. Without a pandas frame in between: the indicators page's data table of about 950 rows × 37 columns
    went through a frame, safe_frame and Streamlit's own frame-to-Arrow conversion on each change of its filters
    (about 8 ms at national)."""
    arrays, names = [], []
    for name, cells in columns.items():
        array = pa.array(cells if rows is None else cells[:rows])
        arrays.append(_neutralised_text(array) if pa.types.is_string(array.type) else array)
        names.append(neutralise(name))
    return pa.Table.from_arrays(arrays, names=names)


def show_columns(columns: Mapping[str, list], *, rows: int | None = None, **options) -> None:
    """show_table for a table given as columns of cells (see neutralised_columns): the first `rows` rows shown."""
    st.dataframe(neutralised_columns(columns, rows), **options)
