"""A hand-edited or foreign line in history/audit.jsonl ('{}', '{"action": "x"}') is skipped and reported, and the
Contribute page's audit table never crashes on it (review item 21). A copy of the real data, the real page."""

from __future__ import annotations

import json

import pytest

from store.save import read_audit
from tests.apptest_pages import data_copy_with, serve_from
from tests.conftest import DATA_DIR

GOOD = {"time": "2026-11-30T08:00:00+00:00", "editor": "Nguyễn Văn A", "district": "lam-binh", "action": "updated",
        "added": [], "changed": ["dossiers_online/district/2022"], "removed": []}
LATER_TOOL = {**GOOD, "editor": "Trần B", "action": "merged"}  # an action this version has no words for


@pytest.fixture(scope="module")
def malformed_audit(tmp_path_factory):
    folder = data_copy_with(tmp_path_factory.mktemp("audit"), {})
    lines = ["{}", '{"action":"x"}', json.dumps(GOOD, ensure_ascii=False), json.dumps(LATER_TOOL, ensure_ascii=False)]
    (folder / "data" / "history").mkdir()
    (folder / "data" / "history" / "audit.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_lines_without_a_saves_fields_are_skipped_and_reported(malformed_audit):
    audit = read_audit(malformed_audit / "data")
    assert [entry["editor"] for entry in audit.entries] == ["Trần B", "Nguyễn Văn A"]
    assert [(problem.line, problem.code) for problem in audit.problems] == [(1, "audit_line_unreadable"),
                                                                            (2, "audit_line_unreadable")]


def test_the_contribute_page_lists_the_readable_saves(malformed_audit, monkeypatch):
    from tests.test_pages import unlocked_contribute

    serve_from(malformed_audit, monkeypatch)
    at = unlocked_contribute(monkeypatch)
    upload = (DATA_DIR / "units" / "lam-binh.yaml").read_bytes()  # as it is: no changes, the page goes on to the log
    at.file_uploader(key="upload").upload("lam-binh.yaml", upload, "application/yaml").run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(frame.value for frame in at.dataframe if "Người cập nhật" in frame.value.columns)
    assert list(table["Người cập nhật"]) == ["Trần B", "Nguyễn Văn A"]
    assert list(table["Việc"]) == ["merged", "Cập nhật"]
    assert any("2 dòng nhật ký" in caption.value for caption in at.caption)
    # the time as officials read a clock (08:00 UTC is 15:00 in Vietnam), not ISO text in UTC
    assert list(table["Thời gian (giờ Việt Nam)"]) == ["30/11/2026 15:00", "30/11/2026 15:00"]
