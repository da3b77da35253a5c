"""Every parser refuses bad input with a located problem: never a traceback, a hang or gigabytes of memory.

The attacks of issue 12 that are files live in tests/fixtures/broken (data folder) and tests/fixtures/bad_uploads
(uploads); these tests cover what has to be built at run time (archives that unpack to a gigabyte, a workbook with
a cell in its last row, PDFs) and the rules that are plain functions. Each bomb is also run in a fresh process that
measures its own time and peak memory, so a regression shows as seconds and megabytes, not as a slow suite.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from i18n.problems import describe
from loaders import ValidationFailed, build_database, load_dataset
from store.review import review
from loaders.limits import (MAX_DOCUMENT_BYTES, MAX_NUMBER_DIGITS, MAX_PDF_PAGES, MAX_REPORT_CHARS, MAX_SHEET_ROWS,
                            MAX_SLUG_CHARS, MAX_ZIP_MEMBERS)
from loaders.models import is_slug
from loaders.read import read_data_dir
from loaders.upload import looks_like_formula, read_upload
from loaders.validate import value_appears_in
from reader.documents import DocumentError, DocumentTooLarge, EncryptedDocument, UnsupportedDocument, read_document
from reader.numbers import parse_number
from test_reader_parsing import _pdf_bytes

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
GIGABYTE = 1 << 30


@pytest.fixture
def data_dir(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns("history"))
    return target


# --- archives built without spending seconds compressing a gigabyte ----------------------------------------------

def repeated_deflate(chunk: bytes, times: int, *, zlib_header: bool = False) -> bytes:
    """A deflate stream of ``chunk`` repeated: a full flush resets the compressor, so each repeat compresses to
    the same bytes, and a gigabyte is written in milliseconds (its checksum is wrong; nothing reaches it)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 15 if zlib_header else -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + again * (times - 1) + compressor.flush(zlib.Z_FINISH)


def stored(name: str, content: bytes) -> tuple[str, bytes, int, int, int]:
    return name, content, len(content), zipfile.ZIP_STORED, zlib.crc32(content)


def zip_of(members: list[tuple]) -> bytes:
    """A zip written by hand from (name, data as stored, stated unpacked size, method[, crc]), so that the stated
    size can lie."""
    out, directory = bytearray(), bytearray()
    for name, data, size, method, *crc in members:
        encoded, crc32 = name.encode(), (crc[0] if crc else 0)
        offset = len(out)
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc32, len(data), size, len(encoded), 0)
        out += header + encoded + data
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc32, len(data), size,
                                 len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def docx_bomb(*, stated_size: int) -> bytes:
    """About 1 MB whose word/document.xml unpacks to 1 GB."""
    xml = repeated_deflate(b"<w:t>" + b"a" * (1 << 20) + b"</w:t>", 1024)
    return zip_of([stored("[Content_Types].xml", b"<Types/>"), ("word/document.xml", xml, stated_size, zipfile.ZIP_DEFLATED)])


def tall_workbook(*, declared_dimension: bool) -> bytes:
    """The template's two sheets, with one cell in row 1,048,576 of the figures sheet (22 KB on disk)."""
    book = openpyxl.Workbook()
    book.active.title = "Huyện"
    book.create_sheet("Số liệu").cell(row=1_048_576, column=1, value="x")
    buffer = io.BytesIO()
    book.save(buffer)
    if declared_dimension:
        return buffer.getvalue()
    # without the <dimension> element the sheet's size is known only by reading it
    source, target = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            rewritten.writestr(item, content)
    return target.getvalue()


