"""Read the files under data/ into located raw records (dicts that know their file and line)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem
from .text_files import read_text
from .yaml_lines import LineDict, parse_yaml

CATALOGUE_FILE = "indicators.yaml"
SOURCES_FILE = "sources.yaml"
UNITS_DIR = "units"  # one file per administrative unit: units/<slug>.yaml (+ optional <slug>.csv)
DISTRICTS_DIR = "districts"  # the district-only layout before units (still read: data folders people have)
UNIT_DIRS = (UNITS_DIR, DISTRICTS_DIR)
PROVINCE_INDEX_DIR = "province_index"  # official index results per province (loaders/province_index.py)
OBSERVATION_COLUMNS = ("indicator", "value", "unit", "period", "level", "commune", "qualifier", "source", "quote", "note",
                       "printed", "locator", "stated")
REQUIRED_COLUMNS = ("indicator", "value", "unit", "period", "level", "source", "quote")


@dataclass
class Located:
    """One raw record and where it was written."""

    data: dict[str, Any]
    file: str
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str | None) -> int:
        return self.key_lines.get(key, self.line) if key else self.line


@dataclass
class DistrictFiles:
    slug_from_name: str
    header: Located | None
    observations: list[Located]
    # Sources a district file declares itself (a contributed district brings its own report with it).
    sources: list[Located] = field(default_factory=list)


@dataclass
class RawData:
    themes: list[Located]
    frameworks: list[Located]
    indicators: list[Located]
    sources: list[Located]
    districts: list[DistrictFiles]
    files: list[Path]


def shown_path(path: Path, data_dir: Path) -> str:
    return path.relative_to(data_dir.parent).as_posix()


def _located(node: Any, file: str, fallback_line: int) -> Located | None:
    if isinstance(node, LineDict):
        return Located(dict(node), file, node.line, dict(node.key_lines))
    return None


def _yaml_document(path: Path, data_dir: Path, problems: list[Problem]) -> tuple[LineDict | None, str]:
    shown = shown_path(path, data_dir)
    text, read_problems = read_text(path, shown)
    problems.extend(read_problems)
    if text is None:
        return None, shown
    document, parse_problems = parse_yaml(text, shown)
    problems.extend(parse_problems)
    if document is None and not parse_problems:
        problems.append(Problem(shown, 1, "file", "the file is empty", "empty_file"))
        return None, shown
    if document is not None and not isinstance(document, LineDict):
        problems.append(Problem(shown, 1, "file", "expected a mapping of fields at the top level", "top_level_not_mapping"))
        return None, shown
    return document, shown


def list_of_records(document: LineDict, key: str, shown: str, problems: list[Problem],
                    required: bool = True) -> list[Located]:
    """The mappings listed under ``key``, each located; a missing list is a problem only when ``required``."""
    items = document.get(key)
    if items is None:
        if required:
            problems.append(Problem(shown, document.line, key, "missing list", "missing_list"))
        return []
    if not isinstance(items, list):
        # at the value when it is a mapping written below its key (sources:\n  id: {…}): that is what is wrong
        problems.append(Problem(shown, getattr(items, "line", document.line_of(key)), key, "must be a list",
                                "not_a_list"))
        return []
    records = []
    for index, item in enumerate(items):
        record = _located(item, shown, document.line_of(key))
        if record is None:
            problems.append(Problem(shown, document.line_of(key), f"{key}[{index}]", "must be a mapping of fields",
                                    "not_a_mapping"))
        else:
            records.append(record)
    return records


def read_csv_observations(path: Path, shown: str, problems: list[Problem]) -> list[Located]:
    text, read_problems = read_text(path, shown)
    problems.extend(read_problems)
    if text is None:
        return []
    return csv_observations(text, shown, problems)


def csv_observations(text: str, shown: str, problems: list[Problem], ignored: tuple[str, ...] = ()) -> list[Located]:
    """Observation records from CSV text whose header names the columns (any order); ``ignored`` columns are
    allowed and dropped (the template's indicator names, there for the reader)."""
    # strict: a quotation mark that is not followed by a comma or the end of the line is an error, so a quote
    # never closed (which would swallow every row after it into one cell) is found where the next row's quoted cell
    # begins, or at the end of the file; a cell properly quoted across lines is a legitimate cell.
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(rows)
    except StopIteration:
        problems.append(Problem(shown, 1, "file", "the file is empty", "empty_file"))
        return []
    except csv.Error as error:
        problems.append(Problem(shown, 1, "csv", str(error), "csv_syntax", {"value": str(error)}))
        return []
    header = [name.strip() for name in header]
    unknown = [name for name in header if name not in OBSERVATION_COLUMNS and name not in ignored]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    twice = sorted({name for name in header if name and name not in ignored and header.count(name) > 1})
    if twice:
        # two value columns: which one is the figure? (a dict of the row would silently keep the last)
        problems.append(Problem(shown, 1, "header", f"column(s) named twice: {', '.join(twice)}", "duplicate_column",
                                {"value": ", ".join(twice)}))
    if unknown:
        problems.append(Problem(shown, 1, "header", f"unknown column(s) {', '.join(unknown)}; allowed: {', '.join(OBSERVATION_COLUMNS)}",
                                "unknown_columns", {"value": ", ".join(unknown), "expected": ", ".join(OBSERVATION_COLUMNS)}))
    if missing:
        problems.append(Problem(shown, 1, "header", f"missing column(s) {', '.join(missing)}", "missing_columns",
                                {"value": ", ".join(missing)}))
    if unknown or missing or twice:
        return []
    records = []
    line = rows.line_num + 1
    while True:
        start_line = line
        try:
            cells = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            if rows.line_num > start_line:
                # the row ran over several lines before the error: a quotation mark opened on its first line was
                # never closed, and the rows after it were read into that one cell
                spanned = rows.line_num - start_line + 1
                problems.append(Problem(shown, start_line, "row", f"a quotation mark opened on this line is not closed: the cell runs over {spanned} lines",
                                        "csv_unclosed_quote", {"value": spanned}))
            else:
                problems.append(Problem(shown, max(rows.line_num, start_line), "csv", str(error), "csv_syntax",
                                        {"value": str(error)}))
            break
        line = rows.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(shown, start_line, "row", f"has {len(cells)} cells, the header has {len(header)}",
                                    "row_length", {"value": len(cells), "expected": len(header)}))
            continue
        data = {name: (cell.strip() or None) for name, cell in zip(header, cells) if name not in ignored}
        records.append(Located(data, shown, start_line, {name: start_line for name in header}))
    return records


