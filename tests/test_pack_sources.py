"""The briefing pack lists the deck's own source documents — those its slides draw on, as their source lines
cite them — not every document in the database (issue 17: a sources page that could not fit took 10.9 s of 13.8 s);
a long list goes on as many pages as it needs. Real data, real DuckDB; the PDF rendered by chromium."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from pptx import Presentation
from pypdf import PdfReader

import queries
from exports.deck import Deck, deck_charts, deck_source_ids
from exports.pack_text import pages_of, source_lines
from exports.pptx_pack import build_pptx
from i18n import t
from tests.conftest import require_chromium

pytestmark = pytest.mark.usefixtures("built_db")

ALL = ("huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac")
FOUR = Deck(("signing.signing_rate", "community_teams.community_teams", "online_services.dossiers",
             "overview.scorecard"), ALL)


def cited_titles(con, charts) -> set[str]:
    """The documents whose titles the charts' own source lines (printed under each chart) name."""
    notes = " ".join(spec.source_note for spec in charts if spec.chart_id != "overview.scorecard")
    titles = set(queries.run(con, "source_documents")["title"])
    cited = {title for title in titles if title in notes}
    cells = queries.run(con, "scorecard_cells", districts=list(ALL))
    return cited | set(cells["source_title"].dropna())


def titles_listed(lines: list[str], con) -> set[str]:
    titles = set(queries.run(con, "source_documents")["title"])
    return {title for title in titles if any(title in line for line in lines)}


def test_the_pack_lists_exactly_the_documents_its_charts_draw_on(con):
    charts = deck_charts(con, FOUR)
    lines = source_lines(con, deck_source_ids(con, FOUR, charts), "vi")
    every_document = len(queries.run(con, "source_documents"))
    assert 0 < len(lines) < every_document
    assert titles_listed(lines, con) == cited_titles(con, charts)
    assert len(lines) == len(set(lines))


def test_the_pptx_sources_slides_hold_the_deck_sources_and_nothing_else(con):
    charts = deck_charts(con, FOUR)
    expected = [f"• {line}" for line in source_lines(con, deck_source_ids(con, FOUR, charts), "vi")]
    slides = list(Presentation(io.BytesIO(build_pptx(con, FOUR))).slides)
    heading = t("present.sources_title", "vi")
    listed = [paragraph.text for slide in slides if slide.shapes.title and slide.shapes.title.text == heading
              for shape in slide.shapes if shape.has_text_frame and shape != slide.shapes.title
              for paragraph in shape.text_frame.paragraphs]
    assert listed == expected


def test_source_dates_read_the_vietnamese_way_or_in_english_words(con):
    charts = deck_charts(con, Deck(("signing.signing_rate",), ALL))
    vi = " ".join(source_lines(con, deck_source_ids(con, Deck(("signing.signing_rate",), ALL), charts), "vi"))
    assert "373/BC-UBND" in vi and "2023-09-07" not in vi
    assert "7/9/2023" in charts[0].source_note and "2023-09-07" not in charts[0].source_note
    english = deck_charts(con, Deck(("signing.signing_rate",), ALL, lang="en"))[0]
    assert "7 Sep 2023" in english.source_note


def test_a_long_list_of_sources_goes_on_as_many_pages_as_it_needs():
    lines = [f"Báo cáo số {n} " + "rất dài " * (n % 30) for n in range(120)]
    pages = pages_of(lines, 110, 26)
    assert [line for page in pages for line in page] == lines
    assert len(pages) > 1
    import textwrap
    assert all(sum(len(textwrap.wrap(line, 110)) for line in page) <= 26 for page in pages)


def test_pdf_pack_of_four_charts_ends_with_their_sources_only(con):
    require_chromium()
    charts = deck_charts(con, FOUR)
    start = time.perf_counter()
    pdf = build_pdf_pack(con)
    elapsed = time.perf_counter() - start
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 1 + 4 + 1
    back = " ".join(" ".join(page.extract_text().split()) for page in pages[1 + 4:])
    assert t("present.sources_title", "vi") in back
    every_title = set(queries.run(con, "source_documents")["title"])
    listed = {title for title in every_title if " ".join(title.split()) in back}
    assert listed == cited_titles(con, charts)
    print(f"PDF pack of 4 charts: {elapsed:.1f} s")


def build_pdf_pack(con) -> bytes:
    from exports.pdf_pack import build_pdf

    return build_pdf(con, FOUR, today=dt.date(2026, 12, 2))
