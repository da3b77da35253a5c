"""The scorecard read where people read it: fixed, readable cell text on a laptop, in the square and wide pictures
(values readable, legend and source lines not cut off) and with the documents it draws on, not "hover a cell"."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image

import queries
from charts.scorecard import scorecard_chart
from tests.conftest import require_chromium

ALL = ["huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac"]


@pytest.fixture(scope="module")
def cells(con):
    return queries.run(con, "scorecard_cells", districts=ALL)


@pytest.mark.parametrize("medium", ["screen", "slide"])
def test_cell_text_has_a_fixed_readable_size(cells, medium):
    heatmap = scorecard_chart(cells, "vi", medium).figure.data[0]
    assert heatmap.textfont.size is not None and heatmap.textfont.size >= 11


def test_long_row_labels_wrap_instead_of_squeezing_the_grid(cells):
    figure = scorecard_chart(cells, "vi").figure
    lines = [line for label in figure.layout.yaxis.ticktext for line in label.split("<br>")]
    assert max(len(line) for line in lines) <= 26
    assert "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến (toàn trình và một phần)" in figure.data[0].y


def test_height_grows_with_the_rows_by_two_lines_of_cell_text_each(cells):
    few = scorecard_chart(cells[cells["row_order"] <= 3], "vi").figure
    every = scorecard_chart(cells, "vi").figure
    per_row = (every.layout.height - few.layout.height) / 11
    assert per_row >= 2.5 * every.data[0].textfont.size  # value and period, one line each, with space between


@pytest.mark.parametrize("lang, hover", [("vi", "di chuột"), ("en", "hover")])
def test_source_line_lists_the_documents_not_a_hover_hint(cells, lang, hover):
    note = scorecard_chart(cells, lang).source_note
    assert hover not in note.lower()
    assert "373/BC-UBND" in note and "Những kết quả bước đầu trong thực hiện chuyển đổi số ở huyện Thuận Bắc" in note
    assert ("Kỳ:" if lang == "vi" else "Period:") in note


@pytest.mark.parametrize("size", ["square", "wide"])
def test_pictures_have_readable_cells_and_nothing_cut_at_the_edges(cells, size):
    require_chromium()
    from exports.images import chart_image

    spec = scorecard_chart(cells, "vi")
    svg = chart_image(spec, "svg", size).decode("utf-8")
    # Cell texts are plotly's heatmap labels; every one is drawn at >= 11 px (of a 1080 px tall picture).
    sizes = [float(s) for s in re.findall(r'class="heatmap-label"><text[^>]*?font-size: ?([\d.]+)px', svg)]
    assert len(sizes) >= 5 * 14 and min(sizes) >= 11, sorted(sizes)[:5]
    assert "7,81%" in svg and "Xanh: đạt mục tiêu quốc gia" in svg and "373/BC-UBND" in svg
    image = np.asarray(Image.open(io.BytesIO(chart_image(spec, "png", size))).convert("L"), dtype=float)
    assert image[-12:, :].min() > 240, "something is drawn into the bottom edge: the footer is cut off"
    assert image[:, -6:].min() > 240, "something is drawn into the right edge: a column is cut off"
