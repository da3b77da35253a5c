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
    table = queries.run(con, "observations_table", districts=ALL, theme=None, indicator="dossiers_received")
    csv = to_csv_bytes(data_table(table, "vi")).decode("utf-8-sig")
    assert "25250" in csv and "25250.0" not in csv
    assert csv.splitlines()[0].startswith("Đơn vị,")


def seed_table(con, lang: str):
    table = queries.run(con, "observations_table", districts=ALL, theme=None, indicator=None)
    themes = queries.run(con, "themes")
    names = dict(zip(themes["theme_id"], themes[f"name_{lang}"]))
    return table, data_table(table, lang, names)


def test_the_data_table_writes_values_dates_and_codes_as_people_read_them(con):
    raw, shown = seed_table(con, "vi")
    report = shown[shown["Mã nguồn"] == "huong-khe-2023-bc373"]
    assert "25.250" in set(shown["Giá trị"]) and 25250 in set(shown["Số (không định dạng)"])
    assert len(report) > 0 and set(report["Ngày văn bản"]) == {"7/9/2023"}  # not 2023-09-07
    rates = shown[raw["unit"] == "percent"]
    assert all("," in text or text.endswith("%") for text in rates["Giá trị"])  # '99,86%', never '99.86'
    assert not any("." in text.rstrip("%") for text in rates["Giá trị"] if text)
    assert set(shown["Loại kỳ"]) <= {"năm", "6 tháng", "quý", "tháng", "nhiều tháng", "giai đoạn nhiều năm",
                                     "đến một ngày", "không ghi ngày"}
    assert "Dịch vụ công trực tuyến" in set(shown["Chủ đề"]) and "online_services" not in set(shown["Chủ đề"])
    undated = shown[raw["period_kind"] == "as_of_unknown"]
    assert len(undated) > 0  # Lâm Bình's and Thuận Bắc's undated news
    assert set(undated["Kỳ từ ngày"]) == {""} and set(undated["Kỳ đến ngày"]) == {""}
    dated = shown[raw["period_kind"] == "year"]
    assert all(text.count("/") == 2 for text in dated["Kỳ đến ngày"])


def test_the_english_data_table_writes_the_month_in_words_and_english_numbers(con):
    raw, shown = seed_table(con, "en")
    report = shown[shown["Source id"] == "huong-khe-2023-bc373"]
    assert len(report) > 0 and set(report["Document date"]) == {"7 Sep 2023"}
    assert "25,250" in set(shown["Value"]) and "undated" in set(shown["Period kind"])


def test_the_csv_keeps_the_plain_number_beside_the_written_one(con):
    table = queries.run(con, "observations_table", districts=ALL, theme=None, indicator="dossiers_received")
    header, *rows = to_csv_bytes(data_table(table, "vi")).decode("utf-8-sig").splitlines()
    columns = header.split(",")
    assert columns.index("Giá trị") + 1 == columns.index("Số (không định dạng)")
    assert any('"25.250",25250' in row or ",25.250,25250," in row for row in rows)
