"""Administrative units and their 2025 lineage: the pinned package's real data, loaded into a real DuckDB."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import duckdb
import pytest
import yaml

from domain.units import (
    LAST_DAY_BEFORE_REFORM,
    REFORM_DAY,
    Level,
    Lineage,
    Share,
    Unit,
    UnitKind,
    UnitSubtype,
    level_from_data_format,
    lineage_of_districts,
    resolve_district_slug,
    slugify,
    unchanged_provinces,
)
from loaders.units import _SUBTYPE_OF_TYPE_WORD, add_unit_tables, read_units, unit_tables
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def unit_data():
    return read_units()


@pytest.fixture(scope="module")
def db(unit_data):
    connection = duckdb.connect()
    add_unit_tables(connection, unit_tables(unit_data))
    yield connection
    connection.close()


def _scalar(db, sql: str, *params):
    return db.execute(sql, list(params)).fetchone()[0]


def _successor_names(db, old_unit_id: str) -> tuple[set[str], set[str]]:
    """Names of the new units that cover an old unit, and the ids of the provinces they lie in."""
    rows = db.execute(
        "SELECT u.name_vi, u.province_id FROM unit_lineage l JOIN units u ON u.unit_id = l.new_unit_id "
        "WHERE l.old_unit_id = ?", [old_unit_id]).fetchall()
    return {name for name, _ in rows}, {province for _, province in rows}


# --- counts ---------------------------------------------------------------------------------------------------------

def test_today_there_are_34_provinces_and_3321_communes_wards_and_special_zones(db):
    counts = dict(db.execute(
        "SELECT kind, count(*) FROM units WHERE valid_from = ? AND valid_to IS NULL GROUP BY kind",
        [REFORM_DAY]).fetchall())
    assert counts == {"province": 34, "commune": 3321}
    subtypes = dict(db.execute(
        "SELECT subtype, count(*) FROM units WHERE kind = 'commune' AND valid_to IS NULL GROUP BY subtype").fetchall())
    assert subtypes == {"xa": 2621, "phuong": 687, "dac_khu": 13}


def test_before_the_reform_there_were_63_provinces_696_districts_and_10035_communes(db):
    counts = dict(db.execute(
        "SELECT kind, count(*) FROM units WHERE valid_to = ? GROUP BY kind", [LAST_DAY_BEFORE_REFORM]).fetchall())
    assert counts == {"province": 63, "district": 696, "commune": 10035}
    subtypes = dict(db.execute(
        "SELECT subtype, count(*) FROM units WHERE kind = 'commune' AND valid_to IS NOT NULL GROUP BY subtype"
    ).fetchall())
    assert subtypes == {"xa": 7692, "phuong": 1726, "thi_tran": 617}
    assert _scalar(db, "SELECT count(*) FROM units WHERE kind = 'district' AND valid_to IS NULL") == 0


# --- ids, names, parents --------------------------------------------------------------------------------------------

def test_unit_ids_are_unique_readable_paths(unit_data):
    ids = [unit.id for unit in unit_data.units]
    assert len(ids) == len(set(ids)) == 3355 + 10794
    path = re.compile(r"^(pre-2025/)?[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$")
    assert [unit_id for unit_id in ids if not path.match(unit_id)] == []


def test_ids_of_known_units_stay_as_documented(db):
    expected = {
        "tuyen-quang": "Tuyên Quang",
        "tuyen-quang/xa-lam-binh": "Lâm Bình",
        "pre-2025/tuyen-quang": "Tuyên Quang",
        "pre-2025/tuyen-quang/huyen-lam-binh": "Lâm Bình",
        "pre-2025/tuyen-quang/huyen-lam-binh/thi-tran-lang-can": "Lăng Can",
        "pre-2025/ha-tinh/thi-xa-ky-anh": "Kỳ Anh",
        "pre-2025/ha-tinh/huyen-ky-anh": "Kỳ Anh",
        "ho-chi-minh/dac-khu-con-dao": "Côn Đảo",
        "pre-2025/ho-chi-minh/quan-3/phuong-1": "1",
        # The type comes from the full name where the package's type column disagrees with it.
        "pre-2025/thanh-hoa/huyen-ngoc-lac/thi-tran-ngoc-lac": "Ngọc Lặc",
        "hai-phong/phuong-viet-hoa": "Việt Hòa",
    }
    found = dict(db.execute(
        f"SELECT unit_id, name_vi FROM units WHERE unit_id IN ({', '.join('?' * len(expected))})",
        list(expected)).fetchall())
    assert found == expected


def test_names_that_differ_only_in_a_tone_are_told_apart_by_their_code(db):
    rows = db.execute(
        "SELECT unit_id, name_vi FROM units WHERE unit_id LIKE 'thai-nguyen/xa-van-lang%' ORDER BY unit_id").fetchall()
    assert rows == [("thai-nguyen/xa-van-lang-02143", "Văn Lang"), ("thai-nguyen/xa-van-lang-05665", "Văn Lăng")]
    # 30 such pairs in the pinned data; a new package version that changes this changes ids: look before upgrading.
    assert _scalar(db, "SELECT count(*) FROM units WHERE regexp_matches(unit_id, '-[0-9]{5}$')") == 60


def test_names_are_nfc_and_official_codes_have_their_length(unit_data):
    assert [u.id for u in unit_data.units if unicodedata.normalize("NFC", u.name_vi) != u.name_vi] == []
    code_length = {UnitKind.PROVINCE: 2, UnitKind.DISTRICT: 3, UnitKind.COMMUNE: 5}
    assert [u.id for u in unit_data.units if not (u.code and len(u.code) == code_length[u.kind])] == []


def test_every_commune_and_district_has_a_parent_of_the_tier_above_in_its_own_era(db):
    orphans = db.execute(
        "SELECT c.unit_id FROM units c LEFT JOIN units p ON p.unit_id = c.parent_id "
        "WHERE c.kind <> 'province' AND (p.unit_id IS NULL "
        "  OR p.kind <> CASE WHEN c.kind = 'commune' AND c.valid_to IS NOT NULL THEN 'district' ELSE 'province' END "
        "  OR p.valid_to IS DISTINCT FROM c.valid_to OR p.province_id <> c.province_id)"
    ).fetchall()
    assert orphans == []
    assert _scalar(db, "SELECT count(*) FROM units WHERE kind = 'province' AND parent_id IS NOT NULL") == 0


def test_a_centroid_the_package_copied_from_the_parent_is_left_empty(db):
    copied = _scalar(
        db, "SELECT count(*) FROM units c JOIN units p ON p.unit_id = c.parent_id "
            "WHERE c.lat = p.lat AND c.lon = p.lon")
    assert copied == 0
    assert _scalar(db, "SELECT count(*) FROM units WHERE kind = 'commune' AND valid_to IS NOT NULL AND lat IS NULL") \
        == 194
    # Areas exist for today's communes only; two in Quảng Trị have none in the package.
    assert sorted(r[0] for r in db.execute(
        "SELECT name_vi FROM units WHERE kind = 'commune' AND valid_to IS NULL AND area_km2 IS NULL").fetchall()) \
        == ["Thượng Trạch", "Đông Trạch"]


# --- lineage --------------------------------------------------------------------------------------------------------

def test_every_pre_reform_district_is_covered_by_at_least_one_current_commune(db):
    uncovered = db.execute(
        "SELECT d.unit_id FROM units d WHERE d.kind = 'district' AND NOT EXISTS ("
        "  SELECT 1 FROM unit_lineage l JOIN units n ON n.unit_id = l.new_unit_id "
        "  WHERE l.old_unit_id = d.unit_id AND n.kind = 'commune' AND n.valid_to IS NULL)").fetchall()
    assert uncovered == []


def test_every_old_unit_has_a_successor_and_every_new_unit_a_predecessor(db):
    assert _scalar(db, "SELECT count(*) FROM units u WHERE u.valid_to IS NOT NULL AND NOT EXISTS "
                       "(SELECT 1 FROM unit_lineage l WHERE l.old_unit_id = u.unit_id)") == 0
    assert _scalar(db, "SELECT count(*) FROM units u WHERE u.valid_to IS NULL AND NOT EXISTS "
                       "(SELECT 1 FROM unit_lineage l WHERE l.new_unit_id = u.unit_id)") == 0
    assert _scalar(db, "SELECT count(*) FROM unit_lineage l LEFT JOIN units n ON n.unit_id = l.new_unit_id "
                       "LEFT JOIN units o ON o.unit_id = l.old_unit_id "
                       "WHERE n.valid_to IS NOT NULL OR o.valid_to IS NULL OR n.unit_id IS NULL") == 0


def test_an_old_unit_goes_whole_into_exactly_one_new_unit_or_in_parts_into_several(db):
    shares = db.execute(
        "SELECT old_unit_id, list(DISTINCT old_unit_share), count(*) FROM unit_lineage GROUP BY old_unit_id "
        "HAVING NOT ((list(DISTINCT old_unit_share) = ['whole'] AND count(*) = 1) "
        "  OR (list(DISTINCT old_unit_share) = ['part'] AND count(*) >= 2))").fetchall()
    assert shares == []


def test_the_63_provinces_merged_whole_into_34(db):
    rows = db.execute(
        "SELECT count(DISTINCT new_unit_id), count(*), bool_and(old_unit_share = 'whole') FROM unit_lineage "
        "WHERE old_unit_id IN (SELECT unit_id FROM units WHERE kind = 'province')").fetchone()
    assert rows == (34, 63, True)
    olds = {r[0] for r in db.execute("SELECT old_unit_id FROM unit_lineage WHERE new_unit_id = 'phu-tho' "
                                     "AND old_unit_id NOT LIKE '%/%/%'").fetchall()}
    assert olds == {"pre-2025/phu-tho", "pre-2025/vinh-phuc", "pre-2025/hoa-binh"}


def test_eleven_provinces_were_left_as_they_were_and_each_continues_under_todays_id(db, unit_data):
    unchanged = unchanged_provinces(unit_data.lineage)
    assert len(unchanged) == 11  # 34 provinces today: 11 as they were, 23 formed by merging (63 - 11 = 52 into 23)
    merged = _scalar(db, "SELECT count(*) FROM (SELECT new_unit_id FROM unit_lineage WHERE old_unit_id IN "
                         "(SELECT unit_id FROM units WHERE kind = 'province') GROUP BY 1 HAVING count(*) > 1)")
    assert merged == 34 - 11
    names = dict(db.execute("SELECT unit_id, name_vi FROM units WHERE kind = 'province'").fetchall())
    for old, new in unchanged.items():
        assert old == f"pre-2025/{new}" and names[old] == names[new]  # the same province, its name kept
    assert unchanged["pre-2025/thanh-hoa"] == "thanh-hoa" and unchanged["pre-2025/ha-noi"] == "ha-noi"
    assert "pre-2025/phu-tho" not in unchanged and "pre-2025/vinh-phuc" not in unchanged  # merged into Phú Thọ


def test_the_old_lam_binh_district_is_now_four_communes_of_tuyen_quang(db):
    names, provinces = _successor_names(db, "pre-2025/tuyen-quang/huyen-lam-binh")
    assert names == {"Lâm Bình", "Thượng Lâm", "Bình An", "Minh Quang"}
    assert provinces == {"tuyen-quang"}


# What the package's converter says (read off its converter_2025.json) for the other seed districts and an island.
KNOWN_DISTRICT_LINEAGES = [
    ("pre-2025/vinh-phuc/huyen-tam-duong", "phu-tho", {"Hoàng An", "Hội Thịnh", "Tam Dương", "Tam Dương Bắc"}),
    ("pre-2025/ha-tinh/huyen-huong-khe", "ha-tinh",
     {"Hà Linh", "Hương Bình", "Hương Đô", "Hương Khê", "Hương Phố", "Hương Xuân", "Phúc Trạch"}),
    ("pre-2025/yen-bai/huyen-luc-yen", "lao-cai",
     {"Khánh Hòa", "Lâm Thượng", "Lục Yên", "Mường Lai", "Phúc Lợi", "Tân Lĩnh"}),
    ("pre-2025/ninh-thuan/huyen-thuan-bac", "khanh-hoa", {"Công Hải", "Ninh Hải", "Thuận Bắc"}),
    ("pre-2025/ba-ria-vung-tau/huyen-con-dao", "ho-chi-minh", {"Côn Đảo"}),
]


@pytest.mark.parametrize(("old_district", "province", "communes"), KNOWN_DISTRICT_LINEAGES,
                         ids=[row[0].rsplit("/", 1)[1] for row in KNOWN_DISTRICT_LINEAGES])
def test_known_district_lineages(db, old_district, province, communes):
    assert _successor_names(db, old_district) == (communes, {province})


def test_an_island_district_without_communes_became_a_special_zone_whole(db):
    rows = db.execute("SELECT l.old_unit_share, n.subtype FROM unit_lineage l JOIN units n "
                      "ON n.unit_id = l.new_unit_id WHERE l.old_unit_id = 'pre-2025/ba-ria-vung-tau/huyen-con-dao'"
                      ).fetchall()
    assert rows == [("whole", "dac_khu")]


def test_lineage_agrees_with_the_packages_own_converter_for_every_commune_of_the_seed_districts(db):
    """The package's address converter, an independent path through its data, names one successor of each old
    commune: it must be one of that commune's successors here (its default one when the commune was divided)."""
    from vietnamadminunits import convert_address

    type_word = {str(subtype): word.capitalize() for word, subtype in _SUBTYPE_OF_TYPE_WORD.items()}
    rows = db.execute(
        "SELECT c.unit_id, c.subtype, c.name_vi, d.subtype, d.name_vi, p.subtype, p.name_vi, "
        "  list(n.code ORDER BY n.code) "
        "FROM units c JOIN units d ON d.unit_id = c.parent_id JOIN units p ON p.unit_id = d.parent_id "
        "JOIN unit_lineage l ON l.old_unit_id = c.unit_id JOIN units n ON n.unit_id = l.new_unit_id "
        "WHERE d.unit_id IN (SELECT unnest(?)) GROUP BY ALL",
        [[row[0] for row in KNOWN_DISTRICT_LINEAGES[:4]] + ["pre-2025/tuyen-quang/huyen-lam-binh"]]).fetchall()
    assert len(rows) == 10 + 12 + 20 + 24 + 6
    disagreements = []
    for unit_id, subtype, name, district_subtype, district, province_subtype, province, successor_codes in rows:
        address = (f"{type_word[subtype]} {name}, {type_word[district_subtype]} {district}, "
                   f"{type_word[province_subtype]} {province}")
        if convert_address(address).ward_code not in successor_codes:
            disagreements.append(unit_id)
    assert disagreements == []


