"""Units of one name (the district and the commune Thuận Châu; the district and the province Hòa Bình) stay two
units wherever units are listed: two scorecard columns, two table columns in the pack, two picker options."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Inches

import queries
from charts.labels import value_text
from charts.scorecard import scorecard_chart
from exports.pptx_charts import add_scorecard_table
from tests.apptest_pages import run_page

NAMESAKES = ["thuan-chau", "thuan-chau-son-la", "hoa-binh", "tinh-hoa-binh"]


def test_namesakes_are_four_scorecard_columns_each_with_its_own_figures(con):
    cells = queries.run(con, "scorecard_cells", districts=NAMESAKES)
    heatmap = scorecard_chart(cells, "vi").figure.data[0]
    assert len(heatmap.x) == 4 and len(set(heatmap.x)) == 4
    assert {"Thuận Châu", "xã Thuận Châu", "Hòa Bình", "tỉnh Hòa Bình"} == set(heatmap.x)
    column = dict(zip(["thuan-chau", "thuan-chau-son-la", "hoa-binh", "tinh-hoa-binh"],
                      [list(heatmap.x).index(x) for x in ("Thuận Châu", "xã Thuận Châu", "Hòa Bình", "tỉnh Hòa Bình")]))
    rows = list(dict.fromkeys(cells["row_key"]))
    reported = cells[cells["value"].notna()].to_dict("records")
    assert "tinh-hoa-binh" in {r["district_id"] for r in reported}  # its district namesake reports no headline
    for record in reported:  # each figure sits in its own unit's column, never overwritten by a namesake's
        text = heatmap.text[rows.index(record["row_key"])][column[record["district_id"]]]
        assert value_text(record, "vi") in text
    empty = [column["hoa-binh"]]
    assert all("không có số liệu" in heatmap.text[row][c] for row in range(len(rows)) for c in empty)


def test_namesakes_are_four_columns_of_the_packs_scorecard_table(con):
    cells = queries.run(con, "scorecard_cells", districts=NAMESAKES)
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    add_scorecard_table(slide, cells, "vi", Inches(0.5), Inches(1), Inches(9), Inches(5))
    table = next(shape for shape in slide.shapes if shape.has_table).table
    header = [table.cell(0, column).text for column in range(1, len(table.columns))]
    assert sorted(header) == sorted(["Thuận Châu", "xã Thuận Châu", "Hòa Bình", "tỉnh Hòa Bình"])


def test_every_unit_picker_tells_namesakes_apart():
    overview = run_page("overview", d="thuan-chau-son-la")
    options = overview.multiselect(key="overview_districts").options
    assert "xã Thuận Châu" in options and len(options) == len(set(options))
    present = run_page("present", d="tinh-hoa-binh")
    options = present.multiselect(key="present_districts").options
    assert "tỉnh Hòa Bình" in options and len(options) == len(set(options))
    contribute = run_page("contribute")
    options = contribute.selectbox(key="prefilled_district").options
    assert {"Thuận Châu", "xã Thuận Châu", "Hòa Bình", "tỉnh Hòa Bình"} <= set(options)
    assert len(options) == len(set(options))
