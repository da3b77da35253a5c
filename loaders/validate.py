"""Validate raw records from data/ into a Dataset, collecting every problem before failing."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from .dataset import Dataset, District, ObservationRow
from .derive import derive_all
from .models import INVISIBLE_IN_NAMES, PUBLIC_PAGE, Framework, Indicator, Observation, Source, Theme, UnitHeader
from .problems import Problem, ValidationFailed, shown_value
from .province_index import read_province_index
from .periods import UNSTATED_PERIOD
from .read import PROVINCE_INDEX_DIR, Located, RawData, read_data_dir

Model = TypeVar("Model", bound=BaseModel)
DistrictHeader = UnitHeader  # the older name, for callers of the district-only format
COMMUNES_INDICATOR = "communes"


def _message(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] == "missing":
        return "required field is missing"
    return error["msg"].removeprefix("Value error, ")


def _key_line(mapping: dict, key_lines: dict, part: object) -> tuple[object, int | None]:
    """The key of ``mapping`` that a pydantic location part names (pydantic spells a None key 'None') and its line."""
    if part in key_lines:
        return part, key_lines[part]
    for key, line in key_lines.items():
        if str(key) == str(part):
            return key, line
    return None, None


def line_at(record: Located, loc: tuple) -> int:
    """The line of the deepest part of a pydantic location the file records: a catalogue target's `value:` line,
    not its indicator's; an odd key's own line, not the header's."""
    line = record.line_of(None)
    node: object = record.data
    key_lines: dict = record.key_lines
    for part in loc:
        if isinstance(node, dict):
            key, found = _key_line(node, key_lines, part)
            if found is None:
                break
            line, node = found, node.get(key)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            line = getattr(node, "line", line)
        else:
            break
        key_lines = getattr(node, "key_lines", {})
    return line


def parse_record(model: type[Model], record: Located, problems: list[Problem]) -> Model | None:
    try:
        return model.model_validate(record.data)
    except ValidationError as error:
        for detail in error.errors():
            path = ".".join(str(part) for part in detail["loc"]) or "record"
            params = {key: shown_value(value) for key, value in (detail.get("ctx") or {}).items()}
            if not isinstance(detail.get("input"), (dict, list)):
                params.setdefault("value", shown_value(detail.get("input")))
            code, message = detail["type"], _message(detail)
            if code == "too_long" and isinstance(detail.get("input"), str):
                # pydantic counts "items" of a text behind a validator; say it in characters, as the YAML reader
                # does (a 32,767-character cell is what Excel leaves of a longer text)
                length, limit = len(detail["input"]), (detail.get("ctx") or {}).get("max_length")
                code, message = "text_too_long", f"a text of {length} characters; at most {limit}"
                params = {"value": length, "limit": limit}
            problems.append(Problem(record.file, line_at(record, detail["loc"]), path, message, code, params))
        return None


def _unique_by_id(model: type[Model], records: list[Located], what: str, problems: list[Problem]) -> dict[str, Model]:
    parsed: dict[str, Model] = {}
    for record in records:
        item = parse_record(model, record, problems)
        if item is None:
            continue
        if item.id in parsed:
            problems.append(Problem(record.file, record.line_of("id"), "id", f"{what} '{item.id}' is defined twice",
                                    "defined_twice", {"value": item.id}))
            continue
        parsed[item.id] = item
    return parsed


@lru_cache(maxsize=4096)
def _close_matches(name: str, known: tuple[str, ...]) -> list[str]:
    # once per name: a file of 10,000 figures naming one unknown indicator costs one difflib search, not 10,000
    return difflib.get_close_matches(name, known, n=1)


def _unknown(kind: str, name: str, known: list[str]) -> str:
    close = _close_matches(name, tuple(known))
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown {kind} '{name}'{hint}"


def _unknown_problem(record: Located, key: str, field: str, kind: str, name: str, known: list[str]) -> Problem:
    close = _close_matches(name, tuple(known))
    return Problem(record.file, record.line_of(key), field, _unknown(kind, name, known), f"unknown_{kind}",
                   {"value": name, "suggestion": close[0] if close else ""})


