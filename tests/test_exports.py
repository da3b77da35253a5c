"""Exports on the real data: images, PPTX and PDF reopened and checked, not just produced."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from exports.deck import Deck, deck_charts
from exports.images import chart_image
from exports.pdf_pack import build_pdf
from exports.pptx_pack import build_pptx
from tests.conftest import require_chromium



@pytest.fixture(autouse=True)
def _chromium():
    require_chromium()


ALL = ("huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac")
DECK = Deck(("signing.signing_rate", "community_teams.community_teams", "online_services.dossiers"), ALL)


@pytest.fixture(scope="module")
def signing_chart(con):
    return deck_charts(con, Deck(("signing.signing_rate",), ALL))[0]


@pytest.mark.parametrize("size, expected", [("wide", (1920, 1080)), ("square", (1080, 1080))])
def test_png_has_the_asked_size_and_is_not_blank(signing_chart, size, expected):
    image = Image.open(io.BytesIO(chart_image(signing_chart, "png", size)))
    assert image.size == expected
    assert np.asarray(image.convert("L"), dtype=float).std() > 10


def test_svg_contains_district_names_and_vietnamese_figures(signing_chart):
    svg = chart_image(signing_chart, "svg").decode("utf-8")
    assert svg.startswith("<svg") or "<svg" in svg[:200]
    assert "Lâm Bình" in svg and "99,86%" in svg and "Nguồn" in svg


def test_deck_keeps_its_order_and_drops_charts_that_no_longer_exist(con):
    specs = deck_charts(con, Deck(("community_teams.community_teams", "nope.nothing", "signing.signing_rate"), ALL))
    assert [s.chart_id for s in specs] == ["community_teams.community_teams", "signing.signing_rate"]


def test_pptx_pack_reopens_with_title_chart_and_source_slides(con):
    seen = []
    data = build_pptx(con, DECK, progress=lambda done, total: seen.append((done, total)), today=dt.date(2026, 11, 24))
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(slides) == 1 + 3 + 1
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert slides[0].shapes.title.text == "So sánh chuyển đổi số các huyện"
    assert "24/11/2026" in slides[0].placeholders[1].text
    assert [s.shapes.title.text for s in slides[1:4]] == [
        "Tỷ lệ văn bản điện tử được ký số", "Số tổ công nghệ số cộng đồng",
        "Hồ sơ thủ tục hành chính tiếp nhận và nộp trực tuyến"]
    for slide in slides[1:4]:
        charts = [shape for shape in slide.shapes if shape.has_chart]
        text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert len(charts) == 1  # native, editable PowerPoint charts (tests/test_pptx_native_pack.py)
        assert "Nguồn:" in text and "Kỳ:" in text
    closing = " ".join(shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame)
    assert "373/BC-UBND" in closing and "7/9/2023" in closing and "2023-09-07" not in closing
    assert "Lục Yên triển khai Nghị quyết 51" not in closing  # in the database, on none of these slides


def test_pdf_pack_has_a_page_per_chart_plus_title_and_sources(con):
    reader = PdfReader(io.BytesIO(build_pdf(con, DECK, today=dt.date(2026, 11, 24))))
    assert len(reader.pages) == 5
    assert "Huyện: Hương Khê" in reader.pages[0].extract_text()


def test_english_pack_is_in_english(con):
    deck = Deck(("signing.signing_rate",), ALL, lang="en")
    slides = list(Presentation(io.BytesIO(build_pptx(con, deck))).slides)
    assert slides[0].shapes.title.text == "Comparing digital transformation across districts"
    assert slides[1].shapes.title.text == "Share of e-documents digitally signed"


# --- Texts from the data in exports: literal in plotly-drawn pages, plain in PPTX, neutralised in tables ------

HOSTILE_DECK = Deck(("online_services.online_usage",), ("luc-yen", "lam-binh"))


@pytest.fixture(scope="module")
def hostile_con(tmp_path_factory):
    import queries
    from loaders import build_database
    from tests.hostile_data import write_hostile_copy

    folder = tmp_path_factory.mktemp("hostile_exports")
    build_database(write_hostile_copy(folder / "data"), folder / "cds.duckdb")
    connection = queries.open_database(folder / "cds.duckdb")
    yield connection
    connection.close()


def test_slide_footer_and_text_pages_escape_data_texts_for_plotly(hostile_con):
    import json

    from exports.images import slide_figure, text_page
    from exports.deck import deck_source_ids
    from exports.pack_text import source_lines

    spec = deck_charts(hostile_con, HOSTILE_DECK)[0]
    footer = slide_figure(spec).layout.annotations[-1].text
    assert "&lt;a" in footer and "&lt;img" in footer and "<a " not in footer and "<img" not in footer
    documents = deck_source_ids(hostile_con, HOSTILE_DECK, [spec])
    sources = text_page("Nguồn", source_lines(hostile_con, documents, "vi"))
    drawn = json.dumps(sources.to_plotly_json(), ensure_ascii=False)
    assert "&lt;a" in drawn and "&lt;i&gt;UBND" in drawn and "<a " not in drawn and "<img" not in drawn and "<i>UBND" not in drawn


def test_pptx_keeps_data_texts_as_typed(hostile_con):
    from tests.hostile_data import ISSUER, NAME

    slides = list(Presentation(io.BytesIO(build_pptx(hostile_con, HOSTILE_DECK))).slides)
    everything = " ".join(shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame)
    assert NAME in everything and ISSUER in everything  # plain text in PowerPoint: nothing escaped twice
    assert "&lt;" not in everything.replace(NAME, "")


def test_table_downloads_neutralise_formulas_in_cells_headers_and_row_labels(hostile_con):
    import openpyxl
    import pandas as pd

    import queries
    from exports.table_files import to_csv_bytes, to_xlsx_bytes

    table = queries.run(hostile_con, "observations_table", districts=["luc-yen"], theme=None, indicator=None)
    text = to_csv_bytes(table).decode("utf-8-sig")
    assert "'@SUM(1+1)" in text and "'=HYPERLINK(" in text
    grid = pd.DataFrame({"=HYPERLINK(\"http://evil.example\")": [1]}, index=["+1+cmd|' /C calc'!A0"])
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(grid))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert cells[0] == "'=HYPERLINK(\"http://evil.example\")"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_pdf_pack_prints_the_scorecard_and_a_unit_profile(con):
    deck = Deck(("overview.scorecard", "profile.lam-binh"), ALL)
    pages = PdfReader(io.BytesIO(build_pdf(con, deck, today=dt.date(2026, 11, 24)))).pages
    assert len(pages) == 1 + 2 + 1
    scorecard, profile = (" ".join(page.extract_text().split()) for page in pages[1:3])
    assert "Bảng điểm các chỉ tiêu chính" in scorecard and "7,81%" in scorecard and "373/BC-UBND" in scorecard
    assert "Hồ sơ Lâm Bình" in profile and "25.250" in profile and "Năm 2022" in profile


def test_native_pptx_charts_and_notes_hold_data_texts_as_typed(hostile_con):
    """Chart categories, series names and speaker notes come back from plotly's escaped texts as the very
    characters of the data: no '&amp;' added, no tag from the data dropped."""
    from tests.hostile_data import COMMUNE, NAME, TITLE

    slides = list(Presentation(io.BytesIO(build_pptx(hostile_con, HOSTILE_DECK))).slides)
    chart = next(shape.chart for shape in slides[1].shapes if shape.has_chart)
    assert NAME in list(chart.plots[0].categories)
    notes = slides[1].notes_slide.notes_text_frame.text
    assert NAME in notes and TITLE in notes
    labels = " ".join(s.name for s in chart.plots[0].series) + notes
    assert COMMUNE in labels or "<b>Lâm Thượng</b>" in labels
    assert "&amp;amp;" not in notes and "&lt;b&gt;Lâm" not in labels
