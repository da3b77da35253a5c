"""loaders.formulas.neutralise_columns joins the text columns it checks as pandas series (issue 17, ninth round (f)):
columns of pandas' str (Arrow text, what every query gives) are neutralised without a Python string per cell, and
object text as before. Whatever the mix, the cells, dtypes, names and indexes are those of `map(neutralise)`, cell by
cell: missing text, columns of their own indexes (a sorted roster), str and object columns in one call, and the
Overview's roster of the real data."""

from __future__ import annotations

import pandas as pd

import queries
from loaders.formulas import neutralise, neutralise_columns

CELLS = ["=1+1", "+3", "-5", "@x", "\tx", " =x", "ok", None, "'=already", ""]


def _assert_as_cell_by_cell(columns: list[pd.Series]) -> None:
    for before, after in zip(columns, neutralise_columns(columns), strict=True):
        pd.testing.assert_series_equal(after, before.map(neutralise))


def test_str_and_object_text_of_their_own_indexes_are_neutralised_as_cell_by_cell():
    columns = [
        pd.Series(CELLS, dtype="str", index=range(100, 110), name="a"),
        pd.Series(list(reversed(CELLS)), dtype=object, index=list("qwertyuiop"), name="b"),
        pd.Series(CELLS[:3], dtype="str", index=[9, 3, 1], name="c"),
        pd.Series(["=only"], dtype="str", name="d"),
    ]
    _assert_as_cell_by_cell(columns)
    assert neutralise_columns(columns)[0].tolist()[:4] == ["'=1+1", "'+3", "'-5", "'@x"]
    assert neutralise_columns(columns)[0].dtype == "str" and neutralise_columns(columns)[1].dtype == "str"


def test_the_real_rosters_text_columns_are_neutralised_as_cell_by_cell(con):
    from ui.scope import in_display_order

    summary = in_display_order(queries.run(con, "district_summary"))  # rows out of their index order
    texts = [summary[name] for name in summary.columns if summary[name].dtype == "str"]
    hostile = pd.Series(["=HYPERLINK(\"x\")", *summary["district_name"].tolist()[1:]], index=summary.index, dtype="str")
    assert len(texts) >= 4
    _assert_as_cell_by_cell([*texts, hostile])
    assert neutralise_columns([hostile])[0].iloc[0] == "'=HYPERLINK(\"x\")"
