"""Deterministic synthetic data/ folders at benchmark scale: `python -m bench.synthetic SIZE OUT_DIR [--seed N]`.

The folder has the shape of the real data/ (docs/data-format.md): the real indicators.yaml copied byte for byte, an
empty sources.yaml, and for each unit `units/<slug>.yaml` (header with `name:` and `kind: district`, no `unit_id`
as for a contributed district the units table does not hold; its `communes:` block and its own `sources:`, one
report per year it reports on) beside `units/<slug>.csv` (its observations). It passes the project's own
validation: values within their unit's range, every quote contains its value written the Vietnamese way (25.250;
99,86), no derived indicator typed in, and every count that a percentage is derived from stays below its
denominator, so every derived rate lies within 0-100.

Units report part of the catalogue only, each figure for some of the five years 2021-2025, as real reports leave
figures out. Everything is drawn from one `random.Random(seed)` in a fixed order: the same seed gives byte-identical
files. The names are made up from Vietnamese syllables; the figures are made up too and mean nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_PATH = REPO_ROOT / "data" / "indicators.yaml"
SIZES = {"small": 50, "national": 705, "communes": 3321}
DEFAULT_SEED = 20261126
YEARS = (2021, 2022, 2023, 2024, 2025)
PROVINCES = 63
PROVINCES_2025 = 34
COMMUNES_INDICATOR = "communes"
CSV_COLUMNS = ("indicator", "value", "unit", "period", "level", "commune", "qualifier", "source", "quote", "note")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(_nfc(item) for item in items))


FIRST_SYLLABLES = _unique([
    "An", "Bảo", "Bình", "Cẩm", "Châu", "Chí", "Đại", "Đan", "Điện", "Đông", "Đức", "Gia", "Hà", "Hải", "Hàm",
    "Hòa", "Hoài", "Hoàng", "Hồng", "Hưng", "Hương", "Kiến", "Kim", "Kỳ", "Lạc", "Lâm", "Lập", "Long", "Lục", "Mai",
    "Minh", "Mỹ", "Nam", "Nghĩa", "Ngọc", "Nhơn", "Ninh", "Phong", "Phú", "Phúc", "Phước", "Quảng", "Quế", "Quỳnh",
    "Sơn", "Tam", "Tân", "Thạch", "Thanh", "Thạnh", "Thăng", "Thiệu", "Thuận", "Tiên", "Trà", "Triệu", "Trường",
    "Tuy", "Vạn", "Văn", "Việt", "Vĩnh", "Xuân", "Yên",
])
SECOND_SYLLABLES = _unique([
    "An", "Bắc", "Bình", "Cát", "Chánh", "Châu", "Điền", "Định", "Đông", "Đức", "Giang", "Hà", "Hải", "Hòa", "Hóa",
    "Hưng", "Hương", "Khê", "Lạc", "Lâm", "Lập", "Lễ", "Linh", "Lộc", "Long", "Lợi", "Lương", "Minh", "Mỹ", "Nam",
    "Nghĩa", "Ninh", "Phong", "Phú", "Phúc", "Phước", "Quan", "Quang", "Sơn", "Tài", "Tân", "Thạnh", "Thành",
    "Thiện", "Thịnh", "Thọ", "Thủy", "Tiến", "Trạch", "Trung", "Tường", "Uyên", "Vân", "Vinh", "Xuyên", "Yên",
])

# How each indicator's figures are made up. Kinds: ("count", lo, hi, scaled by the unit's size?, yearly growth lo,
# hi), ("per_commune", lo, hi), ("le_communes",) at most the number of communes, ("share", of, lo, hi) a rising
# share of another count, ("times", of, lo, hi) a multiple of another count, ("pct", lo, hi) a percent starting
# within lo-hi in 2021, ("vnd", lo, hi). Whether a figure is a flow (a calendar year, "2023") or a stock ("asof
# 2023") is the catalogue's `measure`, declared once in data/indicators.yaml.
# Indicators added to the catalogue later fall back on _default_spec.
SPECS: dict[str, tuple] = {
    "dossiers_received": ("count", 8000, 30000, True, 1.02, 1.15),
    "dossiers_online": ("share", "dossiers_received", 0.05, 0.5),
    "online_submission_payment_rate_combined": ("pct", 10, 60),
    "one_stop_software_communes": ("le_communes",),
    "portal_posts": ("count", 200, 1500, False, 0.95, 1.2),
    "digital_certificates": ("count", 80, 400, True, 1.0, 1.25),
    "personal_digital_signatures": ("count", 50, 300, True, 1.0, 1.25),
    "organisational_digital_signatures": ("per_commune", 1.0, 2.0),
    "document_system_accounts": ("count", 150, 800, True, 1.0, 1.15),
    "paper_reduction_rate": ("pct", 10, 60),
    "management_software_count": ("count", 3, 20, False, 1.0, 1.15),
    "community_teams_village_level": ("per_commune", 4, 12),
    "community_teams_commune_level": ("le_communes",),
    "community_team_members": ("times", "community_teams_village_level", 3, 6),
    "communes_with_teams": ("le_communes",),
    "cccd_eligible": ("count", 40000, 120000, True, 1.0, 1.02),
    "population": ("count", 50000, 160000, True, 1.0, 1.02),  # a district's residents; counts per 1,000 divide by it
    "cccd_collected": ("share", "cccd_eligible", 0.6, 0.9),
    "eid_accounts": ("share", "cccd_eligible", 0.1, 0.4),
    "vneid_activated": ("share", "cccd_eligible", 0.1, 0.4),
    "vneid_level2": ("share", "cccd_eligible", 0.05, 0.3),
    "vneid_level1": ("share", "cccd_eligible", 0.02, 0.15),
    "national_portal_accounts_created": ("count", 1000, 10000, True, 1.05, 1.4),
    "citizen_app_install_rate": ("pct", 10, 60),
    "residence_records_total": ("count", 30000, 150000, True, 1.0, 1.02),
    "residence_records_digitised": ("share", "residence_records_total", 0.3, 0.8),
    "vehicle_records_cleaned": ("count", 2000, 30000, True, 1.0, 1.2),
    "civil_status_records_digitised": ("count", 5000, 80000, True, 1.0, 1.2),
    "child_records_cleaned": ("count", 1000, 15000, True, 1.0, 1.2),
    "computers": ("count", 200, 1200, True, 1.0, 1.1),
    "staff_computer_rate": ("pct", 80, 100),
    "video_conference_points": ("per_commune", 1.0, 1.3),
    "online_conferences_hosted": ("count", 15, 120, False, 0.95, 1.2),
    "data_network_communes": ("le_communes",),
    "data_network_units": ("count", 15, 70, False, 1.0, 1.1),
    "smart_radio_stations": ("le_communes",),
    "fibre_villages": ("per_commune", 3, 10),
    "commune_scanner_rate": ("pct", 60, 100),
    "one_stop_equipment_spending": ("vnd", 300_000_000, 4_000_000_000),
    "dedicated_it_staff": ("count", 2, 15, False, 1.0, 1.1),
    "training_sessions": ("count", 3, 40, False, 0.9, 1.2),
    "training_participants_officials": ("count", 100, 2500, True, 0.9, 1.2),
    "training_participants_citizens": ("count", 300, 15000, True, 0.9, 1.3),
    "online_course_registrants": ("count", 200, 5000, True, 1.0, 1.4),
    "dx_day_events": ("le_communes",),
    "dx_day_participants": ("count", 300, 8000, True, 0.9, 1.3),
    "citizens_supported": ("count", 1000, 40000, True, 0.9, 1.3),
    "edocs_signed_rate": ("pct", 70, 98),
    "bank_account_rate": ("pct", 30, 70),
    "e_health_record_rate": ("pct", 40, 90),
    "steering_committee_members": ("count", 12, 30, False, 1.0, 1.05),
    "directive_documents": ("count", 3, 40, False, 0.8, 1.2),
}


def _default_spec(unit: str) -> tuple:
    if unit == "percent":
        return ("pct", 20, 85)
    if unit == "vnd":
        return ("vnd", 100_000_000, 2_000_000_000)
    return ("count", 10, 1000, True, 1.0, 1.2)


QUALIFIER_WORDS = {"approx": "khoảng ", "over": "trên ", "nearly": "gần "}
FLOW_WORDING = ("Năm {y}", "Trong năm {y}", "Tính từ tháng 01 năm {y} đến tháng 12 năm {y}")
STOCK_WORDING = ("Đến hết năm {y}", "Tính đến ngày 31/12/{y}", "Lũy kế đến cuối năm {y}")
LEVEL_WORDING = {"district": ("trên địa bàn huyện", "toàn huyện"), "commune_aggregate": ("tại các xã, thị trấn", "ở cấp xã")}
VERBS = ("đạt", "là", "ước đạt")


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    unit: str
    name_vi: str
    counts_vi: str | None
    period_kind: str  # flow | stock
    spec: tuple


@dataclass(frozen=True)
class Derivation:
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    scale: float


def _parts(side) -> tuple[str, ...]:
    return (side,) if isinstance(side, str) else tuple(side)


def read_catalogue(path: Path = CATALOGUE_PATH) -> tuple[list[CatalogueEntry], list[Derivation]]:
    """The indicators a unit may report (catalogue order; no derived ones, no `communes`) and the derivations."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries, derivations = [], []
    for item in document["indicators"]:
        if item.get("derived"):
            spec = item["derived"]
            derivations.append(Derivation(_parts(spec["numerator"]), _parts(spec["denominator"]), float(spec.get("scale", 1))))
            continue
        if item["id"] == COMMUNES_INDICATOR:
            continue
        spec = SPECS.get(item["id"]) or _default_spec(item["unit"])
        if item["unit"] == "percent" and spec[0] != "pct":
            spec = _default_spec("percent")
        period_kind = "flow" if item.get("measure") == "flow" else "stock"
        entries.append(CatalogueEntry(item["id"], item["unit"], _nfc(item["name_vi"]), item.get("counts_vi"),
                                      period_kind, spec))
    return entries, derivations


