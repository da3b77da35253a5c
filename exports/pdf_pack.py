"""The briefing pack as PDF: the same pages as the PPTX, each drawn by kaleido (offline, same fonts), merged."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import duckdb
from pypdf import PdfReader, PdfWriter

from i18n import t

from .deck import Deck, deck_charts, deck_source_ids
from .images import TEXT_PAGE_WRAP, chart_image, figure_pdf, text_page
from .pack_text import pages_of, source_lines, title_lines

Progress = Callable[[int, int], None]
SOURCE_ROWS_PER_PAGE = 26  # wrapped lines of 22 px under the title of a 1080 px page


def build_pdf(con: duckdb.DuckDBPyConnection, deck: Deck, progress: Progress | None = None,
              today: dt.date | None = None) -> bytes:
    charts = deck_charts(con, deck)
    title, lines = title_lines(con, deck.title, deck.lang, deck.districts, len(charts),
                               today or dt.date.today())
    pages = [figure_pdf(text_page(title, lines))]
    for done, spec in enumerate(charts, start=1):
        pages.append(chart_image(spec, "pdf", "wide"))
        if progress:
            progress(done, len(charts))
    # The deck's own documents, on as many pages as they need (every document in the database cannot fit one).
    sources = [f"• {line}" for line in source_lines(con, deck_source_ids(con, deck, charts), deck.lang)]
    for page in pages_of(sources, TEXT_PAGE_WRAP, SOURCE_ROWS_PER_PAGE):
        pages.append(figure_pdf(text_page(t("present.sources_title", deck.lang), page)))
    writer = PdfWriter()
    for page in pages:
        for pdf_page in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(pdf_page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
