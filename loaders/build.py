"""Build the DuckDB database from a validated Dataset, atomically.

The new database is written beside the old one and renamed over it only when complete and checked, so a failed
or interrupted build leaves the last good database in service. Builds run one at a time under a lock file beside
the database; whoever holds it removes what killed builds left behind (``.building`` files and their WAL).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import duckdb
import pandas as pd

from .dataset import Dataset
from .outline import add_outline_table
from .periods import parse_period
from .problems import Problem, ValidationFailed
from .province_index import ProvinceIndex, empty_province_index
from .read import CATALOGUE_FILE, stamped_data_files
from .units import UnitTables, add_unit_tables, unit_tables
from .validate import load_dataset

from domain.catalogue import CatalogueError, parse_catalogue
from .files import file_lock, fsync_dir, fsync_file, write_atomic

SCHEMA_SQL = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
# Tables the build works out from the loaded facts, in this order (each may read the ones before it), so that the
# pages read them instead of working them out on every rerun.
DERIVED_TABLE_FILES = ("observations.sql", "chart_rows.sql", "latest_figures.sql", "unit_standing.sql",
                       "scorecard_figures.sql", "unit_summary.sql", "source_figures.sql", "map_figures.sql")
DERIVED_TABLES_SQL = tuple((Path(__file__).parent / name).read_text(encoding="utf-8") for name in DERIVED_TABLE_FILES)
# Which tables and columns a build holds, as the queries in queries/ expect them. The database is a build output,
# never migrated: a build of another version is rebuilt on start (its manifest or build_info says which version it
# is), never read by queries written for this one. Raise it whenever schema.sql, one of DERIVED_TABLE_FILES or
# what the build writes into them changes.
# 2: latest_whole_unit_figures (the unit profile's standing and province medians read it instead of a window).
# 3: observations is a table written by the build (loaders/observations.sql), no longer a view.
# 4: scorecard_figures (the figure that stands for each unit's scorecard cell, read by queries/scorecard_cells.sql).
# 5: unit_standing (each unit's others' median, count and periods, read by queries/district_standing.sql).
# 6: unit_summary and source_figures (the roster's rows and each document's figure count, read by
#    queries/district_summary.sql and queries/source_documents.sql).
# 7: chart_rows (each figure's latest flag and nearest population, read by queries/observations_for_districts.sql).
# 8: map_figures (each unit's figure of each indicator that the map colours it by, read by queries/map_units.sql).
# 9: sources.title_source (whether a title is the document's own, read from its address, or a description).
# 10: chart_rows written by province, then unit, then theme (the unit profile reads one unit's rows as one stretch).
SCHEMA_VERSION = "10"


def data_fingerprint(data_dir: Path) -> str:
    """A hash over every data file's path and bytes: the database is current iff it was built from this."""
    return file_hashes(data_dir)[0]


FileStamps = dict[str, list]  # relative path -> [size, mtime_ns, sha256 of the bytes]


def file_hashes(data_dir: Path, known: FileStamps | None = None) -> tuple[str, FileStamps]:
    """The data fingerprint and each file's stamp. A file whose size and modification time match ``known`` is not
    read again: its recorded hash is reused, which is what makes a start with unchanged data cheap."""
    known = known or {}
    digest = hashlib.sha256()
    stamps: FileStamps = {}
    for relative, path, stat in stamped_data_files(data_dir):
        previous = known.get(relative)
        if previous and previous[0] == stat.st_size and previous[1] == stat.st_mtime_ns:
            file_hash = previous[2]
        else:
            with open(path, "rb") as handle:
                file_hash = hashlib.file_digest(handle, "sha256").hexdigest()
        stamps[relative] = [stat.st_size, stat.st_mtime_ns, file_hash]
        digest.update(relative.encode() + b"\0" + bytes.fromhex(file_hash))
    return digest.hexdigest(), stamps


def _unchanged(data_dir: Path, known: FileStamps) -> bool:
    """Whether the data files are exactly those of the manifest with the same sizes and times: the common start,
    answered with one stat per file and nothing else."""
    files = stamped_data_files(data_dir)
    if len(files) != len(known):
        return False
    for relative, _path, stat in files:
        previous = known.get(relative)
        if previous is None or previous[0] != stat.st_size or previous[1] != stat.st_mtime_ns:
            return False
    return True


