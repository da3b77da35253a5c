"""Scorecard, strengths-and-gaps and table builders on the real data."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

import queries
from analysis.standing import findings
from charts.scorecard import cell_status, scorecard_chart
from charts.tables import catalogue_table, coverage_grid, figures_table
from exports.table_files import to_csv_bytes, to_xlsx_bytes

ALL = ["huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac"]


def test_scorecard_marks_a_missing_figure_as_missing_not_as_a_colour(con):
    spec = scorecard_chart(queries.run(con, "scorecard_cells", districts=ALL), "vi")
    heatmap = spec.figure.data[0]
    row = list(heatmap.y).index("Tỷ lệ văn bản điện tử được ký số")
    column = list(heatmap.x).index("Lục Yên")
    assert pd.isna(heatmap.z[row][column])
    assert "không có số liệu" in heatmap.text[row][column]


def test_scorecard_colours_against_the_target(con):
    spec = scorecard_chart(queries.run(con, "scorecard_cells", districts=ALL), "vi")
    heatmap = spec.figure.data[0]
    row = list(heatmap.y).index("Tỷ lệ văn bản điện tử được ký số")
    lam_binh, thuan_bac = list(heatmap.x).index("Lâm Bình"), list(heatmap.x).index("Thuận Bắc")
    assert heatmap.z[row][lam_binh] == 2  # 100% meets the 2025 target of 100%
    # Thuận Bắc's "over 90%" counts documents exchanged fully electronically *and* signed: another indicator of the
    # signing group, shown in the row but never coloured against the signing target
    assert "trên 90%" in heatmap.text[row][thuan_bac] and heatmap.z[row][thuan_bac] not in (1, 2)


def test_absolute_counts_are_never_ranked_across_districts_of_different_size():
    assert cell_status(215, None, None, True) == "neutral"
    assert cell_status(50, None, 100, True) == "below"
    assert cell_status(95, 100, None, True) == "near" and cell_status(100, 100, None, True) == "meets"
    assert cell_status(float("nan"), 100, None, True) is None


def test_strengths_and_gaps_name_target_and_period(con):
    thuan_bac = findings(queries.run(con, "district_standing", district="thuan-bac"), "vi")
    gaps = [f.text for f in thuan_bac if f.kind == "gap"]
    assert any("98,63%" in text and "Đến hết tháng 2/2023" in text and "100%" in text for text in gaps)
    lam_binh = findings(queries.run(con, "district_standing", district="lam-binh"), "en")
    assert any(f.kind == "strength" and f.indicator_id == "edocs_signed_rate" for f in lam_binh)


def test_figures_table_shows_formula_for_derived_rows(con):
    rows = queries.run(con, "observations_for_districts", districts=["lam-binh"], theme="online_services",
                       indicators=["online_submission_rate"])
    table = figures_table(rows, "vi")
    assert table.loc[0, "Giá trị"] == "7,81%" and table.loc[0, "Công thức"] == "1.973 ÷ 25.250 × 100"


def test_catalogue_table_states_target_and_legal_basis(con):
    table = catalogue_table(queries.run(con, "indicator_catalogue"), "vi").set_index("id")
    assert table.loc["edocs_signed_rate", "Mục tiêu quốc gia"] == "100% vào năm 2025"
    assert "942" in table.loc["edocs_signed_rate", "Căn cứ"]


def test_coverage_grid_leaves_unreported_pairs_empty(con):
    grid = coverage_grid(queries.run(con, "coverage_matrix", theme=None, districts=None), queries.run(con, "districts"), "en")
    assert grid.loc["Share of e-documents digitally signed", "Tam Dương"] == 2
    assert pd.isna(grid.loc["Share of e-documents digitally signed", "Lục Yên"])


def test_data_table_filters_in_the_database(con):
    signed = queries.run(con, "observations_table", districts=ALL, theme=None, indicator="edocs_signed_rate")
    assert sorted(signed["district_id"]) == ["lam-binh", "tam-duong", "tam-duong"]  # Thuận Bắc's is fully electronic
    one_unit = queries.run(con, "observations_table", districts=["huong-khe"], theme=None, indicator=None)
    assert len(one_unit) and set(one_unit["district_id"]) == {"huong-khe"}


def test_downloads_neutralise_formula_cells_and_keep_numbers():
    frame = pd.DataFrame({"quote": ["=HYPERLINK(\"x\")", "+1", "Lâm Bình"], "value": [1973.0, 25250.0, 7.81]})
    csv_text = to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+1" in csv_text and "Lâm Bình" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert sheet["A2"].value == "'=HYPERLINK(\"x\")" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 1973
