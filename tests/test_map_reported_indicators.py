"""The map offers the indicators some unit has a figure on: read from queries/reported_indicators.sql, not from the
whole coverage matrix (one row per indicator and unit) it read them from until the seventh round of issue 17. The
same set as the matrix's, on the real data and on the synthetic national data set."""

from __future__ import annotations

import pytest

import queries


@pytest.mark.parametrize("build", ["con", "synthetic_national"])
def test_the_reported_indicators_are_the_coverage_matrixs(build, request):
    con = request.getfixturevalue(build)
    reported = list(queries.run(con, "reported_indicators")["indicator_id"])
    matrix = queries.run(con, "coverage_matrix", theme=None, districts=None)
    assert len(reported) == len(set(reported)) > 0
    assert set(reported) == set(matrix["indicator_id"])
