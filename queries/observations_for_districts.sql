-- Observations of the chosen districts, optionally one theme and/or some indicators, with what a chart needs
-- to label, colour and source every bar. $theme and $indicators may be NULL (= all).
-- `latest`: the unit's latest period of this figure (same indicator, level, commune; a stated rate apart from its
-- derived twin): the compare charts show one bar per unit and series at that period by default, the tables all.
-- `population*`: the unit's own population figure (the whole unit's) nearest in time to this figure's period (the
-- later one on a tie), what a count per 1,000 residents is divided by; NULL when the unit has none within five years
-- of the figure (a commune's population at its founding in 2011 does not size its dossiers of 2022).
-- The chosen rows are read once (`chosen`); `latest` is worked out from the few columns that decide it (a GROUP BY)
-- and not by a window over the whole 60-column row, which DuckDB carries through its window operator (about a
-- fifth of the query's CPU at 705 units); the population figure is the first of the unit's by distance in time, a
-- GROUP BY over a plain join, not a LATERAL subquery (whose decorrelated plan took longer to plan than the query
-- took to run), read from observation_facts (every fact is in the view: the build checks it). Same rows, flags
-- and population as before: tests/test_compare_query_latest.py.
WITH chosen AS MATERIALIZED (
    SELECT o.* FROM observations o
    WHERE list_contains($districts, o.district_id)
      AND ($theme IS NULL OR o.theme = $theme)
      AND ($indicators IS NULL OR list_contains($indicators, o.indicator_id))
),
latest AS (
    SELECT first(observation_id ORDER BY period_end DESC, period_start DESC, observation_id) AS observation_id
    FROM chosen
    GROUP BY district_id, indicator_id, level, commune, stated
),
population AS (
    SELECT c.observation_id,
           first({'value': q.value, 'period_label': q.period_label, 'period_about': q.period_about,
                  'observation_id': q.observation_id}
                 ORDER BY abs(date_diff('day', q.period_end, c.period_end)), q.period_end DESC, q.observation_id) AS p
    FROM chosen c
    JOIN observation_facts q ON q.district_id = c.district_id AND q.indicator_id = 'population' AND q.level = 'district'
                       AND abs(date_diff('day', q.period_end, c.period_end)) <= 5 * 366
    WHERE list_contains($districts, q.district_id)
    GROUP BY c.observation_id
)
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.target_level, i.target_legal_basis, i.higher_is_better, i.structural,
       i.counts_vi, i.counts_en,
       o.observation_id IN (SELECT observation_id FROM latest) AS latest,
       p.p.value AS population, p.p.period_label AS population_period, p.p.period_about AS population_period_about,
       p.p.observation_id AS population_observation_id
FROM chosen o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
LEFT JOIN population p USING (observation_id)
ORDER BY i.sort_order, d.sort_order, o.level, o.commune, o.period_end, o.observation_id
