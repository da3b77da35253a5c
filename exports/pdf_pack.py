"""The briefing pack as PDF: the same pages as the PPTX, each drawn by kaleido (offline, same fonts), merged."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import duckdb
from pypdf import PdfReader, PdfWriter

from i18n import t

from .deck import Deck, deck_charts
from .images import chart_image, figure_pdf, text_page
from .pack_text import source_lines, title_lines

Progress = Callable[[int, int], None]


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
    pages.append(figure_pdf(text_page(t("present.sources_title", deck.lang),
                                      [f"• {line}" for line in source_lines(con)])))
    writer = PdfWriter()
    for page in pages:
        for pdf_page in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(pdf_page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
