"""bench.real_units puts each curated page in the unit it is about across the reform of 1 July 2025: a province the
reform left as it was is one unit before and after it; a merged province's pages before the reform are the old
province's and those after it the new one's; writing twice changes nothing and never defines a source twice. All on
the real pages of bench/reader_eval/real/ and the real data/ folder."""

from __future__ import annotations

import shutil

import pytest
import yaml

from bench import real_units
from domain.units import unchanged_provinces
from loaders.problems import ValidationFailed
from loaders.units import read_unit_tables, read_units
from loaders.validate import load_dataset
from tests.conftest import DATA_DIR, REPO

PAGES = REPO / "bench" / "reader_eval" / "real"


def _page(doc_id: str) -> dict:
    return yaml.safe_load((PAGES / f"{doc_id}.yaml").read_text(encoding="utf-8"))


def _committed(slug: str) -> dict:
    return yaml.safe_load((DATA_DIR / "units" / f"{slug}.yaml").read_text(encoding="utf-8"))


def _sources(document: dict) -> set[str]:
    return {source["id"] for source in document["sources"]}


@pytest.fixture(scope="module")
def by_unit() -> dict[str, dict]:
    """Unit id -> the unit file the real pages give, written afresh (no slug kept from an earlier file)."""
    catalogue = yaml.safe_load((DATA_DIR / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    documents, _ = real_units.unit_files({i["id"] for i in catalogue}, {i["id"] for i in catalogue if i.get("derived")},
                                         existing=set())
    return {document["unit_id"]: document for document, _ in documents.values()}


def test_an_unchanged_province_is_one_unit_before_and_after_the_reform(by_unit):
    before, after = [_page("1f06509846b3"), _page("2c471d5a8241")], _page("a2dc449af9cd")
    assert [page["unit"]["era"] for page in before] == ["before_reform"] * 2
    assert after["unit"]["era"] == "after_reform" and "product_data" not in after
    thanh_hoa = [d for d in by_unit.values() if d["name"] == "Thanh Hóa" and d["kind"] == "province"]
    assert [d["unit_id"] for d in thanh_hoa] == ["thanh-hoa"]  # today's id: its history continues under it
    assert {"pub-1f06509846b3", "pub-2c471d5a8241", "pub-a2dc449af9cd"} <= _sources(thanh_hoa[0])
    by_page = {(o["source"], o["indicator"]): o["period"] for o in thanh_hoa[0]["observations"]}
    assert by_page[("pub-1f06509846b3", "vneid_activated")] == "asof 2025-03"  # each figure keeps its own period
    assert by_page[("pub-a2dc449af9cd", "dossiers_received")] == "2025-07"
    # Hà Nội's page of 2023 is the same Hà Nội's as its pages of 2025
    assert _page("06c4ec87fd0a")["unit"]["era"] == "before_reform" and "pub-06c4ec87fd0a" in _sources(by_unit["ha-noi"])
    committed = _committed("tinh-thanh-hoa")
    assert committed["unit_id"] == "thanh-hoa" and _sources(committed) == _sources(thanh_hoa[0])


def test_no_province_left_as_it_was_has_a_file_under_its_pre_reform_id(by_unit):
    unchanged = unchanged_provinces(read_units().lineage)
    assert not set(unchanged) & set(by_unit)
    files = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (DATA_DIR / "units").glob("*.yaml")]
    assert not set(unchanged) & {d.get("unit_id") for d in files}
    # a population figure curated under the old id (the end of 2024) goes into the one province's file
    population = [o for o in by_unit["thanh-hoa"]["observations"] if o["indicator"] == "population"]
    assert [(o["value"], o["period"]) for o in population] == [(3764241, "asof 2024")]


def test_a_merged_province_keeps_its_pages_before_and_after_the_reform_apart(by_unit):
    before, after = _page("e72ce9adbe3d"), _page("bc24434e523b")
    assert before["unit"]["era"] == "before_reform" and str(after["date"]) >= "2025-07-01"
    assert _sources(by_unit["pre-2025/phu-tho"]) == {"pub-e72ce9adbe3d"}
    assert _sources(by_unit["phu-tho"]) == {"pub-bc24434e523b"}
    # the page's commune count is today's Phú Thọ's (merged from three provinces), not the old province's
    units = read_unit_tables().units
    communes = units[units["kind"] == "commune"].groupby("province_id").size()
    counted = next(o for o in by_unit["phu-tho"]["observations"] if o["indicator"] == "communes")
    assert counted["value"] == communes["phu-tho"] != communes["pre-2025/phu-tho"]
    # the old province keeps its file (and links); the new one's file says its era
    assert _committed("tinh-phu-tho")["unit_id"] == "pre-2025/phu-tho"
    assert _committed("tinh-phu-tho-2025")["unit_id"] == "phu-tho"


def _unit_files(data) -> dict[str, tuple[str, int]]:
    return {p.name: (p.read_text(encoding="utf-8"), p.stat().st_mtime_ns) for p in (data / "units").glob("*.yaml")}


def test_writing_twice_changes_nothing_and_defines_each_source_once(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    assert real_units.main(["--write", "--data", str(data)]) == 0
    first = _unit_files(data)
    assert real_units.main(["--write", "--data", str(data)]) == 0
    assert _unit_files(data) == first  # same files, same text, not even touched
    defined = [source["id"] for text, _ in first.values() for source in yaml.safe_load(text).get("sources") or []]
    assert len(defined) == len(set(defined))
    load_dataset(data)  # the loaders accept it


def test_a_unit_file_of_the_old_grouping_is_taken_over_and_its_double_removed(tmp_path):
    """The state the loaders refused: Thanh Hóa's file under its pre-reform id, and a second file for the province
    after the reform holding the same sources again."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    units = data / "units"
    text = (units / "tinh-thanh-hoa.yaml").read_text(encoding="utf-8")
    (units / "tinh-thanh-hoa.yaml").write_text(text.replace("unit_id: thanh-hoa\n", "unit_id: pre-2025/thanh-hoa\n"),
                                               encoding="utf-8")
    (units / "tinh-thanh-hoa-thanh-hoa.yaml").write_text(
        text.replace("slug: tinh-thanh-hoa\n", "slug: tinh-thanh-hoa-thanh-hoa\n"), encoding="utf-8")
    with pytest.raises(ValidationFailed, match="defined twice"):
        load_dataset(data)
    assert real_units.main(["--write", "--data", str(data)]) == 0
    assert not (units / "tinh-thanh-hoa-thanh-hoa.yaml").exists()
    assert (units / "tinh-thanh-hoa.yaml").read_text(encoding="utf-8") == text  # the plain slug kept, today's id
    load_dataset(data)


def test_the_loaders_refuse_a_second_file_for_a_province_the_reform_left_as_it_was(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    text = (data / "units" / "tinh-thanh-hoa.yaml").read_text(encoding="utf-8")
    # the province before the reform in a file of its own, its sources under other ids: one unit, two files
    (data / "units" / "tinh-thanh-hoa-pre-2025.yaml").write_text(
        text.replace("unit_id: thanh-hoa\n", "unit_id: pre-2025/thanh-hoa\n")
        .replace("slug: tinh-thanh-hoa\n", "slug: tinh-thanh-hoa-pre-2025\n")
        .replace("pub-", "old-pub-").replace("pop-", "old-pop-"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        load_dataset(data)
    assert [(p.field, p.code, p.params["expected"].rsplit("/", 1)[-1]) for p in refused.value.problems] == \
        [("unit_id", "unit_twice", "tinh-thanh-hoa.yaml")]
    # a merged province's two eras are two units: Phú Thọ before the reform and today's each have a file
    assert {_committed(slug)["unit_id"] for slug in ("tinh-phu-tho", "tinh-phu-tho-2025")} == {"pre-2025/phu-tho",
                                                                                             "phu-tho"}
