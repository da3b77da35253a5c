"""Accepted proposals become a district file that the loaders accept, for a new and for an existing district."""

from __future__ import annotations

import shutil

import pytest

from loaders import load_dataset
from store.review import review
from loaders.upload import read_upload
from reader import propose
from reader.district_file import passage
from store.unit_file import document_bytes as district_yaml_bytes, with_figures as district_document
from tests.conftest import DATA_DIR

TEXT = ("Báo cáo ngày 20/12/2023. Năm 2023, Ủy ban nhân dân huyện đã tiếp nhận 12.500 hồ sơ thủ tục hành chính, "
        "trong đó 4.321 hồ sơ trực tuyến.")
SOURCE = {"id": "huyen-thu-2023", "title": "Báo cáo năm 2023", "issuer": "UBND huyện Thử", "date": "2023-12-20",
          "kind": "official_report"}


@pytest.fixture
def data_dir(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def accepted_records():
    return [{**c.as_observation(SOURCE["id"]), "quote": c.quote} for c in propose(TEXT)]


def test_accepted_proposals_make_a_new_district_file_the_loaders_accept(data_dir):
    header = {"district": "Huyện Thử", "province": "Tỉnh Thử", "province_2025": "Tỉnh Thử"}
    document = district_document(data_dir, "huyen-thu", header, SOURCE, accepted_records(), set())
    content = district_yaml_bytes(document)
    reviewed = review(data_dir, read_upload(content, "huyen-thu.yaml", data_dir))
    assert reviewed.ok, [str(p) for p in reviewed.problems]
    assert sorted(c.label for c in reviewed.changes) == ["dossiers_online/district/2023", "dossiers_received/district/2023"]
    (data_dir / "units" / "huyen-thu.yaml").write_bytes(content)
    assert any(d.slug == "huyen-thu" for d in load_dataset(data_dir).districts)


def test_accepted_proposals_are_added_to_an_existing_district_keeping_its_figures(data_dir):
    records = accepted_records()
    for record in records:
        record["source"] = "lam-binh-2022"
    document = district_document(data_dir, "lam-binh", None, None, records, {"lam-binh-2022"})
    reviewed = review(data_dir, read_upload(district_yaml_bytes(document), "lam-binh.yaml", data_dir))
    assert reviewed.ok, [str(p) for p in reviewed.problems]
    assert reviewed.count("removed") == 0 and reviewed.count("added") == 2


def test_passage_marks_the_quote_inside_its_surrounding_words():
    start = TEXT.index("4.321")
    before, quote, after = passage(TEXT, start, start + 5, around=30)
    assert quote == "4.321" and before.startswith("…") and after.startswith("hồ sơ")


@pytest.mark.parametrize("slug", ["../../secret", "/etc/hosts", "lam-binh/../../x", "Lam-Binh", "", "a" * 300,
                                  "lam_binh", "lam-binh.yaml"])
def test_a_district_id_that_is_not_a_slug_never_names_a_file(data_dir, slug):
    (data_dir.parent / "secret.yaml").write_text("district: TOPSECRET\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a district id"):
        district_document(data_dir, slug, {"district": "X"}, SOURCE, accepted_records(), set())