# --- today's district slugs -----------------------------------------------------------------------------------------

SEED_SLUGS = ("huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac")


def _seed_districts() -> list[dict]:
    """The five seed districts' files (the real units beside them are districts, communes and provinces)."""
    files = [DATA_DIR / "units" / f"{slug}.yaml" for slug in SEED_SLUGS]
    return [yaml.safe_load(unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))) for path in files]


def test_the_five_seed_districts_resolve_to_their_units_and_their_2025_province(db, unit_data):
    seeds = _seed_districts()
    assert [seed["slug"] for seed in seeds] == list(SEED_SLUGS)
    for seed in seeds:
        unit = resolve_district_slug(unit_data.units, seed["slug"], seed["province"])
        assert (unit.kind, unit.name_vi, unit.valid_to) == (UnitKind.DISTRICT, seed["name"], LAST_DAY_BEFORE_REFORM)
        assert (seed["kind"], seed["unit_id"]) == ("district", unit.id)  # the id the file names is the resolved one
        successor_provinces = {r[0] for r in db.execute(
            "SELECT DISTINCT n.name_vi FROM unit_lineage l JOIN units n ON n.unit_id = l.new_unit_id "
            "WHERE l.old_unit_id = ?", [unit.province_id]).fetchall()}
        assert successor_provinces == {seed["province_2025"]}