def manifest_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".manifest.json")


def _database_stamp(db_path: Path) -> list[int] | None:
    try:
        stat = os.stat(db_path)
    except FileNotFoundError:
        return None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _read_manifest(db_path: Path) -> dict | None:
    """The manifest, if it describes the database file that is there now (same inode, size and time)."""
    try:
        manifest = json.loads(manifest_path(db_path).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("database") != _database_stamp(db_path):
        return None
    return manifest


def _write_manifest(db_path: Path, fingerprint: str, stamps: FileStamps) -> None:
    manifest = {"fingerprint": fingerprint, "database": _database_stamp(db_path), "files": stamps,
                "units_source": units_source(), "schema_version": SCHEMA_VERSION}
    write_atomic(manifest_path(db_path), json.dumps(manifest).encode("utf-8"))  # fsynced: a crash leaves old or new


def _frames(dataset: Dataset) -> dict[str, pd.DataFrame]:
    groups = dataset.catalogue.groups if dataset.catalogue is not None else {}
    themes = pd.DataFrame(
        [(t.id, t.name_vi, t.name_en, n) for n, t in enumerate(dataset.themes)],
        columns=["theme_id", "name_vi", "name_en", "sort_order"],
    )
    frameworks = pd.DataFrame(
        [(f.id, f.name_vi, f.name_en, f.legal_basis) for f in dataset.frameworks],
        columns=["framework_id", "name_vi", "name_en", "legal_basis"],
    )
    indicators = pd.DataFrame(
        [
            (
                i.id, i.name_vi, i.name_en, i.unit, i.counts_vi, i.counts_en, i.definition_vi, i.definition_en,
                i.higher_is_better, i.theme, i.framework,
                i.target.value if i.target else None, i.target.year if i.target else None,
                i.target.level if i.target else None, i.target.legal_basis if i.target else None,
                i.compare_group, i.structural,
                _formula_text(i), list(i.aliases), n,
                groups[i.compare_group].headline if i.compare_group in groups else i.headline,
                i.measure, i.is_scale_free, i.counted_unit, i.per_residents,
            )
            for n, i in enumerate(dataset.indicators.values())
        ],
        columns=[
            "indicator_id", "name_vi", "name_en", "unit", "counts_vi", "counts_en", "definition_vi", "definition_en",
            "higher_is_better", "theme_id", "framework_id", "target_value", "target_year", "target_level",
            "target_legal_basis", "compare_group", "structural", "derived_formula", "aliases", "sort_order",
            "headline_order", "measure", "scale_free", "counted_unit", "per_residents",
        ],
    )
    compare_groups = pd.DataFrame(
        [(g.id, g.name_vi, g.name_en, g.headline, n) for n, g in enumerate(groups.values())],
        columns=["compare_group", "name_vi", "name_en", "headline_order", "sort_order"],
    )
    compare_groups["headline_order"] = compare_groups["headline_order"].astype("Int64")
    indicators["headline_order"] = indicators["headline_order"].astype("Int64")
    sources = pd.DataFrame(
        [
            (s.id, s.title, s.title_source, s.issuer, s.number, s.date, s.first_day, s.place, s.kind, s.seed_file,
             s.url, s.language, s.date_about, s.date_basis, s.holds_quotes)
            for s in dataset.sources.values()
        ],
        columns=["source_id", "title", "title_source", "issuer", "number", "date_label", "source_date", "place", "kind",
                 "seed_file", "url", "language", "date_about", "date_basis", "holds_quotes"],
    )
    districts = pd.DataFrame(
        [(d.slug, d.name, d.province, d.province_2025, d.communes, d.file, n, d.unit_id, d.kind, d.subtype)
         for n, d in enumerate(dataset.districts)],
        columns=["district_id", "district_name", "province", "province_2025", "communes", "file", "sort_order",
                 "unit_id", "unit_kind", "unit_subtype"],
    )
    return {"themes": themes, "frameworks": frameworks, "indicators": indicators, "compare_groups": compare_groups,
            "sources": sources,
            "districts": districts, "observation_facts": _observation_frame(dataset)}


def _formula_text(indicator) -> str | None:
    spec = indicator.derived
    if spec is None:
        return None
    side = lambda parts: parts[0] if len(parts) == 1 else "(" + " + ".join(parts) + ")"  # noqa: E731
    scale = f" × {spec.scale:g}" if spec.scale != 1 else ""
    return f"{side(spec.numerator_parts)} ÷ {side(spec.denominator_parts)}{scale}"


def _period_dates(code: str, source) -> tuple[object, object, str | None]:
    """Start and end of a period; for 'asof unknown' the range of the source's date (or date_about), which only
    sorts the figure: the period_about column and the period kind say the date itself is unknown."""
    period = parse_period(code)
    if period.is_dated:
        return period.start, period.end, None
    about = source.known_date if source is not None else None
    if about is None:
        return period.start, period.end, None
    year = about[:4]
    range_code = about if len(about) > 4 else year
    bounds = parse_period(range_code[:7])
    return bounds.start, bounds.end, about


def _observation_frame(dataset: Dataset) -> pd.DataFrame:
    records = []
    charted_instead = {row.stated_twin: row for row in dataset.derived if row.stated_twin}
    for row in dataset.observations:
        o = row.observation
        period = parse_period(o.period)
        start, end, about = _period_dates(o.period, dataset.sources.get(o.source))
        twin = charted_instead.get(row.observation_id)
        records.append((row.observation_id, row.district, o.indicator, o.value, o.qualifier, period.code, period.kind,
                        start, end, o.level, o.commune, o.source, o.quote, o.note, False,
                        None, None, None, row.file, row.line, o.printed, o.locator, o.stated,
                        twin.observation_id if twin else None, bool(twin and twin.disagrees), None, about))
    stated_values = {row.observation_id: row.observation.value for row in dataset.observations if row.observation.stated}
    for row in dataset.derived:
        period = parse_period(row.period)
        start, end, about = _period_dates(row.period, dataset.sources.get(row.source))
        records.append((row.observation_id, row.district, row.indicator, row.value, row.qualifier, period.code, period.kind,
                        start, end, row.level, row.commune, row.source, row.quote, None, True,
                        row.formula, row.formula_values, list(row.inputs), None, None, None, None, False,
                        None, row.disagrees, stated_values.get(row.stated_twin), about))
    columns = ["observation_id", "district_id", "indicator_id", "value", "qualifier", "period_label", "period_kind",
               "period_start", "period_end", "level", "commune", "source_id", "quote", "note", "is_derived",
               "formula", "formula_values", "inputs", "file", "line", "printed", "locator", "stated",
               "superseded_by", "disagrees", "stated_value", "period_about"]
    frame = pd.DataFrame(records, columns=columns)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def fill_database(con: duckdb.DuckDBPyConnection, dataset: Dataset, fingerprint: str) -> None:
    """Create the schema in con's current database and load the dataset into it, checking the row count."""
    con.execute(SCHEMA_SQL)
    frames = _frames(dataset)
    for table, frame in frames.items():
        con.register("incoming", frame)
        columns = ", ".join(frame.columns)
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
        con.unregister("incoming")
    con.execute(DERIVED_TABLES_SQL[0])  # observations: checked against the facts before anything reads it
    expected = len(frames["observation_facts"])
    found = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    if found != expected:
        raise RuntimeError(f"built database has {found} observations, expected {expected}")
    for derived in DERIVED_TABLES_SQL[1:]:
        con.execute(derived)
    unit_tables = _unit_tables()
    add_unit_tables(con, unit_tables)
    add_outline_table(con, unit_tables)
    _add_province_index(con, dataset.province_index)
    info = {
        "data_fingerprint": fingerprint,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "observations": str(expected),
        "districts": str(len(dataset.districts)),
        "units_source": unit_tables.source,
        "schema_version": SCHEMA_VERSION,
    }
    con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))


