"""Chart notes start with the warning sign U+26A0 alone, drawn as text by DejaVu Sans: not '⚠️' (with U+FE0F it asks
the browser for an emoji font that may be missing and draw a box; review item 43), and not a ':material/…:' directive
(live markup on a line that carries data, which the attack corpus refuses). The Compare page under AppTest, real
data."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page

pytestmark = pytest.mark.usefixtures("built_db")


def test_chart_notes_start_with_the_plain_warning_sign():
    at = run_page("compare", timeout=90)
    notes = [caption.value for caption in at.caption if caption.value.startswith("\u26a0 ")]
    assert notes
    assert not any("\ufe0f" in caption.value for caption in at.caption)
    assert not any(":material/" in note for note in notes)
