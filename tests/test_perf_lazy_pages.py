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
