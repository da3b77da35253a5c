"""In Chromium, under each compare chart the reader sees its notes, then its source line with its documents and
periods, each on its own line and as written (one caption element since issue 17, seventh round (d)); above it the
views on the left and Share on the right, on one row; below it the download menu, whose entries are the three
picture formats."""

from __future__ import annotations

import pytest

from tests.test_browser import CHART, _assert_healthy, app_url, browser  # noqa: F401 - fixtures
from tests.test_browser_views import SCREENSHOTS
from tests.test_compare_chart_captions import UNITS, builder_specs
from ui.first_chart import WAITING_KEY
from ui.markdown import WORD_JOINER

pytestmark = pytest.mark.browser

FRAME = '[data-testid="stPlotlyChart"]'
# Per chart, in page order: its id, the text of the element after it (the caption) and the boxes of the views
# control and the Share button in the row before it.
CHARTS_AND_CAPTIONS = """
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(frame => {
  const box = frame.closest('[data-testid="stElementContainer"]');
  const caption = box.nextElementSibling;
  const row = box.previousElementSibling;
  const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const views = row && row.querySelector('[data-testid="stButtonGroup"]');
  const share = row && row.querySelector('[data-testid="stPopover"] button');
  return {id: frame.querySelector('.js-plotly-plot')._fullLayout.meta.chart_id,
          caption: caption ? caption.innerText : null,
          views: views ? rect(views) : null, share: share ? rect(share) : null};
})
"""


def test_each_chart_shows_its_notes_and_source_line_as_text_with_its_menus(browser, app_url, con):  # noqa: F811
    specs = builder_specs(con, "signing", "vi")
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{app_url}/compare?theme=signing&d={','.join(UNITS)}&all=1", wait_until="domcontentloaded")
        page.wait_for_selector(CHART, timeout=60_000)
        page.wait_for_selector(f".st-key-{WAITING_KEY}", state="detached", timeout=60_000)
        drawn = f"[...document.querySelectorAll({FRAME!r})].filter(c => c.querySelector('.main-svg')).length"
        page.wait_for_function(f"{drawn} === document.querySelectorAll({FRAME!r}).length", timeout=60_000)
        _assert_healthy(page)
        shown = page.evaluate(CHARTS_AND_CAPTIONS)
        assert len(shown) >= 3 and any(specs[chart["id"]].notes for chart in shown)
        for chart in shown:
            spec = specs[chart["id"]]
            # what a reader sees: the invisible word joiners escape() puts after ":" and "@" left out
            lines = [line.strip() for line in chart["caption"].replace(WORD_JOINER, "").split("\n") if line.strip()]
            assert lines == [f"\u26a0 {note}" for note in spec.notes] + [spec.source_note], chart["id"]
            # one row: the views at the left, Share at the right of them, level with them
            views, share = chart["views"], chart["share"]
            assert views and share and share[0] >= views[2] and share[1] < views[3] and views[1] < share[3]
        page.locator(FRAME).nth(1).evaluate("e => e.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "compare-captions.png"))
        # the first chart's download menu: its entries once opened
        first = page.locator('[class*="st-key-downloads_"]').first
        first.locator("button").first.click()
        from exports.images import renderer_available
        expected = ["PNG 16:9 (1920×1080)", "PNG vuông (1080×1080)", "SVG (vector)"] if renderer_available() else []
        for label in expected:
            page.get_by_role("button", name=label).first.wait_for(timeout=30_000)
        _assert_healthy(page)
    finally:
        page.close()
