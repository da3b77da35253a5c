"""Official province index results (DTI, the 766 service index): read data/province_index/ into frames.

Every problem is located (``file:line: field: message``) like the rest of the loaders, so a curator fixes the row the
message names. The files and their rules are described in data/province_index/README.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .models import TITLE_SOURCES
from .periods import Period, PeriodError, parse_period
from .problems import Problem
from .read import PROVINCE_INDEX_DIR, shown_path
from .text_files import read_text
from .yaml_lines import parse_yaml

INDEX_DIR = PROVINCE_INDEX_DIR
RESULT_FILES = {"dti": "dti.csv", "qd766": "qd766.csv"}
SOURCES_FILE = "sources.yaml"
EDITIONS_FILE = "editions.yaml"
RESULT_COLUMNS = ("edition", "unit_set", "province_code", "province_name", "measure", "score", "score_printed",
                  "score_scale", "rank", "rank_basis", "tie", "source", "locator", "note")
# The province codes of each set come from vietnamadminunits: the 63 provinces before 1 July 2025, the 34 after.
UNIT_SET_TABLES = {"provinces_63": "admin_units_legacy", "provinces_34": "admin_units"}
MEASURES = ("overall", "digital_government", "digital_economy", "digital_society")
SCALES = (1, 100, 1000)
RANK_BASES = ("stated", "list_order")
SOURCE_KINDS = ("official", "press", "compilation")
COMPLETENESS_FIELDS = ("rank", "score")
SOURCE_REQUIRED = ("id", "title", "issuer", "url", "kind")
# `announced` is the date of a DTI announcement; a 766 result is read off a running score and has none.
EDITION_REQUIRED = ("index", "edition", "unit_set", "framework")
# The period an edition covers, as the source states it, in the observations' period grammar (README, "Editions and
# periods"). DTI is assessed per year; the 766 index is a running score published per month and quarter, read off on
# a day, and summed up per year.
PERIOD_KINDS = {"dti": ("year",), "qd766": ("year", "quarter", "month", "as_of")}
PERIOD_FORMS = {"year": "2024", "quarter": "2024-Q1", "month": "2024-03", "as_of": "asof 2024-01-22"}
# Years an index result can be for: DTI began with 2020, Decision 766/QĐ-TTg was signed in June 2022.
PERIOD_YEARS = range(2020, 2100)
# Two printings of one score (0,834 and 0,8340) agree; published scores have four decimals at most.
SCORE_AGREEMENT = 5e-5
PRINTED_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Names a province goes by in print besides the one in vietnamadminunits (folded, see name_key).
NAME_ALIASES = {"thuathienhue": "hue", "hcm": "hochiminh"}
_NAME_PREFIX = re.compile(r"^(?:tp\.?|thanh pho|tinh|former|new)\s*")
_NAME_SUFFIX = re.compile(r"\s*(?:city|province)$")


def index_period(index: str, code: str) -> Period | None:
    """The period of an edition code in the observations' period grammar (loaders/periods.py), or None when the
    code is no period or a kind the index is not published for: DTI per year (`2024`); the 766 index per year,
    quarter (`2024-Q1`) or month (`2024-03`), or its running score read on a day (`asof 2024-01-22`)."""
    try:
        period = parse_period(code)
    except PeriodError:
        return None
    if period.kind not in PERIOD_KINDS[index] or period.start.year not in PERIOD_YEARS:
        return None
    return period


@dataclass(frozen=True)
class ProvinceIndex:
    results: pd.DataFrame  # one row per figure as printed by one source (columns: see README)
    sources: pd.DataFrame
    editions: pd.DataFrame


def read_province_index(data_dir: Path) -> tuple[ProvinceIndex, list[Problem]]:
    """Read and check data/province_index/; the frames hold every row that could be read, problems say what is wrong."""
    folder = Path(data_dir) / INDEX_DIR
    problems: list[Problem] = []
    sources = _read_sources(folder / SOURCES_FILE, data_dir, problems)
    editions = _read_editions(folder / EDITIONS_FILE, data_dir, problems)
    rows = []
    for index, name in RESULT_FILES.items():
        rows += _read_results(folder / name, data_dir, index, sources, editions, problems)
    results = _results_frame(rows)
    problems += _cross_row_problems(results)
    problems += _completeness_problems(results, editions)
    return ProvinceIndex(results, _frame(sources.values()), _frame(editions.values())), sorted(problems)


def empty_province_index() -> ProvinceIndex:
    """No index results at all (a data folder without province_index/), with the columns of the real frames."""
    # the columns _read_sources and _read_editions give each row: a query of an empty table must bind as of a full one
    text = ("source_id", "title", "title_source", "issuer", "published", "date_note", "url", "kind", "language", "file")
    sources = pd.DataFrame({**{name: pd.Series(dtype="string") for name in text}, "line": pd.Series(dtype="int64")})
    editions = pd.DataFrame({"index": pd.Series(dtype="string"), "edition": pd.Series(dtype="int64"),
                             **{name: pd.Series(dtype="string")
                                for name in ("period", "period_kind", "period_start", "period_end", "unit_set",
                                             "announced", "framework", "complete", "file")},
                             "line": pd.Series(dtype="int64")})
    return ProvinceIndex(_results_frame([]), sources, editions)


def parse_printed_number(printed: str) -> float | None:
    """The value of a score as printed: '0,6077' (Vietnamese) or '0.6077' (English); no thousands separators."""
    text = printed.strip()
    if not PRINTED_NUMBER.fullmatch(text):
        return None
    return float(text.replace(",", "."))


def name_key(name: str) -> str:
    """Fold a province name to compare printings: 'TP. Hồ Chí Minh', 'TPHCM' and 'Ho Chi Minh City' meet."""
    folded = unicodedata.normalize("NFD", name.strip().lower().replace("đ", "d"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    while (shorter := _NAME_PREFIX.sub("", folded)) != folded:
        folded = shorter
    folded = re.sub(r"[^a-z0-9]", "", _NAME_SUFFIX.sub("", folded))
    return NAME_ALIASES.get(folded, folded)


@lru_cache(maxsize=None)
def province_names(unit_set: str) -> dict[str, str]:
    """Official province code → name for a unit set, from vietnamadminunits (read, never copied into the repo)."""
    from vietnamadminunits.database import query

    table = UNIT_SET_TABLES[unit_set]
    # the table name comes from UNIT_SET_TABLES, never from a data file
    rows = query(f"SELECT DISTINCT provinceCode AS code, provinceShort AS name FROM {table}")  # noqa: S608
    return {row["code"]: unicodedata.normalize("NFC", row["name"]) for row in rows}


def coverage(index: ProvinceIndex) -> pd.DataFrame:
    """Per index, edition and unit set: how many provinces have an overall rank, an overall score, any pillar figure."""
    records = []
    for entry in index.editions.itertuples():
        rows = index.results[(index.results["index"] == entry.index) & (index.results["period"] == entry.period)
                             & (index.results["unit_set"] == entry.unit_set)]
        overall = rows[rows["measure"] == "overall"]
        pillars = rows[rows["measure"] != "overall"]
        records.append({
            "index": entry.index, "edition": entry.period, "unit_set": entry.unit_set,
            "provinces": len(province_names(entry.unit_set)),
            "ranked": overall.dropna(subset=["rank"])["province_code"].nunique(),
            "scored": overall.dropna(subset=["score"])["province_code"].nunique(),
            "with_pillars": pillars["province_code"].nunique(),
        })
    return pd.DataFrame.from_records(records)


def _frame(records: Any) -> pd.DataFrame:
    return pd.DataFrame.from_records([dict(record) for record in records])


def _load_yaml_list(path: Path, data_dir: Path, problems: list[Problem]) -> tuple[str, list]:
    shown = shown_path(path, data_dir)
    text, found = read_text(path, shown)
    problems += found
    if text is None:
        return shown, []
    document, found = parse_yaml(text, shown)
    problems += found
    if document is None:
        return shown, []
    if not isinstance(document, list):
        problems.append(Problem(shown, 1, "yaml", "expected a list of entries", "expected_list"))
        return shown, []
    return shown, document


def _missing_keys(entry: Any, required: tuple[str, ...], shown: str, problems: list[Problem]) -> bool:
    if not isinstance(entry, dict):
        problems.append(Problem(shown, getattr(entry, "line", 1), "entry", "expected a mapping", "expected_mapping"))
        return True
    missing = [key for key in required if entry.get(key) in (None, "")]
    for key in missing:
        problems.append(Problem(shown, entry.line, key, "required", "missing", {"field": key}))
    return bool(missing)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def _read_sources(path: Path, data_dir: Path, problems: list[Problem]) -> dict[str, dict]:
    shown, entries = _load_yaml_list(path, data_dir, problems)
    sources: dict[str, dict] = {}
    for entry in entries:
        if _missing_keys(entry, SOURCE_REQUIRED, shown, problems):
            continue
        source_id = str(entry["id"])
        if source_id in sources:
            problems.append(Problem(shown, entry.line_of("id"), "id", f"source '{source_id}' is declared twice",
                                    "duplicate_source", {"value": source_id}))
        if entry["kind"] not in SOURCE_KINDS:
            problems.append(Problem(shown, entry.line_of("kind"), "kind", f"'{entry['kind']}' is not one of "
                                    f"{', '.join(SOURCE_KINDS)}", "not_allowed",
                                    {"value": entry["kind"], "expected": ", ".join(SOURCE_KINDS)}))
        if not re.match(r"https?://\S+$", str(entry["url"])):
            problems.append(Problem(shown, entry.line_of("url"), "url", "not a web address (http:// or https://)",
                                    "bad_url", {"value": entry["url"]}))
        title_source = str(entry.get("title_source") or "page")
        if title_source not in TITLE_SOURCES:
            problems.append(Problem(shown, entry.line_of("title_source"), "title_source", f"'{title_source}' is not one of "
                                    f"{', '.join(TITLE_SOURCES)}", "not_allowed",
                                    {"value": title_source, "expected": ", ".join(TITLE_SOURCES)}))
        sources[source_id] = {
            "source_id": source_id, "title": str(entry["title"]), "title_source": title_source,
            "issuer": str(entry["issuer"]),
            "published": _iso(entry.get("published")), "date_note": str(entry.get("date_note") or ""),
            "url": str(entry["url"]), "kind": str(entry["kind"]), "language": str(entry.get("language") or ""),
            "file": shown, "line": entry.line,
        }
    return sources


def _read_editions(path: Path, data_dir: Path, problems: list[Problem]) -> dict[tuple, dict]:
    shown, entries = _load_yaml_list(path, data_dir, problems)
    editions: dict[tuple, dict] = {}
    for entry in entries:
        if _missing_keys(entry, EDITION_REQUIRED, shown, problems):
            continue
        complete = entry.get("complete") or []
        if entry.get("unit_set") not in UNIT_SET_TABLES:
            problems.append(Problem(shown, entry.line_of("unit_set"), "unit_set", f"'{entry.get('unit_set')}' is not "
                                    f"one of {', '.join(UNIT_SET_TABLES)}", "not_allowed",
                                    {"value": entry.get("unit_set"), "expected": ", ".join(UNIT_SET_TABLES)}))
            continue
        if entry["index"] not in RESULT_FILES or not isinstance(complete, list) or \
                not set(complete) <= set(COMPLETENESS_FIELDS):
            problems.append(Problem(shown, entry.line, "edition", f"index must be one of {', '.join(RESULT_FILES)} "
                                    f"and complete a list of {', '.join(COMPLETENESS_FIELDS)}", "bad_edition"))
            continue
        period = _period_or_problem(entry["index"], _iso(entry["edition"]), shown, entry.line_of("edition"), problems)
        if period is None:
            continue
        key = (entry["index"], period.code, entry["unit_set"])
        if key in editions:
            problems.append(Problem(shown, entry.line, "edition", f"{' '.join(key)} is declared twice",
                                    "duplicate_edition"))
        editions[key] = {"index": key[0], "edition": period.start.year, "period": period.code, "period_kind": period.kind,
                         "period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
                         "unit_set": key[2], "announced": _iso(entry.get("announced")),
                         "framework": str(entry["framework"]), "complete": ",".join(complete), "file": shown,
                         "line": entry.line}
    return editions


def _period_or_problem(index: str, code: str, shown: str, line: int, problems: list[Problem]) -> Period | None:
    """The period of an edition code, or None with a located problem: a code that reads as no period, or a kind of
    period the index is not published for (DTI per year only)."""
    period = index_period(index, code)
    if period is None:
        forms = [PERIOD_FORMS[kind] for kind in PERIOD_KINDS[index]]
        problems.append(Problem(shown, line, "edition", f"'{code}' is not a period of {index}: write "
                                f"{' or '.join(forms)}", "bad_edition", {"value": code, "expected": ", ".join(forms)}))
    return period


def _read_results(path: Path, data_dir: Path, index: str, sources: dict, editions: dict,
                  problems: list[Problem]) -> list[dict]:
    shown = shown_path(path, data_dir)
    text, found = read_text(path, shown)
    problems += found
    if text is None:
        return []
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != RESULT_COLUMNS:
        problems.append(Problem(shown, 1, "header", f"columns must be exactly {','.join(RESULT_COLUMNS)}",
                                "bad_columns", {"expected": ",".join(RESULT_COLUMNS)}))
        return []
    rows = []
    for raw in reader:
        row = _checked_row(raw, reader.line_num, shown, index, sources, editions, problems)
        if row is not None:
            rows.append(row)
    return rows


def _checked_row(raw: dict, line: int, shown: str, index: str, sources: dict, editions: dict,
                 problems: list[Problem]) -> dict | None:
    """One results row as typed values, or None when it cannot be read; every problem found is added."""
    def problem(column: str, message: str, code: str, **params: Any) -> None:
        problems.append(Problem(shown, line, column, message, code, params))

    text = {key: (value or "").strip() for key, value in raw.items() if key is not None}
    before = len(problems)
    for field in ("edition", "unit_set", "province_code", "province_name", "measure", "source", "locator"):
        if not text[field]:
            problem(field, "required", "missing", field=field)
    if len(problems) > before:
        return None
    period = _period_or_problem(index, text["edition"], shown, line, problems)
    if period is None:
        return None
    if (index, period.code, text["unit_set"]) not in editions:
        problem("edition", f"{index} {text['edition']} {text['unit_set']} is not declared in {EDITIONS_FILE}",
                "unknown_edition", value=f"{text['edition']} {text['unit_set']}")
        return None
    names = province_names(text["unit_set"])
    official = names.get(text["province_code"])
    if official is None:
        problem("province_code", f"'{text['province_code']}' is no province code of {text['unit_set']}",
                "unknown_province_code", value=text["province_code"])
    elif name_key(text["province_name"]) != name_key(official):
        problem("province_name", f"'{text['province_name']}' is not province {text['province_code']} ({official})",
                "province_name_mismatch", value=text["province_name"], expected=official)
    if text["measure"] not in MEASURES:
        problem("measure", f"'{text['measure']}' is not one of {', '.join(MEASURES)}", "not_allowed",
                value=text["measure"], expected=", ".join(MEASURES))
    if text["source"] not in sources:
        problem("source", f"source '{text['source']}' is not in {SOURCES_FILE}", "unknown_index_source",
                value=text["source"])
    score = _checked_score(text, problem)
    rank = _checked_rank(text, len(names), problem)
    if score is None and rank is None:
        problem("score", "a row needs a score, a rank or both", "no_figure")
    if text["tie"] not in ("", "stated"):
        problem("tie", "write 'stated' when the source prints the same rank for several provinces, else nothing",
                "not_allowed", value=text["tie"], expected="stated")
    if len(problems) > before:
        return None
    return {"index": index, "edition": period.start.year, "period": period.code, "period_kind": period.kind,
            "unit_set": text["unit_set"],
            "province_code": text["province_code"], "province_name": text["province_name"],
            "province_official_name": official, "measure": text["measure"], "score": score,
            "score_printed": text["score_printed"],
            "score_scale": int(text["score_scale"]) if score is not None else None,
            "rank": rank, "rank_basis": text["rank_basis"], "tie": text["tie"] == "stated", "source": text["source"],
            "locator": text["locator"], "note": text["note"], "file": shown, "line": line}


def _checked_score(text: dict, problem) -> float | None:
    if not (text["score"] or text["score_printed"] or text["score_scale"]):
        return None
    if not (text["score"] and text["score_printed"] and text["score_scale"]):
        problem("score", "score, score_printed and score_scale go together", "score_incomplete")
        return None
    printed = parse_printed_number(text["score_printed"])
    if printed is None:
        problem("score_printed", f"'{text['score_printed']}' is not a number as printed (0,6077 or 0.6077)",
                "bad_printed_number", value=text["score_printed"])
        return None
    if text["score_scale"] not in {str(scale) for scale in SCALES}:
        problem("score_scale", f"'{text['score_scale']}' is not one of {', '.join(map(str, SCALES))}", "not_allowed",
                value=text["score_scale"], expected=", ".join(map(str, SCALES)))
        return None
    try:
        score = float(text["score"])
    except ValueError:
        problem("score", f"'{text['score']}' is not a plain number", "not_a_number", value=text["score"])
        return None
    if not 0 <= score <= 1:
        problem("score", f"{score} is outside 0–1 (divide the printed number by score_scale)", "score_out_of_range",
                value=score)
        return None
    if abs(printed / int(text["score_scale"]) - score) > 1e-9:
        problem("score", f"{score} is not the printed '{text['score_printed']}' divided by {text['score_scale']}",
                "score_not_printed_value", value=score, expected=printed / int(text["score_scale"]))
        return None
    return score


def _checked_rank(text: dict, provinces: int, problem) -> int | None:
    if not text["rank"]:
        if text["rank_basis"]:
            problem("rank_basis", "rank_basis without a rank", "rank_basis_without_rank")
        return None
    if not text["rank"].isdigit() or not 1 <= int(text["rank"]) <= provinces:
        problem("rank", f"'{text['rank']}' is not a rank from 1 to {provinces}", "bad_rank", value=text["rank"],
                expected=provinces)
        return None
    if text["rank_basis"] not in RANK_BASES:
        problem("rank_basis", f"'{text['rank_basis']}' is not one of {', '.join(RANK_BASES)}", "not_allowed",
                value=text["rank_basis"], expected=", ".join(RANK_BASES))
        return None
    return int(text["rank"])


def _results_frame(rows: list[dict]) -> pd.DataFrame:
    columns = ["index", "edition", "period", "period_kind", "unit_set", "province_code", "province_name", "province_official_name", "measure",
               "score", "score_printed", "score_scale", "rank", "rank_basis", "tie", "source", "locator", "note",
               "file", "line"]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    return frame.astype({"edition": "int64", "score": "Float64", "score_scale": "Int64", "rank": "Int64",
                         "tie": "bool", "line": "int64"})


def _cross_row_problems(results: pd.DataFrame) -> list[Problem]:
    """Problems between rows: a twice-written row, sources that disagree, ranks shared without a stated tie, ranks
    whose order contradicts the scores."""
    problems: list[Problem] = []
    for _, group in results.groupby(["index", "period", "unit_set", "measure"]):
        per_province: dict[str, dict] = defaultdict(dict)
        for row in group.itertuples():
            problems += _agreement_problems(row, per_province[row.province_code])
        problems += _shared_rank_problems(group)
        problems += _order_problems(per_province)
    return problems


def _agreement_problems(row: Any, known: dict) -> list[Problem]:
    def at(field: str, message: str, code: str) -> Problem:
        return Problem(row.file, row.line, field, message, code)

    problems = []
    if row.source in known.setdefault("sources", set()):
        problems.append(at("source", "this province, edition and measure is written twice from one source",
                           "duplicate_result"))
    known["sources"].add(row.source)
    if not pd.isna(row.rank):
        if "rank" in known and known["rank"] != row.rank:
            problems.append(at("rank", f"rank {row.rank} disagrees with rank {known['rank']} from another source",
                               "conflicting_rank"))
        known.setdefault("rank", row.rank)
    if not pd.isna(row.score):
        if "score" in known and abs(known["score"] - row.score) > SCORE_AGREEMENT:
            problems.append(at("score", f"score {row.score} disagrees with {known['score']} from another source",
                               "conflicting_score"))
        known.setdefault("score", row.score)
    known.setdefault("where", (row.file, row.line))
    return problems


def _shared_rank_problems(group: pd.DataFrame) -> list[Problem]:
    ranked = group.dropna(subset=["rank"])
    problems = []
    for rank, holders in ranked.groupby("rank"):
        provinces = holders["province_code"].nunique()
        for row in holders.itertuples():
            if provinces > 1 and not holders["tie"].all():
                problems.append(Problem(row.file, row.line, "rank", f"rank {rank} is given to {provinces} provinces "
                                        "and the tie is not marked as stated by the source", "rank_not_unique"))
            elif provinces == 1 and row.tie:
                problems.append(Problem(row.file, row.line, "tie", f"marked as a tie but no other province has rank "
                                        f"{rank}", "tie_without_partner"))
    return problems


def _order_problems(per_province: dict[str, dict]) -> list[Problem]:
    both = sorted((known["rank"], known["score"], known["where"]) for known in per_province.values()
                  if "rank" in known and "score" in known)
    problems = []
    for (better_rank, better_score, _), (rank, score, (file, line)) in zip(both, both[1:]):
        if score > better_score + 1e-12:
            problems.append(Problem(file, line, "rank", f"rank {rank} has score {score}, above rank {better_rank}'s "
                                    f"{better_score}", "rank_order_contradicts_score"))
    return problems


def _completeness_problems(results: pd.DataFrame, editions: dict) -> list[Problem]:
    problems = []
    for (index, period, unit_set), entry in editions.items():
        overall = results[(results["index"] == index) & (results["period"] == period)
                          & (results["unit_set"] == unit_set) & (results["measure"] == "overall")]
        for field in filter(None, entry["complete"].split(",")):
            held = set(overall.dropna(subset=[field])["province_code"])
            missing = sorted(set(province_names(unit_set)) - held)
            if missing:
                problems.append(Problem(entry["file"], entry["line"], "complete", f"declared complete in {field} but "
                                        f"{len(missing)} provinces have none: {', '.join(missing)}",
                                        "edition_incomplete", {"field": field, "value": ", ".join(missing)}))
    return problems