# A number as written in a quote, with the percent sign or words after it when there are any.
_NUMBER_TOKEN = re.compile(r"(?<![\d.,])(\d[\d.,]*\d|\d)(?:\s?(%|phần trăm|percent))?")
# Thousands separators stand between groups of exactly three digits; the decimal mark comes once, after them.
_READINGS = {
    "vi": re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$"),
    "en": re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$"),
}
_MARKS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)


def _readings(token: str) -> set[float]:
    """The values a number token can be in Vietnamese (25.250; 99,86) or English (25,250; 99.86): none for 19,7,3."""
    values = set()
    for language, pattern in _READINGS.items():
        if pattern.match(token):
            thousands, decimal = _MARKS[language]
            values.add(float(token.replace(thousands, "").replace(decimal, ".")))
    return values


def value_appears_in(value: float, quote: str, unit: str | None = None) -> bool:
    """Whether the quote writes the value as one number, in Vietnamese or English format, and, for a percent,
    with its percent sign: 1973 is not in "19,73%", nor 99.86 in "99,86 hồ sơ"."""
    for match in _NUMBER_TOKEN.finditer(quote):
        if unit == "percent" and match.group(2) is None:
            continue
        if any(abs(reading - value) < 1e-9 for reading in _readings(match.group(1))):
            return True
    return False


def _check_catalogue(indicators: dict[str, Indicator], records: list[Located], themes, frameworks, problems):
    by_id = {r.data.get("id"): r for r in records}
    for indicator in indicators.values():
        record = by_id[indicator.id]
        if indicator.theme not in themes:
            problems.append(_unknown_problem(record, "theme", "theme", "theme", indicator.theme, list(themes)))
        if indicator.framework and indicator.framework not in frameworks:
            problems.append(_unknown_problem(record, "framework", "framework", "framework", indicator.framework,
                                             list(frameworks)))
        if indicator.derived:
            for part in indicator.derived.numerator_parts + indicator.derived.denominator_parts:
                if part not in indicators:
                    problems.append(_unknown_problem(record, "derived", "derived", "indicator", part, list(indicators)))
        if indicator.unit == "percent" and indicator.target and not 0 <= indicator.target.value <= 100:
            target = record.data.get("target")
            line = target.line_of("value") if hasattr(target, "line_of") else record.line_of("target")
            problems.append(Problem(record.file, line, "target.value",
                                    f"{indicator.target.value:g} is outside 0–100 for a percent target",
                                    "percent_out_of_range", {"value": f"{indicator.target.value:g}"}))


