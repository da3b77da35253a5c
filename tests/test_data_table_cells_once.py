"""charts.tables.data_table works each distinct value of a column out once (it ran cell by cell: 14 of the
indicators page's 106 ms per theme change). Pinned: the same frame, cell for cell and type for type, as the
cell-by-cell definition, on every real observation (vi and en) and on the level and period words the page adds."""

from __future__ import annotations

import pandas as pd
import pytest

import queries
from charts.labels import level_label, period_text
from charts.tables import DATA_COLUMNS, _cell, _worded, data_table
from i18n import t
from i18n.numbers import format_value
from loaders.periods import AS_OF_UNKNOWN_KIND


def cell_by_cell(table: pd.DataFrame, lang: str, theme_names) -> pd.DataFrame:
    """data_table as it was written before: every cell through _cell on its own."""
    table = table.copy()
    table.insert(table.columns.get_loc("value"), "value_text",
                 [format_value(v, u, lang) if pd.notna(v) else "" for v, u in zip(table["value"], table["unit"])])
    undated = table["period_kind"] == AS_OF_UNKNOWN_KIND
    for column in ("period_start", "period_end"):
        table[column] = table[column].astype(object).where(~undated, None)
    from charts.labels import date_text
    table["source_date"] = [date_text(d, lang) if isinstance(d, str) and d else d for d in table["source_date"]]
    table["theme"] = [theme_names.get(theme, theme) for theme in table["theme"]]
    columns = {}
    for column in table.columns:
        cells = [_cell(_worded(column, v, lang), lang) for v in table[column].tolist()]
        kinds = {type(c) for c in cells if c != ""}
        numbers_only = kinds <= {int, float} and "" not in cells
        if not numbers_only and (len(kinds) > 1 or (kinds and kinds != {str} and "" in cells)):
            cells = [str(c) for c in cells]
        columns[column] = pd.Series(cells, index=table.index, dtype=object)
    shown = pd.DataFrame(columns, index=table.index)
    return shown.rename(columns={c: t(DATA_COLUMNS[c], lang) for c in shown.columns if c in DATA_COLUMNS})


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_data_table_equals_the_cell_by_cell_table_on_every_real_figure(con, lang):
    units = list(queries.run(con, "districts")["district_id"])
    table = queries.run(con, "observations_table", districts=units, theme=None, indicator=None)
    records = table.to_dict("records")
    table.insert(table.columns.get_loc("level") + 1, "level_text", [level_label(r, lang) for r in records])
    table.insert(table.columns.get_loc("period_label") + 1, "period_text", [period_text(r, lang) for r in records])
    themes = queries.run(con, "themes")
    names = dict(zip(themes["theme_id"], themes[f"name_{lang}"]))
    new, old = data_table(table, lang, names), cell_by_cell(table, lang, names)
    assert len(new) > 400 and list(new.columns) == list(old.columns)
    for column in new.columns:
        assert [(type(v), v) for v in new[column]] == [(type(v), v) for v in old[column]], column
