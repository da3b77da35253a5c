"""What the report reader proposed and what the person decided is kept, when the person saves, as material for the
reader's next round: an append-only JSON-lines record under the data folder's history/, the text stored once."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from reader import propose
from store.reader_decisions import (
    decision,
    decisions_path,
    document_path,
    keep_decisions,
    proposal_fields,
    read_decisions,
)
from tests.conftest import DATA_DIR, REPO

TEXT = ("Báo cáo ngày 20/12/2023. Năm 2023, Ủy ban nhân dân huyện đã tiếp nhận 12.500 hồ sơ thủ tục hành chính, "
        "trong đó 4.321 hồ sơ trực tuyến. Toàn huyện có 15 tổ công nghệ số cộng đồng.")


def test_a_proposal_taken_as_is_edited_or_left_out_is_told_apart():
    proposed = {"indicator": "dossiers_online", "value": 4321, "period": "2023", "level": "district",
                "commune": None, "qualifier": None}
    assert decision(proposed, None) == ("rejected", [])
    assert decision(proposed, {**proposed, "value": 4321.0, "commune": "", "unit": "count"}) == ("accepted", [])
    assert decision(proposed, {**proposed, "value": 4312.0, "period": "2023-H2"}) == ("edited", ["value", "period"])


def test_each_save_appends_one_line_and_stores_the_text_once(tmp_path):
    proposals = [proposal_fields(c) for c in propose(TEXT)]
    assert [p["value"] for p in proposals] == [12500, 4321, 15]
    taken = [{**proposals[0]}, {**proposals[1], "value": 4322.0}, None]
    when = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)
    kept = keep_decisions(tmp_path, TEXT, list(zip(proposals, taken)), editor=" Le\u0302   Lan ", unit="huyen-thu",
                          source="huyen-thu-2023", document_date="2023-12-20", now=when)
    keep_decisions(tmp_path, TEXT, [(proposals[2], None)], editor="Lan", unit="huyen-thu")
    lines = decisions_path(tmp_path).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == kept.record
    first = kept.record
    # the same name and time form as the save audit beside it in history/ (store.save.clean_editor, audit_time)
    assert first["editor"] == "Lê Lan" and first["time"] == "2026-12-02T01:30:00+00:00"
    assert first["counts"] == {"accepted": 1, "edited": 1, "rejected": 1}
    assert [row["decision"] for row in first["proposals"]] == ["accepted", "edited", "rejected"]
    edited = first["proposals"][1]
    assert edited["changed"] == ["value"] and edited["taken"]["value"] == 4322
    assert edited["proposed"]["value"] == 4321 and "4.321 hồ sơ trực tuyến" in edited["proposed"]["quote"]
    assert document_path(tmp_path, first["document_sha256"]).read_text(encoding="utf-8") == TEXT
    assert len(list(document_path(tmp_path, "x").parent.iterdir())) == 1


def test_a_line_torn_by_a_crash_is_skipped_and_the_next_save_starts_a_line_of_its_own(tmp_path):
    path = decisions_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"id": "torn", "proposals": [', encoding="utf-8")  # no newline: an append cut short
    keep_decisions(tmp_path, TEXT, [(proposal_fields(propose(TEXT)[0]), None)], editor="Lan", unit="huyen-thu")
    records, skipped = read_decisions(tmp_path)
    assert skipped == 1 and len(records) == 1 and records[0]["counts"]["rejected"] == 1
    assert read_decisions(tmp_path / "nowhere") == ([], 0)


# --- on the page: saving keeps the decisions -------------------------------------------------------------

TWO_PAGES = f"""
import runpy
import streamlit as st
runpy.run_path(st.session_state.get("page_under_test", {str(REPO / "app_pages" / "contribute.py")!r}), run_name="__main__")
"""


@pytest.fixture
def data_copy(tmp_path, monkeypatch, built_db):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    monkeypatch.setenv("CDS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CDS_DB_PATH", str(tmp_path / "db.duckdb"))
    return tmp_path / "data"


def test_saving_from_the_report_reader_keeps_what_was_accepted_edited_and_rejected(monkeypatch, data_copy):
    monkeypatch.setenv("CDS_EDITOR_SECRET", "mã-thử")
    at = AppTest.from_string(TWO_PAGES, default_timeout=90).run()
    at.text_input(key="editor_secret_guess").input("mã-thử")
    at.button[0].click().run()
    at.session_state["page_under_test"] = str(REPO / "app_pages" / "report_reader.py")
    at.run()
    at.text_area(key="reader_text").input(TEXT).run()
    radios = [radio for radio in at.radio if radio.key.startswith("decision_")]
    assert len(radios) == 3
    radios[2].set_value("reject")
    periods = [box for box in at.text_input if box.key.startswith("period_")]
    periods[1].input("2023-H2")  # a value edited away from its quote would not pass the file's checks
    at.run()
    for key, value in {"reader_district": "Huyện Thử", "reader_slug": "huyen-thu", "reader_province": "Tỉnh Thử",
                       "reader_province_2025": "Tỉnh Thử", "reader_source_id": "huyen-thu-2023",
                       "reader_source_title": "Báo cáo năm 2023", "reader_source_issuer": "UBND huyện Thử",
                       "reader_source_date": "2023-12-20"}.items():
        at.text_input(key=key).input(value)
    at.run()
    at.text_input(key="reader_editor").input("Lan").run()
    assert not decisions_path(data_copy).exists()  # nothing is kept before the person saves
    at.button(key="reader_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert (data_copy / "units" / "huyen-thu.yaml").exists()
    records, skipped = read_decisions(data_copy)
    assert skipped == 0 and len(records) == 1
    record = records[0]
    assert record["unit"] == "huyen-thu" and record["source"] == "huyen-thu-2023" and record["editor"] == "Lan"
    assert [row["decision"] for row in record["proposals"]] == ["accepted", "edited", "rejected"]
    assert record["proposals"][1]["changed"] == ["period"] and record["proposals"][1]["taken"]["period"] == "2023-H2"
    assert document_path(data_copy, record["document_sha256"]).read_text(encoding="utf-8") == TEXT
    assert "Đã giữ lại 3 đề xuất" in " ".join(c.value for c in at.caption)
