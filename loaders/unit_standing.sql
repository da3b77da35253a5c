-- Written once per build, after latest_whole_unit_figures (loaders/build.py): for each unit and indicator it reported
-- for the whole unit, the median of the latest whole-unit figures of the other units OF ITS KIND, how many there are
-- and their periods, which queries/district_standing.sql used to aggregate over every other unit of the kind on each
-- change of unit (10 ms of the unit profile's rerun at 705 units; bench/performance_notes.md, sixth round).
-- The others' median without a median per unit: the others are the kind's sorted figures with the unit's own taken
-- out (any one of equal figures: the rest is the same), so their middle one or two are among the kind's three middle
-- ones (`middle`, from position `first_middle`); the median of those one or two is what median() over all the others
-- gives, to the last bit (the same aggregate over the same two values). NULL figures where no other unit of the kind
-- reported the indicator, as the query's LEFT JOIN gave. Same rows as before: tests/test_latest_figures_in_build.py.
CREATE TABLE unit_standing AS
WITH kinds AS (
    SELECT unit_kind, indicator_id, count(*) AS n, greatest(1, (count(*) - 1) // 2) AS first_middle,
           list_slice(list(value ORDER BY value), greatest(1, (count(*) - 1) // 2),
                      greatest(1, (count(*) - 1) // 2) + 2) AS middle
    FROM latest_whole_unit_figures
    GROUP BY unit_kind, indicator_id
),
periods AS (  -- how many units of the kind report each period: a period stays the others' unless only this unit has it
    SELECT unit_kind, indicator_id, period_label, count(*) AS units
    FROM latest_whole_unit_figures
    GROUP BY unit_kind, indicator_id, period_label
),
ranked AS (
    SELECT l.district_id, l.indicator_id, l.unit_kind, l.period_label, k.n, k.first_middle, k.middle,
           row_number() OVER (PARTITION BY l.unit_kind, l.indicator_id ORDER BY l.value) AS place
    FROM latest_whole_unit_figures l
    JOIN kinds k USING (unit_kind, indicator_id)
    WHERE k.n > 1
),
standing AS (
    SELECT r.district_id, r.indicator_id, r.unit_kind, r.period_label, r.n - 1 AS others_count,
           -- the others' k-th figure is the kind's k-th before the unit's place, the (k+1)-th from it on
           list_aggregate(list_transform(
               CASE WHEN (r.n - 1) % 2 = 1 THEN [(r.n - 1) // 2 + 1] ELSE [(r.n - 1) // 2, (r.n - 1) // 2 + 1] END,
               lambda k: r.middle[(CASE WHEN k < r.place THEN k ELSE k + 1 END) - r.first_middle + 1]), 'median')
               AS others_median
    FROM ranked r
)
SELECT s.district_id, s.indicator_id, s.others_median, s.others_count,
       list(p.period_label ORDER BY p.period_label) AS others_periods
FROM standing s
JOIN periods p ON p.unit_kind = s.unit_kind AND p.indicator_id = s.indicator_id
                  AND p.units > CASE WHEN p.period_label = s.period_label THEN 1 ELSE 0 END
GROUP BY s.district_id, s.indicator_id, s.others_median, s.others_count
ORDER BY s.district_id, s.indicator_id;
