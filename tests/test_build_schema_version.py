"""A build says which schema version it was written with (build_info and the manifest beside it); a build of another
version is rebuilt on start, and never served by queries written for other tables (the database is a build output,
never migrated)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import queries
from loaders import DatabaseUnavailable, build_database, ensure_database
from loaders import build as build_module



@pytest.fixture
def data_dir(minimal_data_dir) -> Path:
    return minimal_data_dir


def _build_info(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT key, value FROM build_info").fetchall())
    finally:
        con.close()


def _manifest(db: Path) -> dict:
    return json.loads(build_module.manifest_path(db).read_text(encoding="utf-8"))


def _make_it_a_build_of_version_1(db: Path, keep_manifest: bool) -> None:
    """What the code before schema versions built: no latest_whole_unit_figures, no schema_version anywhere. With
    keep_manifest, a manifest as that code wrote it describes the file (else the manifest is lost)."""
    con = duckdb.connect(str(db))
    try:
        con.execute("DROP TABLE latest_whole_unit_figures")
        con.execute("DELETE FROM build_info WHERE key = 'schema_version'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    manifest = _manifest(db)
    build_module.manifest_path(db).unlink()
    if keep_manifest:
        del manifest["schema_version"]
        manifest["database"] = build_module._database_stamp(db)
        build_module.manifest_path(db).write_text(json.dumps(manifest), encoding="utf-8")


def test_a_build_records_its_schema_version_in_build_info_and_the_manifest(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    assert _build_info(db)["schema_version"] == build_module.SCHEMA_VERSION
    assert _manifest(db)["schema_version"] == build_module.SCHEMA_VERSION
    assert ensure_database(data_dir, db).status == "current"


@pytest.mark.parametrize("keep_manifest", [True, False], ids=["with its manifest", "manifest lost"])
def test_a_build_of_another_schema_version_is_rebuilt_on_start(data_dir, tmp_path, keep_manifest):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    fingerprint = _build_info(db)["data_fingerprint"]
    _make_it_a_build_of_version_1(db, keep_manifest)
    assert build_module.built_fingerprint(db) is None  # not a build these queries can read
    assert ensure_database(data_dir, db).status == "rebuilt"  # same data files: only the version says so
    assert _build_info(db)["schema_version"] == build_module.SCHEMA_VERSION
    assert _build_info(db)["data_fingerprint"] == fingerprint
    con = queries.open_database(db)
    try:
        district = queries.run(con, "districts")["district_id"].iloc[0]
        assert not queries.run(con, "district_standing", district=district).empty
    finally:
        con.close()
    assert ensure_database(data_dir, db).status == "current"


def test_a_build_of_another_schema_version_is_not_served_when_the_rebuild_fails(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    _make_it_a_build_of_version_1(db, keep_manifest=True)
    district = data_dir / "districts" / "mau.yaml"
    district.write_text(district.read_text(encoding="utf-8").replace("indicator: dossiers_online", "indicator: nope"),
                        encoding="utf-8")
    with pytest.raises(DatabaseUnavailable) as failure:  # the old tables would break the queries: no build to serve
        ensure_database(data_dir, db)
    assert failure.value.problems


# The files that say which tables a build holds, as they were when SCHEMA_VERSION took its value. A change to them
# fails here until the version is raised (else an old build would be read by queries expecting the new tables) and
# the new digest recorded beside it.
SCHEMA_FILES = ("schema.sql", *build_module.DERIVED_TABLE_FILES)
SCHEMA_FILES_DIGEST = {"2": "265d7cc47ca0444955d6a457490680b27be8f86c51feac11b870620333151135",
                       "3": "c939375bda1e6502106ac84b26fc9d82344df89725b013177bad11b999b20ce3",
                       "4": "870cf3090cf22fa79c8d4c8640affd8207a8a9d8ea3acbef3c656d07bd6359cd",
                       "5": "1964aa89fbb0818ae8e8f65a7e3b5275040bb38395a6e7f12831848fcfb1be51",
                       "6": "35ff68bc18f84791534a49e0b38126ec7507ff40590b839b42c3bee7a5ac4cbf",
                       "7": "54dec85da51026113171d2e2f0ee9cf1ad6abae85c13d9c69f947d0a3c11a582",
                       "8": "5f8ba24968cb3a0054ec1aaffe4eee32ac8fe9e161e7aae18f7d55960df7d94d",
                       "9": "9df56ab93c95cbd327f29c42957f1e0f76897d24b451d0eaa4ade8f0dbed4e16",
                       "10": "4546c9dffa4270b2e401367bcf9faa90d8084ef769181e2c115f29d9ccb6a1ab"}


def test_the_schema_files_have_not_changed_without_a_new_schema_version():
    import hashlib

    folder = Path(build_module.__file__).parent
    digest = hashlib.sha256(b"".join((folder / name).read_bytes() for name in SCHEMA_FILES)).hexdigest()
    assert SCHEMA_FILES_DIGEST.get(build_module.SCHEMA_VERSION) == digest, (
        "loaders/schema.sql or one of DERIVED_TABLE_FILES changed: raise SCHEMA_VERSION in loaders/build.py and "
        f"record {digest} for it here")