def _district_entries(data_dir: Path) -> list[Path]:
    """The unit files of units/ and of the older districts/ folder."""
    entries = []
    for name in UNIT_DIRS:
        folder = Path(data_dir) / name
        if folder.is_dir():
            entries += [p for p in folder.iterdir() if p.suffix in (".yaml", ".csv") and not p.name.startswith(".")]
    return sorted(entries, key=lambda p: (p.name, p.parent.name != UNITS_DIR))


def unit_folder(data_dir: Path, slug: str) -> Path:
    """The folder that holds (or will hold) the unit file <slug>.yaml: districts/ only where a file of the older
    layout is already there, units/ otherwise."""
    legacy = Path(data_dir) / DISTRICTS_DIR
    if any((legacy / f"{slug}{suffix}").is_file() for suffix in (".yaml", ".csv")) \
            and not (Path(data_dir) / UNITS_DIR / f"{slug}.yaml").is_file():
        return legacy
    return Path(data_dir) / UNITS_DIR


def district_stems(data_dir: Path) -> list[str]:
    """The names of the unit files (a folder named like one is not a unit: see folders_named_as_files)."""
    return sorted({p.stem for p in _district_entries(data_dir) if p.is_file()})


def folders_named_as_files(data_dir: Path) -> list[Problem]:
    return [Problem(shown_path(p, Path(data_dir)), 1, "file", "is a folder, not a unit file; move or rename it",
                    "not_a_file", {"value": p.name})
            for p in _district_entries(data_dir) if not p.is_file()]


def files_in_both_folders(data_dir: Path) -> list[Problem]:
    """A unit written in units/ and again in districts/ is one unit twice: refused, never merged."""
    legacy = Path(data_dir) / DISTRICTS_DIR
    return [Problem(shown_path(legacy / f"{stem}.yaml", Path(data_dir)), 1, "file",
                    f"unit '{stem}' is also in {UNITS_DIR}/; keep one file", "unit_file_twice", {"value": stem})
            for stem in district_stems(data_dir)
            if (legacy / f"{stem}.yaml").is_file() and (Path(data_dir) / UNITS_DIR / f"{stem}.yaml").is_file()]


