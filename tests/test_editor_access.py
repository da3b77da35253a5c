"""The editor secret: guesses are throttled per session and per client, every refusal is logged without the
guess, an unlocked session holds only while the secret it unlocked with is the one configured, and every save
(Contribute and Report reader) checks it again. The Report reader never lets a typed id name a file."""

from __future__ import annotations

import logging
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA_DIR, REPO
from ui.editor_access import FIRST_LOCKOUT_SECONDS, FREE_ATTEMPTS, MAX_LOCKOUT_SECONDS, Throttle

pytestmark = pytest.mark.usefixtures("built_db")


def contribute() -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "contribute.py"), default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def try_secret(at: AppTest, guess: str) -> AppTest:
    at.text_input(key="editor_secret_guess").input(guess)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


# --- the throttle on its own, with a clock the test moves ---------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_locks_a_key_after_the_free_attempts_and_doubles_the_wait():
    clock = Clock()
    throttle = Throttle(clock)
    keys = [("client", "1.2.3.4")]
    for _ in range(FREE_ATTEMPTS - 1):
        throttle.failed(keys)
    assert throttle.wait_seconds(keys) == 0
    throttle.failed(keys)
    assert throttle.wait_seconds(keys) == FIRST_LOCKOUT_SECONDS
    clock.now += FIRST_LOCKOUT_SECONDS
    assert throttle.wait_seconds(keys) == 0
    throttle.failed(keys)
    assert throttle.wait_seconds(keys) == 2 * FIRST_LOCKOUT_SECONDS
    for _ in range(30):
        throttle.failed(keys)
    assert throttle.wait_seconds(keys) == MAX_LOCKOUT_SECONDS
    assert throttle.wait_seconds([("client", "5.6.7.8")]) == 0  # another client is not held up


def test_throttle_waits_for_the_most_locked_of_the_keys_and_forgets_them_on_success():
    throttle = Throttle(Clock())
    session, client = ("session", "a"), ("client", "1.2.3.4")
    for _ in range(FREE_ATTEMPTS):
        throttle.failed([client])
    assert throttle.wait_seconds([session, client]) == FIRST_LOCKOUT_SECONDS
    throttle.succeeded([session, client])
    assert throttle.wait_seconds([session, client]) == 0


# --- the pages --------------------------------------------------------------------------------------------

def test_wrong_guesses_lock_the_session_and_a_new_session_from_the_same_client(monkeypatch, caplog):
    secret = "throttle-test-secret"  # throttle counts are per secret: other tests are not held up
    monkeypatch.setenv("CDS_EDITOR_SECRET", secret)
    caplog.set_level(logging.WARNING, logger="cds.editor_access")
    at = contribute()
    for n in range(FREE_ATTEMPTS - 1):
        try_secret(at, f"guess-{n}")
        assert "Mã không đúng." in errors(at)
    try_secret(at, "guess-last")
    assert "Nhập sai quá nhiều lần" in errors(at)
    try_secret(at, secret)  # the right secret, during the lock-out: refused without being checked
    assert "Nhập sai quá nhiều lần" in errors(at) and not at.get("file_uploader")
    fresh = try_secret(contribute(), secret)  # a new session from the same address
    assert "Nhập sai quá nhiều lần" in errors(fresh) and not fresh.get("file_uploader")

    refusals = [r.getMessage() for r in caplog.records if r.name == "cds.editor_access"]
    assert len(refusals) == FREE_ATTEMPTS + 2  # one line per refused attempt
    assert all("guess" not in line and secret not in line for line in refusals)
    assert "wrong secret" in refusals[0] and "client local" in refusals[0]


def test_a_session_unlocked_with_an_old_secret_is_locked_when_the_secret_changes(monkeypatch):
    monkeypatch.setenv("CDS_EDITOR_SECRET", "bí-mật-cũ")
    at = try_secret(contribute(), "bí-mật-cũ")
    assert at.get("file_uploader")
    monkeypatch.setenv("CDS_EDITOR_SECRET", "bí-mật-mới")
    at.run()
    assert not at.get("file_uploader") and at.text_input(key="editor_secret_guess")
    monkeypatch.delenv("CDS_EDITOR_SECRET")
    at.run()
    assert not at.get("file_uploader")
    assert "CDS_EDITOR_SECRET" in " ".join(i.value for i in at.info)


READER_TEXT = ("Báo cáo ngày 20/12/2023. Năm 2023, Ủy ban nhân dân huyện đã tiếp nhận 12.500 hồ sơ thủ tục hành chính, "
               "trong đó 4.321 hồ sơ trực tuyến.")
NEW_DISTRICT = {"reader_district": "Huyện Thử", "reader_province": "Tỉnh Thử", "reader_province_2025": "Tỉnh Thử",
                "reader_source_id": "huyen-thu-2023", "reader_source_title": "Báo cáo năm 2023",
                "reader_source_issuer": "UBND huyện Thử", "reader_source_date": "2023-12-20"}


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    monkeypatch.setenv("CDS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CDS_DB_PATH", str(tmp_path / "db.duckdb"))
    return tmp_path / "data"


def reader_with_a_new_district(at: AppTest, slug: str) -> AppTest:
    at.text_area(key="reader_text").input(READER_TEXT).run()
    for key, value in {**NEW_DISTRICT, "reader_slug": slug}.items():
        at.text_input(key=key).input(value)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# One browser session that opens the Contribute page, then the Report reader: the page to run is kept in the
# session (AppTest cannot switch pages of a form-submitting app).
TWO_PAGES = f"""
import runpy
import streamlit as st
runpy.run_path(st.session_state.get("page_under_test", {str(REPO / "app_pages" / "contribute.py")!r}), run_name="__main__")
"""


def test_the_report_reader_does_not_save_once_the_secret_is_removed(monkeypatch, data_copy):
    monkeypatch.setenv("CDS_EDITOR_SECRET", "mã-đọc")
    at = AppTest.from_string(TWO_PAGES, default_timeout=60).run()
    try_secret(at, "mã-đọc")
    assert at.get("file_uploader")
    at.session_state["page_under_test"] = str(REPO / "app_pages" / "report_reader.py")
    reader_with_a_new_district(at.run(), "huyen-thu")
    assert any(b.key == "reader_save" for b in at.button)  # unlocked: it could save
    monkeypatch.delenv("CDS_EDITOR_SECRET")
    at.run()
    assert not any(b.key == "reader_save" for b in at.button)
    assert "mở khóa" in " ".join(c.value for c in at.caption)
    assert not (data_copy / "units" / "huyen-thu.yaml").exists()


def test_the_report_reader_refuses_a_district_id_that_leaves_the_data_folder(data_copy):
    (data_copy.parent / "secret.yaml").write_text("district: TOPSECRET\nslug: secret\n", encoding="utf-8")
    at = AppTest.from_file(str(REPO / "app_pages" / "report_reader.py"), default_timeout=60).run()
    reader_with_a_new_district(at, "../../secret")
    assert "Mã tệp chỉ gồm chữ thường" in errors(at)
    assert not at.get("download_button")
    everything = " ".join(str(element.proto) for element in at.main)
    assert "TOPSECRET" not in everything
