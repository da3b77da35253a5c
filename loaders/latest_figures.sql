-- Written once per build, after the figures are in (loaders/build.py): what the unit profile's queries used to work
-- out on every change of unit by numbering every whole-unit figure of a kind (131,000 rows at national size).
-- The latest whole-unit figure of each unit and indicator: level 'district' (the whole unit, not one commune or its
-- own bodies), a stated rate whose derived twin exists left out (the twin stands for it, as on the charts), the
-- latest period, the lower observation id on a tie. queries/district_standing.sql and queries/province_medians.sql
-- read it filtered by unit, kind and province.
CREATE TABLE latest_whole_unit_figures AS
SELECT f.observation_id, f.district_id, f.indicator_id, d.unit_kind, d.province_2025,
       f.value, f.qualifier, f.period_label
FROM observation_facts f
JOIN districts d USING (district_id)
WHERE f.level = 'district' AND f.superseded_by IS NULL
QUALIFY row_number() OVER (PARTITION BY f.district_id, f.indicator_id
                           ORDER BY f.period_end DESC, f.observation_id) = 1
ORDER BY d.unit_kind, d.province_2025, f.district_id, f.indicator_id;
