"""Chart notes carry Streamlit's own warning icon, not '⚠️' (U+26A0 with VS16 asks the browser for an emoji font that
may be missing and draw a box; review item 43). The Compare page under AppTest, real data."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page

pytestmark = pytest.mark.usefixtures("built_db")


def test_chart_notes_start_with_the_material_warning_icon():
    at = run_page("compare", timeout=90)
    notes = [caption.value for caption in at.caption if caption.value.startswith(":material/warning:")]
    assert notes
    assert not any("\ufe0f" in caption.value or "⚠" in caption.value for caption in at.caption)