def test_a_district_slug_needs_its_province(unit_data):
    assert resolve_district_slug(unit_data.units, "tam-duong", "Vĩnh Phúc").name_vi == "Tam Dương"
    assert resolve_district_slug(unit_data.units, "tam-duong", "Lai Châu").name_vi == "Tam Đường"
    with pytest.raises(LookupError):
        resolve_district_slug(unit_data.units, "tam-duong", "Tuyên Quang")


# --- the domain's own rules -----------------------------------------------------------------------------------------

def test_slugs_drop_tones_and_the_d_stroke():
    assert slugify("Lâm Bình") == "lam-binh"
    assert slugify("Đặc khu Côn Đảo") == "dac-khu-con-dao"
    assert slugify("Bà Rịa - Vũng Tàu") == "ba-ria-vung-tau"


def test_a_unit_outside_its_era_or_with_an_unnormalised_name_is_refused():
    common = dict(code="071", parent_id="pre-2025/tuyen-quang", valid_from=None)
    Unit(id="pre-2025/tuyen-quang/huyen-lam-binh", kind=UnitKind.DISTRICT, subtype=UnitSubtype.HUYEN,
         name_vi="Lâm Bình", valid_to=LAST_DAY_BEFORE_REFORM, **common)
    with pytest.raises(ValueError, match="cannot be a huyen"):
        Unit(id="tuyen-quang/huyen-lam-binh", kind=UnitKind.DISTRICT, subtype=UnitSubtype.HUYEN,
             name_vi="Lâm Bình", valid_to=None, **common)
    with pytest.raises(ValueError, match="NFC"):
        Unit(id="pre-2025/tuyen-quang/huyen-lam-binh", kind=UnitKind.DISTRICT, subtype=UnitSubtype.HUYEN,
             name_vi=unicodedata.normalize("NFD", "Lâm Bình"), valid_to=LAST_DAY_BEFORE_REFORM, **common)
    with pytest.raises(ValueError, match="cannot be a thi_tran"):
        Unit(id="tuyen-quang/thi-tran-lang-can", kind=UnitKind.COMMUNE, subtype=UnitSubtype.THI_TRAN,
             name_vi="Lăng Can", code="02266", parent_id="tuyen-quang", valid_from=date(2025, 7, 1), valid_to=None)


