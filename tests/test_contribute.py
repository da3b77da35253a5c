"""Contributions: templates round-trip, bad uploads are refused with located messages and write nothing, saves keep
history and an audit line, and parallel saves lose nothing. All on copies of the real data and a real DuckDB."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import openpyxl
import pytest
import yaml

from store.templates import TEMPLATE_COLUMNS, csv_template, xlsx_template, yaml_template
from i18n.problems import describe
from loaders import ValidationFailed, load_dataset
from store.formats import MAX_UPLOAD_BYTES, looks_like_formula, read_upload
from store.review import review
from store.save import ConflictError, audit_log, finish_interrupted_saves, import_file, read_audit, save
from tests.conftest import DATA_DIR, REPO

BAD_UPLOADS = REPO / "tests" / "fixtures" / "bad_uploads"
CASES = yaml.safe_load((BAD_UPLOADS / "cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A private copy of the real data/, so saves can be made and checked."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("history"))
    return copy


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


def curated(dataset, slug: str) -> dict:
    return {row.observation.key: row.observation for row in dataset.observations
            if row.district == slug and row.observation.indicator != "communes"}


def filled_template(dataset, slug: str, new_slug: str | None = None) -> bytes:
    """The blank XLSX template filled in cell by cell (as an official would) with a curated district's figures."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx_template(dataset, "vi")))
    district = next(d for d in dataset.districts if d.slug == slug)
    values = {"district": district.name, "slug": new_slug or slug, "province": district.province,
              "province_2025": district.province_2025}
    communes = next(r.observation for r in dataset.observations if r.district == slug and r.observation.indicator == "communes")
    values.update({"communes": communes.value, "communes_source": communes.source, "communes_quote": communes.quote,
                   "communes_period": communes.period})
    for row in book["Đơn vị"].iter_rows(min_row=2):
        key = str(row[0].value).rsplit("(", 1)[1].rstrip(")")
        row[1].value = values.get(key)
    sheet = book["Số liệu"]
    sheet.delete_rows(2, sheet.max_row)  # the pre-listed blank rows are replaced by the figures
    for observation in curated(dataset, slug).values():
        record = observation.model_dump()
        sheet.append([record.get(column) for column in TEMPLATE_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- templates ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["lam-binh", "huong-khe", "thuan-bac"])
def test_xlsx_template_filled_with_a_seed_district_imports_to_the_same_observations(dataset, slug):
    submission = read_upload(filled_template(dataset, slug), f"{slug}.xlsx", DATA_DIR)
    reviewed = review(DATA_DIR, submission)
    assert reviewed.ok, [str(p) for p in reviewed.problems]
    assert reviewed.changes == []  # the same observations as curated: nothing added, changed or removed
    imported = {row.observation.key: row.observation for row in reviewed.dataset.observations
                if row.district == slug and row.observation.indicator != "communes"}
    assert imported == curated(dataset, slug)


def test_prefilled_template_of_a_district_round_trips_without_changes(dataset):
    reviewed = review(DATA_DIR, read_upload(xlsx_template(dataset, "en", "tam-duong"), "tam-duong.xlsx", DATA_DIR))
    assert reviewed.ok and reviewed.changes == []


def test_xlsx_template_lists_every_catalogue_indicator_with_its_unit(dataset):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_template(dataset, "vi")))
    assert {"Hướng dẫn", "Đơn vị", "Nguồn", "Số liệu", "Chỉ tiêu", "Ví dụ"} <= set(book.sheetnames)
    listed = {row[0]: row[3] for row in book["Số liệu"].iter_rows(min_row=2, values_only=True)}
    expected = {i.id: i.unit for i in dataset.indicators.values() if i.id != "communes"}
    assert listed == expected
    assert book["Số liệu"]["C1"].value == "Giá trị (value)"


def test_blank_template_rows_are_not_data_but_an_empty_district_sheet_is_reported(dataset):
    submission = read_upload(xlsx_template(dataset, "vi"), "blank.xlsx", DATA_DIR)
    assert [p.code for p in submission.problems] == ["bad_slug"]


