"""Templates officials fill in to add or update a district: XLSX (the main one), CSV and YAML.

Every template lists the catalogue's indicators with their unit, so an official fills in values, periods and quotes
and leaves the rest blank (blank rows are not data). The XLSX can also come pre-filled with a district's saved
figures, which is how an existing district is updated: download, edit, upload.
"""

from __future__ import annotations

import csv
import io
from typing import get_args

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from i18n import t
from loaders.dataset import Dataset
from loaders.read import OBSERVATION_COLUMNS
from loaders.validate import COMMUNES_INDICATOR
from loaders.upload import (COMMUNE_FIELDS, DISTRICT_FIELDS, UNIT_SHEET, OBSERVATIONS_SHEET, SOURCE_COLUMNS,
                            SOURCES_SHEET, TEMPLATE_ONLY_COLUMNS)

from loaders.formulas import neutralise
from loaders.models import Language, Level, Qualifier, SourceKind, Unit, UnitKindName

TEMPLATE_COLUMNS = ("indicator", "indicator_name", "value", "unit", "period", "level", "commune", "qualifier", "source",
                    "quote", "note", "printed", "locator", "stated")
assert set(TEMPLATE_COLUMNS) == set(OBSERVATION_COLUMNS) | set(TEMPLATE_ONLY_COLUMNS)
TEMPLATE_WIDTHS = [30, 40, 14, 10, 18, 18, 18, 12, 22, 80, 30, 14, 30, 10]  # column widths of the figures and example sheets
INDICATOR_SHEET = ("Chỉ tiêu", "Indicators")
GUIDE_SHEET = ("Hướng dẫn", "Guide")
EXAMPLE_SHEET = ("Ví dụ", "Example")
# the drop-down lists of the template's cells: the values the data format accepts (loaders.models), said once
CHOICES = {"unit": get_args(Unit), "level": get_args(Level), "qualifier": get_args(Qualifier), "kind": get_args(SourceKind),
           "language": get_args(Language)}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_FILLED = PatternFill("solid", fgColor="FFF2CC")


def _sheet_name(names: tuple[str, str], lang: str) -> str:
    return names[1] if lang == "en" else names[0]


def _label(column: str, lang: str) -> str:
    """A header cell: readable name plus the column id the importer reads, e.g. 'Giá trị (value)'."""
    name = t(f"templates.col_{column}", lang)
    return f"{name} ({column})"


def _header(sheet, labels: list[str], widths: list[int]) -> None:
    sheet.append(labels)
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _choice_list(sheet, column: str, columns: tuple[str, ...], rows: int = 2000) -> None:
    letter = get_column_letter(columns.index(column) + 1)
    validation = DataValidation(type="list", formula1='"' + ",".join(CHOICES[column]) + '"', allow_blank=True)
    validation.add(f"{letter}2:{letter}{rows}")
    sheet.add_data_validation(validation)


def _observation_rows(dataset: Dataset, district: str | None, lang: str) -> list[dict]:
    """The district's saved observations (if any) then one blank row per indicator it does not report yet.
    The number of communes is not among them: it has its own rows in the district sheet."""
    rows, reported = [], set()
    for row in dataset.observations:
        o = row.observation
        if district and row.district == district and o.indicator != COMMUNES_INDICATOR:
            reported.add(o.indicator)
            rows.append({**o.model_dump(), "indicator_name": _name(dataset, o.indicator, lang)})
    for indicator in dataset.indicators.values():
        if indicator.id not in reported and indicator.id != COMMUNES_INDICATOR:
            rows.append({"indicator": indicator.id, "indicator_name": _name(dataset, indicator.id, lang), "unit": indicator.unit})
    return rows


def _name(dataset: Dataset, indicator: str, lang: str) -> str:
    item = dataset.indicators[indicator]
    return item.name_en if lang == "en" else item.name_vi


def xlsx_template(dataset: Dataset, lang: str = "vi", district: str | None = None) -> bytes:
    """The XLSX template, blank or pre-filled with a saved district's figures."""
    book = Workbook()
    guide = book.active
    guide.title = _sheet_name(GUIDE_SHEET, lang)
    for key in ("guide_1", "guide_2", "guide_3", "guide_4", "guide_5", "guide_6", "guide_7"):
        guide.append([t(f"templates.{key}", lang)])
    guide.column_dimensions["A"].width = 140

    header_values = _district_values(dataset, district)
    sheet = book.create_sheet(_sheet_name(UNIT_SHEET, lang))
    _header(sheet, [t("templates.field", lang), t("templates.value", lang), t("templates.explanation", lang)], [28, 50, 90])
    for name in DISTRICT_FIELDS + tuple(COMMUNE_FIELDS):
        sheet.append([_label(name, lang), neutralise(header_values.get(name)), t(f"templates.help_{name}", lang)])
    kinds = DataValidation(type="list", formula1='"' + ",".join(get_args(UnitKindName)) + '"', allow_blank=True)
    kinds.add(f"B{DISTRICT_FIELDS.index('kind') + 2}")
    sheet.add_data_validation(kinds)

    sheet = book.create_sheet(_sheet_name(SOURCES_SHEET, lang))
    _header(sheet, [_label(c, lang) for c in SOURCE_COLUMNS], [22, 50, 40, 16, 14, 10, 40, 24, 18, 30, 10])
    for source in _district_sources(dataset, district):
        sheet.append([neutralise(source.get(c)) for c in SOURCE_COLUMNS])
    for column in ("kind", "language"):
        _choice_list(sheet, column, SOURCE_COLUMNS, rows=200)

    sheet = book.create_sheet(_sheet_name(OBSERVATIONS_SHEET, lang))
    _header(sheet, [_label(c, lang) for c in TEMPLATE_COLUMNS], TEMPLATE_WIDTHS)
    for row in _observation_rows(dataset, district, lang):
        sheet.append([neutralise(row.get(c)) for c in TEMPLATE_COLUMNS])
        if row.get("value") is not None:
            for cell in sheet[sheet.max_row][2:3]:
                cell.fill = _FILLED
    for column in ("unit", "level", "qualifier"):
        _choice_list(sheet, column, TEMPLATE_COLUMNS)

    sheet = book.create_sheet(_sheet_name(INDICATOR_SHEET, lang))
    columns = ("id", "name", "unit", "theme", "definition", "target")
    _header(sheet, [t(f"templates.catalogue_{c}", lang) for c in columns], [30, 45, 10, 28, 90, 14])
    themes = {theme.id: (theme.name_en if lang == "en" else theme.name_vi) for theme in dataset.themes}
    for item in dataset.indicators.values():
        sheet.append([item.id, item.name_en if lang == "en" else item.name_vi, item.unit, themes.get(item.theme, item.theme),
                      item.definition_en if lang == "en" else item.definition_vi, item.target.value if item.target else None])

    sheet = book.create_sheet(_sheet_name(EXAMPLE_SHEET, lang))
    _header(sheet, [_label(c, lang) for c in TEMPLATE_COLUMNS], TEMPLATE_WIDTHS)
    for example in EXAMPLES:
        sheet.append([example.get(c) for c in TEMPLATE_COLUMNS])

    book.active = 2 if district else 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Real rows from the Lâm Bình report, to show how a figure, its period and its quote go together.
