"""kill -9 of a build and of a save at random moments (fixed seed), on synthetic data big enough for the kill to
land mid-work: after every kill the database opens and holds the previous or the new data, every changed district
file has its audit entry, and the next start leaves no leftovers. The killed work runs as `python -m loaders`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bench.synthetic import generate
from loaders import ensure_database
from loaders.build import BUILDING_SUFFIX, built_fingerprint, data_fingerprint
from store.save import AUDIT_FILE, HISTORY_DIR, STAGING_DIR, finish_interrupted_saves, read_audit
from tests.conftest import REPO

DISTRICTS = 100  # a build takes about 1.5 s and a save about 3 s here: most random moments fall mid-work
KILLS = 20
SEED = 20261201


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """The first DISTRICTS units of the national synthetic data set, with their database."""
    data = tmp_path_factory.mktemp("synthetic") / "data"
    generate("national", data)
    for path in sorted((data / "units").glob("*.yaml"))[DISTRICTS:]:
        path.unlink()
        path.with_suffix(".csv").unlink()
    return data


@pytest.fixture
def served(synthetic, tmp_path) -> tuple[Path, Path]:
    data, db = tmp_path / "data", tmp_path / "db" / "cds.duckdb"
    shutil.copytree(synthetic, data)
    assert ensure_database(data, db).status == "rebuilt"
    return data, db


def run_killed(arguments: list[str], after: float) -> bool:
    """Run python -m <module> <arguments…>, kill -9 it after `after` seconds; whether it was still running."""
    process = subprocess.Popen([sys.executable, "-m", *arguments], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def timed(arguments: list[str]) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", *arguments], cwd=REPO, check=True, capture_output=True)
    return time.monotonic() - started


def district_count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM districts").fetchone()[0]
    finally:
        con.close()


def build_leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if BUILDING_SUFFIX in p.name or p.name.endswith(".wal"))


def save_leftovers(data: Path) -> list[str]:
    """Stages and half-written copies (names .<file>.<uuid hex>.tmp) anywhere under data/."""
    stages = list((data / HISTORY_DIR / STAGING_DIR).glob("*"))
    half_written = [p for p in data.rglob(".*.tmp") if STAGING_DIR not in p.parts]
    return sorted(str(p.relative_to(data)) for p in stages + half_written)


def intents_without_outcome(data: Path) -> list[str]:
    path = data / HISTORY_DIR / AUDIT_FILE
    open_ids: dict[str, None] = {}
    for line in path.read_bytes().splitlines() if path.exists() else []:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("state") == "intent":
            open_ids[record["id"]] = None
        else:
            open_ids.pop(record.get("id"), None)
    return list(open_ids)


def start(data: Path, db: Path) -> None:
    """What the app does when it starts (ui/db.py)."""
    finish_interrupted_saves(data)
    ensure_database(data, db)


def test_killed_builds_never_take_the_database_down_and_the_next_start_cleans_up(served):
    data, db = served
    rng = random.Random(SEED)
    duration = timed(["loaders", "build", str(data), "--db", str(db)])
    districts = sorted((data / "units").glob("*.yaml"))
    killed_mid_work = 0
    for n in range(KILLS):
        before = district_count(db)
        for path in (districts[n], districts[n].with_suffix(".csv")):  # one district fewer: the new data
            path.unlink()
        # the database is written in the last part of a build (reading and checking the data, the units and the
        # province index come first), so the kills aim at the second half, where the writing is
        if run_killed(["loaders", "build", str(data), "--db", str(db)], rng.uniform(0.4, 1.0) * duration):
            killed_mid_work += bool(build_leftovers(db))
        assert district_count(db) in (before, DISTRICTS - n - 1), n  # opens, with the previous or the new data
    # some kills must have landed while a database was being written (how many depends on the machine's load)
    assert killed_mid_work >= KILLS // 10, "the kills did not land while a database was being written"
    start(data, db)
    assert build_leftovers(db) == []
    assert district_count(db) == DISTRICTS - KILLS and built_fingerprint(db) == data_fingerprint(data)


def note_changed(csv_path: Path, note: str) -> bytes:
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    rows[0]["note"] = note
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_killed_saves_lose_no_audit_line_and_the_next_start_cleans_up(served, tmp_path):
    data, db = served
    rng = random.Random(SEED + 1)
    slugs = [path.stem for path in sorted((data / "units").glob("*.csv"))][: KILLS + 1]
    original = {slug: sha256(data / "units" / f"{slug}.yaml") for slug in slugs}

    def import_arguments(n: int) -> list[str]:
        upload = tmp_path / f"upload-{n}.csv"
        upload.write_bytes(note_changed(data / "units" / f"{slugs[n]}.csv", f"sửa lần {n}"))
        return ["store", "import", str(upload), "--district", slugs[n], "--data-dir", str(data), "--db", str(db),
                "--editor", f"kill-{n}"]

    duration = timed(import_arguments(KILLS))  # one whole save, to know how long one takes
    killed_mid_work = 0
    for n in range(KILLS):
        fingerprint_before = built_fingerprint(db)
        if run_killed(import_arguments(n), rng.uniform(0.15, 1.0) * duration):
            killed_mid_work += bool(save_leftovers(data) or intents_without_outcome(data) or build_leftovers(db))
        assert built_fingerprint(db) in (fingerprint_before, data_fingerprint(data))  # opens, previous or new data
        audited = {(entry["district"], entry["file_sha256"]) for entry in read_audit(data).entries}
        for slug in slugs:
            yaml_path = data / "units" / f"{slug}.yaml"
            if sha256(yaml_path) != original[slug]:
                assert (slug, sha256(yaml_path)) in audited, f"{slug} changed on disk without its audit entry"
    assert killed_mid_work >= KILLS // 4, "the kills did not land while a save was under way"
    start(data, db)
    assert save_leftovers(data) == [] and build_leftovers(db) == [] and intents_without_outcome(data) == []
    assert read_audit(data).problems == []
    assert built_fingerprint(db) == data_fingerprint(data)
    saved = {entry["district"] for entry in read_audit(data).entries}
    changed = {slug for slug in slugs if sha256(data / "units" / f"{slug}.yaml") != original[slug]}
    assert saved == changed  # every change has its entry, and no entry claims a change that did not happen
