"""Nothing is built for content the user has not opened (issue 17): under AppTest on the real data, a closed
expander's figures table is not built (nor sent) until it is opened, and then it holds the theme's figures."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page

pytestmark = pytest.mark.usefixtures("built_db")


def _figure_tables(at) -> list:
    return [frame.value for frame in at.dataframe if "Công thức" in frame.value.columns]


def test_the_profiles_figures_tables_are_built_only_when_opened():
    at = run_page("district", district="lam-binh")
    assert at.get("plotly_chart")  # the charts are drawn …
    assert not _figure_tables(at)  # … the eight themes' tables are not
    labels = [expander.label for expander in at.expander]
    assert any(label.startswith("Dịch vụ công trực tuyến") for label in labels)
    at.session_state["profile_table_online_services"] = True
    at.run()
    assert not at.exception
    tables = _figure_tables(at)
    assert len(tables) == 1 and "7,81%" in set(tables[0]["Giá trị"])


def test_a_charts_share_and_download_menus_are_filled_only_when_opened():
    from exports.images import renderer_available

    at = run_page("compare", theme="signing", d="lam-binh,huong-khe,tam-duong,thuan-bac,luc-yen")  # all sign
    chart = "signing.signing_rate"
    assert not at.code and not at.get("download_button")  # closed menus: nothing built
    at.session_state[f"share_{chart}"] = True
    at.session_state[f"downloads_{chart}"] = True
    at.run()
    assert not at.exception
    links = [code.value for code in at.code]
    assert any(f"chart={chart}" in link and "view=chart" in link for link in links)
    assert any(link.startswith("<iframe") for link in links)
    if renderer_available():
        assert [button.proto.label for button in at.get("download_button")] == [
            "PNG 16:9 (1920×1080)", "PNG vuông (1080×1080)", "SVG (vector)"]
