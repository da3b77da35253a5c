"""The briefing pack as PowerPoint: a title slide (scope, date, data version), one slide per chart with a native,
editable chart (or table: scorecard, unit profile), its source line and caveats as text and every figure's quote
and document in the speaker notes, and a closing slide with every source document. No browser is needed."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Callable

import duckdb
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Inches, Pt

import queries
from i18n import t

from .deck import PROFILE_PREFIX, SCORECARD_ID, Deck, deck_charts, deck_source_ids, scorecard_cells
from .pack_text import pages_of, source_lines, title_lines
from .pptx_charts import (add_bar_chart, add_scorecard_table, add_text_table, figure_notes, native_chart, periods_fit,
                          shorten_labels)
from .unit_brief import numbered_sources, profile_rows

Progress = Callable[[int, int], None]
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
PROFILE_ROWS_PER_SLIDE = 14
MARGIN, GAP, TITLE_SLIDE_MARGIN = Inches(0.4), Inches(0.1), Inches(0.9)
TITLE_SIZE = 30
CHART_LABEL_SIZE = 14  # pt, a bar's label at most (exports/pptx_charts.py makes it smaller to fit)
FOOTER_SIZES = (10, 9, 8)  # points: the footer shrinks to these before caveats move to the speaker notes only
FOOTER_MAX = Inches(1.7)
# Text measured for layout: average glyph width (em) of PowerPoint's default Calibri with Vietnamese diacritics,
# rounded up, and line spacing; a little generous, so boxes are never shorter than their text.
CHAR_EM, LINE_SPACING = 0.52, 1.2
SOURCE_WRAP, SOURCE_ROWS_PER_SLIDE = 105, 16  # 16 pt lines in the 12.1 × 5.5 inch box of a sources slide


def _text_box(slide, left, top, width, height, lines: list[str], size: int) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)


def text_height(lines: list[str], size: int, width) -> int:
    """The height (EMU) the lines take at `size` points wrapped to `width` (EMU), with the frame's insets: what a
    slide's boxes are laid out by, so a long title or footer never runs into the chart."""
    per_line = max(10, int(width / Pt(size * CHAR_EM)))
    rows = sum(max(1, len(textwrap.wrap(line, per_line))) for line in lines)
    return int(Pt(size * LINE_SPACING) * rows + Inches(0.1))


def _titled_slide(presentation, title: str):
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.text = title
    shape.text_frame.paragraphs[0].font.size = Pt(TITLE_SIZE)
    shape.text_frame.word_wrap = True
    shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    shape.left, shape.width = MARGIN, SLIDE_WIDTH - 2 * MARGIN
    shape.top = Inches(0.2)
    shape.height = max(Inches(0.9), text_height([title], TITLE_SIZE, shape.width))
    return slide


def _footer(slide, lines: list[str], lang: str) -> int:
    """The source line and caveats at the slide's foot, as small as needed to fit FOOTER_MAX (the rest is said in
    full in the speaker notes, and the footer says so); returns the footer's top (EMU) for the body to end above."""
    width = SLIDE_WIDTH - 2 * MARGIN
    for size in FOOTER_SIZES:
        if text_height(lines, size, width) <= FOOTER_MAX:
            break
    shown = list(lines)
    while len(shown) > 1 and text_height(shown, size, width) > FOOTER_MAX:
        shown = shown[:-2] + [shown[-1]]  # drop caveats from the end, keep the source line (last)
    if len(shown) < len(lines):
        shown.insert(-1, t("present.notes_in_speaker_notes", lang))
    height = text_height(shown, size, width)
    top = SLIDE_HEIGHT - Inches(0.15) - height
    _text_box(slide, MARGIN, top, width, height, shown, size=size)
    return top


def _body(slide, footer_top: int) -> tuple[int, int, int, int]:
    """The room between the title and the footer: (left, top, width, height) for the chart or table."""
    top = slide.shapes.title.top + slide.shapes.title.height + GAP
    return MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, footer_top - GAP - top


