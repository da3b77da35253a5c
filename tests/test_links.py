"""ui/links.py builds every link between pages; each link, opened as a fresh page under AppTest, shows the
selection it names (the round trip), and the pages' own links go through it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.apptest_pages import run_page
from tests.plotly_spec import figure_json
from ui import links
from ui.navigation import PAGES

pytestmark = pytest.mark.usefixtures("built_db")

PAGE_FILES = {url_path: file.removeprefix("app_pages/").removesuffix(".py") for file, _t, url_path, _i in PAGES}


def open_link(link: str):
    """The page a relative link names, opened with the link's parameters (as a new browser tab would)."""
    parts = urlsplit(link)
    return run_page(PAGE_FILES[parts.path.split("/")[-1]], **dict(parse_qsl(parts.query)))


def test_links_are_relative_leave_out_empty_values_and_carry_a_non_default_language():
    assert links.unit_profile("lam-binh") == "district?district=lam-binh"
    assert links.compare(["huong-khe", "lam-binh"], "en", theme="signing") == \
        "compare?d=huong-khe,lam-binh&theme=signing&lang=en"
    assert links.compare(["minh-ngoc"], kind="commune", province="Tuyên Quang") == \
        "compare?d=minh-ngoc&kind=commune&province=Tuy%C3%AAn+Quang"
    assert links.province_page("pre-2025/ha-giang") == "provinces?province=pre-2025/ha-giang"
    assert links.map_page() == "map"
    with pytest.raises(ValueError):
        links.page_link("nowhere")


def test_a_compare_link_reopens_its_units_theme_and_language():
    at = open_link(links.compare(["huong-khe", "lam-binh"], "en", theme="signing"))
    assert at.multiselect(key="compare_districts").value == ["huong-khe", "lam-binh"]
    assert at.selectbox(key="compare_theme").value == "signing"
    assert at.title[0].value == "Compare districts"
    assert not at.warning  # nothing in the link was refused
    assert at.query_params["d"] in ("huong-khe,lam-binh", ["huong-khe,lam-binh"])  # written back as it came


def test_a_compare_link_of_communes_in_a_province_reopens_that_kind_and_province():
    at = open_link(links.compare(["minh-ngoc"], kind="commune", province="Tuyên Quang"))
    assert at.radio(key="compare_kind").value == "commune"
    assert at.selectbox(key="compare_province").value == "Tuyên Quang"
    assert at.multiselect(key="compare_districts").value == ["minh-ngoc"]
    assert not at.warning


def test_a_profile_link_opens_that_unit_in_that_language():
    at = open_link(links.unit_profile("thuan-bac", "en"))
    assert at.header[0].value == "Thuận Bắc district"
    assert at.title[0].value == "Unit profile"


def test_a_province_link_opens_that_province():
    at = open_link(links.province_page("tuyen-quang"))
    assert at.selectbox(key="provinces_province").value == "tuyen-quang"
    assert not at.warning


def test_a_map_link_opens_its_indicator_province_and_kind():
    at = open_link(links.map_page("online_submission_rate", province="Tuyên Quang", kind="district"))
    assert at.selectbox(key="map_indicator").value == "online_submission_rate"
    assert at.selectbox(key="map_province").value == "Tuyên Quang"
    assert at.segmented_control(key="map_kind").value == "district"


def test_a_share_link_opens_the_chart_in_the_view_it_names():
    first = run_page("compare", theme="signing", d="lam-binh,huong-khe")
    chart_id = figure_json(first.get("plotly_chart")[0])["layout"]["meta"]["chart_id"]
    link = links.share("http://localhost:8501/compare?old=1", {"d": "lam-binh,huong-khe", "theme": "signing"},
                       chart_id, "table")
    assert link.startswith("http://localhost:8501/compare?d=lam-binh,huong-khe&theme=signing&chart=")
    at = open_link(link.removeprefix("http://localhost:8501/"))
    assert at.segmented_control(key=f"view_{chart_id}").value == "table"
    assert at.session_state[f"view_{chart_id}"] == "table"


def test_every_profile_link_on_the_provinces_page_opens_its_unit():
    at = run_page("provinces", province="tuyen-quang")
    units = next(d.value for d in at.dataframe if "Hồ sơ (đường dẫn)" in d.value.columns)
    for link in units["Hồ sơ (đường dẫn)"]:
        opened = open_link(link)
        assert opened.selectbox(key="profile_district").value == dict(parse_qsl(urlsplit(link).query))["district"]
        assert not opened.warning


def _link_buttons(at) -> dict[str, str]:
    return {button.proto.label: button.proto.url for button in at.get("link_button")}


def test_the_profile_links_compare_in_its_province_and_the_province_page():
    # Lục Yên (Yên Bái until 2025) is in Lào Cai since the merger, with Mường Khương and Sa Pa
    buttons = _link_buttons(run_page("district", district="luc-yen"))
    compare = buttons["So sánh với các huyện khác của Lào Cai"]
    opened = open_link(compare)
    assert opened.multiselect(key="compare_districts").value == ["luc-yen", "muong-khuong", "sa-pa"]
    assert opened.selectbox(key="compare_province").value == "Lào Cai" and not opened.warning
    assert open_link(buttons["Kết quả DTI và các đơn vị của Lào Cai"]).selectbox(
        key="provinces_province").value == "lao-cai"
    # a unit alone of its kind in its province has nothing to compare with there
    assert list(_link_buttons(run_page("district", district="huong-khe"))) == [
        "Kết quả DTI và các đơn vị của Hà Tĩnh"]
