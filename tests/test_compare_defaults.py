"""The compare page's defaults (issue 14 §4) under AppTest, on the real data and a real DuckDB: what is comparable
first, the rest behind a switch and named in a list; words that follow the kind of unit compared."""

from __future__ import annotations

import pytest

from tests.plotly_spec import all_text
from tests.apptest_pages import run_page
from tests.test_pages import charts
from tests.test_unit_profile import commune_app, with_commune  # noqa: F401 - fixtures: the data with a commune


SEEDS = "lam-binh,huong-khe,tam-duong,thuan-bac,luc-yen"


@pytest.mark.usefixtures("built_db")
def test_default_view_shows_only_charts_two_units_report_and_lists_the_others():
    at = run_page("compare", theme="online_services", d=SEEDS)
    assert at.multiselect(key="compare_districts").value == SEEDS.split(",")
    titles = " ".join(all_text(figure) for figure in charts(at))
    # Of the five seeds, "Hồ sơ thủ tục hành chính …" is reported by Lâm Bình alone: named in the list, not drawn
    assert "Hồ sơ thủ tục hành chính" not in titles
    listed = " ".join(m.value for m in at.markdown)
    assert "Chỉ một huyện có số liệu" in listed and "Lâm Bình" in listed
    shown = len(charts(at))
    at.toggle(key="compare_show_all").set_value(True).run()
    assert not at.exception and len(charts(at)) > shown
    assert any("Hồ sơ thủ tục hành chính" in all_text(figure) for figure in charts(at))
    assert at.query_params["all"] in ("1", ["1"])


@pytest.mark.usefixtures("built_db")
def test_the_figures_table_is_built_only_when_opened():
    at = run_page("compare", theme="signing")
    assert not at.dataframe  # closed: nothing built
    at.session_state["compare_table"] = True
    at.run()
    assert not at.exception and at.dataframe


def test_compare_words_follow_the_kind_of_unit(commune_app):
    at = run_page("compare", theme="online_services", kind="commune")
    assert at.title[0].value == "So sánh các xã, phường"
    assert at.multiselect(key="compare_districts").label == "Chọn xã, phường để so sánh"
    at.multiselect(key="compare_districts").set_value([]).run()
    assert "Chọn ít nhất một xã để so sánh" in " ".join(w.value for w in at.warning)
    districts = run_page("compare", theme="online_services", kind="district")
    assert districts.title[0].value == "So sánh các huyện"
    assert districts.multiselect(key="compare_districts").label == "Chọn huyện để so sánh"
