"""A figure printed 'gần 100%' (nearly) is below a 100% target: the strengths and gaps call it a gap and the
scorecard does not colour it as meeting the target. The bundled data holds no such figure beside a target, so the
real data is copied with one small commune file that states one (a public page's printed number and locator)."""

from __future__ import annotations

import pytest

import queries
from analysis.standing import findings
from charts.scorecard import STATUS, cell_status, scorecard_chart
from tests.apptest_pages import XA_LAM_BINH_HEADER, XA_LAM_BINH_PAGE, data_copy_with

UNIT = "xa-lam-binh"
NEARLY_FILE = XA_LAM_BINH_HEADER + XA_LAM_BINH_PAGE + """\
observations:
  - indicator: cccd_coverage_rate
    value: 100
    qualifier: nearly
    unit: percent
    period: asof unknown
    level: district
    source: xa-lam-binh-trang-2025
    printed: "gần 100%"
    locator: "Mục II. Kết quả, đoạn 3"
"""


@pytest.fixture(scope="module")
def nearly_con(tmp_path_factory):
    folder = data_copy_with(tmp_path_factory.mktemp("nearly"), {f"{UNIT}.yaml": NEARLY_FILE})
    connection = queries.open_database(folder / "cds.duckdb")
    yield connection
    connection.close()


def test_nearly_the_target_is_a_gap_not_a_strength(nearly_con):
    found = [f for f in findings(queries.run(nearly_con, "district_standing", district=UNIT), "vi")
             if f.indicator_id == "cccd_coverage_rate"]
    assert [f.kind for f in found] == ["gap"]
    assert "gần 100%" in found[0].text and "chưa đạt mục tiêu quốc gia" in found[0].text


def test_nearly_the_target_is_not_coloured_as_meeting_it(nearly_con):
    cells = queries.run(nearly_con, "scorecard_cells", districts=[UNIT])
    cell = cells[cells["indicator_id"] == "cccd_coverage_rate"]
    assert cell["qualifier"].tolist() == ["nearly"] and cell["value"].tolist() == [100]
    heatmap = scorecard_chart(cells, "vi").figure.data[0]
    row = next(n for n, text in enumerate(heatmap.text) if "gần 100%" in text[0])
    assert heatmap.z[row][0] == STATUS["near"]


def test_the_rule_itself():
    assert cell_status(100, 100, None, True, "nearly") == "near"
    assert cell_status(100, 100, None, True) == "meets" and cell_status(100, 100, None, True, "approx") == "meets"
    assert cell_status(101, 100, None, True, "nearly") == "meets"  # nearly 101% is still above 100%
