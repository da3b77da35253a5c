"""Read an uploaded district file (YAML, CSV or XLSX) into the same located records as data/ files.

Nothing here trusts the upload: its size and format are capped, YAML is loaded safely, the district's slug is
checked against a strict pattern before it names any file, spreadsheet formulas are refused (never evaluated),
and every problem is located by sheet (or file), row and field so the uploader can find it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from .containers import ArchiveRefused, check_zip
from .formulas import looks_like_formula
from .limits import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_UPLOAD_BYTES
from .models import is_slug
from .problems import Problem, shown_value
from .read import OBSERVATION_COLUMNS, DistrictFiles, Located, csv_observations, list_of_records, read_data_dir
from .text_files import decode_text, nfc
from .yaml_lines import LineDict, parse_yaml

__all__ = ["MAX_UPLOAD_BYTES", "Submission", "looks_like_formula", "read_upload"]
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".xlsx": "xlsx"}

# Sheet names of the XLSX template, Vietnamese first; the English names are accepted too.
# the unit sheet: a commune, district or province; templates made before 2026 named it "Huyện"/"District" and stay readable
UNIT_SHEET = ("Đơn vị", "Unit", "Huyện", "District")
SOURCES_SHEET = ("Nguồn", "Sources")
OBSERVATIONS_SHEET = ("Số liệu", "Observations")
# kind and unit_id say which unit the figures are about: without them a pre-filled commune or province template would
# come back as a district (the district-only format's default).
DISTRICT_FIELDS = ("district", "kind", "unit_id", "slug", "province", "province_2025")
COMMUNE_FIELDS = {"communes": "value", "communes_source": "source", "communes_quote": "quote", "communes_period": "period"}
SOURCE_COLUMNS = ("id", "title", "issuer", "number", "date", "date_about", "date_basis", "place", "kind", "url", "language")
TEMPLATE_ONLY_COLUMNS = ("indicator_name",)  # shown to help fill the template; not data
_LABELLED_HEADER = re.compile(r"\(([a-z][a-z0-9_]*)\)\s*$")


@dataclass
class Submission:
    """One uploaded district: its header, the sources it brings and its observations, all located in the upload."""

    shown_name: str
    format: str
    district: DistrictFiles | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def slug(self) -> str | None:
        return self.district.slug_from_name if self.district else None


def shown_name(filename: str) -> str:
    """The upload's own name for messages only; never used as a path."""
    name = PurePosixPath(str(filename).replace("\\", "/")).name
    return re.sub(r"[^\w.\- ]", "_", name)[:80] or "upload"




def read_upload(content: bytes, filename: str, data_dir: Path, district: str | None = None) -> Submission:
    """Parse an upload. ``district`` names the district a CSV belongs to, or must match the file's own slug."""
    name = shown_name(filename)
    suffix = PurePosixPath(name.lower()).suffix
    fmt = FORMATS.get(suffix)
    if fmt is None:
        return Submission(name, "", None, [Problem(name, 1, "file", f"'{suffix or name}' files are not accepted; upload .xlsx, .csv or .yaml",
                                                    "unsupported_format", {"value": suffix or name})])
    if len(content) > MAX_UPLOAD_BYTES:
        return Submission(name, fmt, None, [Problem(name, 1, "file", f"the file is {len(content) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES / 1e6:.0f} MB",
                                                     "file_too_large", {"value": f"{len(content) / 1e6:.1f}", "limit": f"{MAX_UPLOAD_BYTES / 1e6:.0f}"})])
    if district is not None and not is_slug(district):
        return Submission(name, fmt, None, [_bad_slug(name, 1, "district", district)])
    problems: list[Problem] = []
    reader = {"yaml": _from_yaml, "csv": _from_csv, "xlsx": _from_xlsx}[fmt]
    files = reader(content, name, Path(data_dir), district, problems)
    if files is not None:
        _check_slug(files, district, problems)
        _refuse_formula_text(files, problems)
        if files.slug_from_name:
            _keep_saved_unit(files, Path(data_dir), problems)
    if problems and any(p.code in _FATAL for p in problems):
        files = None
    return Submission(name, fmt, files, problems)