def web_address(url: str) -> bool:
    """An address a page may show as text and a person may open: http or https with a host, nothing else (no
    javascript:, data:, file:, no scheme-relative //host)."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in url.strip())


def _check_urls(records: list[Located], problems: list[Problem]) -> None:
    for record in records:
        url = record.data.get("url")
        if isinstance(url, str) and url.strip() and not web_address(url):
            problems.append(Problem(record.file, record.line_of("url"), "url",
                                    f"'{shown_value(url)}' is not a web address (http:// or https://)", "bad_url",
                                    {"value": shown_value(url)}))


# What real pages print around a figure, and curators copy with it (issue 14 §3). A leading word that says the
# figure is a bound or an estimate, accepted only when the figure's `qualifier` records the same thing.
_QUALIFIER_WORDS = {
    "over": ("more than", "trên", "hơn", "over"),
    "nearly": ("gần", "nearly", "almost"),
    "approx": ("khoảng", "ước", "about", "some"),
}
# Multiplier words after the number: "3 nghìn", "2,5 triệu", "1,2 tỷ đồng", "2 billion VND".
_MULTIPLIERS = {"nghìn": 1e3, "ngàn": 1e3, "thousand": 1e3, "triệu": 1e6, "million": 1e6, "tỷ": 1e9, "tỉ": 1e9,
                "billion": 1e9}
_CURRENCY = ("đồng", "vnd", "vnđ")
_PRINTED_NUMBER = re.compile(r"(\d[\d.,]*\d|\d)")
_PRINTED_PERCENT = re.compile(r"\s?(?:%|phần trăm|per cent|percent)")
_PRINTED_FRACTION = re.compile(r"(\d[\d.,]*\d|\d)/(\d[\d.,]*\d|\d)")


# A small count printed as a word ("one ward-level team", "hai tổ"): pages write numbers under ten in words.
_NUMBER_WORDS = {word: float(n) for n, words in enumerate((
    (), ("one", "một"), ("two", "hai"), ("three", "ba"), ("four", "bốn", "tư"), ("five", "năm"), ("six", "sáu"),
    ("seven", "bảy", "bẩy"), ("eight", "tám"), ("nine", "chín"), ("ten", "mười"))) for word in words}


def _same(reading: float, value: float) -> bool:
    return abs(reading - value) <= 1e-9 * max(1.0, abs(value))


def _reads_plainly(text: str, value: float, unit: str | None) -> bool:
    """'1.973', '85,63%', '99.3 per cent', '2,5 triệu', '1,2 tỷ đồng', '14/14' (the value one of its numbers), a count
    under eleven in words ('one', 'hai')."""
    fraction = _PRINTED_FRACTION.fullmatch(text)
    if fraction is not None:
        return unit != "percent" and any(_same(reading, value) for side in fraction.groups()
                                         for reading in _readings(side))
    if text.lower() in _NUMBER_WORDS:
        return unit not in ("percent", "vnd") and _same(_NUMBER_WORDS[text.lower()], value)
    number = _PRINTED_NUMBER.match(text)
    if number is None:
        return False
    readings = _readings(number.group(1))
    rest = text[number.end():]
    if unit == "percent":
        percent = _PRINTED_PERCENT.fullmatch(rest)
        return percent is not None and any(_same(reading, value) for reading in readings)
    words = rest.split()
    scale = 1.0
    if words and words[0].lower() in _MULTIPLIERS:
        scale = _MULTIPLIERS[words.pop(0).lower()]
    if words and unit == "vnd" and words[0].lower() in _CURRENCY:
        words.pop(0)
    if words or (rest and not rest[0].isspace()):
        return False
    return any(_same(reading * scale, value) for reading in readings)


def printed_reads_as(printed: str, value: float, unit: str | None, qualifier: str | None = None) -> bool:
    """Whether a number as printed on a page parses, in Vietnamese or English format, to the value: '1.973',
    '85,63%' (a percent with its sign or the words), '25,250', '3 nghìn', '2 billion VND', '14/14' or '59/64' (the
    value one of the two numbers), with a leading 'trên', 'gần', 'khoảng', 'more than' … only when the figure's
    qualifier records it. Everything else is refused."""
    text = re.sub(r"\s+", " ", printed.strip())
    if _reads_plainly(text, value, unit):
        return True
    for word in _QUALIFIER_WORDS.get(qualifier or "", ()):
        if text.lower().startswith(word + " ") and _reads_plainly(text[len(word) + 1:], value, unit):
            return True
    return False


def _check_provenance(row: Observation, record: Located, source: Source | None, unit: str | None,
                      problems: list[Problem]) -> bool:
    """Own documents keep the verbatim sentence; a public page's figure keeps the number as printed and where it
    stands, never a sentence copied from the page (issue 14 §3)."""
    def problem(field: str, message: str, code: str, **params) -> None:
        problems.append(Problem(record.file, record.line_of(field), field, message, code,
                                {key: shown_value(value) for key, value in params.items()}))

    if source is not None and source.kind == PUBLIC_PAGE:
        ok = True
        if row.quote is not None:
            problem("quote", "a figure of a public page keeps no quote from it: write `printed` and `locator`",
                    "quote_from_public_page")
            ok = False
        if row.printed is None:
            problem("printed", "a figure of a public page needs `printed`: the number exactly as the page prints it",
                    "printed_missing")
            ok = False
        elif not printed_reads_as(row.printed, row.value, unit, row.qualifier):
            problem("printed", f"'{row.printed}' does not read as {row.value:g}", "printed_not_value",
                    value=row.printed, expected=f"{row.value:g}")
            ok = False
        if row.locator is None:
            problem("locator", "a figure of a public page needs `locator`: the heading or paragraph it stands under",
                    "locator_missing")
            ok = False
        return ok
    if row.quote is None:
        problems.append(Problem(record.file, record.line_of("quote"), "quote", "required field is missing", "missing"))
        return False
    if row.printed is not None or row.locator is not None:
        field = "printed" if row.printed is not None else "locator"
        problem(field, "printed and locator are for figures of public pages; this source's figures keep their quote",
                "printed_for_own_document")
        return False
    if not value_appears_in(row.value, row.quote, unit):
        problems.append(Problem(record.file, record.line_of("quote"), "quote", f"the quote does not contain the value {row.value:g}",
                                "quote_without_value", {"value": f"{row.value:g}"}))
        return False
    return True


def _check_observation(row: Observation, record: Located, indicators, sources, problems: list[Problem]) -> bool:
    ok = True
    indicator = indicators.get(row.indicator)
    if indicator is None:
        problems.append(_unknown_problem(record, "indicator", "indicator", "indicator", row.indicator, list(indicators)))
        ok = False
    if row.source not in sources:
        problems.append(_unknown_problem(record, "source", "source", "source", row.source, list(sources)))
        ok = False
    if indicator is not None:
        if row.unit != indicator.unit:
            problems.append(Problem(record.file, record.line_of("unit"), "unit", f"'{row.unit}' does not match the catalogue unit '{indicator.unit}' of {indicator.id}",
                                    "unit_mismatch", {"value": row.unit, "expected": indicator.unit, "indicator": indicator.id}))
            ok = False
        if indicator.unit == "percent" and not 0 <= row.value <= 100:
            problems.append(Problem(record.file, record.line_of("value"), "value", f"{row.value:g} is outside 0–100 for a percent",
                                    "percent_out_of_range", {"value": f"{row.value:g}"}))
            ok = False
        if indicator.unit in ("count", "vnd") and (row.value < 0 or row.value != int(row.value)):
            problems.append(Problem(record.file, record.line_of("value"), "value", f"{row.value:g} is not a whole, non-negative {indicator.unit}; write it without thousands separators (25250, not 25.250)",
                                    "not_whole_count", {"value": f"{row.value:g}"}))
            ok = False
        if row.stated and indicator.derived is None:
            problems.append(Problem(record.file, record.line_of("stated"), "stated", f"{indicator.id} is not a derived indicator: a typed figure of it is the figure, not a stated rate",
                                    "stated_not_derived", {"indicator": indicator.id}))
            ok = False
    if row.commune and (invisible := INVISIBLE_IN_NAMES.search(row.commune)) is not None:
        # a commune is named on every bar and row: two that look identical must not be two communes
        code_point = f"U+{ord(invisible.group()):04X}"
        problems.append(Problem(record.file, record.line_of("commune"), "commune",
                                f"holds the invisible character {code_point}", "control_character",
                                {"value": code_point}))
        ok = False
    if row.level == "commune" and not row.commune:
        problems.append(Problem(record.file, record.line_of("level"), "commune", "level commune needs the commune's name in `commune`",
                                "commune_missing"))
        ok = False
    if not _check_provenance(row, record, sources.get(row.source), indicator.unit if indicator else row.unit, problems):
        ok = False
    return ok


@dataclass(frozen=True)
class UnitFacts:
    """What the build needs of the administrative unit a file is about (from the units table)."""

    unit_id: str | None
    kind: str
    subtype: str | None


@lru_cache(maxsize=1)
def unit_data():
    """Both eras' units and their lineage, read once per process from the pinned package (loaders/units.py)."""
    from .units import read_units

    return read_units()