EXAMPLES = (
    {"indicator": "dossiers_received", "indicator_name": "Số hồ sơ TTHC tiếp nhận", "value": 25250, "unit": "count",
     "period": "2022", "level": "district", "source": "lam-binh-2022",
     "quote": "tính từ tháng 01 năm 2022 đến tháng 12 năm 2022, Uỷ ban nhân dân huyện đã tiếp nhận và giải quyết 25.250 hồ sơ"},
    {"indicator": "dossiers_online", "indicator_name": "Số hồ sơ tiếp nhận trực tuyến", "value": 1973, "unit": "count",
     "period": "2022", "level": "district", "source": "lam-binh-2022",
     "quote": "Số hồ sơ tiếp nhận và giải quyết trực tuyến là 1.973 hồ sơ"},
    {"indicator": "portal_posts", "value": 1000, "unit": "count", "period": "2022", "level": "district",
     "qualifier": "approx", "source": "lam-binh-2022",
     "quote": "Trong năm 2022, Cổng thông tin điện tử của huyện đã đăng tải khoảng 1.000 tin, bài"},
)


def _district_values(dataset: Dataset, district: str | None) -> dict:
    found = next((d for d in dataset.districts if d.slug == district), None)
    if found is None:
        return {}
    values = {"district": found.name, "kind": found.kind, "unit_id": found.unit_id, "slug": found.slug,
              "province": found.province, "province_2025": found.province_2025}
    communes = next((r for r in dataset.observations
                     if r.district == district and r.observation.indicator == COMMUNES_INDICATOR), None)
    if communes is not None and found.communes is not None:
        o = communes.observation
        values.update({"communes": found.communes, "communes_source": o.source, "communes_quote": o.quote,
                       "communes_period": o.period})
    return values


def _district_sources(dataset: Dataset, district: str | None) -> list[dict]:
    if not district:
        return []
    used = {row.observation.source for row in dataset.observations if row.district == district}
    # Undated sources too (with date_about and date_basis): a commune's public pages are declared in its own file,
    # not the registry, so leaving them out would make its pre-filled template cite unknown sources.
    return [source.model_dump() for source in dataset.sources.values() if source.id in used]


def csv_template(dataset: Dataset, lang: str = "vi") -> bytes:
    """Observations only (a CSV belongs to a district chosen on upload): one row per catalogue indicator."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for row in _observation_rows(dataset, None, lang):
        writer.writerow([row.get(c) or "" for c in TEMPLATE_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read Vietnamese correctly


def yaml_template(dataset: Dataset, lang: str = "vi") -> bytes:
    lines = [f"# {line}" for line in t("templates.yaml_intro", lang).splitlines()]
    lines += [
        "district: Tên huyện",
        "slug: ten-huyen",
        "province: Tên tỉnh",
        "province_2025: Tên tỉnh sau sắp xếp 2025",
        "communes:",
        "  value: 10",
        "  source: ten-huyen-2024",
        '  quote: "… 10/10 xã, thị trấn …"',
        "  period: asof 2024",
        "sources:",
        "  - id: ten-huyen-2024",
        "    title: Báo cáo kết quả chuyển đổi số năm 2024",
        "    issuer: Ủy ban nhân dân huyện …",
        "    number: 123/BC-UBND",
        "    date: 2024-12-20",
        "    kind: official_report",
        "observations:",
        "  - indicator: dossiers_received",
        "    value: 25250",
        "    unit: count",
        '    period: "2024"',
        "    level: district",
        "    source: ten-huyen-2024",
        '    quote: "… đã tiếp nhận và giải quyết 25.250 hồ sơ …"',
        "",
        f"# {t('templates.yaml_indicators', lang)}",
    ]
    for item in dataset.indicators.values():
        lines.append(f"#   {item.id:<40} {item.unit:<8} {item.name_en if lang == 'en' else item.name_vi}")
    return ("\n".join(lines) + "\n").encode("utf-8")
