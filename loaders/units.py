"""Vietnam's administrative units and their 2025 lineage, read from the pinned package ``vietnamadminunits`` into
two frames, ``units`` and ``unit_lineage``, and written into the build's DuckDB as tables of the same names.

The package's data files are read directly (its SQLite dataset and its converter JSON); the package itself is not
imported, because its parser pulls in shapely and geopy at import time and none of that is needed here.
The meaning of the columns (kinds, ids, validity, lineage) is in domain/units.py and docs/units.md.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from domain.units import (
    LAST_DAY_BEFORE_REFORM,
    REFORM_DAY,
    Lineage,
    Share,
    Unit,
    UnitKind,
    UnitSubtype,
    child_id,
    lineage_of_districts,
    province_id,
    unique_ids,
)

PACKAGE = "vietnamadminunits"

# Each unit's full name in the package starts with its type word ('Huyện Lâm Bình', 'Thị Trấn Ái Tử', 'Phường 1').
# The full name is read rather than the package's type and short-name columns: the type column contradicts the name
# for 7 units (Thị trấn Ngọc Lặc typed 'Xã'; Phường Việt Hòa of Hải Phòng typed 'Xã'), and short names carry
# disambiguators ('Kỳ Anh (Huyện)'). These words are the package's input vocabulary, not display text: the UI's
# words for the types are in i18n/strings.
_SUBTYPE_OF_TYPE_WORD = {
    "tỉnh": UnitSubtype.TINH,
    "thành phố": UnitSubtype.THANH_PHO,
    "huyện": UnitSubtype.HUYEN,
    "quận": UnitSubtype.QUAN,
    "thị xã": UnitSubtype.THI_XA,
    "xã": UnitSubtype.XA,
    "phường": UnitSubtype.PHUONG,
    "thị trấn": UnitSubtype.THI_TRAN,
    "đặc khu": UnitSubtype.DAC_KHU,
}

UNITS_COLUMNS = ["unit_id", "kind", "subtype", "name_vi", "name_slug", "code", "parent_id", "province_id",
                 "valid_from", "valid_to", "lat", "lon", "area_km2"]
LINEAGE_COLUMNS = ["new_unit_id", "old_unit_id", "old_unit_share"]

UNIT_TABLES_SQL = """
CREATE TABLE units (
    unit_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, subtype VARCHAR NOT NULL, name_vi VARCHAR NOT NULL,
    name_slug VARCHAR NOT NULL, code VARCHAR, parent_id VARCHAR, province_id VARCHAR NOT NULL,
    valid_from DATE, valid_to DATE, lat DOUBLE, lon DOUBLE, area_km2 DOUBLE
);
CREATE TABLE unit_lineage (
    new_unit_id VARCHAR NOT NULL, old_unit_id VARCHAR NOT NULL, old_unit_share VARCHAR NOT NULL,
    PRIMARY KEY (new_unit_id, old_unit_id)
);
"""


def package_data_dir() -> Path:
    """Where the installed package keeps its data files (found without importing the package)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{PACKAGE} is not installed; it is pinned in requirements.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _nfc(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", text) if text else text


def _subtype_and_name(full_name: str) -> tuple[UnitSubtype, str]:
    """(xa, 'Lâm Bình') from 'Xã Lâm Bình', (phuong, '1') from 'Phường 1': the name is what follows the type."""
    full_name = _nfc(full_name)
    for type_word, subtype in _SUBTYPE_OF_TYPE_WORD.items():
        if full_name.casefold().startswith(type_word + " "):
            return subtype, full_name[len(type_word):].strip()
    raise ValueError(f"{PACKAGE}: {full_name!r} does not start with a unit type")


def _own_centroid(row: dict, level: str, parent: str) -> tuple[float | None, float | None]:
    """The unit's centroid, or none where it is exactly its parent's: the package fell back to the parent's point
    when it could not geocode a unit (194 pre-2025 communes, 6 districts), which would misplace it on a map."""
    lat, lon = row[f"{level}Lat"], row[f"{level}Lon"]
    if lat == row[f"{parent}Lat"] and lon == row[f"{parent}Lon"]:
        return None, None
    return lat, lon


def _read_package_rows(data_dir: Path) -> tuple[list[dict], list[dict]]:
    """The rows of the package's two tables: today's communes, and the pre-2025 communes (one row each, with their
    district and province)."""
    # immutable=1: the file is inside site-packages and never changes; SQLite then takes no locks and writes nothing.
    with sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro&immutable=1", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        current = connection.execute(
            "SELECT province, provinceCode, provinceLat, provinceLon, provinceKey, "
            "ward, wardCode, wardLat, wardLon, wardAreaKm2, wardKey FROM admin_units "
            "ORDER BY provinceCode, wardCode").fetchall()
        legacy = connection.execute(
            "SELECT province, provinceCode, provinceLat, provinceLon, provinceKey, "
            "district, districtCode, districtLat, districtLon, districtKey, "
            "ward, wardCode, wardLat, wardLon, wardKey FROM admin_units_legacy "
            "ORDER BY provinceCode, districtCode, wardCode").fetchall()
    return [dict(row) for row in current], [dict(row) for row in legacy]


