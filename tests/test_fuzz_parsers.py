"""Property-based fuzzing of every parser a user or a data file can reach: whatever the input, the answer is one of
the documented outcomes — a result, a list of located problems with codes, a PeriodError, a DocumentError, None —
never another exception.

The search is derandomised (the same examples on every run) and bounded, so the default run takes well under a
minute; raise the numbers with FUZZ_EXAMPLES=<factor> for a longer hunt (``FUZZ_EXAMPLES=20 pytest …``).
Inputs are built from the real files (Lâm Bình's unit file mutated at a drawn place) and from fragments an
attacker would use (YAML syntax, tags, anchors, impossible dates, long digit runs, control, bidi and zero-width
characters, formulas, markup), mixed with arbitrary text.
"""

from __future__ import annotations

import io
import os
import shutil
import string
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from store.review import review
from loaders.periods import Period, PeriodError, parse_period
from loaders.problems import Problem
from loaders.read import csv_observations, read_data_dir
from loaders.upload import read_upload
from loaders.validate import validate_raw
from loaders.yaml_lines import parse_yaml
from reader.documents import DocumentError, read_document
from reader.numbers import find_figures, parse_number
from reader.periods import find_periods, parse_period_text
from reader.propose import propose
from tests.conftest import DATA_DIR
from tests.fixtures.attacks.generate import unit_folder

SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1"))


def fuzz(examples: int, shrink: bool = True):
    """Fixed seed, bounded examples, no per-example deadline (a slow example is the corpus's business). Examples that
    cost tens of milliseconds (a data folder validated, a workbook written) are not shrunk: shrinking a failure would
    take minutes, and the failing example is reported all the same."""
    phases = [phase for phase in Phase if shrink or phase is not Phase.shrink]
    return settings(derandomize=True, max_examples=max(1, int(examples * SCALE)), deadline=None, database=None,
                    phases=phases, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                          HealthCheck.function_scoped_fixture])


LAM_BINH = (unit_folder(DATA_DIR) / "lam-binh.yaml").read_text(encoding="utf-8")
CSV_HEADER = "indicator,value,unit,period,level,commune,qualifier,source,quote,note"

# What an attacker types into a YAML file, a cell or a report, beside arbitrary text.
HOSTILE = [
    "- ", ": ", "\n", "  ", "\t", "[", "]", "{", "}", "? ", ",", "&a ", "*a", "<<: ",
    "!!python/object/apply:os.system [id]",
    "!!binary aGk=", "!!set ", "!!omap ", "!!str ", "!!float ", "!foo ", "%YAML 1.1\n", "---\n", "...\n", "|\n", ">-\n",
    "'", '"', "\\x00", "\\0", "\\e", "\\u202e", "#", "\ufeff", "\x00", "\x1b[2J", "\x85", "\u2028", "\u202e", "\u200b",
    "\u0430", "\uff11", "\u0661", "2023-02-30", "2023-13-45", "asof 2023-02-29", "2023-07..2023-01", "0000", "99999",
    "9" * 401, "1" * 19, ".nan", ".inf", "-.inf", "1e400", "0x7B5", "32:53", "1_973", "yes", "no", "on", "~", "null",
    "1.973", "99,86%", "25.250", "=HYPERLINK(\"http://evil.example\")", "+1+cmd|' /C calc'!A0", "@SUM(1)", "-2+3",
    "[x](http://evil.example)", "![](http://evil.example/i.png)", "<script>alert(1)</script>", "../../etc/passwd",
    "lam-binh", "dossiers_online", "count", "percent", "district", "commune", "lam-binh-2022", "quý 5 năm 2023",
    "tháng 13/2023", "ngày 31/04/2023", "6 tháng đầu năm", "đến nay", "khoảng", "trên", "gần", "hồ sơ",
    "tổ công nghệ số",
]
fragments = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
hostile_text = st.lists(fragments, max_size=30).map("".join)


def located(problems: list[Problem], coded: bool = True) -> None:
    """The documented outcome of a refusal: every problem names its code (the interface translates it) and a line
    from 1."""
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.code or not coded, f"a problem without a code: {problem}"
        assert isinstance(problem.line, int) and problem.line >= 1, f"a problem without a line: {problem}"


@st.composite
def mutated(draw, base: str):
    """The base text with a hostile fragment inserted at, or written over, a drawn place."""
    start = draw(st.integers(0, len(base)))
    length = draw(st.integers(0, 40))
    return base[:start] + draw(hostile_text) + base[start + length:]


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    """One private copy of data/ whose district files the examples overwrite (the real data/ is never touched)."""
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("history"))
    return target


