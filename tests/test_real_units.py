"""The real units (bench/real_units.py): the committed data/units files are exactly what the curated pages in
bench/reader_eval/real/ generate; a page that reports several units side by side gives each its own file and source;
a unit keeps its file's slug when a newer unit of the same name arrives."""

from __future__ import annotations

import shutil

import yaml

from bench import real_units
from domain.units import unchanged_provinces
from loaders.units import read_units
from tests.conftest import DATA_DIR, REPO


def _catalogue() -> tuple[set[str], set[str]]:
    catalogue = yaml.safe_load((DATA_DIR / "indicators.yaml").read_text(encoding="utf-8"))
    return ({i["id"] for i in catalogue["indicators"]},
            {i["id"] for i in catalogue["indicators"] if i.get("derived")})


def test_the_committed_unit_files_are_what_the_curated_pages_generate(tmp_path):
    shutil.copytree(DATA_DIR / "units", tmp_path / "units")
    assert real_units.main(["--write", "--data", str(tmp_path)]) == 0
    generated = sorted(p.name for p in (tmp_path / "units").glob("*.yaml"))
    assert generated == sorted(p.name for p in (DATA_DIR / "units").glob("*.yaml"))
    for name in generated:
        assert (tmp_path / "units" / name).read_text(encoding="utf-8") == \
            (DATA_DIR / "units" / name).read_text(encoding="utf-8"), f"{name} is stale: run python -m bench.real_units --write"


def test_a_page_of_several_wards_gives_each_ward_its_figures_and_its_own_source():
    page = yaml.safe_load((REPO / "bench/reader_eval/real/aae5a6dab852.yaml").read_text(encoding="utf-8"))
    named = {f["about"]["name"] for f in page["figures"] if f.get("about")}
    assert named == {"Kiến An", "Đông Hải", "An Lão"}
    kien_an = yaml.safe_load((DATA_DIR / "units" / "kien-an.yaml").read_text(encoding="utf-8"))
    assert kien_an["unit_id"] == "hai-phong/phuong-kien-an"
    # its own source for the page; its population comes from another page (bench/population_pages.yaml)
    assert [s["id"] for s in kien_an["sources"]] == ["pub-aae5a6dab852-kien-an"]
    assert kien_an["sources"][0]["url"] == page["url"]
    assert {(o["indicator"], o["value"]) for o in kien_an["observations"]} == {
        ("dossiers_received", 3511), ("dossiers_online", 513), ("dossiers_resolved", 3340)}
    phu_lien = yaml.safe_load((DATA_DIR / "units" / "phu-lien.yaml").read_text(encoding="utf-8"))
    # its own pages (round 10 added the ward's own third-quarter page), and the page its population figure comes from
    # (bench/population_pages.yaml)
    assert [s["id"] for s in phu_lien["sources"]] == ["pub-5cee59e890ef", "pub-aae5a6dab852",
                                                      "pop-tinhthanh-phu-lien-phuong-phu-lien"]
    assert 3511 not in {o["value"] for o in phu_lien["observations"]}


def test_a_population_figure_goes_into_its_units_file_with_its_page_and_the_number_as_printed():
    pages = yaml.safe_load((REPO / "bench/population_pages.yaml").read_text(encoding="utf-8"))["pages"]
    curated = {f["unit_id"]: (f, page) for page in pages for f in page["figures"]}
    files = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (DATA_DIR / "units").glob("*.yaml")]
    with_population = {d["unit_id"]: d for d in files
                       if any(o["indicator"] == "population" for o in d["observations"])}
    # every curated unit has a file, so none is lost; an unchanged province's figure curated under its pre-reform
    # id is in the file of the one province it is across the reform
    unchanged = unchanged_provinces(read_units().lineage)
    assert {unchanged.get(unit_id, unit_id) for unit_id in curated} <= set(with_population)
    assert "pre-2025/thanh-hoa" in curated and "thanh-hoa" in with_population
    hai_phong = with_population["hai-phong"]
    figure = next(o for o in hai_phong["observations"] if o["indicator"] == "population")
    assert (figure["value"], figure["printed"], figure["period"], figure["level"]) == \
        (4664124, "4,664,124", "asof 2025-06-12", "district")
    source = next(s for s in hai_phong["sources"] if s["id"] == figure["source"])
    assert source["kind"] == "public_page" and source["url"] == curated["hai-phong"][1]["url"]
    assert "quote" not in figure  # a public page's sentence is never kept


def test_a_unit_keeps_its_slug_when_a_newer_unit_of_the_same_name_arrives():
    ids, derived = _catalogue()
    district = "pre-2025/son-la/huyen-thuan-chau"
    documents, _ = real_units.unit_files(ids, derived, existing=set(), kept={district: "thuan-chau"})
    assert documents["thuan-chau"][0]["unit_id"] == district
    assert documents["thuan-chau-son-la"][0]["unit_id"] == "son-la/xa-thuan-chau"


def test_a_page_the_curator_keeps_out_of_the_product_data_writes_no_figure(tmp_path):
    # Thanh Hóa's three real pages, the one after the reform marked as a curator would keep a page out
    for doc_id in ("1f06509846b3", "2c471d5a8241", "a2dc449af9cd"):
        shutil.copy(REPO / f"bench/reader_eval/real/{doc_id}.yaml", tmp_path)
    page = yaml.safe_load((tmp_path / "a2dc449af9cd.yaml").read_text(encoding="utf-8"))
    page.update(product_data=False, product_data_note="kept out for this test")
    (tmp_path / "a2dc449af9cd.yaml").write_text(yaml.safe_dump(page, allow_unicode=True), encoding="utf-8")
    ids, derived = _catalogue()
    documents, notes = real_units.unit_files(ids, derived, existing=set(), pages=tmp_path)
    sources = {s["id"] for document, _ in documents.values() for s in document["sources"]}
    assert {"pub-1f06509846b3", "pub-2c471d5a8241"} <= sources and "pub-a2dc449af9cd" not in sources
    assert any("a2dc449af9cd is kept out of the product data (kept out for this test)" in note for note in notes)
