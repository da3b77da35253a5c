"""The data table of Chỉ tiêu & nguồn (issue 16, Search and Readable everywhere): a search that ignores
diacritics, headers in the UI language, no 'None', dates without a time, numbers without '.0' in the CSV."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import queries
from charts.tables import data_table
from exports.table_files import to_csv_bytes
from tests.conftest import REPO

ALL = ["huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac"]


def run_page(**query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "indicators.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.usefixtures("built_db")
def test_searching_without_accents_finds_the_accented_words():
    # the seed districts hold signing figures; the default first 20 units depend on which real pages are bundled
    plain = run_page(q="ky so", d=",".join(ALL)).dataframe[0].value  # a search in the link opens the data table
    accented = run_page(q="ký số", d=",".join(ALL)).dataframe[0].value
    assert len(plain) > 0 and len(plain) == len(accented)
    searched = ("Tên chỉ tiêu (tiếng Việt)", "Tên chỉ tiêu (tiếng Anh)", "Trích dẫn", "Đơn vị", "Nguồn", "Ghi chú",
                "Vị trí trên trang", "Số in trên trang", "Xã")
    assert all(any("ký số" in str(row[c]).lower() for c in searched) for _, row in plain.iterrows())


@pytest.mark.usefixtures("built_db")
def test_the_data_table_speaks_vietnamese_and_leaves_empty_cells_empty():
    at = run_page(indicator="edocs_signed_rate", d=",".join(ALL))
    data = at.dataframe[0].value
    assert "district_id" not in data.columns and "Mã tệp đơn vị" in data.columns and "Trích dẫn" in data.columns
    assert sorted(data["Mã tệp đơn vị"]) == ["lam-binh", "tam-duong", "tam-duong"]
    cells = {str(v) for column in data.columns for v in data[column]}
    assert not cells & {"None", "nan", "NaT", "<NA>", "True", "False"}
    assert not any("00:00" in c for c in cells)
    coverage = run_page(tab="coverage", d=",".join(ALL)).dataframe[0].value
    assert not {str(v) for column in coverage.columns for v in coverage[column]} & {"None", "<NA>", "nan"}
    assert at.multiselect(key="data_districts").placeholder == "Chọn đơn vị"


def test_the_csv_holds_whole_numbers_without_a_stray_decimal(con):
    table = queries.run(con, "observations_table", districts=ALL, theme=None, indicator="dossiers_received",
                        search=None)
    csv = to_csv_bytes(data_table(table, "vi")).decode("utf-8-sig")
    assert "25250" in csv and "25250.0" not in csv
    assert csv.splitlines()[0].startswith("Đơn vị,")
