"""The curated data/ files: valid, every quote verbatim in its source, every district's key figures queryable."""

from __future__ import annotations

import unicodedata

import pytest

import queries
from loaders import load_dataset
from tests.conftest import DATA_DIR, SEEDS_DIR

DISTRICTS = {"lam-binh", "huong-khe", "tam-duong", "thuan-bac", "luc-yen"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def _seed_text(file_name: str) -> str:
    return unicodedata.normalize("NFC", (SEEDS_DIR / file_name).read_text(encoding="utf-8"))


def test_the_five_seed_districts_are_curated(dataset):
    assert {d.slug for d in dataset.districts} >= DISTRICTS


def test_provinces_after_the_2025_merger(dataset):
    after = {d.slug: d.province_2025 for d in dataset.districts}
    assert after["lam-binh"] == "Tuyên Quang"
    assert after["huong-khe"] == "Hà Tĩnh"
    assert after["tam-duong"] == "Phú Thọ"
    assert after["thuan-bac"] == "Khánh Hòa"
    assert after["luc-yen"] == "Lào Cai"


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="the seed documents are not beside this checkout")
def test_every_quote_is_verbatim_in_its_seed_document(dataset):
    seeds = {s.id: _seed_text(s.seed_file) for s in dataset.sources.values() if s.seed_file}
    assert seeds, "sources.yaml names no seed files"
    not_found = [
        f"{row.file}:{row.line}: {row.observation.quote[:60]}"
        for row in dataset.observations
        if row.observation.source in seeds and row.observation.quote not in seeds[row.observation.source]
    ]
    assert not_found == []


def test_every_seed_document_is_registered_as_a_source(dataset):
    registered = {s.seed_file for s in dataset.sources.values()}
    expected = {p.name for p in SEEDS_DIR.glob("*.txt")} if SEEDS_DIR.is_dir() else set()
    assert expected <= registered


def test_each_district_reports_a_substantial_set_of_figures(dataset):
    per_district = {slug: 0 for slug in DISTRICTS}
    for row in dataset.observations:
        per_district[row.district] = per_district.get(row.district, 0) + 1
    assert all(per_district[slug] >= 8 for slug in DISTRICTS), per_district


def _value(con, district, indicator, period=None, level="district"):
    cur = queries.cursor(con)
    rows = cur.execute(
        "SELECT value FROM observations WHERE district_id = ? AND indicator_id = ? AND level = ?"
        " AND (? IS NULL OR period_label = ?)",
        [district, indicator, level, period, period],
    ).fetchall()
    return [r[0] for r in rows]


def test_lam_binh_2022_dossiers_and_derived_online_rate(con):
    assert _value(con, "lam-binh", "dossiers_received", "2022") == [25250]
    assert _value(con, "lam-binh", "dossiers_online", "2022") == [1973]
    (rate,) = _value(con, "lam-binh", "online_submission_rate", "2022")
    assert rate == pytest.approx(7.81, abs=0.005)


def test_thuan_bac_cccd_coverage_is_stated_and_consistent(con):
    assert _value(con, "thuan-bac", "cccd_collected") == [34389]
    assert _value(con, "thuan-bac", "cccd_eligible") == [34865]
    (coverage,) = _value(con, "thuan-bac", "cccd_coverage_rate")
    assert coverage == pytest.approx(34389 / 34865 * 100, abs=0.005)


def test_tam_duong_signing_rates_by_level(con):
    # "của UBND huyện đạt 100%": the district's own bodies, not the whole district
    assert _value(con, "tam-duong", "edocs_signed_rate", "2023-H1", level="unit_bodies") == [100]
    assert _value(con, "tam-duong", "edocs_signed_rate", "2023-H1") == []
    assert _value(con, "tam-duong", "edocs_signed_rate", "2023-H1", level="commune_aggregate") == [99.86]


def test_community_teams_are_queryable(con):
    cur = queries.cursor(con)
    teams = dict(cur.execute(
        "SELECT district_id, sum(value) FROM observations WHERE indicator_id IN "
        "('community_teams_commune_level', 'community_teams_village_level') GROUP BY ALL").fetchall())
    assert teams["lam-binh"] == 110
    # Hương Khê's 215 are merged teams (document 1212/UBND-VHTT): a total of all levels, never a village count
    assert "huong-khe" not in teams
    assert _value(con, "huong-khe", "community_teams_total") == [215]
    members = dict(cur.execute(
        "SELECT district_id, value FROM observations WHERE indicator_id = 'community_team_members'").fetchall())
    assert members["huong-khe"] == 645 and members["lam-binh"] == 600