class _UnitRecords:
    """The units of one era as they are made from the package's rows, and the package's keys (which its
    converter uses) mapped to their unit ids."""

    def __init__(self, *, pre_reform: bool):
        self.pre_reform = pre_reform
        self.units: list[Unit] = []
        self.id_of_key: dict[str, str] = {}

    def add_provinces(self, rows: list[dict]) -> None:
        seen: dict[str, dict] = {}
        for row in rows:
            seen.setdefault(row["provinceKey"], row)
        for key, row in seen.items():
            subtype, name = _subtype_and_name(row["province"])
            unit_id = province_id(name, pre_reform=self.pre_reform)
            self._add(unit_id, UnitKind.PROVINCE, subtype, name, row["provinceCode"], None,
                      row["provinceLat"], row["provinceLon"])
            self.id_of_key[key] = unit_id

    def add_children(self, kind: UnitKind, rows: list[tuple[str, str, dict]], level: str, parent: str,
                     area_column: str | None = None) -> None:
        """``rows``: (key of the unit, key of its parent, package row); ``level`` and ``parent`` name the
        package's columns ('ward' and 'district' read ward, wardCode, wardLat, ..., districtLat, districtLon)."""
        named = [(key, parent_key, row, *_subtype_and_name(row[level])) for key, parent_key, row in rows]
        ids = unique_ids([child_id(self.id_of_key[parent_key], subtype, name)
                          for _key, parent_key, _row, subtype, name in named],
                         [row[f"{level}Code"] for _key, _parent, row, _subtype, _name in named])
        for unit_id, (key, parent_key, row, subtype, name) in zip(ids, named):
            lat, lon = _own_centroid(row, level, parent)
            self._add(unit_id, kind, subtype, name, row[f"{level}Code"], self.id_of_key[parent_key], lat, lon,
                      row[area_column] if area_column else None)
            self.id_of_key[key] = unit_id

    def _add(self, unit_id, kind, subtype, name, code, parent_id, lat, lon, area_km2=None) -> None:
        self.units.append(Unit(
            id=unit_id, kind=kind, subtype=subtype, name_vi=name, code=code, parent_id=parent_id,
            valid_from=None if self.pre_reform else REFORM_DAY,
            valid_to=LAST_DAY_BEFORE_REFORM if self.pre_reform else None,
            lat=lat, lon=lon, area_km2=area_km2))


def _current_units(rows: list[dict]) -> _UnitRecords:
    """Today's 34 provinces and 3,321 communes; keys 'province' and 'province_commune'."""
    units = _UnitRecords(pre_reform=False)
    units.add_provinces(rows)
    units.add_children(UnitKind.COMMUNE, [(f"{row['provinceKey']}_{row['wardKey']}", row["provinceKey"], row)
                                          for row in rows], "ward", "province", area_column="wardAreaKm2")
    return units


