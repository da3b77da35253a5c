"""The briefing pack as PowerPoint: a title slide (scope, date, data version), one slide per chart with a native,
editable chart (or table: scorecard, unit profile), its source line and caveats as text and every figure's quote
and document in the speaker notes, and a closing slide with every source document. No browser is needed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import duckdb
from pptx import Presentation
from pptx.util import Inches, Pt

import queries
from i18n import t

from .deck import PROFILE_PREFIX, SCORECARD_ID, Deck, deck_charts, deck_source_ids, scorecard_cells
from .pack_text import pages_of, source_lines, title_lines
from .pptx_charts import add_bar_chart, add_scorecard_table, add_text_table, figure_notes, native_chart
from .unit_brief import numbered_sources, profile_rows

Progress = Callable[[int, int], None]
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5
PROFILE_ROWS_PER_SLIDE = 14
BODY_TOP, BODY_HEIGHT = Inches(1.15), Inches(5.1)
MARGIN = Inches(0.4)
SOURCE_WRAP, SOURCE_ROWS_PER_SLIDE = 105, 16  # 16 pt lines in the 12.1 × 5.5 inch box of a sources slide


def _text_box(slide, left, top, width, height, lines: list[str], size: int) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)


def _titled_slide(presentation, title: str):
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
    slide.shapes.title.top, slide.shapes.title.height = Inches(0.2), Inches(0.9)
    slide.shapes.title.left, slide.shapes.title.width = MARGIN, SLIDE_WIDTH - 2 * MARGIN
    return slide


def _footer(slide, lines: list[str]) -> None:
    _text_box(slide, MARGIN, Inches(6.3), SLIDE_WIDTH - 2 * MARGIN, Inches(1.1), lines, size=10)


def _notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def build_pptx(con: duckdb.DuckDBPyConnection, deck: Deck, progress: Progress | None = None,
               today: dt.date | None = None) -> bytes:
    charts = deck_charts(con, deck)
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT

    title, lines = title_lines(con, deck.title, deck.lang, deck.districts, len(charts),
                               today or dt.date.today())
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_LAYOUT])
    slide.shapes.title.text = title
    slide.placeholders[1].text = "\n".join(lines)
    for paragraph in slide.placeholders[1].text_frame.paragraphs:
        paragraph.font.size = Pt(18)

    observations = {row["observation_id"]: row for row in queries.run(
        con, "observations_for_districts", districts=list(deck.districts), theme=None, indicators=None
    ).to_dict("records")}
    body = (MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, BODY_HEIGHT)
    for done, spec in enumerate(charts, start=1):
        footer = [*spec.notes, spec.source_note]
        if spec.chart_id == SCORECARD_ID:
            slide = _titled_slide(presentation, spec.title)
            quotes = add_scorecard_table(slide, scorecard_cells(con, deck), deck.lang, *body)
            _footer(slide, footer)
            _notes(slide, [*footer, "", t("present.notes_figures", deck.lang), *quotes])
        elif spec.chart_id.startswith(PROFILE_PREFIX):
            _profile_slides(presentation, con, spec, deck.lang, body)
        else:
            slide = _titled_slide(presentation, spec.title)
            data = native_chart(spec)
            quotes = []
            if data is not None:
                add_bar_chart(slide, data, *body, label_size=14)
                quotes = figure_notes(data, observations, deck.lang)
            _footer(slide, footer)
            _notes(slide, [*footer, "", t("present.notes_figures", deck.lang), *quotes])
        if progress:
            progress(done, len(charts))

    # The deck's own documents, on as many slides as they need.
    sources = [f"• {line}" for line in source_lines(con, deck_source_ids(con, deck, charts), deck.lang)]
    for page in pages_of(sources, SOURCE_WRAP, SOURCE_ROWS_PER_SLIDE):
        slide = _titled_slide(presentation, t("present.sources_title", deck.lang))
        _text_box(slide, Inches(0.6), Inches(1.5), SLIDE_WIDTH - Inches(1.2), Inches(5.5), page, size=16)

    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _profile_slides(presentation, con, spec, lang: str, body) -> None:
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
        left, top, width, _ = body
        add_text_table(slide, header, [[r.indicator, r.value, r.period, r.level, r.source_ref] for r in page],
                       [0.5, 0.14, 0.2, 0.1, 0.06], left, top, width, Inches(0.33) * (len(page) + 1), size=12)
        footer = [f"{t('common.source', lang)}: " + "; ".join(documents)] if documents else [spec.source_note]
        _footer(slide, footer)
        _notes(slide, [*footer, "", t("present.notes_figures", lang),
                       *[f"• {r.indicator}: {r.value} ({r.period}, {r.level}) — {r.quote} — "
                         f"{t('common.source', lang)}: {r.source}" for r in page]])