# ── YAML reader and the district reader ────────────────────────────────────────────────────────────────────────

@fuzz(300)
@given(st.one_of(hostile_text, mutated(LAM_BINH)))
def test_yaml_reader_returns_a_document_or_located_problems(text):
    document, problems = parse_yaml(text, "fuzz.yaml")
    located(problems)


district_files = st.one_of(mutated(LAM_BINH).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
                         st.binary(max_size=300))


@fuzz(200, shrink=False)
@given(content=district_files)
def test_district_reader_answers_any_file_with_located_problems(data_copy, content):
    located(read_and_validate_lam_binh(data_copy, content), coded=False)


@fuzz(200, shrink=False)
@given(content=district_files)
def test_district_reader_problems_all_have_codes(data_copy, content):
    """Apart from the test above, so that a problem without a code does not hide an exception from the search."""
    located(read_and_validate_lam_binh(data_copy, content))


def read_and_validate_lam_binh(data_copy: Path, content: bytes) -> list[Problem]:
    """The district reader and validation as a review runs them: the catalogue, the sources and this one district
    (validating all five units per example would spend the time budget on the four that do not change)."""
    (unit_folder(data_copy) / "lam-binh.yaml").write_bytes(content)
    raw, problems = read_data_dir(data_copy, only=["lam-binh"])
    validate_raw(raw, problems)
    return problems


# ── CSV observations ───────────────────────────────────────────────────────────────────────────────────────────

csv_cell = st.one_of(st.sampled_from(["", "dossiers_online", "1973", "count", "2022", "district", "lam-binh-2022",
                                      "\"Số hồ sơ trực tuyến là 1.973 hồ sơ\"", '"', '""', "\"unclosed", "a,b", "\r",
                                      "\n", "\x00", "\ufeff"]), fragments)
csv_text = st.lists(st.lists(csv_cell, max_size=12).map(",".join), max_size=8).map(
    lambda rows: "\n".join([CSV_HEADER, *rows]))


@fuzz(250)
@given(st.one_of(csv_text, hostile_text))
def test_csv_reader_returns_records_or_located_problems(text):
    problems: list[Problem] = []
    records = csv_observations(text, "fuzz.csv", problems)
    located(problems)
    for record in records:
        assert record.line >= 2


@fuzz(60, shrink=False)
@given(csv_text)
def test_a_district_csv_validates_or_lists_located_problems(data_copy, text):
    (unit_folder(data_copy) / "lam-binh.yaml").write_text(LAM_BINH, encoding="utf-8")
    (unit_folder(data_copy) / "lam-binh.csv").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        raw, problems = read_data_dir(data_copy, only=["lam-binh"])
        validate_raw(raw, problems)
        located(problems)
    finally:
        (unit_folder(data_copy) / "lam-binh.csv").unlink()


# ── XLSX uploads ───────────────────────────────────────────────────────────────────────────────────────────────

cell_value = st.one_of(
    st.none(), st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(HOSTILE).filter(lambda text: not any(ord(c) < 32 and c not in "\t\n\r" for c in text)),
    # what a cell can hold (openpyxl refuses to write C0 controls; the readers' answer to those is tested above)
    st.text(alphabet=string.printable.replace("\x0b", "").replace("\x0c", "") + "ăâđêôơưÁàảãạ\u202e\u200b",
            max_size=20))
district_rows = st.lists(st.tuples(st.sampled_from(["Tên huyện (district)", "Mã huyện (slug)", "Tỉnh (province)",
                                                    "Tỉnh sau 2025 (province_2025)", "Số xã (communes)", "x", None]),
                                   cell_value), max_size=6)
figure_rows = st.lists(st.lists(cell_value, min_size=0, max_size=12), max_size=6)
FIGURE_HEADER = [f"{name} ({name})" for name in
                 ("indicator", "indicator_name", "value", "unit", "period", "level", "commune", "qualifier", "source",
                  "quote", "note")]


def workbook(district: list, figures: list, sheet_names: tuple[str, str]) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet_names[0]
    for label, value in district:
        book.active.append([label, value])
    sheet = book.create_sheet(sheet_names[1])
    sheet.append(FIGURE_HEADER)
    for row in figures:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@fuzz(60, shrink=False)
@given(district=district_rows, figures=figure_rows,
       sheet_names=st.sampled_from([("Huyện", "Số liệu"), ("District", "Observations"), ("Huyện", "Sо liệu")]),
       damage=st.one_of(st.none(), st.tuples(st.integers(0, 20_000), st.binary(min_size=1, max_size=8))))
