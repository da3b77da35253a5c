"""The database is a build output: complete and valid, or the previous one stays in service."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from loaders import ValidationFailed, build_database, ensure_database
from loaders import build as build_module



@pytest.fixture
def data_dir(minimal_data_dir) -> Path:
    return minimal_data_dir


def observation_count(db_path: Path) -> int:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM observations").fetchone()[0]
    finally:
        con.close()


def test_build_writes_the_contract_view_with_derived_rate(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute(
        "SELECT value, is_derived, formula_values FROM observations WHERE indicator_id = 'online_submission_rate'"
    ).fetchone()
    assert row[0] == pytest.approx(1973 / 25250 * 100) and row[1] is True and row[2] == "1973 ÷ 25250 × 100"
    columns = {r[0] for r in con.execute("DESCRIBE observations").fetchall()}
    con.close()
    contract = {"district_id", "district_name", "province", "province_2025", "level", "commune", "indicator_id",
                "indicator_name_vi", "indicator_name_en", "theme", "unit", "value", "qualifier", "period_label",
                "period_start", "period_end", "source_id", "quote", "is_derived"}
    assert contract <= columns


def test_interrupted_build_leaves_the_old_database_usable(data_dir, tmp_path, monkeypatch):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    before = observation_count(db)

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt("power cut while writing")

    monkeypatch.setattr(build_module.os, "replace", crash)
    (data_dir / "districts" / "mau.yaml").write_text(
        (data_dir / "districts" / "mau.yaml").read_text(encoding="utf-8").replace("25250", "25251").replace("25.250", "25.251"),
        encoding="utf-8",
    )
    with pytest.raises(KeyboardInterrupt):
        build_database(data_dir, db)
    assert observation_count(db) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".building")] == []


def test_invalid_data_never_replaces_the_last_good_database(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    fingerprint_before = build_module.built_fingerprint(db)
    district = data_dir / "districts" / "mau.yaml"
    district.write_text(district.read_text(encoding="utf-8").replace("indicator: dossiers_online", "indicator: nope"), encoding="utf-8")
    with pytest.raises(ValidationFailed):
        build_database(data_dir, db)
    state = ensure_database(data_dir, db)
    assert state.status == "stale" and state.problems
    assert build_module.built_fingerprint(db) == fingerprint_before


def test_ensure_database_builds_when_missing_and_skips_when_current(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    assert ensure_database(data_dir, db).status == "rebuilt"
    assert ensure_database(data_dir, db).status == "current"
    (data_dir / "sources.yaml").write_text((data_dir / "sources.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert ensure_database(data_dir, db).status == "rebuilt"


# --- warm start: the manifest of file stamps -----------------------------------------------------------------

def files_read_during(monkeypatch, action) -> list[str]:
    """The data files whose bytes were read while running action: hashed by the build module or parsed."""
    read: list[str] = []
    original_read_bytes = Path.read_bytes

    def counting_read_bytes(self):
        read.append(self.name)
        return original_read_bytes(self)

    def counting_open(path, *args, **kwargs):
        read.append(Path(path).name)
        return open(path, *args, **kwargs)
    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    monkeypatch.setattr(build_module, "open", counting_open, raising=False)
    action()
    monkeypatch.undo()
    return [name for name in read if name.endswith((".yaml", ".csv"))]


def test_a_start_with_unchanged_data_reads_no_data_file(data_dir, tmp_path, monkeypatch):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    states = []
    assert files_read_during(monkeypatch, lambda: states.append(ensure_database(data_dir, db))) == []
    assert states[0].status == "current"


def test_a_touched_but_unchanged_file_is_hashed_once_and_does_not_rebuild(data_dir, tmp_path, monkeypatch):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    district = next((data_dir / "districts").glob("*.yaml"))
    district.write_bytes(district.read_bytes())  # same bytes, new modification time
    states = []
    assert files_read_during(monkeypatch, lambda: states.append(ensure_database(data_dir, db))) == [district.name]
    assert states[0].status == "current"
    assert files_read_during(monkeypatch, lambda: ensure_database(data_dir, db)) == []


def test_a_changed_file_rebuilds_and_a_lost_manifest_falls_back_to_the_database(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    district = next((data_dir / "districts").glob("*.yaml"))
    district.write_text(district.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    assert ensure_database(data_dir, db).status == "rebuilt"
    build_module.manifest_path(db).unlink()
    assert ensure_database(data_dir, db).status == "current"
    assert build_module.manifest_path(db).exists()


def test_a_manifest_for_another_database_file_is_not_trusted(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    manifest = build_module.manifest_path(db).read_text()
    district = next((data_dir / "districts").glob("*.yaml"))
    district.write_text(district.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    build_database(data_dir, db)  # a new database file ...
    build_module.manifest_path(db).write_text(manifest)  # ... with the old manifest put back beside it
    assert ensure_database(data_dir, db).status == "current"  # checked against the database, not the manifest


# --- leftovers of killed builds --------------------------------------------------------------------------------

def plant_killed_build(db: Path) -> list[Path]:
    """What a build killed mid-write leaves beside the database: its unfinished file, WAL, spill folder and an
    unfinished manifest."""
    name = f".{db.name}.{'a' * 32}.building"
    planted = [db.with_name(name), db.with_name(name + ".wal"), db.with_name(name + ".tmp"),
               db.with_name(f".{db.name}.manifest.json.{'b' * 32}")]
    for path in planted:
        if path.name.endswith(".tmp"):
            path.mkdir()
            (path / "spill.block").write_bytes(b"\0" * 1024)
        else:
            path.write_bytes(b"\0" * 1024)
    return planted


def test_the_next_start_removes_a_killed_builds_files_but_keeps_the_live_database_and_its_wal(data_dir, tmp_path):
    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    planted = plant_killed_build(db)
    live_wal = db.with_name(db.name + ".wal")  # the live database's own WAL is DuckDB's, never a leftover
    live_wal.write_bytes(b"")
    assert ensure_database(data_dir, db).status == "current"
    assert [path for path in planted if path.exists()] == []
    assert db.exists() and live_wal.exists() and build_module.manifest_path(db).exists()


def test_a_build_running_elsewhere_keeps_its_files_until_it_releases_the_lock(data_dir, tmp_path):
    import fcntl
    import threading

    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    planted = plant_killed_build(db)
    with open(db.with_name(db.name + ".lock"), "w") as running_build:  # another process's build holds the lock
        fcntl.flock(running_build, fcntl.LOCK_EX)
        starting = threading.Thread(target=ensure_database, args=(data_dir, db))
        starting.start()
        starting.join(timeout=1.0)
        assert starting.is_alive() and all(path.exists() for path in planted)
        fcntl.flock(running_build, fcntl.LOCK_UN)
    starting.join(timeout=30)
    assert not starting.is_alive() and [path for path in planted if path.exists()] == []


def test_the_build_command_reports_a_failure_of_any_kind_and_keeps_the_database(data_dir, tmp_path):
    import subprocess
    import sys

    db = tmp_path / "cds.duckdb"
    build_database(data_dir, db)
    before = build_module.built_fingerprint(db)
    (data_dir / "sources.yaml").unlink()
    (data_dir / "sources.yaml").mkdir()  # unreadable as a file: an OSError, not a validation problem
    done = subprocess.run([sys.executable, "-m", "loaders", "build", str(data_dir), "--db", str(db)],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "data/sources.yaml:1:" in done.stderr and "nothing was built" in done.stderr
    assert build_module.built_fingerprint(db) == before