def test_csv_template_has_one_row_per_indicator_and_imports_as_no_figures(dataset, data_dir):
    content = csv_template(dataset)
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads Vietnamese only with the BOM
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == list(TEMPLATE_COLUMNS) and len(lines) == len(dataset.indicators)
    reviewed = review(data_dir, read_upload(content, "t.csv", data_dir, "lam-binh"))
    assert reviewed.ok and reviewed.count("added") == 0 and reviewed.count("removed") == len(curated(dataset, "lam-binh"))


def test_yaml_template_is_commented_yaml_naming_every_indicator(dataset):
    text = yaml_template(dataset, "vi").decode("utf-8")
    document = yaml.safe_load(text)
    assert document["observations"][0]["indicator"] == "dossiers_received"
    assert all(f"#   {indicator}" in text for indicator in dataset.indicators)


# --- bad uploads -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_bad_upload_is_rejected_with_its_message_and_nothing_written(case, data_dir, tmp_path):
    before = snapshot(data_dir)
    content = (BAD_UPLOADS / case["file"]).read_bytes()
    reviewed = review(data_dir, read_upload(content, case["file"], data_dir, case["district"]))
    assert not reviewed.ok
    found = [(p.code, p.field) for p in reviewed.problems]
    assert (case["code"], case["field"]) in found, found
    problem = next(p for p in reviewed.problems if p.code == case["code"])
    assert case["vi"] in describe(problem, "vi")
    assert problem.file.startswith(case["file"]) or problem.file.startswith("data/")
    with pytest.raises(ValidationFailed):
        import_file(data_dir, tmp_path / "db.duckdb", content, case["file"], "tester", case["district"])
    assert snapshot(data_dir) == before
    assert not (tmp_path / "db.duckdb").exists()


def spreadsheet(dataset, edit) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_template(dataset, "vi", "lam-binh")))
    edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_wrong_sheet_names_the_missing_sheet(dataset, data_dir):
    content = spreadsheet(dataset, lambda book: setattr(book["Số liệu"], "title", "Sheet1"))
    submission = read_upload(content, "x.xlsx", data_dir)
    problem = next(p for p in submission.problems if p.code == "missing_sheet")
    assert "Số liệu" in describe(problem, "vi") and "Sheet1" in describe(problem, "vi")


def test_formula_cell_is_refused_not_evaluated(dataset, data_dir):
    def put_formula(book):
        book["Số liệu"]["C2"] = "=1000+973"
    submission = read_upload(spreadsheet(dataset, put_formula), "x.xlsx", data_dir)
    problem = next(p for p in submission.problems if p.code == "formula_cell")
    assert (problem.file, problem.line, problem.field) == ("x.xlsx › Số liệu", 2, "value")
    assert "C2" in describe(problem, "vi")


def test_text_in_a_number_cell_names_sheet_row_and_column(dataset, data_dir):
    def put_text(book):
        book["Số liệu"]["C3"] = "khoảng 1973"
    reviewed = review(data_dir, read_upload(spreadsheet(dataset, put_text), "x.xlsx", data_dir))
    problem = next(p for p in reviewed.problems if p.field == "value")
    assert (problem.file, problem.line, problem.code) == ("x.xlsx › Số liệu", 3, "not_plain_number")


def test_a_20_mb_file_is_refused_before_it_is_parsed(data_dir):
    content = b"district: X\n" + b"#" * (20 * 1024 * 1024)
    submission = read_upload(content, "big.yaml", data_dir)
    assert submission.district is None and [p.code for p in submission.problems] == ["file_too_large"]
    assert len(content) > MAX_UPLOAD_BYTES


def test_a_path_in_the_file_name_is_never_used(data_dir):
    content = (DATA_DIR / "units" / "lam-binh.yaml").read_bytes().replace(b"slug: lam-binh", b"slug: lam-binh-copy")
    submission = read_upload(content, "../../../etc/evil.yaml", data_dir)
    assert submission.shown_name == "evil.yaml" and submission.slug == "lam-binh-copy"


def test_a_csv_district_argument_that_is_a_path_is_refused(data_dir):
    submission = read_upload(b"indicator\n", "x.csv", data_dir, "../sources")
    assert [p.code for p in submission.problems] == ["bad_slug"]