def measured_in_a_fresh_process(call: str) -> dict:
    """Run ``call`` (an expression) in a new interpreter after its imports; return its seconds, how far it raised
    the process's peak memory (MB, above the 180 MB the imports take) and what it raised or returned."""
    script = f"""
import json, resource, sys, time
sys.path.insert(0, {str(REPO)!r}); sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_parser_limits import *
import openpyxl, pypdf, docx
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    outcome = repr({call})
except Exception as error:
    outcome = type(error).__name__ + ": " + str(getattr(error, "code", error))
print(json.dumps({{"seconds": time.perf_counter() - start, "outcome": outcome,
                  "extra_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def upload_codes(content: bytes, name: str, data_dir: Path) -> list[str]:
    return [problem.code for problem in read_upload(content, name, data_dir).problems]


# --- archives: .docx to the reader, .xlsx to the importer --------------------------------------------------------

@pytest.mark.parametrize("stated_size, code", [(GIGABYTE, "unpacked_too_large"), (1000, "odd_archive")],
                         ids=["states-1GB", "lies-1KB"])
def test_a_docx_that_unpacks_to_a_gigabyte_is_refused_at_once(stated_size, code):
    # a part that states 1 KB is unpacked to 1 KB and then fails its checksum: refused as damaged
    with pytest.raises(DocumentError) as refusal:
        read_document(docx_bomb(stated_size=stated_size), filename="bao-cao.docx")
    assert refusal.value.code == code
    assert describe(refusal.value, "vi") != refusal.value.message


@pytest.mark.parametrize("stated_size", [GIGABYTE, 1000], ids=["states-1GB", "lies-1KB"])
def test_the_docx_bomb_costs_under_2_seconds_and_200_mb(stated_size):
    measured = measured_in_a_fresh_process(f"read_document(docx_bomb(stated_size={stated_size}), filename='b.docx')")
    assert measured["outcome"].startswith(("DocumentTooLarge", "UnsupportedDocument"))
    assert measured["seconds"] < 2 and measured["extra_mb"] < 200, measured


@pytest.mark.parametrize("declared_dimension", [True, False], ids=["dimension-declared", "dimension-removed"])
def test_a_workbook_with_a_cell_in_its_last_row_is_refused_with_its_sheet(declared_dimension, data_dir):
    submission = read_upload(tall_workbook(declared_dimension=declared_dimension), "cao.xlsx", data_dir)
    assert submission.district is None
    [problem] = [p for p in submission.problems if p.code == "sheet_too_large"]
    assert problem.file == "cao.xlsx › Số liệu" and problem.line == MAX_SHEET_ROWS + 1
    assert "1.048.576" in describe(problem, "vi") or not declared_dimension


def test_the_tall_workbook_costs_under_2_seconds_and_200_mb(data_dir):
    for declared in (True, False):
        measured = measured_in_a_fresh_process(
            f"[p.code for p in read_upload(tall_workbook(declared_dimension={declared}), 'cao.xlsx', {str(data_dir)!r}).problems]")
        assert measured["outcome"] == "['sheet_too_large']"
        assert measured["seconds"] < 2 and measured["extra_mb"] < 200, measured


@pytest.mark.parametrize("stated_size, code", [(200 << 20, "unpacked_too_large"), (1000, "odd_archive")],
                         ids=["states-200MB", "lies-1KB"])
def test_a_workbook_bomb_is_refused_before_openpyxl_opens_it(stated_size, code, data_dir):
    sheet = repeated_deflate(b" " * (1 << 20), 200)  # 200 MB of spaces
    bomb = zip_of([("xl/worksheets/sheet1.xml", sheet, stated_size, zipfile.ZIP_DEFLATED)])
    assert upload_codes(bomb, "bomb.xlsx", data_dir) == [code]


@pytest.mark.parametrize("members, code", [
    ([stored(f"part{n}.xml", b"") for n in range(MAX_ZIP_MEMBERS + 1)], "too_many_members"),
    ([stored("word/document.xml", b"<a/>"), stored("inner.zip", b"PK")], "odd_archive"),
    ([stored("../../etc/cron.d/x", b"<a/>")], "odd_archive"),
    ([stored("word/document.xml", b"<a/>"), stored("word/document.xml", b"<b/>")], "odd_archive"),
    ([("word/document.xml", b"<a/>", 4, 99)], "odd_archive"),  # a compression method nobody uses
    ([("word/document.xml", b"<a/>", 4, zipfile.ZIP_STORED, 1234)], "odd_archive"),  # a wrong checksum
], ids=["too-many-parts", "zip-in-zip", "path-outside", "name-twice", "unknown-method", "bad-checksum"])
def test_odd_archives_are_refused_as_uploads_and_as_reports(members, code, data_dir):
    archive = zip_of(members)
    assert upload_codes(archive, "odd.xlsx", data_dir) == [code]
    with pytest.raises(DocumentError) as refusal:
        read_document(archive, filename="odd.docx")
    assert refusal.value.code == code and describe(refusal.value, "en") != refusal.value.message


# --- PDFs and text handed to the report reader -------------------------------------------------------------------

def test_a_pdf_stream_that_unpacks_to_100_mb_is_refused():
    bomb = _pdf_bytes(b"", flate_body=repeated_deflate(b"0" * (1 << 20), 100, zlib_header=True))
    with pytest.raises(DocumentTooLarge) as refusal:
        read_document(bomb, filename="bom.pdf")
    assert refusal.value.code == "unpacked_too_large"


def test_a_pdf_with_more_pages_than_the_limit_is_refused_before_reading_them():
    from pypdf import PdfWriter

    writer, buffer = PdfWriter(), io.BytesIO()
    for _ in range(MAX_PDF_PAGES + 1):
        writer.add_blank_page(width=10, height=10)
    writer.write(buffer)
    with pytest.raises(DocumentTooLarge) as refusal:
        read_document(buffer.getvalue(), filename="dai.pdf")
    assert (refusal.value.code, refusal.value.params["value"]) == ("too_many_pages", str(MAX_PDF_PAGES + 1))
    assert f"{MAX_PDF_PAGES + 1} trang" in describe(refusal.value, "vi")


def test_a_password_locked_pdf_is_refused_with_its_own_reason():
    from pypdf import PdfReader, PdfWriter

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.append(PdfReader(io.BytesIO(_pdf_bytes(b"BT /F1 12 Tf (25.250 ho so) Tj ET"))))
    writer.encrypt("mat-khau")
    writer.write(buffer)
    with pytest.raises(EncryptedDocument) as refusal:
        read_document(buffer.getvalue(), filename="khoa.pdf")
    assert "mật khẩu" in describe(refusal.value, "vi")


def test_pasted_text_and_text_files_past_the_limit_are_refused_and_at_the_limit_read():
    assert len(read_document("a" * MAX_REPORT_CHARS)) == MAX_REPORT_CHARS
    with pytest.raises(DocumentTooLarge) as pasted:
        read_document("a" * (MAX_REPORT_CHARS + 1))
    assert pasted.value.code == "report_too_long"
    with pytest.raises(DocumentTooLarge) as huge_file:
        read_document(b"a" * (MAX_DOCUMENT_BYTES + 1), filename="lon.txt")
    assert huge_file.value.code == "file_too_large"


def test_a_nul_in_a_report_never_reaches_a_quote():
    assert read_document("đạt 1.973\x00 hồ sơ\x07") == "đạt 1.973  hồ sơ "


def test_an_unknown_kind_of_file_is_refused_with_a_code():
    with pytest.raises(UnsupportedDocument) as refusal:
        read_document(b"\x00\x01", filename="bang.xls")
    assert refusal.value.code == "unsupported_document"


# --- numbers ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["9" * 401, "1" + ".000" * 7, "9" * (MAX_NUMBER_DIGITS + 1)])
def test_the_reader_refuses_numbers_with_more_digits_than_any_figure(token):
    with pytest.raises(ValueError):
        parse_number(token)


def test_the_reader_reads_the_longest_allowed_number():
    assert parse_number("9" * MAX_NUMBER_DIGITS) == (int("9" * MAX_NUMBER_DIGITS), False)


# --- slugs and folders -----------------------------------------------------------------------------------------

def test_the_slug_check_caps_the_length_before_a_slug_names_a_file():
    assert is_slug("a" * MAX_SLUG_CHARS) and not is_slug("a" * (MAX_SLUG_CHARS + 1))
    assert not any(is_slug(text) for text in ("../x", "x.yaml", "", "A", "lam binh", None, 7))


def test_a_300_character_district_id_is_a_problem_not_a_file_name_error(data_dir):
    long_id = "a" * 300
    for submission in (read_upload(b"indicator,value\n", "x.csv", data_dir, long_id),
                       read_upload((FIXTURES / "bad_uploads" / "long_slug.yaml").read_bytes(), "x.yaml", data_dir)):
        reviewed = review(data_dir, submission)
        assert [p.code for p in reviewed.problems] == ["bad_slug"]
        assert len(describe(reviewed.problems[0], "vi")) < 200  # the id is not repeated in full


def test_a_folder_named_like_a_district_file_is_reported_and_the_rest_read(data_dir):
    (data_dir / "units" / "x.yaml").mkdir()
    (data_dir / "units" / "y.csv").mkdir()
    raw, problems = read_data_dir(data_dir)
    assert [(p.file, p.code) for p in problems] == [("data/units/x.yaml", "not_a_file"),
                                                   ("data/units/y.csv", "not_a_file")]
    assert len(raw.districts) == len(list((REPO / "data" / "units").glob("*.yaml")))


# --- what validates builds ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["source_date_impossible", "district_source_date_impossible"])
def test_a_source_date_that_is_no_day_fails_validation_and_build_alike(case, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data_dir)
    shutil.copytree(FIXTURES / "broken" / case, data_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    with pytest.raises(ValidationFailed) as validation:
        load_dataset(data_dir)
    assert "bad_date" in [p.code for p in validation.value.problems]
    with pytest.raises(ValidationFailed):  # a ValueError from inside the build before
        build_database(data_dir, tmp_path / "cds.duckdb")
    assert not (tmp_path / "cds.duckdb").exists()


# --- rules ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, quote, unit, found", [
    (1973, "tỷ lệ đạt 19,73%", "count", False),
    (1973, "Số hồ sơ trực tuyến là 1.973 hồ sơ", "count", True),
    (1973, "1,973 dossiers online", "count", True),
    (19.73, "tỷ lệ đạt 19,73%", "percent", True),
    (19.73, "tỷ lệ đạt 19.73 %", "percent", True),
    (19.73, "19,73 hồ sơ", "percent", False),
    (99.86, "đạt 99,86 phần trăm", "percent", True),
    (25250, "25.25.0 hồ sơ", "count", False),
    (2, "các mục 1,2,3", "count", False),
    (13431938000000, "13.431.938.000.000 đồng", "vnd", True),
])
def test_a_value_appears_in_its_quote_only_as_the_same_number(value, quote, unit, found):
    assert value_appears_in(value, quote, unit) is found


@pytest.mark.parametrize("text, formula", [
    ("+1+cmd|' /C calc'!A0", True), ("-1+1", True), ("=SUM(A1)", True), ("@SUM(A1)", True), ("\tđã nhận", True),
    ("\r=1", True), ("  =1", True), ("- Số hồ sơ", True), ("-5", False), ("+3.5", False), ("99,86%", False),
    ("Số hồ sơ", False), ("25.250 hồ sơ", False),
])
def test_text_a_spreadsheet_could_run_is_refused_unless_the_cell_is_a_plain_number(text, formula):
    assert looks_like_formula(text) is formula


# --- fuzzing: whatever the text, a located problem or a result, never an exception ------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from loaders.read import csv_observations  # noqa: E402
from loaders.yaml_lines import parse_yaml  # noqa: E402

FUZZ = settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
# Text made of what breaks parsers: YAML and CSV syntax, digits and separators, dates, control characters.
PIECES = st.sampled_from(["? ", "[", "]", "{", "}", ": ", "- ", "&a ", "*a", "!!python/object ", "\"", "'", ",", "\n",
                          "  ", "\t", "\x00", "\x07", "\x85", "2023-02-30", "2023-13-45", "9" * 30, "1.973", "19,73%",
                          "=", "+1", "@", "slug: ", "value: ", "period: ", "quote: ", "observations:\n", "đã", "\ufeff"])
FUZZ_TEXT = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=200)


@FUZZ
@given(FUZZ_TEXT)
def test_any_yaml_text_parses_or_is_a_located_problem(text):
    _, problems = parse_yaml(text, "f.yaml")
    lines = len(re.findall("\r\n|[\n\r\u2028\u2029]", text)) + 1  # YAML's line breaks
    assert all(p.file == "f.yaml" and 1 <= p.line <= lines + 1 for p in problems)


@FUZZ
@given(FUZZ_TEXT)
def test_any_csv_text_reads_or_is_a_located_problem(text):
    problems = []
    csv_observations("indicator,value,unit,period,level,commune,qualifier,source,quote,note\n" + text, "f.csv", problems)
    assert all(p.file == "f.csv" and p.line >= 1 for p in problems)


@FUZZ
@given(FUZZ_TEXT, st.sampled_from(["x.yaml", "x.csv", "x.xlsx"]))
def test_any_upload_is_reviewed_without_an_exception(text, name):
    submission = read_upload(text.encode("utf-8", "surrogatepass"), name, REPO / "data", "lam-binh" if name.endswith(".csv") else None)
    assert submission.district is not None or submission.problems


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["r.docx", "r.pdf", "r.txt", None]))
def test_any_document_is_text_or_a_document_error(content, name):
    for data in (content, b"PK\x03\x04" + content, b"%PDF-1.4\n" + content):
        try:
            assert isinstance(read_document(data, filename=name), str)
        except DocumentError as error:
            assert error.code


# --- what an XLSX export holds is what Excel shows ----------------------------------------------------------------

def _as_excel_reads(cell_xml_text: str) -> str:
    """What Excel makes of a cell's text: each _xHHHH_ is the character U+HHHH (ECMA-376 Part 1, 22.9.2.19)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), cell_xml_text)


@pytest.mark.parametrize("text", ["ghi chú _x0000_ ở giữa", "_x0041_", "a_x005F_b", "_X001B_[2J", "_x00_ không đủ"])
def test_text_that_looks_like_an_xlsx_escape_comes_back_from_the_export_as_written(text):
    from html import unescape

    import pandas as pd

    from exports.table_files import to_xlsx_bytes

    frame = pd.DataFrame({"note": [text], text: [1]})
    with zipfile.ZipFile(io.BytesIO(to_xlsx_bytes(frame))) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        names = archive.namelist()
        shared = archive.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in names else ""
    cells = [unescape(found) for found in re.findall(r"<t[^>]*>([^<]*)</t>", sheet + shared)]
    assert [_as_excel_reads(cell) for cell in cells].count(text) == 2  # the header and the cell, as typed


@pytest.mark.parametrize("code", ["２０２２", "asof ٢٠٢٣-٠١", "2023-H１", "２０２１..2023"])
def test_a_period_written_with_digits_other_than_ascii_is_not_a_period(code):
    from loaders.periods import PeriodError, parse_period

    with pytest.raises(PeriodError):
        parse_period(code)
