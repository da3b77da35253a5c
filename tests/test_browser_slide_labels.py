"""Show mode's bar labels measured in a real browser (Playwright driving Debian's Chromium) on the default units
(20 communes): the dossiers chart, two definitions of the figure, drew forty upright "18.400 · Tháng 7/2025 –
2/2026" labels on one slide, each longer than the plot was tall, over the chart's title and its "⚠ Kỳ báo cáo
khác nhau" line. Each slide of the chart is measured on a 1366×768 and a 1366×900 screen: every bar's label lies
under the title and subtitle and apart from every other label, says the bar's value, and its period unless the
chart says the periods are given under it."""

from __future__ import annotations

import os
import re

import pytest

from tests.test_browser import SCREENSHOTS, _require_browser, _serve
from tests.test_browser import browser  # noqa: F401 - the fixture, launched for this module's app_url

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
DECK = "online_services.dossiers"
# What a period on a bar reads like: "Tháng 7/2025", "Đến 11/7/2025", "~2025", "Năm 2024", "Quý 3/2025"
PERIOD = re.compile(r"\d{1,2}/20\d\d|~20\d\d|20\d\d")

MEASURE_JS = """(slide) => {
    const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const holder = document.querySelector('.st-key-present_slide_' + slide);
    const svg = holder.querySelector('[data-testid=stPlotlyChart] .main-svg');
    const chart = holder.querySelector('[data-testid=stPlotlyChart]');
    const title = [...chart.querySelectorAll('.infolayer .gtitle, .infolayer .gtitle-subtitle')]
        .filter(e => e.textContent.trim());
    const labels = [...chart.querySelectorAll('.barlayer text.bartext')].filter(e => e.textContent.trim());
    const marks = [...chart.querySelectorAll('.scatterlayer .textpoint text')].filter(e => e.textContent.trim());
    const bars = [...chart.querySelectorAll('.barlayer .point path')]
        .filter(p => p.getBBox().height > 0 || p.getBBox().width > 0);
    return {
        title: title.map(e => ({text: e.textContent, box: box(e)})),
        labels: labels.map(e => ({text: e.textContent, box: box(e)})),
        marks: marks.map(e => ({text: e.textContent, box: box(e)})),
        ticks: [...chart.querySelectorAll('.xaxislayer-above text')].map(e => e.textContent),
        bars: bars.length,
        text: chart.textContent,
    };
}"""


@pytest.fixture(scope="module")
def app_url(built_db, tmp_path_factory):
    _require_browser()
    with _serve(dict(os.environ), tmp_path_factory.mktemp("server_slide_labels")) as url:
        yield url


def _shown(page, slide: int) -> None:
    page.wait_for_function(f"() => getComputedStyle(document.querySelector('.st-key-present_slide_{slide}'))"
                           ".visibility === 'visible'", timeout=5_000)
    page.wait_for_timeout(300)


def every_chart(con, first: list[str]) -> str:
    """The deck's part of the URL: every chart the Present page offers by default (the comparable ones) to the
    default units of the kind of `first` (none: the 20 communes the page opens with), and those units."""
    import queries
    from exports.deck import chart_titles, single_unit_charts
    from ui import scope

    units = scope.default_districts(scope.first_kind(queries.run(con, "districts"), first)[1])
    single = single_unit_charts(con, units)
    charts = ",".join(c for c in chart_titles(con, units, "vi")
                      if c not in single and not c.startswith("profile.") and c != "overview.scorecard")
    return f"{charts}&d={','.join(units)}"


def drawn_bars(con, deck: str) -> int:
    """How many bars the deck's slides draw for the default units (those the link names, else the 20 communes the
    page opens with): every value of every bar trace, legend swatches left out — what the browser must label."""
    import queries
    from exports.deck import Deck, deck_charts
    from ui import scope

    chart_ids, _, named = deck.partition("&d=")
    units = named.split(",") if named else scope.default_districts(
        scope.first_kind(queries.run(con, "districts"), [])[1])
    return sum(1 for spec in deck_charts(con, Deck(tuple(chart_ids.split(",")), tuple(units)))
               for trace in spec.figure.to_dict()["data"] if trace["type"] == "bar" and not trace.get("showlegend")
               for value in trace.get("y") or () if value is not None)


