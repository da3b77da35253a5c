"""Chỉ tiêu & nguồn builds only the section that is open (catalogue, sources, coverage or data table), keeps it in
the link, and every table it shows is neutralised column by column with exactly the cells the cell-by-cell
neutralisation gave (checked on the real tables of a data copy that holds formulas, markup and missing values)."""

from __future__ import annotations

import pandas as pd
import pytest

import queries
from charts.labels import level_label, period_text
from charts.tables import catalogue_table, coverage_grid, data_table
from exports.table_files import safe_frame
from i18n import t
from loaders.formulas import neutralise, neutralise_columns
from tests.apptest_pages import run_page

SEEDS = "huong-khe,lam-binh,luc-yen,tam-duong,thuan-bac"


@pytest.mark.usefixtures("built_db")
def test_the_page_builds_only_the_open_section_and_the_link_reopens_it():
    at = run_page("indicators")
    assert at.session_state["indicators_section"] == "catalogue" and "tab" not in at.query_params
    assert len(at.dataframe) == 1 and "edocs_signed_rate" in set(at.dataframe[0].value["id"])
    assert not at.selectbox and not at.multiselect and not at.get("download_button")  # the data table is not built

    at.session_state["indicators_section"] = "data"
    at.run()
    assert at.query_params["tab"] == "data"
    assert len(at.dataframe) == 1 and "Mã tệp đơn vị" in at.dataframe[0].value.columns
    assert len(at.get("download_button")) == 2

    at.selectbox(key="data_theme").set_value("signing").run()
    assert at.query_params["theme"] == "signing" and "tab" not in at.query_params  # ?theme= alone opens the data
    at.selectbox(key="data_theme").set_value("").run()
    assert "theme" not in at.query_params and at.query_params["tab"] == "data"  # the link still reopens the data

    coverage = run_page("indicators", tab="coverage", d=SEEDS)
    assert len(coverage.dataframe) == 1 and "Chỉ tiêu" in (coverage.dataframe[0].value.index.name or "")


@pytest.mark.usefixtures("built_db")
def test_a_link_that_filters_the_data_opens_the_data_table_and_an_unknown_section_says_so():
    for link in ({"indicator": "edocs_signed_rate"}, {"theme": "signing"}, {"q": "VNeID"}):
        at = run_page("indicators", d=SEEDS, **link)
        assert at.session_state["indicators_section"] == "data", link
        assert "Mã tệp đơn vị" in at.dataframe[0].value.columns
    at = run_page("indicators", tab="everything")
    assert at.session_state["indicators_section"] == "catalogue"
    assert any("everything" in warning.value for warning in at.warning)


def test_the_level_and_period_in_words_are_those_of_each_row(con):
    """The page turns the rows into dicts from whole columns (not DataFrame.to_dict): the same words per row."""
    at = run_page("indicators", d=SEEDS, tab="data")
    shown = at.dataframe[0].value
    rows = queries.run(con, "observations_table", districts=SEEDS.split(","), theme=None, indicator=None).to_dict("records")
    assert len(shown) == len(rows) > 20
    assert list(shown[t("common.level", "vi")]) == [level_label(row, "vi") for row in rows]
    assert list(shown[t("common.period", "vi")]) == [period_text(row, "vi") for row in rows]
    assert len(set(shown[t("common.level", "vi")])) >= 2 and len(set(shown[t("common.period", "vi")])) >= 2


@pytest.fixture(scope="module")
def hostile_con(tmp_path_factory):
    from loaders import build_database
    from tests.hostile_data import write_hostile_copy

    folder = tmp_path_factory.mktemp("hostile_tables")
    build_database(write_hostile_copy(folder / "data"), folder / "cds.duckdb")
    connection = queries.open_database(folder / "cds.duckdb")
    yield connection
    connection.close()


def real_tables(con) -> dict[str, pd.DataFrame]:
    """What the page shows, as the page builds it, plus the query rows before they are made readable (None, dates,
    numbers and flags in text columns)."""
    districts = queries.run(con, "districts")
    rows = queries.run(con, "observations_table", districts=list(districts["district_id"]), theme=None,
                       indicator=None)
    coverage = queries.run(con, "coverage_matrix", theme=None, districts=None)
    return {
        "catalogue": catalogue_table(queries.run(con, "indicator_catalogue"), "vi"),
        "sources": queries.run(con, "source_documents"),
        "coverage": coverage_grid(coverage, districts, "en").astype("string").fillna(""),
        "rows": rows,
        "data_vi": data_table(rows, "vi"),
        "data_en": data_table(rows, "en"),
    }


def cell_by_cell(frame: pd.DataFrame) -> pd.DataFrame:
    """safe_frame as it was before it worked column by column (the reference)."""
    safe = frame.copy()
    for position in range(frame.shape[1]):
        if not pd.api.types.is_numeric_dtype(frame.iloc[:, position]):
            safe.isetitem(position, frame.iloc[:, position].map(neutralise))
    safe.columns = safe.columns.map(neutralise)
    safe.index = safe.index.map(neutralise)
    return safe


def test_whole_columns_are_neutralised_exactly_as_cell_by_cell_on_real_tables(hostile_con):
    tables = real_tables(hostile_con)
    neutralised = 0
    for name, frame in tables.items():
        texts = [frame.iloc[:, p] for p in range(frame.shape[1]) if not pd.api.types.is_numeric_dtype(frame.iloc[:, p])]
        for before, after in zip(texts, neutralise_columns(texts), strict=True):
            pd.testing.assert_series_equal(after, before.map(neutralise), obj=f"{name}.{before.name}")
            neutralised += int((after.astype("string") != before.astype("string")).fillna(False).sum())
        pd.testing.assert_frame_equal(safe_frame(frame), cell_by_cell(frame), obj=name)
    # the hostile copy's formulas are there to be neutralised: a comparison of two no-ops would prove nothing
    assert neutralised >= 10
    shown = " ".join(safe_frame(frame).to_csv() for frame in tables.values())
    assert "'=HYPERLINK(" in shown and "'+1+cmd|" in shown and "'@SUM(1+1)" in shown


def test_whole_columns_keep_every_kind_of_cell_as_cell_by_cell_did():
    """Columns of each kind a table can hold: pandas' str, object text with None, NA-valued string, text mixed with
    numbers, categories, a tab or CR first, a plain signed number as text, an empty table."""
    cells = ["=1+1", "+3", "-", "@x", "\tx", "\rx", " =x", "ok", "'=already", ""]
    columns = [
        pd.Series(cells, dtype="str"), pd.Series([*cells, None], dtype=object),
        pd.Series([*cells, None], dtype="string"),
        pd.Series(["=a", 1, 2.5, None, True], dtype=object), pd.Series(["=a", "b", "=a"], dtype="category"),
        pd.Series([None, None], dtype=object), pd.Series([], dtype=object), pd.Series(["x"], index=[7], name="n"),
    ]
    for before, after in zip(columns, neutralise_columns(columns), strict=True):
        pd.testing.assert_series_equal(after, before.map(neutralise))
    assert list(neutralise_columns(columns[:1])[0]) == [
        "'=1+1", "'+3", "'-", "'@x", "'\tx", "'\rx", " =x", "ok", "'=already", ""]
    frame = pd.DataFrame({"a": ["=x", "y"], "b": [1, 2]}, index=["=row", "ok"])
    frame.columns = ["=head", "=head"]  # repeated headers are kept apart by position
    pd.testing.assert_frame_equal(safe_frame(frame), cell_by_cell(frame))