_FATAL = {"bad_slug", "not_utf8", "yaml_syntax", "yaml_alias", "not_xlsx", "missing_sheet", "empty_file", "csv_needs_district",
          "not_a_mapping", "slug_mismatch_argument", "control_character", "yaml_complex_key", "yaml_too_deep", "bad_date",
          "too_many_digits", "text_too_long", "unpacked_too_large", "too_many_members", "odd_archive", "sheet_too_large",
          "csv_unclosed_quote", "csv_syntax"}


def _bad_slug(shown: str, line: int, field_name: str, value: object) -> Problem:
    return Problem(shown, line, field_name, f"'{shown_value(value)}' is not a valid district id; use lower-case letters without accents, digits and hyphens (lam-binh)",
                   "bad_slug", {"value": shown_value(value)})


def _check_slug(files: DistrictFiles, district: str | None, problems: list[Problem]) -> None:
    header = files.header
    slug = header.data.get("slug") if header else None
    if not is_slug(slug):
        line = header.line_of("slug") if header else 1
        problems.append(_bad_slug(header.file if header else "upload", line, "slug", slug))
        return
    if district is not None and slug != district:
        problems.append(Problem(header.file, header.line_of("slug"), "slug", f"the file is for '{slug}', not '{district}'",
                                "slug_mismatch_argument", {"value": slug, "expected": district}))
        return
    files.slug_from_name = slug


def _keep_saved_unit(files: DistrictFiles, data_dir: Path, problems: list[Problem]) -> None:
    """An update names the unit its file already holds. A blank kind or unit id keeps the saved one (a template
    downloaded before these rows existed); a different one is refused where it is typed, because figures of a 2026
    commune would otherwise be saved onto a pre-2025 district of the same slug and shown as its figures."""
    saved = _existing_district(data_dir, files.slug_from_name)
    header = files.header
    if saved is None or saved.header is None or header is None or saved.header is header:
        return
    before = {"kind": saved.header.data.get("kind") or "district", "unit_id": saved.header.data.get("unit_id")}
    for key, code in (("kind", "unit_kind_changed"), ("unit_id", "unit_id_changed")):
        typed = header.data.get(key)
        if typed is None:
            if before[key] is not None:
                header.data[key] = before[key]
        elif before[key] is not None and typed != before[key]:
            problems.append(Problem(header.file, header.line_of(key), key,
                                    f"the saved file is for {key} '{before[key]}', not '{typed}'; a unit's {key} is not changed by an update",
                                    code, {"value": shown_value(typed), "expected": before[key]}))


def _refuse_formula_text(files: DistrictFiles, problems: list[Problem]) -> None:
    records = ([files.header] if files.header else []) + files.sources + files.observations
    for record in records:
        for key, value in _text_fields(record.data):
            if looks_like_formula(value):
                problems.append(Problem(record.file, record.line_of(key.split(".")[0]), key,
                                        "starts like a spreadsheet formula; type the text without a leading = + - @ or tab",
                                        "formula_text", {"value": value[:40]}))


def _text_fields(data: dict[str, Any], prefix: str = ""):
    for key, value in data.items():
        if key in ("observations", "sources"):
            continue  # located and checked as records of their own
        if isinstance(value, str):
            yield prefix + str(key), value
        elif isinstance(value, dict):
            yield from _text_fields(value, f"{prefix}{key}.")


# --- YAML: the district file format itself -----------------------------------------------------------------

def _from_yaml(content: bytes, shown: str, data_dir: Path, district: str | None, problems: list[Problem]) -> DistrictFiles | None:
    text, decode_problems = decode_text(content, shown)
    problems.extend(decode_problems)
    if text is None:
        return None
    document, parse_problems = parse_yaml(text, shown)
    for problem in parse_problems:
        code = problem.code or ("yaml_syntax" if problem.field == "yaml" else "duplicate_key")
        problems.append(Problem(problem.file, problem.line, problem.field, problem.message, code, problem.params))
    if document is None:
        if not parse_problems:
            problems.append(Problem(shown, 1, "file", "the file is empty", "empty_file"))
        return None
    if not isinstance(document, LineDict):
        problems.append(Problem(shown, 1, "file", "expected a district file: a mapping with district, slug, province, …", "not_a_mapping"))
        return None
    header = Located(dict(document), shown, document.line, dict(document.key_lines))
    return DistrictFiles("", header, list_of_records(document, "observations", shown, problems, required=False),
                         list_of_records(document, "sources", shown, problems, required=False))


# --- CSV: observations of a district that already exists -------------------------------------------------------