def test_derived_members_per_team_records_its_formula(con):
    cur = queries.cursor(con)
    row = cur.execute(
        "SELECT value, is_derived, formula, formula_values FROM observations "
        "WHERE district_id = 'lam-binh' AND indicator_id = 'members_per_team'").fetchone()
    assert row[0] == pytest.approx(600 / 110) and row[1] is True
    assert "community_team_members" in row[2] and "600" in row[3]


def test_lam_thuong_commune_figures_are_labelled_as_that_commune(con):
    cur = queries.cursor(con)
    rows = cur.execute(
        "SELECT DISTINCT level, commune FROM observations WHERE district_id = 'luc-yen' AND commune IS NOT NULL").fetchall()
    assert rows == [("commune", "Lâm Thượng")]


def test_every_observation_has_source_quote_and_period(con):
    """Own documents: the exact quote. Public web pages: the number as printed, where it is printed and the page's
    address, never a quote. Derived figures of a public page: its address and the formula, over typed inputs that
    each carry their printed number and locator."""
    cur = queries.cursor(con)
    assert cur.execute("SELECT count(*) FROM observations WHERE source_id IS NULL OR period_end IS NULL").fetchone()[0] == 0
    own = "source_kind <> 'public_page'"
    assert cur.execute(f"SELECT count(*) FROM observations WHERE {own}").fetchone()[0] > 0
    assert cur.execute(f"SELECT count(*) FROM observations WHERE {own} AND (quote IS NULL OR quote = '')").fetchone()[0] == 0
    public = "source_kind = 'public_page'"
    assert cur.execute(f"SELECT count(*) FROM observations WHERE {public} AND NOT is_derived").fetchone()[0] > 0
    assert cur.execute(
        f"SELECT count(*) FROM observations WHERE {public} AND (quote IS NOT NULL OR source_url IS NULL "
        "OR source_url = '' OR (NOT is_derived AND (printed IS NULL OR printed = '' OR locator IS NULL "
        "OR locator = '')))").fetchone()[0] == 0
    unbacked = cur.execute(
        f"SELECT d.observation_id FROM observations d, unnest(d.inputs) AS i(input_id) "
        f"JOIN observations o ON o.observation_id = i.input_id "
        f"WHERE d.{public} AND d.is_derived AND (o.printed IS NULL OR o.locator IS NULL)").fetchall()
    assert unbacked == []
    assert cur.execute(
        f"SELECT count(*) FROM observations WHERE {public} AND is_derived AND (formula IS NULL "
        "OR len(inputs) = 0)").fetchone()[0] == 0


# ── Issue 14 §1: what the data says about the seed figures ─────────────────────────────────────────────────────


def test_figures_of_undated_articles_are_as_of_an_unknown_date_not_the_end_of_a_year(con):
    cur = queries.cursor(con)
    rows = cur.execute(
        "SELECT DISTINCT district_id, period_label, period_kind, period_about FROM observations "
        "WHERE source_id IN ('lam-binh-2022', 'thuan-bac-2023', 'luc-yen-2023') AND period_label LIKE 'asof%'").fetchall()
    undated = {(d, kind, about) for d, label, kind, about in rows if label == "asof unknown"}
    assert undated == {("lam-binh", "as_of_unknown", "2023"), ("thuan-bac", "as_of_unknown", "2023"),
                       ("luc-yen", "as_of_unknown", "2023")}
    # the only dated stock left is the one the article dates itself ("đến hết tháng 2/2023"); none says "asof 2023"
    assert {label for _, label, _, _ in rows} == {"asof unknown", "asof 2023-02"}


def test_a_request_for_certificates_is_not_counted_as_certificates_issued(con):
    assert _value(con, "thuan-bac", "digital_certificates") == []
    assert _value(con, "thuan-bac", "digital_certificates_requested") == [80]


def test_fully_electronic_and_signed_documents_are_not_filed_as_signed(con):
    assert _value(con, "thuan-bac", "edocs_signed_rate") == []
    assert _value(con, "thuan-bac", "edocs_fully_electronic_rate") == [90]


def test_a_curators_note_reaches_the_hover_card_of_its_figure(con):
    from charts.compare import comparison_charts

    districts = queries.run(con, "districts")
    rows = queries.run(con, "observations_for_districts", districts=sorted(DISTRICTS), theme="community_teams",
                       indicators=None)
    colors = {d: "#000000" for d in sorted(DISTRICTS)}
    specs = comparison_charts(rows, districts, colors, "vi")
    hovers = [h for spec in specs for trace in spec.figure.data if getattr(trace, "hovertext", None) is not None
              for h in trace.hovertext]
    assert any("1212/UBND-VHTT" in h for h in hovers)  # Hương Khê's merged teams say so where the bar is read