# ── numbers ─────────────────────────────────────────────────────────────────────────────────────────────────────
# Counts and amounts are ints; percents are ints in hundredths (9986 = 99.86%) so that no float is ever formatted.

def vietnamese_number(value: int, unit: str) -> str:
    """25250 -> 25.250; a percent in hundredths 9986 -> 99,86."""
    if unit != "percent":
        return f"{value:,}".replace(",", ".")
    whole, hundredths = divmod(value, 100)
    text = f"{whole:,}".replace(",", ".")
    return f"{text},{f'{hundredths:02d}'.rstrip('0')}" if hundredths else text


def plain_number(value: int, unit: str) -> str:
    """25250 -> 25250; a percent in hundredths 9986 -> 99.86 (the CSV form)."""
    if unit != "percent":
        return str(value)
    whole, hundredths = divmod(value, 100)
    return f"{whole}.{f'{hundredths:02d}'.rstrip('0')}" if hundredths else str(whole)


def _round_to_significant(value: int, digits: int = 2) -> int:
    if value < 10 ** digits:
        return value
    step = 10 ** (len(str(value)) - digits)
    return max(step, round(value / step) * step)


# ── units ───────────────────────────────────────────────────────────────────────────────────────────────────────

@dataclass
class Unit:
    slug: str
    name: str
    province: str
    province_2025: str
    communes: int
    villages: int
    factor: float  # size: scales counts


