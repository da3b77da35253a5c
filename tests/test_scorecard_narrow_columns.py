"""A turned scorecard with many headline columns (the provinces' nine or ten) keeps every cell's text and every column's name
inside its column: values, periods and names wrap to the columns' width, the names stay flat, and they stand below
the title, not over it. Fewer columns (the communes' six or seven) keep wider lines."""

from __future__ import annotations

import re

import queries
from charts.scorecard import COLUMN_LABEL_WRAP, PERIOD_WRAP, scorecard_chart, turned_wrap


def _lines(cell: str) -> list[str]:
    plain = re.sub(r"</?[bi]>", "", cell)
    return [line.rstrip("¹²³⁴⁵⁶⁷⁸⁹") for line in plain.split("<br>")]


def _first_units(con, kind: str, count: int = 20) -> list[str]:
    units = queries.run(con, "districts")
    return list(units.loc[units["unit_kind"] == kind, "district_id"])[:count]


def test_the_narrower_the_columns_the_shorter_the_lines_within_bounds():
    assert turned_wrap(6) == PERIOD_WRAP and turned_wrap(10) < turned_wrap(8) < PERIOD_WRAP
    assert turned_wrap(40) >= 8  # never a letter per line


def test_ten_province_columns_keep_their_text_inside_them(con):
    cells = queries.run(con, "scorecard_cells", districts=_first_units(con, "province"))
    for lang in ("vi", "en"):
        figure = scorecard_chart(cells, lang).figure.to_plotly_json()
        grid, layout = figure["data"][0], figure["layout"]
        columns = len(grid["x"])
        assert columns >= 8  # the provinces report most headlines: the case this is about
        width = turned_wrap(columns)
        long_lines = [line for row in grid["text"] for cell in row for line in _lines(cell) if len(line) > width]
        assert not long_lines, long_lines[:5]
        names = layout["xaxis"]["ticktext"]
        assert layout["xaxis"]["tickangle"] == 0
        assert all(len(line) <= width for name in names for line in name.split("<br>")), names
        name_lines = max(name.count("<br>") + 1 for name in names)
        assert layout["margin"]["t"] >= 100 + 18 * (name_lines - 1) - 18  # the names' lines below the title


def test_fewer_commune_columns_keep_wider_lines(con):
    cells = queries.run(con, "scorecard_cells", districts=_first_units(con, "commune"))
    figure = scorecard_chart(cells, "vi").figure.to_plotly_json()
    names, columns = figure["layout"]["xaxis"]["ticktext"], len(figure["data"][0]["x"])
    assert columns <= 7 and turned_wrap(columns) > turned_wrap(10)
    assert any(len(line) > turned_wrap(10) for name in names for line in name.split("<br>"))  # not squeezed needlessly
    assert all(len(line) <= min(COLUMN_LABEL_WRAP, turned_wrap(columns)) for name in names for line in name.split("<br>"))
