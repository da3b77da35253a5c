"""Link-bound controls: each is set up by one call (ui/state.bound) that seeds it from the link, clamps it to the
current options, elides the default from the link and says once per invalid value that it was ignored."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page

pytestmark = pytest.mark.usefixtures("built_db")


def notices_about(at, value: str) -> list[str]:
    return [w.value for w in at.warning if value in w.value]


@pytest.mark.parametrize("page", ["compare", "overview", "present"])
def test_an_invalid_unit_in_the_link_gives_one_notice(page):
    at = run_page(page, d="lam-binh,atlantis")
    assert len(notices_about(at, "atlantis")) == 1, notices_about(at, "atlantis")