@pytest.mark.parametrize("text, formula", [
    # Excel evaluates anything after a leading + or - that is not a plain number ("-2+3", "+1+cmd|' /C calc'!A0")
    ("=SUM(A1)", True), ("@cmd", True), ("+HYPERLINK(1)", True), ("-2+3", True), ("- Số hồ sơ", True),
    ("+84 912", True), ("+1+cmd|' /C calc'!A0", True), ("-5", False), ("+5", False), ("-1,5", False),
    ("Số hồ sơ", False),
])
def test_formula_looking_text(text, formula):
    assert looks_like_formula(text) is formula


# --- saving ------------------------------------------------------------------------------------------------

def test_saving_a_new_district_writes_its_file_audit_and_database(dataset, data_dir, tmp_path):
    db = tmp_path / "db.duckdb"
    result = import_file(data_dir, db, filled_template(dataset, "lam-binh", "lam-binh-moi"), "moi.xlsx", "Nguyễn Văn A")
    assert result.path == data_dir / "units" / "lam-binh-moi.yaml" and result.history == ()
    entry = audit_log(data_dir)[0]
    assert (entry["editor"], entry["district"], entry["action"]) == ("Nguyễn Văn A", "lam-binh-moi", "added")
    assert len(entry["added"]) == len(curated(dataset, "lam-binh")) and entry["removed"] == []
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT count(*) FROM observations WHERE district_id = 'lam-binh-moi' AND NOT is_derived").fetchone()[0]
    con.close()
    assert rows == len(curated(dataset, "lam-binh")) + 1  # + the communes count from the district sheet


def test_updating_a_district_keeps_the_previous_file_and_logs_the_change(data_dir, tmp_path):
    original = (data_dir / "units" / "lam-binh.yaml").read_bytes()
    edited = original.replace(b"value: 1973", b"value: 1974").replace(b"1.973 h", b"1.974 h")
    reviewed = review(data_dir, read_upload(edited, "lam-binh.yaml", data_dir))
    assert [(c.kind, c.label, c.fields) for c in reviewed.changes] == [
        ("changed", "dossiers_online/district/2022", ("value", "quote"))]
    result = save(data_dir, tmp_path / "db.duckdb", reviewed, "Trần B")
    assert result.history[0].read_bytes() == original
    assert audit_log(data_dir)[0]["changed"] == ["dossiers_online/district/2022"]
    assert load_dataset(data_dir)  # the saved data is valid


def test_a_save_after_someone_else_saved_is_refused_as_a_conflict(data_dir, tmp_path):
    original = (data_dir / "units" / "lam-binh.yaml").read_bytes()
    mine = review(data_dir, read_upload(original.replace("khoảng 1.000 tin".encode(), "khoảng 1.000 tin (ước)".encode()), "a.yaml", data_dir))
    theirs = review(data_dir, read_upload(original.replace(b"value: 1973", b"value: 1974").replace(b"1.973 h", b"1.974 h"), "b.yaml", data_dir))
    save(data_dir, tmp_path / "db.duckdb", theirs, "first")
    after_first = snapshot(data_dir)
    with pytest.raises(ConflictError):
        save(data_dir, tmp_path / "db.duckdb", mine, "second")
    assert snapshot(data_dir) == after_first


def test_ten_parallel_saves_lose_no_observation_and_leave_a_valid_database(dataset, data_dir, tmp_path):
    db = tmp_path / "db.duckdb"
    contents = {f"parallel-{n}": filled_template(dataset, "huong-khe", f"parallel-{n}") for n in range(10)}

    def submit(slug: str):
        return import_file(data_dir, db, contents[slug], f"{slug}.xlsx", f"editor {slug}")

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(submit, contents))
    assert sorted(r.district for r in results) == sorted(contents)
    saved = load_dataset(data_dir)
    expected = len(curated(dataset, "huong-khe"))
    for slug in contents:
        assert len(curated(saved, slug)) == expected
    con = duckdb.connect(str(db), read_only=True)
    counts = dict(con.execute("SELECT district_id, count(*) FROM observations WHERE NOT is_derived "
                              "AND indicator_id <> 'communes' GROUP BY 1").fetchall())
    con.close()
    assert all(counts[slug] == expected for slug in contents)
    assert len(audit_log(data_dir, limit=100)) == 10