@pytest.mark.parametrize("height", [768, 900])
def test_show_mode_bar_labels_stay_under_the_title_and_apart(browser, app_url, con, height):
    bars = drawn_bars(con, DECK)
    assert bars >= 20  # the default communes' dossiers in two definitions: more bars than one slide shows
    _measure_show_mode(browser, app_url, DECK, height, bars_at_least=bars, parts=True)


@pytest.mark.parametrize("first", [[], ["lam-binh"]], ids=["communes", "districts"])
def test_every_default_chart_in_show_mode_keeps_its_labels_under_the_title(browser, app_url, con, first):
    deck = every_chart(con, first)
    _measure_show_mode(browser, app_url, deck, 768, bars_at_least=drawn_bars(con, deck), parts=False)


def _measure_show_mode(browser, app_url, deck: str, height: int, bars_at_least: int, parts: bool) -> None:
    from i18n import t

    page = browser.new_page(viewport={"width": 1366, "height": height})
    try:
        page.goto(f"{app_url}/present?deck={deck}&show=1&slide=1", wait_until="domcontentloaded")
        page.wait_for_selector(CHART, timeout=60_000)
        page.wait_for_function("() => !!document.getElementById('cds-present-current')", timeout=60_000)
        page.wait_for_timeout(1500)
        slides = page.evaluate("() => document.querySelectorAll('[class*=\"st-key-present_slide_\"]').length")
        said_values, with_period, told_below, bars = 0, 0, 0, 0
        for slide in range(1, slides + 1):
            if slide > 1:
                page.keyboard.press("PageDown")
            _shown(page, slide)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = "dossiers" if deck == DECK else f"every-{deck.count(',')}"
            page.screenshot(path=str(SCREENSHOTS / f"present-{name}-{height}-{slide}.png"))
            measured = page.evaluate(MEASURE_JS, slide)
            assert measured["title"], "the title was not found"
            title_bottom = max(item["box"][3] for item in measured["title"])
            labels = measured["labels"]
            assert len(labels) == measured["bars"] > 0, (slide, len(labels), measured["bars"])
            over = [item["text"] for item in labels if item["box"][1] < title_bottom - 1]
            assert not over, f"slide {slide}: labels over the title: {over}"
            clashes = []
            written = labels + measured["marks"]  # the no-data marks ("không có số liệu") too
            for n, a in enumerate(written):
                for b in written[n + 1:]:
                    across = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
                    down = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
                    if across > 1 and down > 1:
                        clashes.append((a["text"], b["text"]))
            assert not clashes, f"slide {slide}: labels on top of each other: {clashes[:3]}"
            bars += measured["bars"]
            said_values += sum(1 for item in labels if re.search(r"\d", item["text"]))
            with_period += sum(1 for item in labels if PERIOD.search(item["text"]))
            if t("charts.marker_periods_below", "vi") in measured["text"]:
                told_below += 1
            else:  # every bar says its own period, or its unit's name on the axis does (one bar per unit)
                bare = [item["text"] for item in labels if not PERIOD.search(item["text"])]
                assert len(bare) <= sum(1 for tick in measured["ticks"] if PERIOD.search(tick)), (slide, bare)
        # twenty units of two definitions are more bars than a slide shows side by side
        assert slides >= 2 or not parts, "the chart is still drawn on one slide"
        assert said_values == bars == bars_at_least  # every bar the deck's charts hold is drawn and labelled
        if parts:
            assert with_period == said_values or told_below, "a bar lost its period and the slide does not say where"
    finally:
        page.close()
