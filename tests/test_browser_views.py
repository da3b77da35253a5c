"""The views in a real browser (Playwright, Debian's Chromium, headless) at 1366×768, a laptop:

* the map draws with the network blocked — every request that is not to the app on localhost is aborted, and the
  map's SVG still holds the outline of Vietnam (filled paths) and the unit markers;
* a chart's Trend view draws its line over time;
* the provinces view draws its ranking;
* browser print (print media) hides the sidebar and keeps the charts whole.

Screenshots go to test-output/screenshots/views-*.png (docs/screenshots/ holds copies looked at by a person)."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

import pytest

from loaders import build_database
from tests.conftest import DATA_DIR, REPO
from tests.test_browser import _assert_healthy, _require_browser, _serve
from tests.test_browser import browser  # noqa: F401 - the fixture, launched for this module's app_url
from tests.test_views_charts import TREND_UNIT

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "test-output" / "screenshots"
LAPTOP = {"width": 1366, "height": 768}
CHART = '[data-testid="stPlotlyChart"] .main-svg'


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app on a copy of the real data with one commune that reported a rate for two periods (for the trend)."""
    _require_browser()
    folder = tmp_path_factory.mktemp("views")
    shutil.copytree(DATA_DIR, folder / "data", ignore=shutil.ignore_patterns("history"))
    (folder / "data" / "units" / "xa-lam-binh.yaml").write_text(TREND_UNIT, encoding="utf-8")
    build_database(folder / "data", folder / "cds.duckdb")
    env = dict(os.environ, CDS_DATA_DIR=str(folder / "data"), CDS_DB_PATH=str(folder / "cds.duckdb"))
    with _serve(env, folder) as url:
        yield url


def _offline_page(browser):
    """A page whose every request off this machine is aborted (and recorded)."""
    page = browser.new_page(viewport=LAPTOP)
    blocked: list[str] = []

    def route(route):
        host = urlparse(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return page, blocked


def _shot(page, name: str, at: str | None = None) -> None:
    """The viewport as a user sees it, scrolled so that `at` (a locator's selector) is in view."""
    if at:
        page.locator(at).first.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"views-{name}.png"))


def test_the_map_draws_its_outline_and_markers_with_the_network_blocked(browser, app_url):
    page, blocked = _offline_page(browser)
    page.goto(f"{app_url}/map?indicator=online_submission_rate", wait_until="domcontentloaded")
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(800)
    _assert_healthy(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    # the outline: filled scatter paths (mainland, islands, Hoàng Sa, Trường Sa) with a real shape
    fills = chart.locator(".scatterlayer .js-fill")
    assert fills.count() >= 4
    longest = max(len(fills.nth(i).get_attribute("d") or "") for i in range(fills.count()))
    assert longest > 1000  # hundreds of vertices, not an empty path
    # the markers: one per unit with figures (five districts, one commune)
    assert chart.locator(".scatterlayer .point").count() >= 6
    assert "Hoàng Sa" in chart.inner_text() and "Trường Sa" in chart.inner_text()
    _shot(page, "map", '[data-testid="stPlotlyChart"]')
    page.close()
    assert all(urlparse(u).hostname not in ("127.0.0.1", "localhost") for u in blocked)


def test_a_charts_trend_view_draws_the_line_over_time(browser, app_url):
    page, _ = _offline_page(browser)
    page.goto(f"{app_url}/compare?kind=commune&d=xa-lam-binh&theme=online_services&all=1",
              wait_until="domcontentloaded")
    page.wait_for_selector(CHART, timeout=60_000)
    page.locator('[data-testid="stButtonGroup"] button', has_text="Xu hướng").first.click()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .scatterlayer .lines path', timeout=60_000)
    page.wait_for_timeout(800)
    _assert_healthy(page)
    text = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    assert "Năm 2024" in text and "85,63%" in text
    _shot(page, "trend", '[data-testid="stButtonGroup"]')
    page.close()


def test_the_provinces_view_ranks_provinces(browser, app_url):
    page, _ = _offline_page(browser)
    page.goto(f"{app_url}/provinces?edition=dti-2022-63", wait_until="domcontentloaded")
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(800)
    _assert_healthy(page)
    assert "hạng 1" in page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    _shot(page, "provinces", '[data-testid="stButtonGroup"]')
    page.close()


def test_print_hides_the_sidebar_and_keeps_charts_whole(browser, app_url):
    page, _ = _offline_page(browser)
    page.goto(f"{app_url}/district?district=lam-binh", wait_until="domcontentloaded")
    page.wait_for_selector(CHART, timeout=60_000)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stButtonGroup"]').first.is_visible()
    breaking = page.locator('[data-testid="stPlotlyChart"]').first.evaluate(
        "e => getComputedStyle(e).breakInside")
    assert breaking == "avoid"
    page.close()
