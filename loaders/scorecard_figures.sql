-- Written once per build, after `observations` (loaders/build.py): for each unit and scorecard row (an indicator, or
-- a compare group of near-equivalent indicators, that the catalogue gives a headline place), the one figure that
-- stands for the cell, with what its hover card shows. Which figure stands for a cell depends on the unit's own
-- figures only, not on the other units chosen beside it, so queries/scorecard_cells.sql reads it filtered by unit
-- instead of reading all the chosen units' rows of every theme and picking on every change of units (19 ms of the
-- overview's rerun at 705 units; bench/performance_notes.md, sixth round). The pick: the whole unit's figure, then
-- all its communes', its own bodies', one commune's; then the catalogue's order of the group's indicators; then the
-- latest period; the lower observation id on a tie. A stated rate whose derived twin exists is left out (the cell
-- shows the twin, as the charts do). Same cells as before: tests/test_compare_query_latest.py.
CREATE TABLE scorecard_figures AS
WITH chosen AS MATERIALIZED (
    SELECT coalesce(o.compare_group, o.indicator_id) AS row_key, o.*, i.sort_order AS indicator_order,
           i.target_value, i.target_year, i.higher_is_better
    FROM observations o JOIN indicators i USING (indicator_id)
    WHERE o.superseded_by IS NULL
      AND coalesce(o.compare_group, o.indicator_id) IN (  -- the scorecard's rows
          SELECT coalesce(compare_group, indicator_id) FROM indicators WHERE headline_order IS NOT NULL)
),
preferred AS (
    SELECT first(o.observation_id
                 -- the level order declared in charts/profile.py LEVEL_RANK (tests/test_figure_level_order.py)
                 ORDER BY CASE o.level WHEN 'district' THEN 0 WHEN 'commune_aggregate' THEN 1 WHEN 'unit_bodies' THEN 2
                                       WHEN 'commune' THEN 3 ELSE 4 END,
                          o.indicator_order, o.period_end DESC, o.observation_id) AS observation_id
    FROM chosen o
    GROUP BY o.row_key, o.district_id
)
SELECT c.row_key, c.district_id, c.indicator_id, c.indicator_name_vi, c.indicator_name_en, c.unit, c.value,
       c.qualifier, c.level, c.commune, c.period_label, c.period_about, c.source_id, c.source_title, c.source_number,
       c.source_date, c.source_date_about, c.quote, c.printed, c.locator, c.source_url, c.source_holds_quotes, c.note,
       c.is_derived, c.formula_values, c.target_value, c.target_year, c.higher_is_better, c.scale_free,
       c.compare_group_name_vi, c.compare_group_name_en
FROM chosen c SEMI JOIN preferred p USING (observation_id)
ORDER BY c.district_id, c.row_key;  -- a unit's cells together: the query's filter by unit skips the others' blocks
