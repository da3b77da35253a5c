"""The provinces view, the map page and the unit profile's charts (issues 14 §2 and 16), under AppTest on the real
data in a real DuckDB, asserting on what a user reads: ranks, sources, what is missing, markers, gaps."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

import queries
from tests.conftest import REPO
from ui.search import fold, matches

pytestmark = pytest.mark.usefixtures("built_db")


def run_page(name: str, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / f"{name}.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_search_ignores_diacritics_and_case():
    assert fold("Ký Số") == "ky so" and fold("Đường") == "duong"
    assert matches("ky so", "Tỷ lệ văn bản điện tử được ký số")
    assert not matches("ky so", "Tỷ lệ hồ sơ trực tuyến")


def test_the_provinces_view_ranks_dti_2022_with_every_province_best_first():
    at = run_page("provinces", edition="dti-2022-63")
    chart = next(f for f in figures(at) if f["layout"]["meta"]["chart_id"] == "provinces.dti-2022-63")
    trace = chart["data"][0]
    assert len(trace["y"]) == 63
    ranks = [int(text.split("hạng ")[1].split()[0]) for text in trace["text"]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert "Có kết quả của 63 trên 63 tỉnh, thành" in captions(at).replace("\\", "")
    assert any("không so sánh trực tiếp" in i.value for i in at.info)


def test_an_edition_found_in_part_says_which_provinces_are_missing():
    at = run_page("provinces", edition="dti-2024-34")
    chart = next(f for f in figures(at) if f["layout"]["meta"]["chart_id"] == "provinces.dti-2024-34")
    shown = len(chart["data"][0]["y"])
    text = captions(at).replace("\\", "")
    assert f"Có kết quả của {shown} trên 34 tỉnh, thành" in text
    assert f"Chưa tìm được kết quả của {34 - shown} tỉnh, thành" in text
    assert "Hà Nội" in chart["data"][0]["y"][0]  # Hà Nội leads the 2024 edition
    assert "dantri.com.vn" in " ".join(chart["data"][0]["hovertext"]) or "vtcnews" in " ".join(
        chart["data"][0]["hovertext"])


def test_a_province_shows_its_results_with_sources_and_its_units():
    at = run_page("provinces", province="tuyen-quang")
    results = next(d.value for d in at.dataframe if "Hạng" in d.value.columns)
    mine = results[results["Kỳ"] == "DTI 2022 (63 tỉnh, thành)"]
    assert "hạng 48" in set(mine["Hạng"])
    assert set(mine["Địa chỉ trang"]) == {"https://dti.gov.vn/xep-hang-2022"}
    units = next(d.value for d in at.dataframe if "Hồ sơ (đường dẫn)" in d.value.columns)
    # Tuyên Quang after the merger: the seed district Lâm Bình, the real Hà Giang district Hoàng Su Phì, the real
    # communes Minh Ngọc, Tân Trịnh and Vĩnh Tuy, the province Hà Giang (relative links, so they hold under any path
    # the app is served from)
    assert sorted(units["Hồ sơ (đường dẫn)"]) == ["district?district=hoang-su-phi", "district?district=lam-binh",
                                                  "district?district=minh-ngoc", "district?district=tan-trinh",
                                                  "district?district=tinh-ha-giang", "district?district=vinh-tuy"]


def test_the_province_search_finds_a_name_typed_without_accents():
    at = run_page("provinces")
    at.text_input(key="provinces_province_search").set_value("ha tinh").run()
    assert at.selectbox(key="provinces_province").options == ["Hà Tĩnh"]
    assert at.selectbox(key="provinces_province").value == "ha-tinh"


def _map_units(con, kind: str) -> tuple[set[str], set[str]]:
    """The units of this kind that report online_submission_rate, and every unit of this kind with figures."""
    reporting = {row[0] for row in queries.cursor(con).execute(
        "SELECT DISTINCT unit_id FROM observations WHERE indicator_id = 'online_submission_rate' "
        "AND superseded_by IS NULL AND unit_kind = ?", [kind]).fetchall()}
    every_unit = {row[0] for row in queries.cursor(con).execute(
        "SELECT unit_id FROM districts WHERE unit_kind = ?", [kind]).fetchall()}
    return reporting, every_unit


def test_the_map_page_colours_the_units_that_reported_and_marks_the_others(con):
    # more communes report the rate than provinces or districts (counted from the data below): they are drawn
    # first, and only they
    at = run_page("map", indicator="online_submission_rate")
    figure = figures(at)[0]
    parts = {trace.get("name") for trace in figure["data"]}
    assert {"mainland", "hoang_sa", "truong_sa"} <= parts
    coloured = next(trace for trace in figure["data"] if trace.get("name") == "có số liệu")
    hollow = next(trace for trace in figure["data"] if trace.get("name") == "không có số liệu")
    reporting, every_unit = _map_units(con, "commune")
    assert set(coloured["customdata"]) == reporting and len(coloured["customdata"]) == len(reporting)
    assert len(reporting) > max(len(_map_units(con, kind)[0]) for kind in ("district", "province"))
    assert set(hollow["customdata"]) == every_unit - reporting
    assert not {"pre-2025/tuyen-quang/huyen-lam-binh", "pre-2025/ha-tinh/huyen-huong-khe"} & {
        *coloured["customdata"], *hollow["customdata"]}  # no district beside the communes
    assert at.segmented_control(key="map_kind").value == "commune"
    text = " ".join(c.value for c in at.caption)
    districts = len(_map_units(con, "district")[0])
    assert "Bản đồ chỉ tô xã, phường" in text and "tỉnh" in text and f"huyện ({districts})" in text
    assert "xã, phường" in figure["layout"]["title"]["text"]
    assert figure["layout"]["meta"]["map_view"] == "country"


def test_the_map_shows_pre_2025_districts_when_asked_and_the_link_keeps_the_kind(con):
    at = run_page("map", indicator="online_submission_rate", kind="district")
    coloured = next(trace for trace in figures(at)[0]["data"] if trace.get("name") == "có số liệu")
    hollow = next(trace for trace in figures(at)[0]["data"] if trace.get("name") == "không có số liệu")
    reporting, every_unit = _map_units(con, "district")
    assert set(coloured["customdata"]) == reporting
    assert set(hollow["customdata"]) == every_unit - reporting
    assert {"pre-2025/ha-tinh/huyen-huong-khe", "pre-2025/yen-bai/huyen-luc-yen"} <= set(hollow["customdata"])
    lam_binh = coloured["customdata"].index("pre-2025/tuyen-quang/huyen-lam-binh")
    assert "7,81%" in coloured["hovertext"][lam_binh] and "Trích dẫn" in coloured["hovertext"][lam_binh]
    assert at.query_params["kind"] in ("district", ["district"])
    # back to the default kind: the link no longer names one
    at.segmented_control(key="map_kind").set_value("commune").run()
    assert "kind" not in at.query_params


def test_the_map_of_one_province_zooms_to_it():
    at = run_page("map", indicator="online_submission_rate", province="Tuyên Quang")
    assert figures(at)[0]["layout"]["meta"]["map_view"] == "units"


def test_the_unit_profile_charts_rates_beside_the_target_and_lists_a_weak_rate_as_a_gap():
    at = run_page("district", district="lam-binh")
    charts = figures(at)
    signing = next(f for f in charts if f["layout"]["meta"]["chart_id"] == "profile.lam-binh.signing")
    bars = signing["data"][0]
    assert "Tỷ lệ văn bản điện tử được ký số" in bars["y"] and 100.0 in bars["x"]
    assert any(trace.get("name") == "Mục tiêu quốc gia" for trace in signing["data"])
    online = next(f for f in charts if f["layout"]["meta"]["chart_id"] == "profile.lam-binh.online_services")
    assert any("7,81%" in text for text in online["data"][0]["text"])
    gaps = " ".join(m.value for m in at.markdown)
    assert "7,81%" in gaps
    assert "Chưa đủ số liệu" not in " ".join(c.value for c in at.caption)
    assert any(m.label == "Số hồ sơ TTHC tiếp nhận" and m.value == "25.250" for m in at.metric)


def test_the_unit_profile_shows_its_provinces_dti_results_and_says_editions_differ():
    at = run_page("district", district="lam-binh")
    assert any(h.value == "Chỉ số DTI và Bộ chỉ số 766 của tỉnh Tuyên Quang" for h in at.subheader)
    results = next(d.value for d in at.dataframe if "Hạng" in d.value.columns)
    assert "hạng 48" in set(results["Hạng"])
    assert "không so sánh được" in captions(at)


def test_the_unit_picker_finds_a_unit_typed_without_accents():
    at = run_page("district")
    at.text_input(key="profile_district_search").set_value("luc yen").run()
    assert at.selectbox(key="profile_district").options == ["huyện Lục Yên"]
    assert at.header[0].value == "Huyện Lục Yên"
