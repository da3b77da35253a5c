"""The unit-based data format (issue 13): unit files in data/units/, their unit ids checked against the units table,
the district-only format still read, levels relative to the unit, and the five districts' figures unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import queries

from loaders import build_database
from loaders.problems import ValidationFailed
from loaders.validate import load_dataset
from tests.conftest import DATA_DIR, REPO

FROZEN = REPO / "tests" / "fixtures" / "seed_observations_before_units.json"
# The five seed districts whose figures were frozen before the move; the real units added later are not in it.
SEEDS = ("huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac")
# Figures the seeds state for the district's own bodies (UBND huyện, its offices), moved from 'district' (read as
# the whole unit) to 'unit_bodies' with their values, periods and quotes unchanged.
MOVED_TO_UNIT_BODIES = {
    ("huong-khe", "edocs_fully_electronic_rate", "asof 2023-09-07"),
    ("huong-khe", "dedicated_it_staff", "asof 2023-09-07"),
    ("huong-khe", "directive_documents", "2021..2023"),
    ("luc-yen", "organisational_digital_signatures", "asof unknown"),
    ("tam-duong", "edocs_signed_rate", "2023-H1"),
    ("tam-duong", "official_email_use_rate", "asof 2023-08"),
    ("tam-duong", "video_conference_points", "asof 2023-08"),
    ("thuan-bac", "computers", "asof unknown"),
}
FIELDS = ("district_id", "indicator_id", "commune", "value", "qualifier", "period_label", "quote", "is_derived",
          "formula_values")


# Figures added to the seeds after the move from other documents than their reports (Lâm Bình's population, from
# the Government portal): not of the frozen build, and compared nowhere here.
ADDED_LATER = ("population",)


def _rows(con) -> list[dict]:
    cursor = queries.cursor(con).execute(
        f"SELECT level, {', '.join(FIELDS)} FROM observations WHERE list_contains(?, district_id) "
        "AND NOT list_contains(?, indicator_id)", [list(SEEDS), list(ADDED_LATER)])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# Issue 14 §1 corrected what the data says about some seed figures after the move (values and quotes untouched): the
# frozen build is brought to those corrections before the comparison, so any other change still fails here.
RENAMED = {("thuan-bac", "digital_certificates"): "digital_certificates_requested",  # a request, not certificates
           ("thuan-bac", "edocs_signed_rate"): "edocs_fully_electronic_rate",  # fully electronic *and* signed
           ("huong-khe", "community_teams_village_level"): "community_teams_total"}  # merged teams (1212/UBND-VHTT)
UNDATED = {"lam-binh": "asof 2022", "thuan-bac": "asof 2023", "luc-yen": "asof 2023"}  # articles without a date
UNDATED_MONTH = {("luc-yen", "citizen_app_install_rate", "2023-05")}  # "trong tháng 5" of a year the article omits
NO_LONGER_DERIVED = {("huong-khe", "members_per_team"), ("huong-khe", "teams_per_commune")}  # from merged teams


def _corrected(row: dict) -> dict | None:
    row = dict(row)
    key = (row["district_id"], row["indicator_id"])
    if key in NO_LONGER_DERIVED:
        return None
    row["indicator_id"] = RENAMED.get(key, row["indicator_id"])
    if UNDATED.get(row["district_id"]) == row["period_label"] or (*key, row["period_label"]) in UNDATED_MONTH:
        row["period_label"] = "asof unknown"
    return row


def test_the_five_districts_figures_are_those_built_before_the_move_to_unit_files(con):
    frozen = [r for r in map(_corrected, json.loads(FROZEN.read_text(encoding="utf-8"))["observations"]) if r]
    now = _rows(con)
    assert {r["district_id"] for r in frozen} == set(SEEDS) == {r["district_id"] for r in now}
    assert sorted(tuple(r[f] for f in FIELDS) for r in now) == sorted(tuple(r[f] for f in FIELDS) for r in frozen)
    levels_before = {(r["district_id"], r["indicator_id"], r["commune"], r["period_label"], r["value"]): r["level"]
                     for r in frozen}
    moved = set()
    for row in now:
        before = levels_before[(row["district_id"], row["indicator_id"], row["commune"], row["period_label"], row["value"])]
        if row["level"] != before:
            assert (before, row["level"]) == ("district", "unit_bodies")
            moved.add((row["district_id"], row["indicator_id"], row["period_label"]))
    assert moved == MOVED_TO_UNIT_BODIES


def test_tam_duongs_one_point_at_the_district_office_is_the_unit_bodies_beside_its_communes_thirteen(con):
    rows = queries.cursor(con).execute("SELECT level, value FROM observations WHERE district_id = 'tam-duong' "
                       "AND indicator_id = 'video_conference_points' ORDER BY value").fetchall()
    assert rows == [("unit_bodies", 1.0), ("commune_aggregate", 13.0)]


def test_every_seed_file_names_its_unit_and_the_build_carries_it(con):
    assert not (DATA_DIR / "districts").exists()
    rows = queries.cursor(con).execute("SELECT d.district_id, d.unit_id, u.kind, u.subtype, u.name_vi = d.district_name "
                       "FROM districts d JOIN units u USING (unit_id) WHERE list_contains(?, d.district_id) "
                       "ORDER BY 1", [list(SEEDS)]).fetchall()
    assert rows == [
        ("huong-khe", "pre-2025/ha-tinh/huyen-huong-khe", "district", "huyen", True),
        ("lam-binh", "pre-2025/tuyen-quang/huyen-lam-binh", "district", "huyen", True),
        ("luc-yen", "pre-2025/yen-bai/huyen-luc-yen", "district", "huyen", True),
        ("tam-duong", "pre-2025/vinh-phuc/huyen-tam-duong", "district", "huyen", True),
        ("thuan-bac", "pre-2025/ninh-thuan/huyen-thuan-bac", "district", "huyen", True),
    ]
    view = queries.cursor(con).execute("SELECT DISTINCT district_id, district_name, unit_id, unit_kind, unit_name, unit_subtype "
                       "FROM observations WHERE district_id = 'lam-binh'").fetchall()
    assert view == [("lam-binh", "Lâm Bình", "pre-2025/tuyen-quang/huyen-lam-binh", "district", "Lâm Bình", "huyen")]


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    return data


def _problems(data: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as failure:
        load_dataset(data)
    return [f"{p.field}: {p.code}" for p in failure.value.problems]


def test_a_unit_id_the_units_table_does_not_hold_is_refused(tmp_path):
    data = _copy(tmp_path)
    path = data / "units" / "lam-binh.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("huyen-lam-binh", "huyen-lam-bin"), encoding="utf-8")
    assert _problems(data) == ["unit_id: unknown_unit"]


def test_a_unit_id_of_another_name_or_kind_is_refused(tmp_path):
    data = _copy(tmp_path)
    path = data / "units" / "lam-binh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("unit_id: pre-2025/tuyen-quang/huyen-lam-binh",
                                 "unit_id: pre-2025/tuyen-quang/huyen-na-hang"), encoding="utf-8")
    assert _problems(data) == ["name: unit_name_mismatch"]
    path.write_text(text.replace("kind: district", "kind: commune"), encoding="utf-8")
    assert _problems(data) == ["kind: unit_kind_mismatch"]


def test_a_district_file_of_the_older_layout_is_read_as_a_district_unit(tmp_path):
    data = _copy(tmp_path)
    (data / "districts").mkdir()
    text = (data / "units" / "lam-binh.yaml").read_text(encoding="utf-8")
    old = text.replace("name: Lâm Bình\nkind: district\nunit_id: pre-2025/tuyen-quang/huyen-lam-binh\n",
                       "district: Lâm Bình\n")
    assert old != text
    before = [r.observation for r in load_dataset(data).observations if r.district == "lam-binh"]
    (data / "units" / "lam-binh.yaml").unlink()
    (data / "districts" / "lam-binh.yaml").write_text(old, encoding="utf-8")
    dataset = load_dataset(data)
    district = next(d for d in dataset.districts if d.slug == "lam-binh")
    assert (district.name, district.kind, district.unit_id) == ("Lâm Bình", "district", "pre-2025/tuyen-quang/huyen-lam-binh")
    assert [r.observation for r in dataset.observations if r.district == "lam-binh"] == before
    assert len(before) == 16  # its report's 15, and its population (ADDED_LATER)


def test_the_same_unit_in_both_folders_is_refused_not_merged(tmp_path):
    data = _copy(tmp_path)
    (data / "districts").mkdir()
    shutil.copy(data / "units" / "lam-binh.yaml", data / "districts" / "lam-binh.yaml")
    assert "file: unit_file_twice" in _problems(data)


def test_a_commune_file_needs_its_unit_id(tmp_path):
    data = _copy(tmp_path)
    (data / "units" / "xa-lam-binh.yaml").write_text(
        "name: Lâm Bình\nkind: commune\nslug: xa-lam-binh\nprovince: Tuyên Quang\nprovince_2025: Tuyên Quang\n",
        encoding="utf-8")
    assert _problems(data) == ["unit_id: unit_id_missing"]


STATED = """  - indicator: online_submission_rate
    value: {value}
    unit: percent
    period: "2022"
    level: district
    stated: true
    source: lam-binh-2022
    quote: "tỷ lệ hồ sơ trực tuyến đạt {printed}%"