@lru_cache(maxsize=1)
def _unit_registry():
    """The units of both eras, and by id."""
    units = unit_data().units
    return units, {unit.id: unit for unit in units}


def _across_the_reform(unit_id: str) -> str:
    """The unit an id names across the reform: today's id for a province the reform left as it was
    (``domain.units.unchanged_provinces``), the id itself for every other unit."""
    return _unchanged_provinces().get(unit_id, unit_id)


@lru_cache(maxsize=1)
def _unchanged_provinces() -> dict[str, str]:
    from domain.units import unchanged_provinces

    return unchanged_provinces(unit_data().lineage)


@lru_cache(maxsize=1)
def _districts_by_slug() -> dict[tuple[str, str], list]:
    """Pre-reform districts by (province id, name slug): resolving a district-only file's slug costs a lookup, not
    a scan of 14,000 units (a national data folder has 705 of them)."""
    from domain.units import UnitKind

    index: dict[tuple[str, str], list] = {}
    for unit in _unit_registry()[0]:
        if unit.kind is UnitKind.DISTRICT:
            index.setdefault((unit.parent_id, unit.name_slug), []).append(unit)
    return index


def _province_name(by_id, unit) -> str | None:
    province = by_id.get(unit.province_id)
    return province.name_vi if province is not None else None


