"""The scorecard's teams row holds Hương Khê's merged total of every level (215 teams) beside Lâm Bình's village
teams (100): different indicators of one compare group. Each figure is marked with its definition and a note under
the grid says which is which, so the two are never read as the same count."""

from __future__ import annotations

import pytest

import queries
from charts.scorecard import scorecard_chart
from tests.apptest_pages import run_page
from tests.plotly_spec import figure_json

pytestmark = pytest.mark.usefixtures("built_db")

TEAMS = "Số tổ công nghệ số cộng đồng"  # the compare group's row (village, commune and all-level counts)


def _cell(figure, row_title: str, unit: str) -> str:
    heatmap = figure.data[0]
    r = list(heatmap.y).index(row_title)
    c = next(n for n, name in enumerate(heatmap.x) if unit in name)
    return heatmap.text[r][c]


def test_the_teams_row_marks_each_definition_and_says_which_is_which(con):
    cells = queries.run(con, "scorecard_cells", districts=["lam-binh", "huong-khe", "tam-duong"])
    spec = scorecard_chart(cells, "vi")
    lam_binh, huong_khe = (_cell(spec.figure, TEAMS, "Lâm Bình"),
                             _cell(spec.figure, TEAMS, "Hương Khê"))
    assert "100" in lam_binh and "215" in huong_khe
    assert lam_binh.split("</b>")[1][0] != huong_khe.split("</b>")[1][0]  # two different signs
    note = next(n for n in spec.notes if f"“{TEAMS}”" in n)
    assert "cấp thôn, tổ dân phố (Lâm Bình" in note and "(mọi cấp) (Hương Khê)" in note
    # a row of one definition carries no sign
    members = _cell(spec.figure, "Số thành viên tổ công nghệ số cộng đồng", "Lâm Bình")
    assert members and not any(mark in members for mark in "¹²³⁴⁵⁶⁷⁸⁹")


def test_one_definition_gives_no_note(con):
    cells = queries.run(con, "scorecard_cells", districts=["lam-binh"])
    assert not [n for n in scorecard_chart(cells, "en").notes if "different definitions" in n]


def test_the_overview_says_it_under_the_scorecard():
    at = run_page("overview", d="lam-binh,huong-khe")
    assert any("khác định nghĩa" in c.value and "Hương Khê" in c.value for c in at.caption)
    assert figure_json(at.get("plotly_chart")[0])