@lru_cache(maxsize=1)
def _unit_tables() -> UnitTables:
    """The administrative units come from a pinned package, not from data/: read once per process (0.3 s; the
    validator's registry of the same units is reused)."""
    from .validate import unit_data

    return unit_tables(unit_data())


def units_source() -> str:
    """Which package version the unit tables come from: a build is stale when it changes (see the manifest)."""
    return f"vietnamadminunits {metadata.version('vietnamadminunits')}"


PROVINCE_INDEX_TABLES = {"results": "province_index_results", "sources": "province_index_sources",
                         "editions": "province_index_editions"}


def _add_province_index(con: duckdb.DuckDBPyConnection, index: ProvinceIndex | None) -> None:
    """Official index results per province (DTI, the 766 index) with their sources, as read and checked; a data
    folder without data/province_index/ gets the results table empty, so queries of it need no special case."""
    if index is None:
        index = empty_province_index()
    for part, table in PROVINCE_INDEX_TABLES.items():
        con.register("incoming_index", getattr(index, part))
        try:
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM incoming_index")
        finally:
            con.unregister("incoming_index")


BUILDING_SUFFIX = ".building"


def _building_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex}{BUILDING_SUFFIX}")


def remove_build_leftovers(db_path: Path) -> list[Path]:
    """Delete what killed builds left beside db_path: their unfinished database files, WAL files and spill
    folders, and unfinished manifests. Call only while holding the build lock: then no build is running, and every
    such file belongs to a dead one. The live database (and its own WAL) never matches these names."""
    db_path = Path(db_path)
    if not db_path.parent.is_dir():
        return []
    building = f".{db_path.name}."
    manifest = f".{manifest_path(db_path).name}."
    removed = []
    for path in db_path.parent.iterdir():
        name = path.name
        if not (name.startswith(manifest) or (name.startswith(building) and BUILDING_SUFFIX in name)):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def write_database(dataset: Dataset, db_path: Path, fingerprint: str) -> None:
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _building_path(db_path)
    try:
        con = duckdb.connect(str(temporary))
        try:
            fill_database(con, dataset, fingerprint)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        fsync_file(temporary)
        os.replace(temporary, db_path)
        fsync_dir(db_path.parent)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)