def test_ten_parallel_updates_of_one_district_save_one_and_refuse_nine(data_dir, tmp_path):
    original = (data_dir / "units" / "lam-binh.yaml").read_bytes()
    reviews = [review(data_dir, read_upload(original.replace(b"value: 1973", f"value: {1973 + n}".encode())
                                            .replace(b"1.973 h", f"{1973 + n} h".encode()), f"{n}.yaml", data_dir))
               for n in range(1, 11)]

    def attempt(reviewed):
        try:
            save(data_dir, tmp_path / "db.duckdb", reviewed, "someone")
            return "saved"
        except ConflictError:
            return "conflict"

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(attempt, reviews))
    assert sorted(outcomes) == ["conflict"] * 9 + ["saved"]
    assert len(audit_log(data_dir)) == 1 and load_dataset(data_dir)


def test_a_save_that_fails_at_the_last_check_changes_nothing(dataset, data_dir, tmp_path, monkeypatch):
    import store.save as contribute

    reviewed = review(data_dir, read_upload(filled_template(dataset, "lam-binh", "lam-binh-x"), "x.xlsx", data_dir))
    before = snapshot(data_dir)

    def crash(*args, **kwargs):
        raise OSError("disk full")  # as if the machine failed while writing the new file
    monkeypatch.setattr(contribute, "write_atomic", crash)
    with pytest.raises(OSError):
        save(data_dir, tmp_path / "db.duckdb", reviewed, "x")
    assert {k: v for k, v in snapshot(data_dir).items() if not k.startswith("history/")} == \
           {k: v for k, v in before.items() if not k.startswith("history/")}


def edited_lam_binh(data_dir: Path, value: int) -> bytes:
    original = (data_dir / "units" / "lam-binh.yaml").read_bytes()
    return original.replace(b"value: 1973", f"value: {value}".encode()).replace(b"1.973 h", f"{value:,}".replace(",", ".").encode() + b" h")


def save_lam_binh(data_dir: Path, db: Path, value: int, editor: str = "Trần B"):
    return save(data_dir, db, review(data_dir, read_upload(edited_lam_binh(data_dir, value), "lam-binh.yaml", data_dir)), editor)


def audit_lines(data_dir: Path) -> list[bytes]:
    return (data_dir / "history" / "audit.jsonl").read_bytes().split(b"\n")


def test_a_save_writes_its_intent_with_the_new_files_hash_before_its_commit(data_dir, tmp_path):
    result = save_lam_binh(data_dir, tmp_path / "db.duckdb", 1974)
    intent, committed = [yaml.safe_load(line) for line in audit_lines(data_dir) if line]
    assert (intent["state"], committed["state"], committed["id"]) == ("intent", "committed", intent["id"])
    assert intent["file_sha256"] == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert intent["changed"] == ["dossiers_online/district/2022"] and intent["history"] == [
        path.relative_to(data_dir).as_posix() for path in result.history]


def test_a_torn_last_audit_line_is_skipped_and_reported_and_the_next_save_starts_a_new_line(data_dir, tmp_path):
    db = tmp_path / "db.duckdb"
    save_lam_binh(data_dir, db, 1974, "first")
    with open(data_dir / "history" / "audit.jsonl", "ab") as audit:
        audit.write(b'{"id": "0123", "state": "intent", "editor": "cut sh')  # a kill in the middle of an append
    torn = read_audit(data_dir)
    assert [e["editor"] for e in torn.entries] == ["first"]
    assert [(p.line, p.code) for p in torn.problems] == [(3, "audit_line_unreadable")]
    save_lam_binh(data_dir, db, 1975, "second")
    after = read_audit(data_dir)
    assert [e["editor"] for e in after.entries] == ["second", "first"]
    assert [p.line for p in after.problems] == [3]  # only the torn line is lost, not the one appended after it


