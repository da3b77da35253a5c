-- The database contract. Rebuilt from data/ on every change, never migrated: raise SCHEMA_VERSION in loaders/build.py
-- whenever this file changes, so that a build of the old tables is rebuilt, not read by the new queries.
CREATE TABLE themes (
    theme_id VARCHAR PRIMARY KEY, name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL, sort_order INTEGER NOT NULL
);
CREATE TABLE frameworks (
    framework_id VARCHAR PRIMARY KEY, name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL, legal_basis VARCHAR NOT NULL
);
CREATE TABLE indicators (
    indicator_id VARCHAR PRIMARY KEY, name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL, unit VARCHAR NOT NULL,
    counts_vi VARCHAR, counts_en VARCHAR, definition_vi VARCHAR NOT NULL, definition_en VARCHAR NOT NULL,
    higher_is_better BOOLEAN, theme_id VARCHAR NOT NULL, framework_id VARCHAR,
    target_value DOUBLE, target_year INTEGER, target_level VARCHAR, target_legal_basis VARCHAR,
    compare_group VARCHAR, structural BOOLEAN NOT NULL, derived_formula VARCHAR, aliases VARCHAR[] NOT NULL,
    sort_order INTEGER NOT NULL,
    -- meaning declared once in the catalogue (domain/catalogue.py): the scorecard row's place (the group's for a
    -- grouped indicator), flow or stock, rankable across unit sizes, what a count counts (commune, village)
    headline_order INTEGER, measure VARCHAR NOT NULL, scale_free BOOLEAN NOT NULL, counted_unit VARCHAR,
    per_residents BOOLEAN NOT NULL  -- a count that may be put per 1,000 residents
);
CREATE TABLE compare_groups (
    compare_group VARCHAR PRIMARY KEY, name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL, headline_order INTEGER,
    sort_order INTEGER NOT NULL
);
CREATE TABLE sources (
    source_id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL,
    title_source VARCHAR NOT NULL,  -- page | url_slug | descriptive (loaders/models.py TitleSource)
    issuer VARCHAR NOT NULL, number VARCHAR,
    date_label VARCHAR, source_date DATE NOT NULL, place VARCHAR, kind VARCHAR NOT NULL,
    seed_file VARCHAR, url VARCHAR, language VARCHAR NOT NULL,
    -- undated sources: date_label NULL, date_about (2023, 2023-03) and how it was inferred; source_date is then
    -- the first day of date_about, for sorting only
    date_about VARCHAR, date_basis VARCHAR,
    holds_quotes BOOLEAN NOT NULL  -- own documents (quotes kept); FALSE for public pages (printed + locator)
);
CREATE TABLE districts (
    district_id VARCHAR PRIMARY KEY, district_name VARCHAR NOT NULL, province VARCHAR NOT NULL,
    province_2025 VARCHAR NOT NULL, communes INTEGER, file VARCHAR NOT NULL, sort_order INTEGER NOT NULL,
    -- the administrative unit of the file (units.unit_id; NULL for a district the units table does not hold)
    unit_id VARCHAR, unit_kind VARCHAR NOT NULL, unit_subtype VARCHAR
);
CREATE TABLE observation_facts (
    observation_id VARCHAR PRIMARY KEY, district_id VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL,
    value DOUBLE NOT NULL, qualifier VARCHAR, period_label VARCHAR NOT NULL, period_kind VARCHAR NOT NULL,
    period_start DATE NOT NULL, period_end DATE NOT NULL, level VARCHAR NOT NULL, commune VARCHAR,
    source_id VARCHAR NOT NULL, quote VARCHAR, note VARCHAR, is_derived BOOLEAN NOT NULL,
    formula VARCHAR, formula_values VARCHAR, inputs VARCHAR[], file VARCHAR, line INTEGER,
    printed VARCHAR, locator VARCHAR,      -- figures of public pages: the number as printed, where it stands
    stated BOOLEAN NOT NULL,               -- a rate the source states although the catalogue derives it
    superseded_by VARCHAR,                 -- a stated rate's derived twin, charted instead of it
    disagrees BOOLEAN NOT NULL,            -- a stated/derived pair that differs beyond rounding (both rows)
    stated_value DOUBLE,                   -- on a derived row with a stated twin: the value the source states
    period_about VARCHAR                   -- 'asof unknown': the source's date_about (its dates are for sorting)
);
CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

-- observations: every fact with its unit's, indicator's, source's and compare group's columns, a table written by
-- the build once the facts are in (loaders/observations.sql), not a view joined again on every query.