def check_builds(dataset: Dataset) -> None:
    """Fill an in-memory database from the dataset: raises whatever a real build of it would raise (a source date
    that is not a calendar date, a number out of a column's range), without writing anything."""
    con = duckdb.connect(":memory:")
    try:
        fill_database(con, dataset, "check")
    finally:
        con.close()


def build_database(data_dir: Path, db_path: Path) -> Dataset:
    """Validate data_dir and build db_path from it; raise ValidationFailed (and write nothing) on bad data, or
    whatever else stopped the build (the last good database stays in place either way)."""
    db_path = Path(db_path)
    with _build_lock(db_path):
        remove_build_leftovers(db_path)
        return _build(Path(data_dir), db_path)


def with_catalogue(dataset: Dataset, data_dir: Path) -> Dataset:
    """The dataset with the catalogue's meaning (compare groups and their names, headline rows) parsed by
    domain.catalogue from the same indicators.yaml; raises ValidationFailed when a group or headline does not
    resolve. (load_dataset does not read compare_groups yet: the validator's owner can move this there.)"""
    path = Path(data_dir) / CATALOGUE_FILE
    try:
        catalogue = parse_catalogue(path.read_text(encoding="utf-8"))
    except CatalogueError as error:
        shown = f"{Path(data_dir).name}/{CATALOGUE_FILE}"
        raise ValidationFailed([Problem(shown, 1, "compare_groups", problem, "catalogue_meaning", {"value": problem})
                                for problem in error.problems]) from error
    return replace(dataset, catalogue=catalogue)


def _build(data_dir: Path, db_path: Path) -> Dataset:
    fingerprint, stamps = file_hashes(data_dir)
    dataset = with_catalogue(load_dataset(data_dir), data_dir)
    write_database(dataset, db_path, fingerprint)
    _write_manifest(db_path, fingerprint, stamps)
    return dataset


def built_fingerprint(db_path: Path) -> str | None:
    """The data fingerprint of the build at db_path, or None when there is none that this code can read: no file,
    not a DuckDB build, or a build of another schema version (its tables are not those the queries expect)."""
    if not Path(db_path).exists():
        return None
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            info = dict(con.execute("SELECT key, value FROM build_info "
                                    "WHERE key IN ('data_fingerprint', 'schema_version')").fetchall())
        finally:
            con.close()
    except duckdb.Error:
        return None
    if info.get("schema_version") != SCHEMA_VERSION:
        return None
    return info.get("data_fingerprint")


