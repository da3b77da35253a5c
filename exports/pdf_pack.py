"""The briefing pack as PDF: the PPTX's pages, each drawn by kaleido (offline, same fonts), then printed together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb

from i18n import t

from .deck import Deck, deck_charts, deck_source_ids
from .images import (RENDER_TIMEOUT_S, TEXT_PAGE_WRAP, print_pages, slide_figures, start_figure_page,
                     start_slide_page, text_page)
from .pack_text import pages_of, source_lines, title_lines

Progress = Callable[[int, int], None]
SOURCE_ROWS_PER_PAGE = 26  # wrapped lines of 22 px under the title of a 1080 px page


def build_pdf(con: duckdb.DuckDBPyConnection, deck: Deck, progress: Progress | None = None,
              today: dt.date | None = None) -> bytes:
    charts = deck_charts(con, deck)
    title, lines = title_lines(con, deck.title, deck.lang, deck.districts, len(charts),
                               today or dt.date.today())
    # Every page is handed to Chromium as soon as it is laid out and drawn there while the next one is laid out
    # here; the drawn pages are then printed in one go (one printing per page cost more than drawing them).
    pages = [start_figure_page(text_page(title, lines))]
    # a chart spread over several pages keeps one axis with the room its tallest label needs on these pages
    for figure in slide_figures(charts, "wide"):
        pages.append(start_slide_page(figure, "wide"))
    # The deck's own documents, on as many pages as they need (every document in the database cannot fit one).
    sources = [f"• {line}" for line in source_lines(con, deck_source_ids(con, deck, charts), deck.lang)]
    for page in pages_of(sources, TEXT_PAGE_WRAP, SOURCE_ROWS_PER_PAGE):
        pages.append(start_figure_page(text_page(t("present.sources_title", deck.lang), page)))
    drawn = []
    for number, page in enumerate(pages):
        drawn.append(page.result(RENDER_TIMEOUT_S))
        if progress and 1 <= number <= len(charts):
            progress(number, len(charts))
    return print_pages(drawn, "wide")
