"""In Chromium, the first chart of the compare page and of the unit profile is drawn on its own, and every other
chart of the view follows without a click (ui/first_chart.py): the charts after the first are sent once the browser has drawn it."""

from __future__ import annotations

import pytest

from tests.apptest_pages import run_page
from tests.test_browser import CHART, _assert_healthy, app_url, browser  # noqa: F401 - fixtures
from ui.first_chart import WAITING_KEY

pytestmark = pytest.mark.browser

FRAME = '[data-testid="stPlotlyChart"]'
# How many charts are in the page when the first one is drawn, recorded by the page itself.
COUNT_AT_FIRST = """
window.__chartsAtFirst = null;
new MutationObserver((records, observer) => {
  if (document.querySelector(CHART_SELECTOR)) {
    observer.disconnect();
    window.__chartsAtFirst = document.querySelectorAll(FRAME_SELECTOR).length;
  }
}).observe(document, {childList: true, subtree: true});
""".replace("CHART_SELECTOR", repr(CHART)).replace("FRAME_SELECTOR", repr(FRAME))
VIEWS = [("compare", {"theme": "online_services", "d": "lam-binh,huong-khe,tam-duong,luc-yen", "all": "1"}),
         ("district", {"district": "lam-binh"})]


@pytest.mark.parametrize(("name", "query"), VIEWS)
def test_the_first_chart_is_drawn_alone_and_the_rest_follow_without_a_click(browser, app_url, name, query):  # noqa: F811
    # the same view without a browser: every chart is sent in the run (AppTest has no request headers)
    expected = len(run_page(name, timeout=120, **query).get("plotly_chart"))
    assert expected >= 3

    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    try:
        page.add_init_script(COUNT_AT_FIRST)
        page.goto(f"{app_url}/{name}?" + "&".join(f"{k}={v}" for k, v in query.items()), wait_until="domcontentloaded")
        page.wait_for_function("window.__chartsAtFirst !== null", timeout=60_000)
        assert page.evaluate("window.__chartsAtFirst") == 1
        # the rest arrive by themselves, and the line saying they are coming goes
        drawn = f"[...document.querySelectorAll({FRAME!r})].filter(c => c.querySelector('.main-svg')).length"
        page.wait_for_function(f"{drawn} >= {expected}", timeout=60_000)
        page.wait_for_selector(f".st-key-{WAITING_KEY}", state="detached", timeout=60_000)
        _assert_healthy(page)
        assert page.evaluate(drawn) == page.locator(FRAME).count() == expected
    finally:
        page.close()