def test_xlsx_upload_reviews_or_lists_located_problems(data_copy, district, figures, sheet_names, damage):
    content = workbook(district, figures, sheet_names)
    if damage is not None:  # bytes overwritten somewhere in the archive
        at, junk = damage
        content = content[:at] + junk + content[at + len(junk):]
    submission = read_upload(content, "fuzz.xlsx", data_copy)
    located(submission.problems)
    located(review(data_copy, submission).problems)


@fuzz(100, shrink=False)
@given(content=st.one_of(mutated(LAM_BINH).map(str.encode), st.binary(max_size=200)),
       name=st.sampled_from(["x.yaml", "x.csv", "x.YML", "x.xlsx", "x.xls", "x", "../x.yaml"]),
       district=st.sampled_from([None, "lam-binh", "huong-khe", "../etc", "a" * 300, "lam-binh\u200b"]))
def test_any_upload_reviews_or_lists_located_problems(data_copy, content, name, district):
    submission = read_upload(content, name, data_copy, district)
    located(submission.problems)
    located(review(data_copy, submission).problems)


# ── periods ────────────────────────────────────────────────────────────────────────────────────────────────────

period_like = st.from_regex(r"\A(asof )?\d{1,5}(-(H|Q)?\d{1,3}(-\d{1,3})?)?(\.\.\d{1,5}(-\d{1,3})?)?\Z")
# What the report reader page lets through as a document date (app_pages/report_reader.py DATE): 2023, 2023-13, 0000-99-99
document_date_like = st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z")


@fuzz(400)
@given(st.one_of(period_like, hostile_text, st.integers(), st.floats(), st.none()))
def test_period_parser_returns_a_period_or_a_period_error(code):
    try:
        period = parse_period(code)
    except PeriodError:
        return
    assert isinstance(period, Period) and period.start <= period.end


@fuzz(200)
@given(text=hostile_text, document_date=st.one_of(st.none(), document_date_like))
def test_reader_periods_are_codes_the_data_format_accepts(text, document_date):
    """Every period the reader finds is a period the loaders accept (the proposals become district files)."""
    for mention in find_periods(text, document_date=document_date):
        assert 0 <= mention.start <= mention.end <= len(text)
        if mention.code:
            parse_period(mention.code)
    code = parse_period_text(text, document_date=document_date)
    if code:
        parse_period(code)


# ── numbers ────────────────────────────────────────────────────────────────────────────────────────────────────

number_token = st.from_regex(r"\A\d{1,25}([.,]\d{1,4}){0,6}\Z")


@fuzz(400)
@given(token=st.one_of(number_token, hostile_text), language=st.sampled_from(["vi", "en", None]),
       unit=st.sampled_from([None, "percent", "count", "vnd"]))
def test_number_parser_returns_a_value_or_refuses_the_token(token, language, unit):
    try:
        value, ambiguous = parse_number(token, language=language, unit=unit)
    except ValueError:  # documented: "not a number" or "too many digits to be a reported figure"
        return
    assert isinstance(value, (int, float)) and isinstance(ambiguous, bool)
    assert value == value and abs(value) != float("inf")  # never NaN or infinite


@fuzz(300)
@given(text=hostile_text, language=st.sampled_from(["vi", "en", None]))
def test_figures_found_in_text_lie_inside_it_and_are_finite(text, language):
    for figure in find_figures(text, language=language):
        assert 0 <= figure.start <= figure.end <= len(text)
        assert figure.value == figure.value and abs(figure.value) != float("inf")


# ── the report reader ──────────────────────────────────────────────────────────────────────────────────────────

@fuzz(100, shrink=False)
@given(text=st.one_of(hostile_text, mutated(LAM_BINH)), language=st.sampled_from(["vi", "en"]),
       document_date=st.one_of(st.none(), document_date_like))
def test_proposals_quote_the_text_they_came_from(text, language, document_date):
    for candidate in propose(text, document_date=document_date, language=language):
        assert 0 <= candidate.start <= candidate.end <= len(text)
        if candidate.period:  # "asof unknown" (no period stated) included: it is a period of the data format
            parse_period(candidate.period)


@fuzz(150)
@given(content=st.one_of(st.binary(max_size=400), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                         st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
                         st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b)),
       filename=st.sampled_from([None, "x.txt", "x.docx", "x.pdf", "x.doc", "x", "../x.txt", "x.PDF"]))
def test_document_reader_returns_text_or_a_document_error(content, filename):
    try:
        text = read_document(content, filename=filename)
    except DocumentError as error:
        assert error.code
        return
    assert isinstance(text, str)
    propose(text)
