"""The indicators page shows its data table from columns of cells (charts.tables.data_columns, ui.tables.
neutralised_columns) instead of a frame passed through data_table, safe_frame and Streamlit's frame-to-Arrow
conversion (issue 17, eighth round (p)). Pinned: what reaches the browser is, column for column, cell for cell and
type for type, what the frame route sent, on every real figure and on synthetic `small` (vi and en, every theme
and none); formula-looking texts are neutralised exactly as safe_frame does; the downloads hold the same file."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit import dataframe_util

import queries
from charts.labels import level_label, period_text
from charts.tables import cells_frame, data_columns, data_table, with_words
from exports.table_files import safe_frame, to_csv_bytes
from loaders.formulas import FORMULA_STARTS
from ui.tables import neutralised_columns


def frame_route(table: pd.DataFrame, lang: str, theme_names: dict) -> pd.DataFrame:
    """The page as it was: the words inserted into the frame, data_table, then safe_frame."""
    table = table.copy()
    records = table.to_dict("records")
    table.insert(table.columns.get_loc("level") + 1, "level_text", [level_label(r, lang) for r in records])
    table.insert(table.columns.get_loc("period_label") + 1, "period_text", [period_text(r, lang) for r in records])
    return data_table(table, lang, theme_names)


def sent(table) -> pd.DataFrame:
    """What Streamlit sends for a table, read back as the browser's frame."""
    return dataframe_util.convert_arrow_bytes_to_pandas_df(dataframe_util.convert_anything_to_arrow_bytes(table))


def assert_same_table(shown: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(shown.columns) == list(expected.columns)
    for column in shown.columns:
        assert shown[column].dtype == expected[column].dtype, column
        assert [(type(v), v) for v in shown[column]] == [(type(v), v) for v in expected[column]], column


def every_view(connection):
    units = list(queries.run(connection, "districts")["district_id"])
    themes = queries.run(connection, "themes")
    for lang in ("vi", "en"):
        names = dict(zip(themes["theme_id"], themes[f"name_{lang}"]))
        for theme in [None, *themes["theme_id"]]:
            yield lang, names, queries.run(connection, "observations_table", districts=units, theme=theme,
                                           indicator=None)


@pytest.mark.parametrize("data", ["real", "synthetic_small"])
def test_the_shown_table_is_what_the_frame_route_sent_on_every_theme(data, request):
    connection = request.getfixturevalue("con" if data == "real" else data)
    rows = 0
    for lang, names, table in every_view(connection):
        cells = data_columns(with_words({c: table[c].tolist() for c in table.columns}, lang), lang, names)
        before = frame_route(table, lang, names)
        assert_same_table(sent(neutralised_columns(cells)), sent(safe_frame(before)))
        assert_same_table(cells_frame(cells), before.reset_index(drop=True))
        rows += len(table)
    assert rows > 1000


def test_the_first_rows_only_are_shown_when_asked(con):
    table = queries.run(con, "observations_table", districts=list(queries.run(con, "districts")["district_id"]),
                        theme=None, indicator=None)
    cells = data_columns(with_words({c: table[c].tolist() for c in table.columns}, "vi"), "vi")
    shown = neutralised_columns(cells, rows=25)
    assert shown.num_rows == 25
    assert_same_table(sent(shown), sent(safe_frame(cells_frame(cells).head(25))))


def test_formula_looking_texts_and_headers_are_neutralised_as_safe_frame_does():
    texts = [f"{start}HYPERLINK(1)" for start in FORMULA_STARTS] + ["  =SUM(1)", "-5", "+3,5%", "a=b", "", "'=x"]
    cells = {"=header": texts, "text": ["plain"] * len(texts), "number": list(range(len(texts))),
             "decimal": [0.5] * len(texts)}
    shown = sent(neutralised_columns(cells))
    expected = sent(safe_frame(cells_frame(cells)))
    assert_same_table(shown, expected)
    assert list(shown.columns) == ["'=header", "text", "number", "decimal"]
    assert [v for v in shown["'=header"] if v.startswith("'")] == [
        f"'{start}HYPERLINK(1)" for start in FORMULA_STARTS] + ["'-5", "'+3,5%", "'=x"]
    assert shown["number"].tolist() == list(range(len(texts)))


def test_the_csv_download_is_the_file_the_frame_route_made(con):
    units = list(queries.run(con, "districts")["district_id"])
    table = queries.run(con, "observations_table", districts=units, theme=None, indicator=None)
    cells = data_columns(with_words({c: table[c].tolist() for c in table.columns}, "en"), "en")
    assert to_csv_bytes(cells_frame(cells)) == to_csv_bytes(frame_route(table, "en", {}))