"""


def _stated_build(tmp_path, value: str, printed: str):
    data = _copy(tmp_path)
    path = data / "units" / "lam-binh.yaml"
    text = path.read_text(encoding="utf-8").replace("  - indicator: portal_posts\n",
                                                    STATED.format(value=value, printed=printed) + "  - indicator: portal_posts\n", 1)
    path.write_text(text, encoding="utf-8")
    # the quote is made up for this copy (Lâm Bình's report states no rate): the copy is built, never kept
    build_database(data, tmp_path / "cds.duckdb")
    con = queries.open_database(tmp_path / "cds.duckdb")
    rows = queries.cursor(con).execute(
        "SELECT observation_id, value, is_derived, stated, superseded_by, disagrees, stated_value FROM observations "
        "WHERE district_id = 'lam-binh' AND indicator_id = 'online_submission_rate' ORDER BY is_derived").fetchall()
    con.close()
    return rows


def test_a_stated_rate_is_kept_as_typed_and_the_derived_one_is_charted_and_flagged_when_they_disagree(tmp_path):
    stated, derived = _stated_build(tmp_path, "9.5", "9,5")
    assert stated == ("lam-binh/online_submission_rate/district/2022/stated", 9.5, False, True,
                      "lam-binh/online_submission_rate/district/2022", True, None)
    assert derived[0] == "lam-binh/online_submission_rate/district/2022" and derived[2:] == (True, False, None, True, 9.5)
    assert derived[1] == pytest.approx(1973 / 25250 * 100)


def test_a_stated_rate_that_agrees_within_rounding_is_not_flagged(tmp_path):
    stated, derived = _stated_build(tmp_path, "7.81", "7,81")
    assert (stated[3], stated[5], derived[5]) == (True, False, False)