def _names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{a} {b}" for a in FIRST_SYLLABLES for b in SECOND_SYLLABLES if a != b]
    rng.shuffle(pairs)
    names = pairs[:count]
    round_ = 2
    while len(names) < count:  # more units than syllable pairs: number the second round
        names += [f"{name} {round_}" for name in pairs[: count - len(names)]]
        round_ += 1
    return names


def make_units(rng: random.Random, count: int) -> list[Unit]:
    # 63 provinces (34 after the 2025 merger) from 315 units on; fewer for a small set, about five units each.
    n_provinces = min(PROVINCES, max(2, count // 5))
    n_merged = max(1, round(n_provinces * PROVINCES_2025 / PROVINCES))
    provinces = _names(rng, n_provinces)
    # The 2025 merger: the first provinces keep their name, each of the others joins one of them.
    merged_into = list(range(n_merged)) + [rng.randrange(n_merged) for _ in range(n_provinces - n_merged)]
    assignment = list(range(n_provinces))[: min(count, n_provinces)]
    assignment += [rng.randrange(n_provinces) for _ in range(count - len(assignment))]
    rng.shuffle(assignment)
    units = []
    for n, (name, province) in enumerate(zip(_names(rng, count), assignment), start=1):
        communes = rng.randint(5, 30)
        units.append(Unit(
            slug=f"unit-{n:04d}", name=name, province=provinces[province],
            province_2025=provinces[merged_into[province]], communes=communes,
            villages=communes * rng.randint(4, 12), factor=communes / 15 * rng.uniform(0.7, 1.3),
        ))
    return units


# ── figures ─────────────────────────────────────────────────────────────────────────────────────────────────────

def _truth(rng: random.Random, unit: Unit, entries: list[CatalogueEntry], derivations: list[Derivation]) -> dict[str, list[int]]:
    """Every indicator's value for every year, consistent with each other (a numerator below its denominator)."""
    truth: dict[str, list[int]] = {}
    n_years = len(YEARS)
    dependent = [e for e in entries if e.spec[0] in ("share", "times")]
    for entry in [e for e in entries if e.spec[0] not in ("share", "times")] + dependent:
        kind, args = entry.spec[0], entry.spec[1:]
        flow = entry.period_kind == "flow"
        values: list[int] = []
        if kind == "count":
            lo, hi, scaled, g_lo, g_hi = args
            level = math.exp(rng.uniform(math.log(lo), math.log(hi))) * (unit.factor if scaled else 1)
            for _ in range(n_years):
                noise = rng.uniform(0.85, 1.15) if flow else 1.0
                values.append(max(0, round(level * noise)))
                level *= rng.uniform(g_lo, g_hi)
        elif kind == "per_commune":
            level = unit.communes * rng.uniform(*args)
            for _ in range(n_years):
                values.append(round(level))
                level *= rng.uniform(1.0, 1.08)
        elif kind == "le_communes":
            share = rng.uniform(0.2, 1.0)
            for _ in range(n_years):
                values.append(rng.randint(0, unit.communes) if flow else round(share * unit.communes))
                share = min(1.0, share + rng.uniform(0.05, 0.3))
        elif kind == "share":
            of, lo, hi = args
            base = truth.get(of) or [0] * n_years
            share = rng.uniform(lo, hi)
            for year in range(n_years):
                values.append(math.floor(share * base[year]))
                share = min(1.0, share + rng.uniform(0.0, 0.1))
        elif kind == "times":
            of, lo, hi = args
            base = truth.get(of) or [0] * n_years
            multiple = rng.uniform(lo, hi)
            values = [round(base[year] * multiple * rng.uniform(0.95, 1.05)) for year in range(n_years)]
        elif kind == "pct":
            lo, hi = args
            decimals = rng.choice((0, 0, 1, 2))
            step = 10 ** (2 - decimals)
            percent = rng.uniform(lo, hi)
            for _ in range(n_years):
                noisy = percent + (rng.uniform(-5, 5) if flow else 0.0)
                values.append(round(min(100.0, max(0.0, noisy)) * 100 / step) * step)
                percent = min(100.0, percent + rng.uniform(0, 10))
        elif kind == "vnd":
            lo, hi = args
            for _ in range(n_years):
                amount = math.exp(rng.uniform(math.log(lo), math.log(hi))) * unit.factor
                values.append(round(amount / 1_000_000) * 1_000_000)
        else:
            raise ValueError(f"unknown spec kind {kind!r} for {entry.id}")
        truth[entry.id] = values
    truth[COMMUNES_INDICATOR] = [unit.communes] * n_years
    for derivation in derivations:  # a percentage's numerator never above any part of its denominator
        if derivation.scale != 100:
            continue
        for year in range(n_years):
            bottoms = [truth[p][year] for p in derivation.denominator if p in truth]
            tops = [p for p in derivation.numerator if p in truth]
            top = sum(truth[p][year] for p in tops)
            if bottoms and top > min(bottoms):
                for part in tops:
                    truth[part][year] = truth[part][year] * min(bottoms) // top
    return truth


@dataclass
class Row:
    indicator: str
    value: int
    unit: str
    period: str
    level: str
    qualifier: str | None
    year: int
    quote: str
    note: str | None


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():  # an acronym (DTI, CCCD) keeps its capitals
        return text
    return text[:1].lower() + text[1:]


def _quote(rng: random.Random, entry: CatalogueEntry, value: int, year: int, level: str, qualifier: str | None) -> str:
    period = rng.choice(FLOW_WORDING if entry.period_kind == "flow" else STOCK_WORDING).format(y=year)
    where = rng.choice(LEVEL_WORDING[level])
    verb = rng.choice(VERBS)
    number = QUALIFIER_WORDS.get(qualifier, "") + vietnamese_number(value, entry.unit)
    if entry.unit == "percent":
        suffix = "%"
    elif entry.unit == "vnd":
        suffix = " đồng"
    else:
        suffix = f" {entry.counts_vi}" if entry.counts_vi else ""
    return f"{period}, {_lower_first(entry.name_vi)} {where} {verb} {number}{suffix}"


def unit_rows(rng: random.Random, unit: Unit, entries: list[CatalogueEntry], derivations: list[Derivation]) -> list[Row]:
    truth = _truth(rng, unit, entries, derivations)
    in_derivation = {p: True for d in derivations for p in d.numerator + d.denominator}
    # Which indicators this unit reports, and for which years.
    chosen = rng.sample(entries, round(rng.uniform(0.4, 0.8) * len(entries)))
    years: dict[str, list[int]] = {e.id: sorted(rng.sample(YEARS, rng.randint(2, 5))) for e in chosen}
    by_id = {e.id: e for e in entries}
    for derivation in derivations:  # a report that gives a numerator usually gives its denominator too
        given = [p for p in derivation.numerator if p in years]
        if given and rng.random() < 0.7:
            for part in derivation.numerator + derivation.denominator:
                if part in by_id and part not in years:
                    years[part] = list(years[given[0]])
    rows: list[Row] = []
    for entry in entries:  # catalogue order
        if entry.id not in years:
            continue
        level = "district"
        if entry.id not in in_derivation and rng.random() < 0.1:
            level = "commune_aggregate"
        for year in years[entry.id]:
            value = truth[entry.id][YEARS.index(year)]
            qualifier = None
            if entry.unit == "count" and entry.id not in in_derivation and value >= 100 and rng.random() < 0.06:
                qualifier = rng.choice(("approx", "over", "nearly"))
                value = _round_to_significant(value)
            period = str(year) if entry.period_kind == "flow" else f"asof {year}"
            note = "Tổng hợp từ báo cáo của các xã, thị trấn." if level == "commune_aggregate" else None
            rows.append(Row(entry.id, value, entry.unit, period, level, qualifier, year,
                            _quote(rng, entry, value, year, level, qualifier), note))
    return rows


# ── files ───────────────────────────────────────────────────────────────────────────────────────────────────────

def _q(text: str | None) -> str:
    """A YAML scalar: null, or a double-quoted string (JSON strings are valid YAML)."""
    return "null" if text is None else json.dumps(text, ensure_ascii=False)


def source_id(unit: Unit, year: int) -> str:
    return f"{unit.slug}-{year}"


def _source_lines(rng: random.Random, unit: Unit, year: int) -> list[str]:
    issued = f"{year + 1}-01-{rng.randint(5, 28):02d}"
    if rng.random() < 0.15:
        title = f"{unit.name}: kết quả chuyển đổi số năm {year}"
        issuer, number, kind = f"Cổng thông tin điện tử huyện {unit.name}", None, "news_article"
    else:
        title = f"Báo cáo kết quả thực hiện chuyển đổi số năm {year} của huyện {unit.name}"
        issuer, number, kind = f"UBND huyện {unit.name}", f"{rng.randint(1, 450)}/BC-UBND", "official_report"
    return [
        f"  - id: {source_id(unit, year)}",
        f"    title: {_q(title)}",
        f"    issuer: {_q(issuer)}",
        f"    number: {_q(number)}",
        f"    date: {_q(issued)}",
        f"    place: {_q(f'{unit.name}, {unit.province}')}",
        f"    kind: {kind}",
        "    url: null",
        "    language: vi",
    ]


def district_files(rng: random.Random, unit: Unit, rows: list[Row], seed: int) -> tuple[str, str]:
    """The text of <slug>.yaml and <slug>.csv."""
    used_years = sorted({row.year for row in rows})
    communes_year = used_years[-1]
    villages = vietnamese_number(unit.villages, "count")
    communes_quote = f"Toàn huyện có {unit.communes} xã, thị trấn với {villages} thôn, tổ dân phố"
    lines = [
        f"# Synthetic unit made by bench/synthetic.py (seed {seed}): made-up names and figures, not real data.",
        f"name: {_q(unit.name)}",
        "kind: district",
        f"slug: {unit.slug}",
        f"province: {_q(unit.province)}",
        f"province_2025: {_q(unit.province_2025)}",
        "communes:",
        f"  value: {unit.communes}",
        f"  source: {source_id(unit, communes_year)}",
        f"  quote: {_q(communes_quote)}",
        f"  period: asof {communes_year}",
        "sources:",
    ]
    for year in used_years:
        lines += _source_lines(rng, unit, year)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow((row.indicator, plain_number(row.value, row.unit), row.unit, row.period, row.level, "",
                         row.qualifier or "", source_id(unit, row.year), row.quote, row.note or ""))
    return "\n".join(lines) + "\n", buffer.getvalue()


def generate(size: str, out_dir: Path, seed: int = DEFAULT_SEED) -> dict:
    """Write a complete data folder of SIZES[size] units into out_dir (missing or empty); return a summary."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; one of {', '.join(SIZES)}")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty; generate into a new folder")
    district_dir = out_dir / "units"
    district_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    entries, derivations = read_catalogue()
    shutil.copyfile(CATALOGUE_PATH, out_dir / "indicators.yaml")
    sources_text = "# Synthetic data: every unit declares its own reports in its district file.\nsources: []\n"
    (out_dir / "sources.yaml").write_bytes(sources_text.encode("utf-8"))
    total_bytes = (out_dir / "indicators.yaml").stat().st_size + len(sources_text.encode("utf-8"))
    observations = 0
    units = make_units(rng, SIZES[size])
    for unit in units:
        rows = unit_rows(rng, unit, entries, derivations)
        yaml_text, csv_text = district_files(rng, unit, rows, seed)
        for suffix, text in ((".yaml", yaml_text), (".csv", csv_text)):
            data = text.encode("utf-8")
            (district_dir / f"{unit.slug}{suffix}").write_bytes(data)
            total_bytes += len(data)
        observations += len(rows) + 1  # the communes header is an observation too
    return {
        "size": size,
        "seed": seed,
        "units": len(units),
        "provinces": len({u.province for u in units}),
        "provinces_2025": len({u.province_2025 for u in units}),
        "observations": observations,
        "files": 2 + 2 * len(units),
        "bytes": total_bytes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=list(SIZES))
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        summary = generate(args.size, args.out_dir, args.seed)
    except FileExistsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    summary["seconds"] = round(time.perf_counter() - started, 2)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
