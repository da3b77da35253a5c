"""The unit profile's standing and province medians read the latest whole-unit figures the build works out once
(loaders/latest_figures.sql) instead of numbering every whole-unit figure of a kind on each change of unit. Their
output must be what the window gave: pinned here against the queries as they were (the window, kept below as the
definition) on the real data, every unit and every province and kind, and on the synthetic national data set."""

from __future__ import annotations

import pandas as pd

import queries

# The two queries before the build held latest_whole_unit_figures (commit e73ec9a): the definition they must match.
STANDING_BY_WINDOW = """
WITH latest AS (
    SELECT o.*, row_number() OVER (PARTITION BY o.district_id, o.indicator_id
                                   ORDER BY o.period_end DESC, o.observation_id) AS n
    FROM observations o
    WHERE o.level = 'district' AND o.superseded_by IS NULL
      AND o.unit_kind = (SELECT unit_kind FROM districts WHERE district_id = $district)
),
others AS (
    SELECT indicator_id, median(value) AS others_median, count(*) AS others_count,
           list(DISTINCT period_label ORDER BY period_label) AS others_periods
    FROM latest
    WHERE n = 1 AND district_id <> $district
    GROUP BY indicator_id
)
SELECT l.unit_kind, l.indicator_id, l.indicator_name_vi, l.indicator_name_en, l.unit, l.value, l.qualifier, l.period_label,
       i.target_value, i.target_year, i.higher_is_better, i.structural, i.scale_free,
       o.others_median, coalesce(o.others_count, 0) AS others_count, o.others_periods
FROM latest l
JOIN indicators i USING (indicator_id)
LEFT JOIN others o USING (indicator_id)
WHERE l.n = 1 AND l.district_id = $district
ORDER BY i.sort_order
"""

MEDIANS_BY_WINDOW = """
WITH latest AS (
    SELECT o.*, row_number() OVER (PARTITION BY o.district_id, o.indicator_id
                                   ORDER BY o.period_end DESC, o.observation_id) AS n
    FROM observations o
    WHERE o.level = 'district' AND o.province_2025 = $province AND o.unit_kind = $kind AND o.superseded_by IS NULL
)
SELECT indicator_id, median(value) AS province_median, count(*) AS province_units,
       list(DISTINCT period_label ORDER BY period_label) AS province_periods
FROM latest
WHERE n = 1
GROUP BY indicator_id
"""

# Every unit's latest whole-unit figures by the window, over the whole build at once.
LATEST_BY_WINDOW = """
SELECT observation_id, district_id, indicator_id, unit_kind, province_2025, value, qualifier, period_label
FROM observations
WHERE level = 'district' AND superseded_by IS NULL
QUALIFY row_number() OVER (PARTITION BY district_id, indicator_id ORDER BY period_end DESC, observation_id) = 1
"""


def _frame(cur, sql: str, **params) -> pd.DataFrame:
    return cur.execute(sql, params).df()


def _by_indicator(frame: pd.DataFrame) -> pd.DataFrame:
    """province_medians has no ORDER BY (its reader indexes it by indicator): compared in indicator order."""
    return frame.sort_values("indicator_id", ignore_index=True)


def assert_same_as_the_window(con, units: list[str] | None = None) -> int:
    """Compare the build's table and both queries with their window definitions; return how many units were
    compared one by one."""
    cur = queries.cursor(con)
    try:
        table = cur.execute("SELECT * FROM latest_whole_unit_figures").df()
        window = _frame(cur, LATEST_BY_WINDOW)
        order = ["district_id", "indicator_id"]
        pd.testing.assert_frame_equal(table.sort_values(order, ignore_index=True),
                                      window.sort_values(order, ignore_index=True), check_exact=True)
        assert not table.duplicated(order).any()
        places = cur.execute("SELECT district_id, province_2025, unit_kind FROM districts ORDER BY sort_order").fetchall()
        chosen = [place for place in places if units is None or place[0] in units]
        for district, _province, _kind in chosen:
            pd.testing.assert_frame_equal(_frame(cur, queries.sql("district_standing"), district=district),
                                          _frame(cur, STANDING_BY_WINDOW, district=district), check_exact=True,
                                          obj=f"district_standing for {district}")
        for province, kind in sorted({(province, kind) for _district, province, kind in places}):
            pd.testing.assert_frame_equal(
                _by_indicator(_frame(cur, queries.sql("province_medians"), province=province, kind=kind)),
                _by_indicator(_frame(cur, MEDIANS_BY_WINDOW, province=province, kind=kind)), check_exact=True,
                obj=f"province_medians for {province}, {kind}")
        return len(chosen)
    finally:
        cur.close()


def test_the_real_data_gives_what_the_window_gave_for_every_unit_province_and_kind(con):
    assert assert_same_as_the_window(con) > 100
    cur = queries.cursor(con)
    try:  # the cases the window's filters are there for are in the real data, so the comparison covers them
        kinds = cur.execute("SELECT count(DISTINCT unit_kind) FROM latest_whole_unit_figures").fetchone()[0]
        superseded = cur.execute("SELECT count(*) FROM observations WHERE superseded_by IS NOT NULL "
                                 "AND level = 'district'").fetchone()[0]
        older = cur.execute("SELECT count(*) FROM observations o WHERE level = 'district' AND NOT EXISTS "
                            "(SELECT 1 FROM latest_whole_unit_figures l WHERE l.observation_id = o.observation_id)"
                            ).fetchone()[0]
    finally:
        cur.close()
    assert kinds >= 2 and superseded > 0 and older > superseded


def test_the_synthetic_national_data_gives_what_the_window_gave(synthetic_national):
    cur = queries.cursor(synthetic_national)
    try:
        units = [row[0] for row in cur.execute("SELECT district_id FROM districts ORDER BY sort_order").fetchall()]
    finally:
        cur.close()
    assert len(units) == 705
    # every province and kind, and a spread of units one by one (the window costs about 0.15 s a unit here)
    assert assert_same_as_the_window(synthetic_national, units[::50] + units[-1:]) == 16