def _from_csv(content: bytes, shown: str, data_dir: Path, district: str | None, problems: list[Problem]) -> DistrictFiles | None:
    existing = _existing_district(data_dir, district)
    if existing is None or existing.header is None:
        problems.append(Problem(shown, 1, "district", "a CSV holds observations only: choose the existing district it belongs to, or use the XLSX or YAML template for a new district",
                                "csv_needs_district", {"value": district or ""}))
        return None
    text, decode_problems = decode_text(content, shown)
    problems.extend(decode_problems)
    if text is None:
        return None
    observations = unfilled_rows_dropped(csv_observations(text, shown, problems, TEMPLATE_ONLY_COLUMNS))
    return DistrictFiles("", existing.header, observations, existing.sources)


def unfilled_rows_dropped(records: list[Located]) -> list[Located]:
    """The templates list every catalogue indicator; a row left without value and quote was not reported."""
    return [r for r in records if r.data.get("value") is not None or r.data.get("quote") is not None]


def _existing_district(data_dir: Path, slug: str | None) -> DistrictFiles | None:
    if not slug:
        return None
    raw, _ = read_data_dir(data_dir, only=[slug])
    return next((files for files in raw.districts if files.slug_from_name == slug), None)


# --- XLSX: the template officials fill in ----------------------------------------------------------------------

