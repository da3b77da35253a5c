"""Links and link-bound controls in a real browser (Playwright, Debian's Chromium, headless), on the real app:
a bad value in a pasted link gets one notice and the address is corrected to what the page shows; the profile's
link to Compare (built by ui/links.py, relative) opens Compare with the same units."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.test_browser import TABLE, _assert_healthy, _open
from tests.test_browser import app_url, browser  # noqa: F401 - the fixtures: the real app on the real data

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_db")]


def test_a_pasted_link_with_a_bad_unit_says_so_once_and_the_address_follows_the_page(browser, app_url):  # noqa: F811
    page = _open(browser, app_url + "/compare?d=lam-binh,atlantis&theme=signing")
    try:
        _assert_healthy(page)
        page.wait_for_timeout(1000)
        notices = page.locator('[data-testid="stAlert"]').filter(has_text="atlantis")
        assert notices.count() == 1
        assert parse_qs(urlsplit(page.url).query)["d"] == ["lam-binh"]
        assert "Lâm Bình" in page.inner_text('[data-testid="stMultiSelect"]')
    finally:
        page.close()


def test_the_profile_link_to_compare_opens_the_same_units(browser, app_url):  # noqa: F811
    page = _open(browser, app_url + "/district?district=luc-yen", drawn=TABLE)
    try:
        link = page.get_by_role("link", name="So sánh với các huyện khác của Lào Cai")
        href = link.get_attribute("href")
        assert href.startswith("compare?d=luc-yen,muong-khuong,sa-pa&kind=district")
        # where the browser takes a relative link from /district
        compare = _open(browser, f"{app_url}/{href}", drawn='[data-testid="stMultiSelect"]')
        try:
            _assert_healthy(compare)
            units = compare.inner_text('[data-testid="stMultiSelect"]')
            assert "Lục Yên" in units and "Mường Khương" in units and "Sa Pa" in units
            compare.wait_for_timeout(1000)
            # the three are Lào Cai's default pick, so the corrected address leaves them out and keeps the province
            query = parse_qs(urlsplit(compare.url).query)
            assert query["province"] == ["Lào Cai"] and "d" not in query
            assert "atlantis" not in compare.inner_text("body") and "không hợp lệ" not in compare.inner_text("body")
        finally:
            compare.close()
    finally:
        page.close()
