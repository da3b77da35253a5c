"""Link-bound controls: each is set up by one call (ui/state.bound) that seeds it from the link, clamps it to the
current options, elides the default from the link and says once per invalid value that it was ignored."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page

pytestmark = pytest.mark.usefixtures("built_db")


def notices_about(at, value: str) -> list[str]:
    return [w.value for w in at.warning if value in w.value]


@pytest.mark.parametrize("page", ["compare", "overview", "present"])
def test_an_invalid_unit_in_the_link_gives_one_notice(page):
    at = run_page(page, d="lam-binh,atlantis")
    assert len(notices_about(at, "atlantis")) == 1, notices_about(at, "atlantis")


def test_the_invalid_values_of_a_parameter_are_named_in_one_notice_and_the_valid_ones_are_kept():
    at = run_page("compare", d="atlantis,lam-binh,mu", theme="signing")
    assert len(notices_about(at, "atlantis")) == 1 and "atlantis,mu" in notices_about(at, "atlantis")[0]
    assert at.multiselect(key="compare_districts").value == ["lam-binh"]
    assert at.query_params["d"] in ("lam-binh", ["lam-binh"])  # the link now says what the page shows


def test_a_unit_pick_is_clamped_to_the_province_chosen_after_it():
    at = run_page("compare", d="lam-binh,huong-khe")
    at.selectbox(key="compare_province").set_value("Tuyên Quang").run()
    assert at.multiselect(key="compare_districts").value == ["lam-binh"]  # Hương Khê is in Hà Tĩnh
    assert at.query_params["province"] in ("Tuyên Quang", ["Tuyên Quang"])
    assert not at.warning  # a clamp is not a bad link


def test_the_default_is_left_out_of_the_link():
    at = run_page("compare", kind="district", theme="signing", per="commune", all="1")  # districts have communes
    assert at.query_params["theme"] in ("signing", ["signing"])
    at.selectbox(key="compare_theme").set_value("online_services").run()  # the first theme: the default
    at.radio(key="compare_per").set_value("").run()
    at.toggle(key="compare_show_all").set_value(False).run()
    assert not {"theme", "per", "all", "d"} & set(at.query_params)
    communes = run_page("compare", kind="commune", per="commune")  # no per-commune switch for communes: left out
    assert "per" not in set(communes.query_params)


def test_a_value_carried_over_from_another_page_is_not_called_a_bad_link():
    """Compare's province is a name, the Provinces page's an id: going from one to the other says nothing."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.switch_page("app_pages/compare.py")
    at.query_params["province"] = "Tuyên Quang"
    at.run()
    assert at.selectbox(key="compare_province").value == "Tuyên Quang"
    at.query_params.clear()  # st.navigation starts the next page with a clean address
    at.switch_page("app_pages/provinces.py").run()
    assert not at.exception and not at.warning, [w.value for w in at.warning]


def test_vietnamese_dictionary_order():
    from ui.search import vietnamese_key

    names = ["Yên Bái", "Đà Nẵng", "Duy Tiên", "Ân Thi", "An Giang", "Bắc Ninh", "Ba Vì", "Hưng Yên", "Hương Khê",
             "Hòa Bình", "Hồ Chí Minh", "Lâm Bình", "Lạc Sơn", "Ô Môn", "Ơn"]
    assert sorted(names, key=vietnamese_key) == [
        "An Giang", "Ân Thi", "Ba Vì", "Bắc Ninh", "Duy Tiên", "Đà Nẵng", "Hòa Bình", "Hồ Chí Minh", "Hưng Yên",
        "Hương Khê", "Lạc Sơn", "Lâm Bình", "Ô Môn", "Ơn", "Yên Bái"]
    # tones only break ties between the same letters: ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["bá", "bạ", "ba", "bã", "bà", "bả"], key=vietnamese_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]


def test_pickers_list_units_by_province_then_name(con):
    import queries
    from ui.scope import in_display_order
    from ui.search import vietnamese_key

    units = queries.run(con, "districts")  # the build's order: by file name
    ordered = in_display_order(units)
    keys = [(vietnamese_key(p), vietnamese_key(n)) for p, n in zip(ordered["province_2025"], ordered["district_name"])]
    assert keys == sorted(keys) and len(ordered) == len(units)
    assert list(ordered["district_id"]) != list(units["district_id"])
    assert ordered["province_2025"].iloc[0] == "An Giang"  # the first province in dictionary order
    # the profile picker lists them in that order
    at = run_page("district", district="lam-binh")
    first = ordered.iloc[0]
    assert first["district_name"] in at.selectbox(key="profile_district").options[0]