def test_a_save_killed_after_its_rename_counts_as_done_and_the_next_start_commits_it(data_dir, tmp_path):
    result = save_lam_binh(data_dir, tmp_path / "db.duckdb", 1974, "killed")
    lines = audit_lines(data_dir)
    (data_dir / "history" / "audit.jsonl").write_bytes(lines[0] + b"\n")  # the committed line never got written
    assert [e["editor"] for e in audit_log(data_dir)] == ["killed"]  # the intent describes the file on disk
    assert finish_interrupted_saves(data_dir)
    outcome = yaml.safe_load(audit_lines(data_dir)[1])
    assert (outcome["state"], outcome["recovered"]) == ("committed", True)
    assert b"value: 1974" in result.path.read_bytes() and audit_log(data_dir)[0]["state"] == "committed"


def test_a_save_killed_before_its_rename_is_abandoned_and_not_listed(data_dir, tmp_path):
    original = (data_dir / "units" / "lam-binh.yaml").read_bytes()
    result = save_lam_binh(data_dir, tmp_path / "db.duckdb", 1974, "killed")
    result.path.write_bytes(original)  # as it was when the kill came: intent durable, file not yet renamed in
    (data_dir / "history" / "audit.jsonl").write_bytes(audit_lines(data_dir)[0] + b"\n")
    assert audit_log(data_dir) == []
    assert finish_interrupted_saves(data_dir)
    assert yaml.safe_load(audit_lines(data_dir)[1])["state"] == "abandoned"
    assert audit_log(data_dir) == [] and result.path.read_bytes() == original


def test_a_killed_saves_staging_folder_and_half_written_copies_are_removed_by_the_next_save(data_dir, tmp_path):
    stage = data_dir / "history" / ".staging" / ("ab" * 16) / "data" / "districts"
    stage.mkdir(parents=True)
    (stage / "lam-binh.yaml").write_text("half", encoding="utf-8")
    half_written = [data_dir / "units" / f".lam-binh.yaml.{'cd' * 16}.tmp",
                    data_dir / "history" / f".audit.jsonl.{'ef' * 16}.tmp"]
    for path in half_written:
        path.write_text("half", encoding="utf-8")
    keep = data_dir / "units" / ".notes.tmp"  # not a name the save writes: not the save's to delete
    keep.write_text("mine", encoding="utf-8")
    save_lam_binh(data_dir, tmp_path / "db.duckdb", 1974)
    assert list((data_dir / "history" / ".staging").glob("*")) == []
    assert [path for path in half_written if path.exists()] == [] and keep.exists()


def test_a_source_date_no_calendar_has_stops_the_save_with_a_problem_and_writes_nothing(data_dir, tmp_path):
    original = (data_dir / "units" / "lam-binh.yaml").read_text(encoding="utf-8")
    block = ("sources:\n  - id: lam-binh-bien-ban\n    title: Biên bản họp\n    issuer: UBND huyện Lâm Bình\n"
             '    date: "2023-13-45"\n    kind: official_report\n')
    upload = original.replace("\nobservations:", f"\n{block}observations:", 1).encode("utf-8")
    before = snapshot(data_dir)
    reviewed = review(data_dir, read_upload(upload, "lam-binh.yaml", data_dir))
    with pytest.raises(ValidationFailed):
        if not reviewed.ok:  # the review may already refuse the date; if not, the save's trial build does
            raise ValidationFailed(reviewed.problems)
        save(data_dir, tmp_path / "db.duckdb", reviewed, "x")
    assert {k: v for k, v in snapshot(data_dir).items() if not k.startswith("history/")} == \
           {k: v for k, v in before.items() if not k.startswith("history/")}
    assert audit_log(data_dir) == []


def test_editor_name_is_required(dataset, data_dir, tmp_path):
    reviewed = review(data_dir, read_upload(filled_template(dataset, "lam-binh", "lam-binh-y"), "y.xlsx", data_dir))
    with pytest.raises(ValueError):
        save(data_dir, tmp_path / "db.duckdb", reviewed, "   ")