def _notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def build_pptx(con: duckdb.DuckDBPyConnection, deck: Deck, progress: Progress | None = None,
               today: dt.date | None = None) -> bytes:
    charts = deck_charts(con, deck)
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT

    title, lines = title_lines(con, deck.title, deck.lang, deck.districts, len(charts),
                               today or dt.date.today())
    _title_slide(presentation, title, lines)

    observations = {row["observation_id"]: row for row in queries.run(
        con, "observations_for_districts", districts=list(deck.districts), theme=None, indicators=None
    ).to_dict("records")}
    for done, spec in enumerate(charts, start=1):
        footer = [*spec.notes, spec.source_note]
        if spec.chart_id.startswith(PROFILE_PREFIX):
            _profile_slides(presentation, con, spec, deck.lang)
        elif spec.chart_id == SCORECARD_ID:
            slide = _titled_slide(presentation, spec.title)
            quotes = add_scorecard_table(slide, scorecard_cells(con, deck), deck.lang,
                                         *_body(slide, _footer(slide, footer, deck.lang)), units=spec.part_units)
            _notes(slide, [*footer, "", t("present.notes_figures", deck.lang), *quotes])
        else:
            slide = _titled_slide(presentation, spec.title)
            data = native_chart(spec)
            quotes = figure_notes(data, observations, deck.lang) if data is not None else []  # periods in full
            shortened = data is not None and shorten_labels(data, deck.lang)
            if shortened:
                footer.insert(0, t("present.undated_note", deck.lang))  # the key to the labels: never dropped
            body = _body(slide, _footer(slide, footer, deck.lang))
            if data is not None and not periods_fit(data, body[2], body[3], CHART_LABEL_SIZE):
                # the bars say their values only: the footer says where each unit's period is, laid out again
                footer_box = slide.shapes[-1]._element
                footer_box.getparent().remove(footer_box)
                footer.insert(0, t("charts.note_periods_in_notes", deck.lang))
                body = _body(slide, _footer(slide, footer, deck.lang))
            if data is not None:
                add_bar_chart(slide, data, *body, label_size=CHART_LABEL_SIZE)
            _notes(slide, [*footer, "", t("present.notes_figures", deck.lang), *quotes])
        if progress:
            progress(done, len(charts))

    # The deck's own documents, on as many slides as they need.
    sources = [f"• {line}" for line in source_lines(con, deck_source_ids(con, deck, charts), deck.lang)]
    for page in pages_of(sources, SOURCE_WRAP, SOURCE_ROWS_PER_SLIDE):
        slide = _titled_slide(presentation, t("present.sources_title", deck.lang))
        left, top, width, _ = _body(slide, SLIDE_HEIGHT)
        _text_box(slide, left, top, width, text_height(page, 16, width), page, size=16)

    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _title_slide(presentation, title: str, lines: list[str]) -> None:
    """The pack's first slide: its title and, under it, the units, date and data version, each box as tall as its
    text (a long list of units wraps downwards, never over the title)."""
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_LAYOUT])
    width = SLIDE_WIDTH - 2 * TITLE_SLIDE_MARGIN
    heading, subtitle = slide.shapes.title, slide.placeholders[1]
    heading.text = title
    subtitle.text = "\n".join(lines)
    size = next((size for size in (18, 16, 14, 12) if text_height(lines, size, width) <= Inches(4.2)), 12)
    for shape, font, text in ((heading, 40, [title]), (subtitle, size, lines)):
        shape.left, shape.width = TITLE_SLIDE_MARGIN, width
        shape.text_frame.word_wrap = True
        shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        for paragraph in shape.text_frame.paragraphs:
            paragraph.font.size = Pt(font)
        shape.height = text_height(text, font, width)
    heading.top = Inches(1.0)
    subtitle.top = heading.top + heading.height + GAP


def _profile_slides(presentation, con, spec, lang: str) -> None:
    """A unit's headline figures as a table, continued on further slides when they do not fit one."""
    unit = spec.chart_id.removeprefix(PROFILE_PREFIX)
    rows, documents = numbered_sources(profile_rows(con, unit, lang))
    header = [t("present.col_indicator", lang), t("common.value", lang), t("common.period", lang),
              t("common.level", lang), t("common.source", lang)]
    records = list(rows.itertuples())
    pages = [records[n:n + PROFILE_ROWS_PER_SLIDE] for n in range(0, len(records), PROFILE_ROWS_PER_SLIDE)] or [[]]
    for number, page in enumerate(pages, start=1):
        title = spec.title if len(pages) == 1 else f"{spec.title} ({number}/{len(pages)})"
        slide = _titled_slide(presentation, title)
        footer = [f"{t('common.source', lang)}: " + "; ".join(documents)] if documents else [spec.source_note]
        left, top, width, height = _body(slide, _footer(slide, footer, lang))
        add_text_table(slide, header, [[r.indicator, r.value, r.period, r.level, r.source_ref] for r in page],
                       [0.5, 0.14, 0.2, 0.1, 0.06], left, top, width,
                       min(height, Inches(0.33) * (len(page) + 1)), size=12)
        _notes(slide, [*footer, "", t("present.notes_figures", lang),
                       *[f"• {r.indicator}: {r.value} ({r.period}, {r.level}) — {r.quote} — "
                         f"{t('common.source', lang)}: {r.source}" for r in page]])
