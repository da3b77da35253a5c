"""The export renderer keeps kaleido's tab between pictures (kaleido reloads it after each, half of a PDF pack's
time): the pictures must be exactly what kaleido's own path draws, and the PDF pack must keep its pages in order."""

from __future__ import annotations

import asyncio
import datetime as dt
import io

import kaleido
import pytest
from plotly.io._utils import validate_coerce_fig_to_dict
from pypdf import PdfReader

import exports.images
from exports.deck import Deck, deck_charts
from exports.images import SIZES, chart_image, slide_figure, text_page
from exports.pdf_pack import build_pdf
from tests.conftest import require_chromium

UNITS = ("huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac")
CHARTS = ("signing.signing_rate", "community_teams.community_teams", "online_services.dossiers")


@pytest.fixture(autouse=True)
def _chromium():
    require_chromium()


def _kaleido_default(figures: list, width: int, height: int) -> list[bytes]:
    """kaleido as plotly.io.to_image drives it, tab reloaded after every picture (offline: no MathJax)."""
    async def draw():
        async with kaleido.Kaleido(mathjax=False) as browser:
            return [await browser.calc_fig(validate_coerce_fig_to_dict(figure, True),
                                           opts=dict(format="png", width=width, height=height, scale=1))
                    for figure in figures]
    return asyncio.run(draw())


def test_pictures_from_a_kept_tab_equal_kaleidos_own(con):
    specs = deck_charts(con, Deck(CHARTS, UNITS))
    ours = [chart_image(spec, "png") for spec in specs] + [chart_image(spec, "png") for spec in specs]  # 2nd round
    width, height = SIZES["wide"]
    theirs = _kaleido_default([slide_figure(spec) for spec in specs], width, height)
    assert len(specs) == 3
    assert ours[:3] == theirs and ours[3:] == theirs  # byte for byte, also after the tab drew other charts


def test_tab_is_reloaded_after_a_failed_picture(con):
    spec = deck_charts(con, Deck(CHARTS[:1], UNITS))[0]
    renderer = exports.images._ensure_kaleido()
    before = chart_image(spec, "png")
    broken = text_page("x", ["y"])
    with pytest.raises(Exception):
        renderer.submit(broken, "bmp", 800, 600, scale=1).result(60)  # a format kaleido's page refuses
    assert renderer._kaleido.reloads_due == exports.images.TABS
    assert chart_image(spec, "png") == before
    assert renderer._kaleido.reloads_due == exports.images.TABS - 1


def test_pdf_pack_pages_in_order_and_progress_after_each_chart(con):
    seen = []
    data = build_pdf(con, Deck(CHARTS, UNITS), progress=lambda done, total: seen.append((done, total)),
                     today=dt.date(2026, 11, 24))
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert len(texts) == 1 + 3 + 1 and "Huyện: Hương Khê" in texts[0]
    titles = [" ".join(spec.title.split()) for spec in deck_charts(con, Deck(CHARTS, UNITS))]
    assert [title in text for title, text in zip(titles, texts[1:4])] == [True, True, True]