def test_command_line_import_dry_run_then_save(dataset, data_dir, tmp_path):
    upload = tmp_path / "moi.xlsx"
    upload.write_bytes(filled_template(dataset, "tam-duong", "tam-duong-moi"))
    command = [sys.executable, "-m", "store", "import", str(upload), "--data-dir", str(data_dir),
               "--db", str(tmp_path / "db.duckdb"), "--editor", "cli"]
    dry = subprocess.run([*command, "--dry-run"], cwd=REPO, capture_output=True, text=True)
    assert dry.returncode == 0 and "tam-duong-moi: new district" in dry.stdout
    assert not (data_dir / "units" / "tam-duong-moi.yaml").exists()
    saved = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert saved.returncode == 0, saved.stderr
    assert (data_dir / "units" / "tam-duong-moi.yaml").exists()
    bad = subprocess.run([sys.executable, "-m", "store", "import", str(BAD_UPLOADS / "percent_130.csv"),
                          "--district", "lam-binh", "--data-dir", str(data_dir), "--db", str(tmp_path / "db.duckdb")],
                         cwd=REPO, capture_output=True, text=True)
    assert bad.returncode == 1 and "percent_130.csv:2: value: 130 is outside 0–100" in bad.stderr


def test_a_source_id_declared_in_another_district_file_cannot_be_reused(dataset, data_dir, tmp_path):
    import_file(data_dir, tmp_path / "db.duckdb", filled_template(dataset, "lam-binh", "huyen-a"), "a.xlsx", "x")
    own = (data_dir / "units" / "huyen-a.yaml").read_text(encoding="utf-8")
    assert "sources:" not in own  # lam-binh's source is in the registry: nothing to declare
    first = ("district: A\nslug: huyen-b\nprovince: P\nprovince_2025: P\nsources:\n  - id: bao-cao-b\n    title: T\n"
             "    issuer: I\n    date: 2024\n    kind: official_report\nobservations: []\n")
    import_file(data_dir, tmp_path / "db.duckdb", first.encode(), "b.yaml", "x")
    second = first.replace("slug: huyen-b", "slug: huyen-c").replace("title: T", "title: Another report")
    reviewed = review(data_dir, read_upload(second.encode(), "c.yaml", data_dir))
    assert [(p.code, p.params.get("value")) for p in reviewed.problems] == [("defined_twice", "bao-cao-b")]


def test_another_districts_broken_file_does_not_block_the_review_but_the_save_reports_it(dataset, data_dir, tmp_path):
    broken = data_dir / "units" / "tam-duong.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("unit: count", "unit: counts", 1), encoding="utf-8")
    reviewed = review(data_dir, read_upload(filled_template(dataset, "lam-binh", "huyen-d"), "d.xlsx", data_dir))
    assert reviewed.ok
    before = snapshot(data_dir)
    with pytest.raises(ValidationFailed) as failure:
        save(data_dir, tmp_path / "db.duckdb", reviewed, "x")
    assert all("tam-duong.yaml" in problem.file for problem in failure.value.problems)
    assert snapshot(data_dir) == before


def test_a_district_name_with_markup_is_refused(data_dir):
    content = (DATA_DIR / "units" / "lam-binh.yaml").read_text(encoding="utf-8").replace(
        "name: Lâm Bình", 'name: "<a href=\'http://x\'>Lâm Bình</a>"').replace("slug: lam-binh", "slug: lam-binh-y")
    reviewed = review(data_dir, read_upload(content.encode(), "y.yaml", data_dir))
    assert [(p.field, p.code) for p in reviewed.problems] == [("name", "string_pattern_mismatch")]


def test_a_second_file_of_a_unit_that_has_one_is_refused(data_dir):
    content = (DATA_DIR / "units" / "lam-binh.yaml").read_text(encoding="utf-8").replace("slug: lam-binh", "slug: lam-binh-y")
    reviewed = review(data_dir, read_upload(content.encode(), "y.yaml", data_dir), context=["lam-binh"])
    assert [(p.field, p.code) for p in reviewed.problems] == [("unit_id", "unit_twice")]


def test_a_workbook_that_unpacks_like_a_zip_bomb_is_refused_unread(data_dir):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (30 * 1024 * 1024) + b"</a>")
    assert len(buffer.getvalue()) < MAX_UPLOAD_BYTES
    submission = read_upload(buffer.getvalue(), "bomb.xlsx", data_dir)
    assert [p.code for p in submission.problems] == ["unpacked_too_large"] and submission.district is None