def _pre_reform_units(rows: list[dict]) -> _UnitRecords:
    """The 63 provinces, their districts and communes; keys 'province', 'province_district_' (the converter's key
    of a district without communes) and 'province_district_commune'."""
    units = _UnitRecords(pre_reform=True)
    units.add_provinces(rows)
    districts: dict[str, tuple[str, str, dict]] = {}
    for row in rows:
        key = f"{row['provinceKey']}_{row['districtKey']}_"
        districts.setdefault(key, (key, row["provinceKey"], row))
    units.add_children(UnitKind.DISTRICT, list(districts.values()), "district", "province")
    # Five island districts (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) had no communes: a row without a ward.
    units.add_children(UnitKind.COMMUNE, [
        (f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}", f"{row['provinceKey']}_{row['districtKey']}_",
         row)
        for row in rows if row["wardCode"]], "ward", "district")
    return units


def _converter_lineage(converter: dict, current: _UnitRecords, pre_reform: _UnitRecords) -> Iterator[Lineage]:
    """The package converter's three tables as lineage rows: provinces merged whole; old communes (and island
    districts) that went whole into one new commune; old communes divided among several."""
    new_id, old_id = current.id_of_key, pre_reform.id_of_key
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            yield Lineage(new_id[new_key], old_id[old_key], Share.WHOLE)
    for province_key, by_new_commune in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in by_new_commune.items():
            for old_key in old_keys:
                yield Lineage(new_id[f"{province_key}_{new_key}"], old_id[old_key], Share.WHOLE)
    for province_key, by_old_commune in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, successors in by_old_commune.items():
            for successor in successors:
                yield Lineage(new_id[f"{province_key}_{successor['newWardKey']}"], old_id[old_key], Share.PART)


@dataclass(frozen=True)
class UnitData:
    units: list[Unit]  # today's, then the pre-reform ones; in each, provinces before the units inside them
    lineage: list[Lineage]
    source: str  # 'vietnamadminunits 1.0.4', for build_info


def read_units(data_dir: Path | None = None) -> UnitData:
    """Both eras' units and the lineage between them, from the package's data (or a copy of it in ``data_dir``)."""
    data_dir = data_dir or package_data_dir()
    current_rows, legacy_rows = _read_package_rows(data_dir)
    current, pre_reform = _current_units(current_rows), _pre_reform_units(legacy_rows)
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))

    lineage = list(_converter_lineage(converter, current, pre_reform))
    district_of = {unit.id: unit.parent_id for unit in pre_reform.units if unit.kind is UnitKind.COMMUNE}
    lineage += lineage_of_districts(lineage, district_of)
    return UnitData(current.units + pre_reform.units, lineage, f"{PACKAGE} {importlib.metadata.version(PACKAGE)}")


@dataclass(frozen=True)
class UnitTables:
    units: pd.DataFrame  # UNITS_COLUMNS, one row per unit of either era
    unit_lineage: pd.DataFrame  # LINEAGE_COLUMNS, one row per (new unit, old unit) pair
    source: str


def unit_tables(data: UnitData) -> UnitTables:
    """The units and their lineage as the frames of the tables ``units`` and ``unit_lineage``."""
    units = pd.DataFrame(
        [(unit.id, str(unit.kind), str(unit.subtype), unit.name_vi, unit.name_slug, unit.code, unit.parent_id,
          unit.province_id, unit.valid_from, unit.valid_to, unit.lat, unit.lon, unit.area_km2)
         for unit in data.units],
        columns=UNITS_COLUMNS,
    ).astype({"lat": "float64", "lon": "float64", "area_km2": "float64"})
    unit_lineage = pd.DataFrame(
        [(row.new_unit_id, row.old_unit_id, str(row.old_unit_share)) for row in data.lineage],
        columns=LINEAGE_COLUMNS)
    return UnitTables(units, unit_lineage, data.source)


def read_unit_tables(data_dir: Path | None = None) -> UnitTables:
    """The frames of ``units`` and ``unit_lineage`` straight from the package's data."""
    return unit_tables(read_units(data_dir))


def add_unit_tables(con: duckdb.DuckDBPyConnection, tables: UnitTables | None = None) -> UnitTables:
    """Create and fill the tables ``units`` and ``unit_lineage`` in ``con`` (one registered frame each)."""
    tables = tables or read_unit_tables()
    con.execute(UNIT_TABLES_SQL)
    for table, frame in (("units", tables.units), ("unit_lineage", tables.unit_lineage)):
        view = f"{table}_frame"
        con.register(view, frame)
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
        finally:
            con.unregister(view)
    return tables
