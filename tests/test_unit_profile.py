"""The unit profile (issue 13): an old district shows the current communes that now cover it; a new commune shows
the old units it was formed from and their figures as history, marked as the predecessor's and never summed.
Compare offers units of one kind. On the real data and, for the commune, a copy of it with one small commune file
whose figure comes from a public page (issue 14 §3: printed number, locator and address, no quote)."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

import queries
from loaders.problems import ValidationFailed
from loaders.validate import load_dataset
from tests.apptest_pages import (XA_LAM_BINH_HEADER, XA_LAM_BINH_PAGE, data_copy_with, run_page,
                                 serve_from)
from tests.conftest import DATA_DIR

COMMUNE_FILE = XA_LAM_BINH_HEADER + XA_LAM_BINH_PAGE + """\
observations:
  - indicator: online_payment_rate
    value: 85.63
    unit: percent
    period: asof unknown
    level: district
    source: xa-lam-binh-trang-2025
    printed: "85,63%"
    locator: "Mục II. Kết quả, đoạn 2"
"""


@pytest.fixture(scope="module")
def with_commune(tmp_path_factory):
    return data_copy_with(tmp_path_factory.mktemp("commune"), {"xa-lam-binh.yaml": COMMUNE_FILE})


@pytest.fixture
def commune_app(with_commune, monkeypatch):
    return serve_from(with_commune, monkeypatch)


def _tables(at: AppTest) -> list:
    return [frame.value for frame in at.dataframe]


@pytest.mark.usefixtures("built_db")
def test_an_old_districts_profile_shows_the_communes_that_now_cover_it():
    at = run_page("district", district="lam-binh")
    assert any(h.value.startswith("Từ 1/7/2025 địa bàn huyện Lâm Bình nay thuộc") for h in at.subheader)
    covering = next(t for t in _tables(at) if "Phần" in t.columns)
    assert sorted(covering["Đơn vị"]) == ["xã Bình An", "xã Lâm Bình", "xã Minh Quang", "xã Thượng Lâm"]
    assert set(covering["Tỉnh"]) == {"Tuyên Quang"} and set(covering["Phần"]) == {"một phần"}
    # the raw ids are for curators: never a column of the officials' table, but findable as plain text below it
    assert "Mã đơn vị" not in covering.columns and not any("/" in str(v) for v in covering.to_numpy().ravel())
    assert "Mã đơn vị (cho người biên tập dữ liệu)" in [e.label for e in at.expander]
    ids = "\n".join(code.value for code in at.code)
    assert any(line.startswith("Lâm Bình: ") and "/" in line for line in ids.splitlines()), ids


def test_a_communes_profile_shows_its_predecessors_and_their_figures_as_theirs(commune_app):
    at = run_page("district", district="xa-lam-binh")
    assert at.header[0].value == "Xã Lâm Bình"
    at.session_state["profile_table_online_services"] = True  # a theme's figures are built when its table is opened
    at.run()
    assert any(h.value == "xã Lâm Bình được hình thành từ" for h in at.subheader)
    tables = _tables(at)
    predecessors = next(t for t in tables if "Phần" in t.columns)
    assert "Mã đơn vị" not in predecessors.columns
    assert "huyện Lâm Bình" in set(predecessors["Đơn vị"])
    assert "thị trấn Lăng Can" in set(predecessors["Đơn vị"])
    history = next(t for t in tables if "Đơn vị" in t.columns and "Giá trị" in t.columns)
    received = history[history["Chỉ tiêu"] == "Số hồ sơ TTHC tiếp nhận"]
    # the old district's own figure, marked as the predecessor's and not summed into the commune
    assert list(received["Đơn vị"]) == ["Số liệu của huyện Lâm Bình (đơn vị tiền thân, một phần)"]
    assert list(received["Giá trị"]) == ["25.250"]
    own = next(t for t in tables if "Giá trị" in t.columns and "85,63%" in set(t["Giá trị"]))
    row = own[own["Giá trị"] == "85,63%"].iloc[0]
    assert row["Kỳ"] == "Đến thời điểm đưa tin (không ghi ngày, khoảng tháng 9/2025)"
    assert row["Cấp"] == "toàn xã"
    assert "in là «85,63%»" in row["Trích dẫn / vị trí"] and "Mục II. Kết quả, đoạn 2" in row["Trích dẫn / vị trí"]
    assert "https\\:\u2060//lambinh" in row["Trích dẫn / vị trí"] or "https://lambinh" in row["Trích dẫn / vị trí"]


def test_compare_offers_the_kinds_of_unit_and_compares_one_kind(commune_app):
    at = run_page("compare", theme="online_services")
    assert at.radio(key="compare_kind").options == ["Huyện, quận, thị xã, thành phố (đến 30/6/2025)",
                                                     "Xã, phường, đặc khu", "Tỉnh, thành phố"]
    # one kind at a time: Tuyên Quang's districts hold the district Lâm Bình (and the real pages' Hoàng Su Phì, a Hà
    # Giang district now in Tuyên Quang), never the commune of that name
    at = run_page("compare", theme="online_services", province="Tuyên Quang", kind="district")
    assert at.multiselect(key="compare_districts").value == ["hoang-su-phi", "lam-binh"]
    # Tuyên Quang's communes with figures: the real pages' Minh Ngọc, Tân Trịnh and Vĩnh Tuy, and this test's Lâm Bình
    at = run_page("compare", theme="online_services", kind="commune", province="Tuyên Quang")
    assert at.multiselect(key="compare_districts").value == ["xa-lam-binh", "minh-ngoc", "tan-trinh",
                                                              "vinh-tuy"]  # by name


def test_the_commune_is_in_the_observations_view_with_its_unit(commune_app):
    con = queries.open_database(commune_app / "cds.duckdb")
    row = queries.cursor(con).execute(
        "SELECT unit_id, unit_kind, unit_name, unit_subtype, period_kind, period_about, period_start, period_end, "
        "quote, printed, locator, source_url FROM observations WHERE district_id = 'xa-lam-binh'").fetchall()
    assert [r[:6] for r in row] == [("tuyen-quang/xa-lam-binh", "commune", "Lâm Bình", "xa", "as_of_unknown", "2025-09")]
    assert str(row[0][6]) == "2025-09-01" and str(row[0][7]) == "2025-09-30"  # for sorting; the kind says undated
    assert row[0][8:] == (None, "85,63%", "Mục II. Kết quả, đoạn 2", "https://lambinh.tuyenquang.gov.vn/chuyen-doi-so")
    history = queries.run(con, "predecessor_observations", unit_id="tuyen-quang/xa-lam-binh")
    assert set(history["predecessor_name"]) == {"Lâm Bình"} and set(history["district_id"]) == {"lam-binh"}
    con.close()


def _with(tmp_path, text: str):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("history"))
    (folder / "units" / "xa-lam-binh.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        load_dataset(folder)
    return [(p.field, p.code) for p in failure.value.problems]


def test_a_public_pages_figure_with_a_copied_sentence_is_refused(tmp_path):
    text = COMMUNE_FILE + '    quote: "Tỷ lệ thanh toán trực tuyến đạt 85,63%"\n'
    assert _with(tmp_path, text) == [("quote", "quote_from_public_page")]


def test_a_printed_number_that_does_not_read_as_the_value_is_refused(tmp_path):
    assert _with(tmp_path, COMMUNE_FILE.replace('printed: "85,63%"', 'printed: "85,36%"')) == \
        [("printed", "printed_not_value")]
    assert _with(tmp_path / "b", COMMUNE_FILE.replace('printed: "85,63%"', 'printed: "85,63"')) == \
        [("printed", "printed_not_value")]  # a percent is printed with its sign


def test_a_public_page_needs_its_url_and_its_figures_a_locator(tmp_path):
    assert ("locator", "locator_missing") in _with(tmp_path, COMMUNE_FILE.replace('    locator: "Mục II. Kết quả, đoạn 2"\n', ""))
    problems = _with(tmp_path / "b", COMMUNE_FILE.replace("    url: https://lambinh.tuyenquang.gov.vn/chuyen-doi-so\n", ""))
    assert ("sources[0]", "public_page_without_url") in problems or any(code == "public_page_without_url" for _, code in problems)


def test_an_undated_source_says_about_when_and_how_that_was_inferred(tmp_path):
    problems = _with(tmp_path, COMMUNE_FILE.replace("    date_basis: tin đăng trong chuyên mục tháng 9/2025, bài không ghi ngày\n", ""))
    assert any(code == "undated_source" for _, code in problems)


def test_an_english_printed_number_reads_too(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("history"))
    (folder / "units" / "xa-lam-binh.yaml").write_text(COMMUNE_FILE.replace('printed: "85,63%"', 'printed: "85.63%"'),
                                                     encoding="utf-8")
    assert any(d.slug == "xa-lam-binh" for d in load_dataset(folder).districts)
