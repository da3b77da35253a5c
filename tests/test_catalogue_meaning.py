"""The catalogue declares meaning once (issue 13): compare groups with their names and headline places, flow or
stock, scale-free or not, what a count counts — in data/indicators.yaml, parsed by domain.catalogue, validated by the
loaders' models, built into the database and read from there by the scorecard, the standing analysis and the compare
grouping. An indicator added to indicators.yaml alone reaches all of them and the report reader's catalogue."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import yaml

import queries
from analysis.standing import _size_free
from charts.compare import group_records
from charts.scorecard import scorecard_chart, with_status
from domain.catalogue import CatalogueError, catalogue_from_mapping, parse_catalogue
from loaders import ValidationFailed, build_database, load_dataset
from loaders.models import Indicator
from reader.catalogue import load_catalogue
from tests.conftest import DATA_DIR, REPO

ALL = ["huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac"]
# The scorecard's rows as the SQL VALUES list had them before they moved into the catalogue.
HEADLINE = ["online_usage", "online_services_share", "online_payment_rate", "signing_rate", "certificates",
            "community_teams", "community_team_members", "members_per_team", "teams_per_commune",
            "communes_covered_rate", "eid", "cccd_coverage_rate", "video_conference_points", "computers"]


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load((DATA_DIR / "indicators.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue(document):
    return catalogue_from_mapping(document)


def test_every_headline_row_and_every_group_resolves_to_names_and_members(catalogue):
    assert [key for key, _ in catalogue.headline_rows()] == HEADLINE
    for key, _ in catalogue.headline_rows():
        assert catalogue.members(key), key
        for lang in ("vi", "en"):
            assert catalogue.title(key, lang).strip(), (key, lang)
    for group in catalogue.groups.values():
        assert group.name_vi and group.name_en and catalogue.members(group.id)
    assert {i.compare_group for i in catalogue.indicators.values()} - {None} == set(catalogue.groups)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["indicators"][0].update(compare_group="nowhere"), "nowhere is not declared"),
    (lambda d: d["compare_groups"][1].update(headline=2), "headline place 2 is taken"),
    (lambda d: d["compare_groups"][0].pop("name_en"), "needs name_vi and name_en"),
    (lambda d: d["indicators"][0].update(measure="sometimes"), "measure must be flow or stock"),
    (lambda d: d["compare_groups"].append({"id": "lonely", "name_vi": "x", "name_en": "x"}), "lonely has no indicator"),
    # a rate, a derived ratio or a count of places is never put per 1,000 residents
    (lambda d: next(i for i in d["indicators"] if i["id"] == "online_submission_rate").update(per_residents=True),
     "online_submission_rate: per_residents is for a typed count"),
    (lambda d: next(i for i in d["indicators"] if i["id"] == "communes").update(per_residents=True),
     "communes: per_residents is for a typed count"),
])
def test_a_group_or_headline_that_does_not_resolve_is_refused(document, change, message):
    broken = yaml.safe_load(yaml.safe_dump(document, allow_unicode=True))
    change(broken)
    with pytest.raises(CatalogueError, match=message):
        catalogue_from_mapping(broken)


def test_the_loaders_models_validate_the_same_fields(document):
    dossiers = next(i for i in document["indicators"] if i["id"] == "dossiers_received")
    assert Indicator.model_validate(dossiers).measure == "flow"
    with pytest.raises(ValueError, match="group's headline place"):
        Indicator.model_validate({**dossiers, "headline": 20})
    with pytest.raises(ValueError, match="counted_unit"):
        Indicator.model_validate({**dossiers, "unit": "percent", "counted_unit": "commune"})
    with pytest.raises(ValueError):
        Indicator.model_validate({**dossiers, "measure": "sometimes"})
    assert Indicator.model_validate(dossiers).per_residents is True
    with pytest.raises(ValueError, match="per_residents"):
        Indicator.model_validate({**dossiers, "unit": "percent"})


def test_scale_free_flow_and_commune_counts_are_the_catalogues_in_the_database(con, catalogue):
    rows = con.execute("SELECT indicator_id, scale_free, measure, counted_unit FROM cds.indicators").fetchall()
    assert len(rows) == len(catalogue.indicators)
    for indicator_id, scale_free, measure, counted_unit in rows:
        meaning = catalogue.indicators[indicator_id]
        assert (scale_free, measure, counted_unit) == (meaning.scale_free, meaning.measure, meaning.counted_unit)
    # a derived ratio of sizes is scale-free because the catalogue says so, a count of communes is a commune count
    assert catalogue.is_scale_free("members_per_team") and not catalogue.is_scale_free("community_teams_total")
    assert catalogue.counts_communes("communes_with_teams") and not catalogue.counts_communes("community_teams_total")
    assert not catalogue.indicators["communes_with_teams"].divides_by_communes


def test_the_scorecard_and_the_standing_analysis_judge_size_by_the_catalogue(con):
    observations = queries.run(con, "observations_for_districts", districts=ALL, theme=None, indicators=None)
    for row in observations.to_dict("records"):
        assert _size_free(row) == bool(row["scale_free"]), row["indicator_id"]
    # a row the catalogue declares not scale-free is never ranked against the best unit, whatever its unit
    cells = queries.run(con, "scorecard_cells", districts=ALL)
    percent = cells[cells["unit"] == "percent"].assign(scale_free=False)
    assert set(with_status(percent)["reference"].dropna()) <= {"target"}


def test_the_reader_takes_flow_or_stock_from_the_catalogue_alone(catalogue):
    """Flow or stock is declared once, in the catalogue: the reader's wordings no longer say it, and the reader's
    catalogue agrees with the domain's on every indicator."""
    wordings = yaml.safe_load((REPO / "reader" / "wordings.yaml").read_text(encoding="utf-8"))
    assert not any(isinstance(more, dict) and "period" in more for more in (wordings.get("indicators") or {}).values())
    reader_catalogue = load_catalogue()
    assert {i.id for i in reader_catalogue.indicators.values() if i.flow} == {
        i.id for i in catalogue.indicators.values() if i.is_flow}


