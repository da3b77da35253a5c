"""Issue 14's measure of done, on the bundled data: the Compare page as it opens (the kind of unit the data holds most
of, the first theme, the first 20 units of all provinces or all units of the largest province) draws five or more
units on at least 80% of its charts. bench/compare_coverage.py prints the same figures for every kind and theme."""

from __future__ import annotations

from bench.compare_coverage import report


def test_the_compare_page_as_it_opens_draws_five_or_more_units_on_four_charts_in_five(con):
    rows = [row for row in report(con) if row["kind"].endswith("*") and row["themes"] != "all themes"]
    assert {row["scope"].split(":")[0] for row in rows} == {"all provinces", "largest province"}
    for row in rows:
        assert row["charts"] >= 4, row  # a real comparison, not one chart that happens to be full
        assert row["charts_5plus"] >= 0.8 * row["charts"], row
