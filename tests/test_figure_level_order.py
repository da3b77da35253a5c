"""Which figure stands for 'the unit's figure' when a unit reports one indicator at several levels is declared once
(charts/profile.py LEVEL_RANK: the whole unit, then all its communes together, then its own bodies, then one
commune). The scorecard (its cells picked by the build: loaders/scorecard_figures.sql), the map (its figures picked
by the build: loaders/map_figures.sql), the profile and the brief (exports/unit_brief.py) all follow it: pinned here
on their text and on the real data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import queries
from charts.profile import LEVEL_RANK, latest_figures
from loaders import build as build_module
from loaders.models import Level

pytestmark = pytest.mark.usefixtures("built_db")

BUILD_SQL = Path(build_module.__file__).parent
CASE = re.compile(r"CASE o\.level((?:\s+WHEN '\w+' THEN \d+)+)\s+ELSE (\d+) END")


def _sql_order(name: str) -> list[str]:
    text = (BUILD_SQL / name).read_text(encoding="utf-8") if name.endswith(".sql") else queries.sql(name)
    found = CASE.findall(text)
    assert len(found) == 1, name
    whens, other = found[0]
    pairs = re.findall(r"WHEN '(\w+)' THEN (\d+)", whens)
    assert [int(rank) for _, rank in pairs] == list(range(len(pairs))) and int(other) == len(pairs), name
    return [level for level, _ in pairs]


def test_every_level_has_one_place_in_the_order():
    assert set(LEVEL_RANK) == set(Level.__args__)
    assert sorted(LEVEL_RANK, key=LEVEL_RANK.get) == ["district", "commune_aggregate", "unit_bodies", "commune"]
    assert sorted(LEVEL_RANK.values()) == list(range(len(LEVEL_RANK)))


@pytest.mark.parametrize("query", ["scorecard_figures.sql", "map_figures.sql"])
def test_the_queries_rank_levels_as_declared(query):
    assert _sql_order(query) == sorted(LEVEL_RANK, key=LEVEL_RANK.get)


def _ranked_levels(con) -> dict[tuple[str, str], str]:
    """Per unit and headline row, the level the declared order puts first among the unit's figures."""
    cur = queries.cursor(con)
    try:
        rows = cur.execute("""SELECT o.district_id, coalesce(o.compare_group, o.indicator_id) AS row_key, o.level
                              FROM observations o JOIN indicators i USING (indicator_id)
                              WHERE i.headline_order IS NOT NULL AND o.superseded_by IS NULL""").fetchall()
    finally:
        cur.close()
    best: dict[tuple[str, str], str] = {}
    for unit, key, level in rows:
        if (unit, key) not in best or LEVEL_RANK[level] < LEVEL_RANK[best[unit, key]]:
            best[unit, key] = level
    return best


def test_a_scorecard_cell_holds_the_declared_levels_figure(con):
    best = _ranked_levels(con)
    units = sorted({unit for unit, _ in best})
    cells = queries.run(con, "scorecard_cells", districts=units)
    cells = cells[cells["value"].notna()]
    chosen = {(r["district_id"], r["row_key"]): r["level"] for r in cells.to_dict("records")}
    assert chosen == best


def test_the_map_and_the_profile_pick_the_same_figure(con):
    units = queries.run(con, "district_summary")["district_id"].tolist()
    observations = queries.run(con, "observations_for_districts", districts=units, theme=None, indicators=None)
    for indicator in observations.loc[observations["level"] != "district", "indicator_id"].unique():
        mapped = queries.run(con, "map_units", indicator=indicator, province=None)
        mapped = mapped[mapped["observation_id"].notna()].set_index("district_id")["level"].to_dict()
        mine = observations[observations["indicator_id"] == indicator]
        profiled = {unit: latest_figures(rows)["level"].iloc[0] for unit, rows in mine.groupby("district_id")}
        assert mapped == profiled, indicator
