"""The unit profile reads one unit's rows of every theme (queries/observations_for_districts.sql with one unit and no
theme). The build writes chart_rows by province, then unit, then theme (loaders/chart_rows.sql), so that those rows
are one short stretch of the table, and a province's rows one stretch too (the query's join on the province lets
the scan skip every other province). Written by theme first, one unit's rows were a piece in every theme's stretch
and the read touched every row group (issue 17, ninth round (r)). Checked on the real data and the benchmark's
synthetic `small` and `national` builds: rowids follow the order the build wrote the table in."""

from __future__ import annotations

import pytest

import queries


def _stretches(con, column: str) -> list[tuple]:
    """Each value of `column` whose rows in chart_rows are not one run of consecutive rowids."""
    cur = queries.cursor(con)
    try:
        return cur.execute(f"""
            SELECT {column}, count(*) AS rows, max(rowid) - min(rowid) + 1 AS span
            FROM chart_rows GROUP BY {column} HAVING span <> rows""").fetchall()
    finally:
        cur.close()


@pytest.mark.parametrize("build", ["con", "synthetic_small", "synthetic_national"])
def test_each_units_rows_and_each_provinces_rows_lie_together_in_chart_rows(build, request):
    con = request.getfixturevalue(build)
    assert queries.run(con, "districts")["district_id"].nunique() > 1
    assert _stretches(con, "district_id") == []
    assert _stretches(con, "province_2025") == []


@pytest.mark.parametrize("build", ["con", "synthetic_small"])
def test_the_profiles_rows_of_one_unit_are_every_row_of_that_unit_in_the_querys_order(build, request):
    """The order the build writes in changes where rows lie, never which rows a unit's query returns or their
    order (the query orders them itself): every unit's rows equal its rows of the table, sorted as the query says."""
    con = request.getfixturevalue(build)
    units = queries.run(con, "districts")["district_id"].tolist()
    for unit in units[:: max(1, len(units) // 25)]:
        got = queries.records(con, "observations_for_districts", districts=[unit], theme=None, indicators=None)
        cur = queries.cursor(con)
        expected = cur.execute(
            "SELECT * FROM chart_rows WHERE district_id = ? ORDER BY indicator_order, district_order, level, commune, "
            "period_end, observation_id", [unit]).fetchall()
        columns = [column[0] for column in cur.description]
        cur.close()
        assert got == [dict(zip(columns, row)) for row in expected], unit
        assert len({row["theme"] for row in got}) > 1 or len(got) < 20, unit
