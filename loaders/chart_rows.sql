-- Every figure as the charts, tables and the unit profile read it (queries/observations_for_districts.sql): its
-- `observations` row, its unit's and indicator's sort order, the indicator's target, whether it is its unit's latest
-- period of that figure and the unit's population nearest in time. Both flags depend only on the unit's own figures
-- (the latest is picked within one unit, indicator, level, commune and stated-or-derived; the population within one
-- unit), never on the units or theme a page chose beside it, so the build works them out once instead of the query
-- on each change of units or theme (a GROUP BY, a join to the population figures and two joins for 20 units were
-- about 7 of a rerun's 17-25 ms of query at national; issue 17, seventh round). Written by province, then unit,
-- then theme: a province's rows lie together, so that the rows query's join to the chosen units
-- (queries/observations_for_districts.sql) lets the scan skip the rows of provinces outside the choice's first and
-- last (a filter DuckDB applies in the scan; a list of unit ids it applies only after reading every row), and within
-- it each unit's rows lie together, so the unit profile (one unit, every theme) reads one short stretch instead of
-- one piece in every theme's stretch (19-25 -> 7-10 ms of query at communes; issue 17, ninth round (r)). A theme's
-- rows of a province's units are read from that province's stretch.
-- `latest`: the unit's latest period of this figure (same indicator, level, commune; a stated rate apart from its
-- derived twin): the compare charts show one bar per unit and series at that period by default, the tables all.
-- `population*`: the unit's own population figure (the whole unit's) nearest in time to this figure's period (the
-- later one on a tie), what a count per 1,000 residents is divided by; NULL when the unit has none within five years
-- of the figure (a commune's population at its founding in 2011 does not size its dossiers of 2022).
-- Pinned against the query that worked them out per call (kept in tests/test_compare_query_latest.py).
CREATE TABLE chart_rows AS
WITH latest AS (
    SELECT first(observation_id ORDER BY period_end DESC, period_start DESC, observation_id) AS observation_id
    FROM observations
    GROUP BY district_id, indicator_id, level, commune, stated
),
population AS (
    SELECT c.observation_id,
           first({'value': q.value, 'period_label': q.period_label, 'period_about': q.period_about,
                  'observation_id': q.observation_id}
                 ORDER BY abs(date_diff('day', q.period_end, c.period_end)), q.period_end DESC, q.observation_id) AS p
    FROM observations c
    JOIN observation_facts q ON q.district_id = c.district_id AND q.indicator_id = 'population' AND q.level = 'district'
                       AND abs(date_diff('day', q.period_end, c.period_end)) <= 5 * 366
    GROUP BY c.observation_id
)
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.target_level, i.target_legal_basis, i.higher_is_better, i.structural,
       i.counts_vi, i.counts_en,
       o.observation_id IN (SELECT observation_id FROM latest) AS latest,
       p.p.value AS population, p.p.period_label AS population_period, p.p.period_about AS population_period_about,
       p.p.observation_id AS population_observation_id
FROM observations o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
LEFT JOIN population p USING (observation_id)
ORDER BY o.province_2025, o.district_id, o.theme, o.indicator_id, o.observation_id;