def _from_xlsx(content: bytes, shown: str, data_dir: Path, district: str | None, problems: list[Problem]) -> DistrictFiles | None:
    from openpyxl import load_workbook

    try:
        check_zip(content)  # before openpyxl sees it: a workbook that unpacks like a bomb is never opened
    except ArchiveRefused as refusal:
        if refusal.code == "not_an_archive":
            problems.append(Problem(shown, 1, "file", "not an Excel workbook (.xlsx); save it from Excel as .xlsx", "not_xlsx"))
        else:
            problems.append(Problem(shown, 1, "file", str(refusal), refusal.code, refusal.params))
        return None
    try:
        # read-only: rows are parsed as they are read, so a cell in row 1,048,576 costs no million empty rows
        workbook = load_workbook(io.BytesIO(content), data_only=False, read_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files; all mean the same to the uploader
        problems.append(Problem(shown, 1, "file", f"the workbook cannot be read ({type(error).__name__})", "not_xlsx"))
        return None
    try:
        return _workbook_district(workbook, shown, problems)
    except _SheetTooLarge:
        return None
    except Exception as error:  # damage found only while the rows are read
        problems.append(Problem(shown, 1, "file", f"the workbook cannot be read ({type(error).__name__})", "not_xlsx"))
        return None
    finally:
        workbook.close()


def _workbook_district(workbook, shown: str, problems: list[Problem]) -> DistrictFiles | None:
    sheets = {_normal(name): workbook[name] for name in workbook.sheetnames}
    found = ", ".join(workbook.sheetnames)
    unit_sheet = _sheet(sheets, UNIT_SHEET)
    observation_sheet = _sheet(sheets, OBSERVATIONS_SHEET)
    for wanted, sheet in ((UNIT_SHEET, unit_sheet), (OBSERVATIONS_SHEET, observation_sheet)):
        if sheet is None:
            problems.append(Problem(shown, 1, "sheet", f"no sheet named '{wanted[0]}' (found: {found}); start from the template",
                                    "missing_sheet", {"value": wanted[0], "found": found}))
    if unit_sheet is None or observation_sheet is None:
        return None
    header = _district_header(unit_sheet, f"{shown} › {unit_sheet.title}", problems)
    source_sheet = _sheet(sheets, SOURCES_SHEET)
    sources = _table(source_sheet, f"{shown} › {source_sheet.title}", SOURCE_COLUMNS, problems) if source_sheet else []
    for record in sources:
        if "date_about" in record.data:
            record.data.setdefault("date", None)  # a blank date cell beside date_about is the YAML's `date: null`
    observations = unfilled_rows_dropped(_table(observation_sheet, f"{shown} › {observation_sheet.title}",
                                                OBSERVATION_COLUMNS + TEMPLATE_ONLY_COLUMNS, problems))
    for record in observations:
        for column in TEMPLATE_ONLY_COLUMNS:
            record.data.pop(column, None)
    return DistrictFiles("", header, observations, sources)


class _SheetTooLarge(Exception):
    """Raised after the problem is recorded: nothing more of the workbook is read."""


def _rows(sheet, where: str, problems: list[Problem]):
    """(row number, cells) of a sheet, read lazily and refused past MAX_SHEET_ROWS rows or MAX_SHEET_COLUMNS
    columns. The sheet's declared size is believed when it is too large, never when it is small: openpyxl yields
    rows up to the last one present in the file, so reaching row MAX_SHEET_ROWS + 1 means there is more, and the
    reading stops there instead of walking a million empty rows to a cell in the last one."""
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > MAX_SHEET_ROWS or declared_columns > MAX_SHEET_COLUMNS:
        _sheet_too_large(where, declared_rows, declared_columns, problems)
    for number, cells in enumerate(sheet.iter_rows(min_row=1, max_col=MAX_SHEET_COLUMNS + 1), start=1):
        if number > MAX_SHEET_ROWS:
            _sheet_too_large(where, number, len(cells), problems)
        if len(cells) > MAX_SHEET_COLUMNS and cells[MAX_SHEET_COLUMNS].value is not None:
            _sheet_too_large(where, number, MAX_SHEET_COLUMNS + 1, problems)
        yield number, cells[:MAX_SHEET_COLUMNS]


def _sheet_too_large(where: str, rows: int, columns: int, problems: list[Problem]):
    problems.append(Problem(where, min(rows, MAX_SHEET_ROWS + 1), "sheet",
                            f"the sheet reaches row {rows} and column {columns}; at most {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns",
                            "sheet_too_large", {"rows": rows, "columns": columns, "row_limit": MAX_SHEET_ROWS,
                                                "column_limit": MAX_SHEET_COLUMNS}))
    raise _SheetTooLarge


def _normal(name: str) -> str:
    return nfc(name).strip().casefold()


def _sheet(sheets: dict, names: tuple[str, ...]):
    return next((sheets[_normal(name)] for name in names if _normal(name) in sheets), None)


def _cell_value(cell, row: int, where: str, column: str, problems: list[Problem]) -> object:
    value = cell.value
    if cell.data_type == "f":
        problems.append(Problem(where, row, column, f"cell {cell.coordinate} holds a formula ({str(value)[:30]}); type the value itself",
                                "formula_cell", {"cell": cell.coordinate, "value": str(value)[:30]}))
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = nfc(value).strip()
        return value or None
    return value


def _district_header(sheet, where: str, problems: list[Problem]) -> Located:
    """The district sheet is two columns, field and value (a third, the explanation, is ignored)."""
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    communes: dict[str, Any] = {}
    for number, row in _rows(sheet, where, problems):
        if len(row) < 2 or row[0].value is None:
            continue
        key = _header_key(row[0].value)
        value = _cell_value(row[1], number, where, key, problems)
        if key in DISTRICT_FIELDS:
            data[key], lines[key] = value, number
        elif key in COMMUNE_FIELDS and value is not None:
            communes[COMMUNE_FIELDS[key]] = str(value) if COMMUNE_FIELDS[key] == "period" else value
            lines.setdefault("communes", number)
    if communes:
        data["communes"] = communes
    return Located(data, where, min(lines.values(), default=1), lines)


def _header_key(label: object) -> str:
    text = str(label).strip()
    match = _LABELLED_HEADER.search(text)
    return match.group(1) if match else text


def _table(sheet, where: str, columns: tuple[str, ...], problems: list[Problem]) -> list[Located]:
    rows = _rows(sheet, where, problems)
    _, header_row = next(rows, (1, None))
    if header_row is None:
        return []
    header = [(_header_key(cell.value) if cell.value is not None else None) for cell in header_row]
    unknown = [name for name in header if name is not None and name not in columns]
    if unknown:
        problems.append(Problem(where, 1, "header", f"unknown column(s) {', '.join(unknown)}; allowed: {', '.join(columns)}",
                                "unknown_columns", {"value": ", ".join(unknown), "expected": ", ".join(columns)}))
        return []
    records = []
    for line, row in rows:
        data = {}
        for name, cell in zip(header, row):
            if name is not None:
                value = _cell_value(cell, line, where, name, problems)
                if name == "period" and value is not None:
                    value = str(value)
                data[name] = value
        if all(value is None for value in data.values()):
            continue
        records.append(Located({k: v for k, v in data.items() if v is not None}, where, line, {k: line for k in data}))
    return records