NEW_INDICATOR = {
    "id": "ai_assistant_users", "name_vi": "Số người dùng trợ lý ảo", "name_en": "Virtual assistant users",
    "unit": "count", "counts_vi": "người", "counts_en": "people",
    "definition_vi": "Số người dân dùng trợ lý ảo của cổng dịch vụ công.",
    "definition_en": "Residents who used the public-service portal's virtual assistant.",
    "higher_is_better": True, "theme": "digital_citizens", "framework": None, "compare_group": "ai_use",
    "measure": "flow", "aliases": ["trợ lý ảo", "virtual assistant"],
}
NEW_GROUP = {"id": "ai_use", "name_vi": "Trí tuệ nhân tạo phục vụ người dân",
             "name_en": "AI serving residents",
             "headline": 15}
NEW_FIGURE = {"indicator": "ai_assistant_users", "value": 321, "unit": "count", "period": "2022", "level": "district",
              "source": "lam-binh-2022", "quote": "có 321 người dùng trợ lý ảo"}


def listed(record: dict) -> str:
    """One item of a top-level list, indented as indicators.yaml writes them."""
    text = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=10_000)
    return "\n".join("  " + line for line in text.rstrip().split("\n"))


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A copy of data/ with one indicator added by editing indicators.yaml alone (and one figure of it)."""
    data = tmp_path_factory.mktemp("added") / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    path = data / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("compare_groups:", "compare_groups:\n" + listed(NEW_GROUP), 1)
    text = text.rstrip() + "\n" + listed(NEW_INDICATOR) + "\n"
    path.write_text(text, encoding="utf-8")
    unit = data / "units" / "lam-binh.yaml"
    document = yaml.safe_load(unit.read_text(encoding="utf-8"))
    document["observations"].append(NEW_FIGURE)
    unit.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    db = data.parent / "cds.duckdb"
    build_database(data, db)
    connection = queries.open_database(db)
    yield data, connection
    connection.close()


def test_an_added_indicator_reaches_the_catalogue_database_scorecard_compare_and_reader(added):
    data, con = added
    catalogue = parse_catalogue((data / "indicators.yaml").read_text(encoding="utf-8"))
    assert catalogue.headline_rows()[-1] == ("ai_use", 15)
    headline = "SELECT headline_order FROM cds.indicators WHERE indicator_id = 'ai_assistant_users'"
    assert con.execute(headline).fetchone() == (15,)
    # compare: the figure is grouped under its group, which carries the catalogue's names
    rows = queries.run(con, "observations_for_districts", districts=["lam-binh"], theme=None, indicators=None)
    grouped = group_records(rows)
    assert [r["value"] for r in grouped["ai_use"]] == [321]
    assert grouped["ai_use"][0]["compare_group_name_en"] == "AI serving residents"
    # scorecard: its row is titled from the catalogue (the translation table has never heard of it)
    figure = rows[rows["indicator_id"] == "ai_assistant_users"].assign(row_key="ai_use", row_order=15)
    cells = pd.concat([queries.run(con, "scorecard_cells", districts=["lam-binh"]), figure], ignore_index=True)
    assert "Trí tuệ nhân tạo phục vụ người dân" in list(scorecard_chart(cells, "vi").figure.data[0].y)
    # the report reader finds it by its aliases
    reader = load_catalogue(data / "indicators.yaml")
    assert reader.indicators["ai_assistant_users"].unit == "count"
    assert any(w.text == "trợ lý ảo" for w in reader.indicators["ai_assistant_users"].wordings)


def test_a_catalogue_whose_group_does_not_resolve_stops_the_build(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    path = data / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("compare_group: eid", "compare_group: eids", 1),
                    encoding="utf-8")
    load_dataset(data)  # each indicator is valid on its own …
    with pytest.raises(ValidationFailed, match="eids is not declared"):
        build_database(data, tmp_path / "cds.duckdb")  # … the catalogue is not
    assert not (tmp_path / "cds.duckdb").exists()
