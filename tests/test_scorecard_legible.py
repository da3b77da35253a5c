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
    few = scorecard_chart(cells[cells["row_order"] <= 6], "vi").figure  # still more headlines than units: not turned
    every = scorecard_chart(cells, "vi").figure
    per_row = (every.layout.height - few.layout.height) / (len(every.data[0].y) - len(few.data[0].y))
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


@pytest.fixture(scope="module")
def twenty_communes(con):
    units = queries.run(con, "districts")
    communes = list(units.loc[units["unit_kind"] == "commune", "district_id"])[:20]
    assert len(communes) == 20, "the bundled data holds more than twenty communes"
    return queries.run(con, "scorecard_cells", districts=communes)


def test_twenty_communes_are_one_per_line_so_no_cell_runs_into_its_neighbour(twenty_communes):
    # twenty columns of ~40 px on a laptop: every value and period ran into the next cell's (the Overview as it opens)
    spec = scorecard_chart(twenty_communes, "vi")
    heatmap = spec.figure.data[0]
    assert len(heatmap.y) == 20 and len(heatmap.x) < 20  # units down the side, headlines across the top
    lines = [line for row in heatmap.text for cell in row for line in re.sub("</?[bi]>", "", cell).split("<br>")]
    assert max(len(line.rstrip("¹²³⁴⁵⁶⁷⁸⁹")) for line in lines) <= 16
    header_lines = [line for label in spec.figure.layout.xaxis.ticktext for line in label.split("<br>")]
    assert max(len(line) for line in header_lines) <= 16


def test_a_headline_no_chosen_unit_reports_is_named_under_the_grid_not_drawn_empty(twenty_communes):
    spec = scorecard_chart(twenty_communes, "vi")
    drawn = set(spec.figure.data[0].x)
    reported = set(twenty_communes.loc[twenty_communes["value"].notna(), "row_key"])
    unreported = twenty_communes[~twenty_communes["row_key"].isin(reported)]
    assert len(unreported), "the twenty communes report only some headlines; otherwise this test proves nothing"
    assert len(drawn) == len(reported)
    note = next(n for n in spec.notes if n.startswith("Không đơn vị nào trong bảng có số liệu cho:"))
    assert all(name in note and name not in drawn for name in set(unreported["row_name_vi"]))


def test_an_undated_figure_says_about_when_in_the_cell_and_the_key_once_under_it(twenty_communes):
    spec = scorecard_chart(twenty_communes, "vi")
    undated = twenty_communes[(twenty_communes["period_label"] == "asof unknown") & twenty_communes["value"].notna()]
    assert len(undated), "some of the communes' figures come from undated pages"
    cells = [cell for row in spec.figure.data[0].text for cell in row]
    assert any(re.search(r"<br>~20\d\d$", cell) for cell in cells)
    assert not any("không ghi ngày" in cell for cell in cells)
    assert sum(note.startswith("~2023: nguồn không ghi ngày") for note in spec.notes) == 1


def test_a_deck_of_twenty_units_spreads_the_scorecard_over_slides_of_seven(con):
    """Twenty unit columns in one 1700 px picture (PDF pack, show mode) ran every value and period into its
    neighbours': a slide's scorecard holds at most seven units (20: 7, 7, 6), each part titled with its number,
    every unit once, the same rows in each, the definition marks meaning the same definition on every part."""
    from exports.deck import Deck, deck_charts
    from i18n import t
    from ui import scope

    units = scope.default_districts(scope.first_kind(queries.run(con, "districts"), ["lam-binh"])[1])
    parts = deck_charts(con, Deck(("overview.scorecard",), tuple(units)))
    assert [spec.title for spec in parts] == [t("scorecard.title_part", "vi", part=n, parts=3) for n in (1, 2, 3)]
    assert [len(spec.part_units) for spec in parts] == [7, 7, 6]
    assert sorted(unit for spec in parts for unit in spec.part_units) == sorted(units)
    heatmaps = [spec.figure.data[0] for spec in parts]
    assert [len(heatmap.x) for heatmap in heatmaps] == [7, 7, 6]
    assert len({tuple(heatmap.y) for heatmap in heatmaps}) == 1
    marked = {}
    for spec in parts:
        for note in spec.notes:
            row = re.match(r"Hàng “([^”]+)”", note)
            for mark, definition in re.findall(r"([¹²³]) ([^(;]+?) \(", note) if row else ():
                assert marked.setdefault((row[1], mark), definition) == definition
    assert marked
    # show mode gives a part's seven columns about 130 px each: a period on one line ("Tháng 7/2025 – 11/2025") ran
    # into the next unit's cell, so a slide's cells wrap their periods
    from charts.scorecard import PERIOD_WRAP

    lines = [re.sub(r"<[^>]+>", "", line) for heatmap in heatmaps for row in heatmap.text for cell in row
             for line in cell.split("<br>")]
    assert "6 tháng đầu năm" in lines and max(len(line) for line in lines) <= PERIOD_WRAP + 3  # (… 2023 below)
    whole = deck_charts(con, Deck(("overview.scorecard",), tuple(units)), medium="screen")
    assert len(whole) == 1 and not whole[0].part_units