def test_parallel_imports_from_separate_processes_all_land(dataset, data_dir, tmp_path):
    """Two app servers (or an editor at the command line) are separate processes: the lock holds across them."""
    uploads = []
    for n in range(5):
        upload = tmp_path / f"process-{n}.xlsx"
        upload.write_bytes(filled_template(dataset, "luc-yen", f"process-{n}"))
        uploads.append(upload)
    processes = [subprocess.Popen([sys.executable, "-m", "store", "import", str(upload), "--data-dir", str(data_dir),
                                   "--db", str(tmp_path / "db.duckdb"), "--editor", upload.stem],
                                  cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for upload in uploads]
    outcomes = [(process.wait(timeout=300), process.stderr.read()) for process in processes]
    assert [code for code, _ in outcomes] == [0] * 5, outcomes
    saved = load_dataset(data_dir)
    assert all(len(curated(saved, f"process-{n}")) == len(curated(dataset, "luc-yen")) for n in range(5))
    assert sorted(entry["editor"] for entry in audit_log(data_dir)) == [f"process-{n}" for n in range(5)]


@pytest.mark.parametrize("slug, kind, unit_id", [("an-lao", "commune", "hai-phong/xa-an-lao"),
                                                 ("tinh-bac-giang", "province", None)])
def test_prefilled_template_of_a_commune_or_province_stays_that_unit(dataset, slug, kind, unit_id):
    """The update path officials are told to use (download the pre-filled template, upload it) keeps the unit's kind
    and unit id: a commune saved this way must not become a pre-2025 district."""
    saved = next(d for d in dataset.districts if d.slug == slug)
    assert saved.kind == kind and (unit_id is None or saved.unit_id == unit_id)
    reviewed = review(DATA_DIR, read_upload(xlsx_template(dataset, "vi", slug), f"{slug}.xlsx", DATA_DIR))
    assert reviewed.ok, [str(p) for p in reviewed.problems]
    assert (reviewed.district.kind, reviewed.district.unit_id) == (saved.kind, saved.unit_id)
    assert reviewed.changes == []


def _with_unit_cell(content: bytes, field: str, value: str) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    for row in book["Đơn vị"].iter_rows(min_row=2):
        if str(row[0].value).endswith(f"({field})"):
            row[1].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("field, value, code", [("kind", "district", "unit_kind_changed"),
                                                ("unit_id", "hai-phong/xa-an-hai", "unit_id_changed")])
def test_an_update_that_changes_the_saved_units_kind_or_id_is_refused_where_it_is_typed(dataset, field, value, code):
    content = _with_unit_cell(xlsx_template(dataset, "vi", "an-lao"), field, value)
    submission = read_upload(content, "an-lao.xlsx", DATA_DIR)
    problems = [p for p in submission.problems if p.code == code]
    assert len(problems) == 1 and problems[0].field == field and problems[0].file.endswith("Đơn vị")
    assert problems[0].line > 1
    assert value in describe(problems[0], "vi") and describe(problems[0], "vi") != problems[0].message
    assert not review(DATA_DIR, submission).ok


def test_a_template_downloaded_before_the_unit_sheet_was_renamed_still_reads(dataset):
    # templates handed out before 2026 call the unit sheet "Huyện"; an official filling one in must not be refused
    book = openpyxl.load_workbook(io.BytesIO(xlsx_template(dataset, "vi", "an-lao")))
    book["Đơn vị"].title = "Huyện"
    buffer = io.BytesIO()
    book.save(buffer)
    submission = read_upload(buffer.getvalue(), "an-lao.xlsx", DATA_DIR)
    assert not [p for p in submission.problems if p.code == "missing_sheet"]
    reviewed = review(DATA_DIR, submission)
    assert reviewed.ok, [str(p) for p in reviewed.problems]
    assert (reviewed.district.kind, reviewed.district.unit_id) == ("commune", "hai-phong/xa-an-lao")
    assert reviewed.changes == []