def _unit_facts(header: UnitHeader, record: Located, problems: list[Problem]) -> UnitFacts | None:
    """Check the header's unit against the units table: it exists, has the header's kind, name and province. A file
    of the district-only format names no unit id: it is resolved from slug and province where it can be, and then
    checked the same way, because a save writes the resolved id into the file (store.unit_file) and the saved file
    must validate as the reviewed one did: a province 'Tuyen Quang!' that resolves Lâm Bình by its slug is refused
    at review, not first at save."""
    from domain.units import province_id

    units, by_id = _unit_registry()
    if header.unit_id is None:
        if header.kind != "district":
            problems.append(Problem(record.file, record.line_of("kind"), "unit_id", f"a {header.kind} file needs the unit_id of its unit (see docs/units.md)",
                                    "unit_id_missing", {"value": header.kind}))
            return None
        # domain.units.resolve_district_slug, through an index
        candidates = _districts_by_slug().get((province_id(header.province, pre_reform=True), header.slug), [])
        if len(candidates) != 1:
            return UnitFacts(None, "district", "huyen")  # a district the tables do not hold (contributed, invented)
        unit = candidates[0]
    else:
        unit = by_id.get(header.unit_id)
        if unit is None:
            close = difflib.get_close_matches(header.unit_id, list(by_id), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(Problem(record.file, record.line_of("unit_id"), "unit_id", f"unknown unit '{header.unit_id}'{hint}", "unknown_unit",
                                    {"value": shown_value(header.unit_id), "suggestion": close[0] if close else ""}))
            return None
    ok = True
    if str(unit.kind) != header.kind:
        problems.append(Problem(record.file, record.line_of("kind"), "kind", f"'{unit.id}' is a {unit.kind}, not a {header.kind}",
                                "unit_kind_mismatch", {"value": header.kind, "expected": str(unit.kind)}))
        ok = False
    if unicodedata.normalize("NFC", header.name) != unit.name_vi:
        problems.append(Problem(record.file, record.line_of("name"), "name", f"'{header.name}' is not the name of '{unit.id}' ({unit.name_vi})",
                                "unit_name_mismatch", {"value": header.name, "expected": unit.name_vi}))
        ok = False
    province = _province_name(by_id, unit)
    field = "province" if unit.pre_reform else "province_2025"
    if province is not None and getattr(header, field) != province:
        problems.append(Problem(record.file, record.line_of(field), field, f"'{getattr(header, field)}' is not the province of '{unit.id}' ({province})",
                                "unit_province_mismatch", {"value": getattr(header, field), "expected": province}))
        ok = False
    return UnitFacts(unit.id, str(unit.kind), str(unit.subtype)) if ok else None


def _district(files, indicators, sources, problems: list[Problem]) -> tuple[District | None, list[ObservationRow]]:
    if files.header is None:
        return None, []
    header = parse_record(UnitHeader, files.header, problems)
    if header is None:
        return None, []
    record = files.header
    if header.slug != files.slug_from_name:
        problems.append(Problem(record.file, record.line_of("slug"), "slug", f"'{header.slug}' must equal the file name '{files.slug_from_name}'",
                                "slug_mismatch", {"value": header.slug, "expected": files.slug_from_name}))
        return None, []
    facts = _unit_facts(header, record, problems)
    if facts is None:
        return None, []
    rows: list[ObservationRow] = []
    seen: dict[tuple, int] = {}
    if header.communes is not None:
        block = header.communes
        line = record.line_of("communes")
        if block.source not in sources:
            problems.append(_unknown_problem(Located({}, record.file, line), "source", "communes.source", "source",
                                             block.source, list(sources)))
        elif COMMUNES_INDICATOR not in indicators:
            problems.append(Problem(record.file, line, "communes", f"the catalogue has no '{COMMUNES_INDICATOR}' indicator",
                                    "catalogue_lacks_communes", {"value": COMMUNES_INDICATOR}))
        else:
            source = sources[block.source]
            written = record.data.get("communes")
            # each problem of the block at its own line (an impossible date at its `period:` line)
            block_lines = dict(getattr(written, "key_lines", {}))
            located = Located({
                "indicator": COMMUNES_INDICATOR, "value": block.value, "unit": indicators[COMMUNES_INDICATOR].unit,
                "period": block.period or (f"asof {source.date}" if source.date else UNSTATED_PERIOD), "level": "district",
                "source": block.source, "quote": block.quote,
            }, record.file, line, block_lines)
            observation = parse_record(Observation, located, problems)
            if observation and _check_observation(observation, located, indicators, sources, problems):
                rows.append(ObservationRow(header.slug, observation, record.file, line))
                seen[observation.key] = line
    for located in files.observations:
        observation = parse_record(Observation, located, problems)
        if observation is None or not _check_observation(observation, located, indicators, sources, problems):
            continue
        if observation.key in seen:
            problems.append(Problem(located.file, located.line, "observation", f"duplicate of the observation at line {seen[observation.key]} (same indicator, level, commune and period)",
                                    "duplicate_observation", {"line": seen[observation.key]}))
            continue
        seen[observation.key] = located.line
        rows.append(ObservationRow(header.slug, observation, located.file, located.line))
    district = District(header.slug, header.name, header.province, header.province_2025,
                        header.communes.value if header.communes else None, record.file,
                        unit_id=facts.unit_id, kind=facts.kind, subtype=facts.subtype)
    return district, rows


def validate_raw(raw: RawData, problems: list[Problem]) -> Dataset:
    themes = _unique_by_id(Theme, raw.themes, "theme", problems)
    frameworks = _unique_by_id(Framework, raw.frameworks, "framework", problems)
    indicators = _unique_by_id(Indicator, raw.indicators, "indicator", problems)
    source_records = raw.sources + [s for files in raw.districts for s in files.sources]
    sources = _unique_by_id(Source, source_records, "source", problems)
    _check_urls(source_records, problems)
    _check_catalogue(indicators, raw.indicators, themes, frameworks, problems)
    districts, observations = [], []
    files_of_unit: dict[str, str] = {}
    for files in raw.districts:
        district, rows = _district(files, indicators, sources, problems)
        # one unit, one file: two files of one unit would be compared with each other as two units. A province the
        # reform left as it was is one unit under both of its ids (docs/units.md), so its two eras are one file.
        unit = _across_the_reform(district.unit_id) if district is not None and district.unit_id else None
        if unit is not None and unit in files_of_unit:
            line = files.header.line_of("unit_id") if files.header else 1
            problems.append(Problem(district.file, line, "unit_id", f"unit '{district.unit_id}' already has the file {files_of_unit[unit]}",
                                    "unit_twice", {"value": district.unit_id, "expected": files_of_unit[unit]}))
            continue
        if district is not None:
            if unit is not None:
                files_of_unit[unit] = district.file
            districts.append(district)
            observations.extend(rows)
    dataset = Dataset(list(themes.values()), list(frameworks.values()), indicators, sources, districts, observations)
    dataset.derived = derive_all(dataset, problems)
    return dataset


def load_dataset(data_dir: Path) -> Dataset:
    """Read and validate every file under data_dir; raise ValidationFailed listing every problem."""
    raw, problems = read_data_dir(Path(data_dir))
    dataset = validate_raw(raw, problems)
    if (Path(data_dir) / PROVINCE_INDEX_DIR).is_dir():  # optional: a data folder may hold districts only
        dataset.province_index, index_problems = read_province_index(Path(data_dir))
        problems.extend(index_problems)
    if problems:
        raise ValidationFailed(problems)
    return dataset


def load_dataset_leniently(data_dir: Path, only: list[str] | None = None) -> Dataset:
    """Everything that validates, problems ignored, for all districts or only some: templates need the catalogue
    (and one district's figures) even when another district's file is broken, and without reading 705 files."""
    raw, problems = read_data_dir(Path(data_dir), only)
    return validate_raw(raw, problems)
