"""Every multiselect says what to choose in the reader's language: Streamlit's own placeholder is English ("Choose
options"), and an empty chart list on the Present page showed it to a Vietnamese presenter."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page

STREAMLIT_DEFAULT = "Choose options"
PAGES = (("present", {}), ("overview", {}), ("compare", {}), ("indicators", {"tab": "data"}))


@pytest.mark.usefixtures("built_db")
@pytest.mark.parametrize("page,link", PAGES, ids=[page for page, _ in PAGES])
def test_every_multiselect_placeholder_is_ours_in_the_readers_language(page, link):
    for lang, words in (("vi", "Chọn"), ("en", "Choose")):
        at = run_page(page, lang=lang, **link)
        pickers = at.multiselect
        assert len(pickers) >= 1
        for picker in pickers:
            placeholder = picker.proto.placeholder
            assert placeholder and placeholder != STREAMLIT_DEFAULT, (page, lang, picker.label)
            assert placeholder.startswith(words), (page, lang, placeholder)
