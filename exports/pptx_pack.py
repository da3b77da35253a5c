"""The briefing pack as PowerPoint: title slide, one slide per chart (picture + source footnote + caveats as
real, editable text), closing slide with every source document."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import duckdb
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from i18n import t

from .deck import Deck, deck_charts
from .images import chart_image
from .pack_text import source_lines, title_lines

Progress = Callable[[int, int], None]
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5


def _text_box(slide, left, top, width, height, lines: list[str], size: int) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)


def build_pptx(con: duckdb.DuckDBPyConnection, deck: Deck, progress: Progress | None = None,
               today: dt.date | None = None) -> bytes:
    charts = deck_charts(con, deck)
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT

    title, lines = title_lines(con, deck, len(charts), today or dt.date.today())
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_LAYOUT])
    slide.shapes.title.text = title
    slide.placeholders[1].text = "\n".join(lines)

    for done, spec in enumerate(charts, start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
        slide.shapes.title.text = spec.title
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
        slide.shapes.title.top, slide.shapes.title.height = Inches(0.2), Inches(0.9)
        slide.shapes.title.left, slide.shapes.title.width = Inches(0.4), SLIDE_WIDTH - Inches(0.8)
        picture = io.BytesIO(chart_image(spec, "png", "wide", footer=False))
        height = Inches(5.2)
        width = Emu(int(height * 16 / 9))
        slide.shapes.add_picture(picture, int((SLIDE_WIDTH - width) / 2), Inches(1.1), width, height)
        _text_box(slide, Inches(0.4), Inches(6.35), SLIDE_WIDTH - Inches(0.8), Inches(1.1),
                  [*spec.notes, spec.source_note], size=10)
        if progress:
            progress(done, len(charts))

    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.shapes.title.text = t("present.sources_title", deck.lang)
    _text_box(slide, Inches(0.6), Inches(1.5), SLIDE_WIDTH - Inches(1.2), Inches(5.5),
              [f"• {line}" for line in source_lines(con)], size=16)

    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
