"""A scorecard cell shows the figure every chart shows: where a unit states a rate and its counts derive the same
rate (cao-phong's stated 98,5% and derived 98,46%, 2023-H1), the stated one is superseded and never the cell's."""

from __future__ import annotations

import pytest

import queries

pytestmark = pytest.mark.usefixtures("built_db")


def test_a_cell_never_shows_a_superseded_stated_rate(con):
    cur = queries.cursor(con)
    try:
        twins = cur.execute("""
            SELECT s.district_id, s.indicator_id, s.value AS stated, d.value AS derived
            FROM observations s JOIN observations d ON d.observation_id = s.superseded_by
            JOIN indicators i ON i.indicator_id = s.indicator_id
            WHERE i.headline_order IS NOT NULL""").df()
    finally:
        cur.close()
    assert len(twins) >= 5  # the bundled data: 9 units, each with one twin
    cells = queries.run(con, "scorecard_cells", districts=sorted(set(twins["district_id"])))
    for twin in twins.to_dict("records"):
        cell = cells[(cells["district_id"] == twin["district_id"]) & (cells["indicator_id"] == twin["indicator_id"])]
        assert len(cell) == 1, twin
        assert cell["value"].iloc[0] == twin["derived"], twin
