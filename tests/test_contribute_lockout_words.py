"""The lock-out notice writes its seconds the Vietnamese way: 'Thử lại sau 3.600 giây', not '3600' (review item 29).
The real throttle of this server process, filled for this test's own secret from this client; the page under AppTest."""

from __future__ import annotations

import re

from ui import editor_access
from ui.editor_access import MAX_LOCKOUT_SECONDS
from tests.apptest_pages import run_page


def test_an_hour_long_lockout_reads_with_a_thousands_dot(monkeypatch):
    secret = "lockout-words-test-secret"  # counts are per secret: other tests are not held up
    monkeypatch.setenv("CDS_EDITOR_SECRET", secret)
    for _ in range(20):  # outside a page the keys are this client's ('local') and no session
        editor_access._throttle.failed(editor_access._keys(secret))
    at = run_page("contribute")
    at.text_input(key="editor_secret_guess").input(secret)
    at.button[0].click().run()
    notice = " ".join(error.value for error in at.error)
    seconds = re.search(r"Thử lại sau (\S+) giây", notice)
    assert seconds and MAX_LOCKOUT_SECONDS - 60 <= int(seconds.group(1).replace(".", "")) <= MAX_LOCKOUT_SECONDS
    assert "." in seconds.group(1)  # 3.600, never 3600