@contextmanager
def _build_lock(db_path: Path):
    """One build at a time per database: the same lock helper as the saves (loaders.files)."""
    with file_lock(db_path.with_name(db_path.name + ".lock")):
        yield


@dataclass
class DatabaseState:
    path: Path
    # current | rebuilt | stale (the build failed; the last good one is kept) | unavailable (none is) | unchecked
    # (the last build, served at a start while loaders.watch makes it current in the background)
    status: str
    problems: list[Problem] = field(default_factory=list)


class DatabaseUnavailable(ValidationFailed):
    """No database can be served: the build failed (its problems are carried) and no earlier good build exists."""


def failure_problems(error: BaseException, data_dir: Path) -> list[Problem]:
    """What to tell the people who look after data/ when a build fails: the validation problems, or else one
    problem naming the failure (and the file, when the failure names one under data_dir)."""
    if isinstance(error, ValidationFailed):
        return list(error.problems)
    data_dir = Path(data_dir)
    # An OSError's own text repeats the server's absolute path; the problem names the file relative to data/.
    said = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    detail = " ".join(f"{type(error).__name__}: {said}".split())[:300]
    where = data_dir.name
    filename = getattr(error, "filename", None)
    if isinstance(filename, (str, os.PathLike)):
        try:
            where = Path(os.path.abspath(filename)).relative_to(data_dir.absolute().parent).as_posix()
        except ValueError:
            pass
    message = f"the database could not be built from these files ({detail})"
    return [Problem(where, 1, "build", message, "build_failed", {"error": detail})]


def last_good_build(db_path: Path, problems: list[Problem]) -> DatabaseState:
    """The database already in place, kept in service with the problems that stopped its replacement; raises
    DatabaseUnavailable when there is none that opens."""
    if built_fingerprint(db_path) is None:
        raise DatabaseUnavailable(problems)
    return DatabaseState(Path(db_path), "stale", problems)


def ensure_database(data_dir: Path, db_path: Path, on_change=None) -> DatabaseState:
    """Make db_path current with data_dir. When that fails, for whatever reason (bad data, a date no calendar has,
    a DuckDB error, an unreadable file, memory), keep serving the last good build and say why; raise
    DatabaseUnavailable only when there is no good build to serve. Interrupts and kills are not caught: they leave
    the last good build in place by construction, and the next start cleans up after them.
    ``on_change()`` is called once the files are seen to differ from the build (before they are hashed or built):
    a background check tells the pages from then on that newer data is being built."""
    db_path = Path(db_path)
    try:
        with _build_lock(db_path):
            remove_build_leftovers(db_path)
            return _make_current(Path(data_dir), db_path, on_change or (lambda: None))
    except Exception as error:  # noqa: BLE001 - any failure of a build is reported, never shown as a crash
        return last_good_build(db_path, failure_problems(error, data_dir))


def _make_current(data_dir: Path, db_path: Path, on_change) -> DatabaseState:
    manifest = _read_manifest(db_path)
    if manifest is not None and (manifest.get("units_source") != units_source()
                                 or manifest.get("schema_version") != SCHEMA_VERSION):
        # the unit tables came from another package version (or none), or the build holds other tables than the
        # queries expect: the data files alone would not say so
        on_change()
        _build(data_dir, db_path)
        return DatabaseState(db_path, "rebuilt")
    if manifest is not None and _unchanged(data_dir, manifest.get("files") or {}):
        return DatabaseState(db_path, "current")
    on_change()
    if manifest is not None:
        fingerprint, stamps = file_hashes(data_dir, manifest.get("files"))
        if fingerprint == manifest.get("fingerprint"):
            if stamps != manifest.get("files"):  # touched, not changed: remember the new times
                _write_manifest(db_path, fingerprint, stamps)
            return DatabaseState(db_path, "current")
    else:
        fingerprint, stamps = file_hashes(data_dir)
        if built_fingerprint(db_path) == fingerprint:  # built before manifests, or the manifest was lost
            _write_manifest(db_path, fingerprint, stamps)
            return DatabaseState(db_path, "current")
    _build(data_dir, db_path)
    return DatabaseState(db_path, "rebuilt")