def stamped_data_files(data_dir: Path) -> list[tuple[str, str, os.stat_result]]:
    """(relative path, path, stat) of every file a build reads, in a fixed order; one stat call per file and no
    pathlib, because at national scale (1,400 files) this runs on every start and must cost less than opening
    the database."""
    root = os.fspath(data_dir)
    found = []
    for name in (CATALOGUE_FILE, SOURCES_FILE):
        path = os.path.join(root, name)
        try:
            found.append((name, path, os.stat(path)))
        except FileNotFoundError:
            continue
    for folder_name in UNIT_DIRS:
        folder = os.path.join(root, folder_name)
        try:
            entries = [e for e in os.scandir(folder) if not e.name.startswith(".") and e.name.endswith((".yaml", ".csv"))]
        except FileNotFoundError:
            entries = []
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_file():
                found.append((f"{folder_name}/{entry.name}", entry.path, entry.stat()))
    index_folder = os.path.join(root, PROVINCE_INDEX_DIR)
    try:
        index_entries = [e for e in os.scandir(index_folder) if e.name.endswith((".yaml", ".csv")) and e.is_file()]
    except FileNotFoundError:
        index_entries = []
    for entry in sorted(index_entries, key=lambda e: e.name):
        found.append((f"{PROVINCE_INDEX_DIR}/{entry.name}", entry.path, entry.stat()))
    return found


def declared_sources(data_dir: Path, skip: set[str]) -> list[Located]:
    """The ``sources:`` records of the district files not in ``skip``, without reading their observations."""
    records: list[Located] = []
    paths = [p for name in UNIT_DIRS for p in sorted((Path(data_dir) / name).glob("*.yaml"))]
    for path in paths:
        if path.stem in skip or path.name.startswith(".") or not path.is_file():
            continue
        shown = shown_path(path, Path(data_dir))
        text, _ = read_text(path, shown)
        if text is None or ("\nsources:" not in text and not text.startswith("sources:")):
            continue
        document, _ = parse_yaml(text, shown)
        if isinstance(document, LineDict):
            records += list_of_records(document, "sources", shown, [], required=False)
    return records


def read_data_dir(data_dir: Path, only: Iterable[str] | None = None) -> tuple[RawData, list[Problem]]:
    """Read the catalogue, the sources registry and the district files (all, or only the slugs in ``only``)."""
    problems: list[Problem] = []
    files: list[Path] = []
    themes = frameworks = indicators = sources = []

    catalogue_path = data_dir / CATALOGUE_FILE
    if catalogue_path.is_file():
        files.append(catalogue_path)
        document, shown = _yaml_document(catalogue_path, data_dir, problems)
        if document is not None:
            themes = list_of_records(document, "themes", shown, problems)
            frameworks = list_of_records(document, "frameworks", shown, problems)
            indicators = list_of_records(document, "indicators", shown, problems)
    else:
        problems.append(Problem(f"{data_dir.name}/{CATALOGUE_FILE}", 1, "file", "the indicator catalogue is missing",
                                "missing_file", {"value": CATALOGUE_FILE}))

    sources_path = data_dir / SOURCES_FILE
    if sources_path.is_file():
        files.append(sources_path)
        document, shown = _yaml_document(sources_path, data_dir, problems)
        if document is not None:
            sources = list_of_records(document, "sources", shown, problems)
    else:
        problems.append(Problem(f"{data_dir.name}/{SOURCES_FILE}", 1, "file", "the sources registry is missing",
                                "missing_file", {"value": SOURCES_FILE}))

    districts: list[DistrictFiles] = []
    wanted = None if only is None else set(only)
    if wanted is None:
        problems += folders_named_as_files(data_dir)
        problems += files_in_both_folders(data_dir)
    for stem in district_stems(data_dir):
        if wanted is not None and stem not in wanted:
            continue
        districts.append(_read_district(unit_folder(data_dir, stem), stem, data_dir, files, problems))
    return RawData(themes, frameworks, indicators, sources, districts, files), problems


def _read_district(district_dir: Path, stem: str, data_dir: Path, files: list[Path], problems: list[Problem]) -> DistrictFiles:
    yaml_path, csv_path = district_dir / f"{stem}.yaml", district_dir / f"{stem}.csv"
    header, observations, sources = None, [], []
    if yaml_path.is_file():
        files.append(yaml_path)
        document, shown = _yaml_document(yaml_path, data_dir, problems)
        if document is not None:
            header = Located(dict(document), shown, document.line, dict(document.key_lines))
            observations += list_of_records(document, "observations", shown, problems, required=False)
            sources += list_of_records(document, "sources", shown, problems, required=False)
    else:
        problems.append(Problem(shown_path(csv_path, data_dir), 1, "file", f"observations without a district file {stem}.yaml beside them",
                                "csv_without_district_file", {"value": f"{stem}.yaml"}))
    if csv_path.is_file():
        files.append(csv_path)
        observations += read_csv_observations(csv_path, shown_path(csv_path, data_dir), problems)
    return DistrictFiles(stem, header, observations, sources)