def test_a_district_is_whole_in_a_new_unit_only_when_that_is_its_one_successor():
    commune_rows = [Lineage("t/xa-a", "old/d1/xa-1", Share.WHOLE), Lineage("t/xa-a", "old/d1/xa-2", Share.WHOLE),
                    Lineage("t/xa-a", "old/d2/xa-3", Share.PART), Lineage("t/xa-b", "old/d2/xa-3", Share.PART),
                    Lineage("t", "old", Share.WHOLE)]
    district_of = {"old/d1/xa-1": "old/d1", "old/d1/xa-2": "old/d1", "old/d2/xa-3": "old/d2"}
    assert set(lineage_of_districts(commune_rows, district_of)) == {
        Lineage("t/xa-a", "old/d1", Share.WHOLE),
        Lineage("t/xa-a", "old/d2", Share.PART), Lineage("t/xa-b", "old/d2", Share.PART)}


def test_todays_data_format_levels_map_to_levels_relative_to_the_unit():
    assert level_from_data_format("district") is Level.UNIT
    assert level_from_data_format("district", bodies_only=True) is Level.UNIT_BODIES
    assert level_from_data_format("commune_aggregate") is Level.SUBUNITS_AGGREGATE
    assert level_from_data_format("commune") is Level.SUBUNIT
    with pytest.raises(ValueError):
        level_from_data_format("commune", bodies_only=True)
    with pytest.raises(ValueError):
        level_from_data_format("province")
