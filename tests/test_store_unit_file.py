"""The one reader/writer of a unit's file: accepting a reader figure for a unit whose figures live in <slug>.csv
adds that figure and nothing else — the review says "1 added, 0 removed" and the save keeps the CSV."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
import yaml

from loaders import load_dataset
from loaders.read import OBSERVATION_COLUMNS
from loaders.upload import read_upload
from reader.district_file import district_document, district_yaml_bytes
from store.review import review
from store.save import save
from tests.conftest import DATA_DIR

NEW_FIGURE = {"indicator": "video_conference_points", "value": 12, "unit": "count", "period": "2022",
              "level": "district", "source": "lam-binh-2022",
              "quote": "Toàn huyện có 12 điểm cầu truyền hình trực tuyến"}


def figures(data, slug: str) -> dict:
    return {row.observation.key: row.observation for row in load_dataset(data).observations
            if row.district == slug and row.observation.indicator != "communes"}


@pytest.fixture
def csv_unit(tmp_path):
    """A copy of data/ in which Lâm Bình's figures live in lam-binh.csv beside a YAML header."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    path = data / "units" / "lam-binh.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    observations = document.pop("observations")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(OBSERVATION_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for record in observations:
        writer.writerow({k: ("" if record.get(k) is None else record.get(k)) for k in OBSERVATION_COLUMNS})
    (data / "units" / "lam-binh.csv").write_text(out.getvalue(), encoding="utf-8")
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert len(figures(data, "lam-binh")) == len(observations) >= 10  # the figures really are in the CSV now
    return data


def test_one_accepted_figure_for_a_unit_with_a_csv_reviews_as_one_added_and_keeps_the_csv(csv_unit, tmp_path):
    data = csv_unit
    before = figures(data, "lam-binh")
    document = district_document(data, "lam-binh", None, None, [NEW_FIGURE], {"lam-binh-2022"})
    reviewed = review(data, read_upload(district_yaml_bytes(document), "lam-binh.yaml", data))
    assert reviewed.ok, [str(p) for p in reviewed.problems]
    assert (reviewed.count("added"), reviewed.count("removed"), reviewed.count("changed")) == (1, 0, 0)
    csv_before = (data / "units" / "lam-binh.csv").read_bytes()
    save(data, tmp_path / "cds.duckdb", reviewed, "Tester")
    assert (data / "units" / "lam-binh.csv").read_bytes() == csv_before
    after = figures(data, "lam-binh")
    added = {key: o for key, o in after.items() if key not in before}
    assert {key: after[key] for key in before} == before  # every CSV figure kept, unchanged
    assert [(o.indicator, o.value) for o in added.values()] == [("video_conference_points", 12)]


def test_replacing_a_csv_figure_folds_the_csv_into_the_yaml_and_keeps_it_in_history(csv_unit, tmp_path):
    data = csv_unit
    before = figures(data, "lam-binh")
    changed = {**NEW_FIGURE, "indicator": "dossiers_received", "value": 25251,
               "quote": "Uỷ ban nhân dân huyện đã tiếp nhận và giải quyết 25.251 hồ sơ"}
    document = district_document(data, "lam-binh", None, None, [changed], {"lam-binh-2022"})
    reviewed = review(data, read_upload(district_yaml_bytes(document), "lam-binh.yaml", data))
    assert reviewed.ok, [str(p) for p in reviewed.problems]
    assert (reviewed.count("added"), reviewed.count("removed"), reviewed.count("changed")) == (0, 0, 1)
    csv_before = (data / "units" / "lam-binh.csv").read_bytes()
    result = save(data, tmp_path / "cds.duckdb", reviewed, "Tester")
    assert not (data / "units" / "lam-binh.csv").exists()
    assert [p.read_bytes() for p in result.history if p.suffix == ".csv"] == [csv_before]
    after = figures(data, "lam-binh")
    assert after.keys() == before.keys()
    assert after[("dossiers_received", "district", "", "2022")].value == 25251
