"""Slides of the briefing pack laid out so that nothing overlaps (issue 16): on the default units (20 districts)
the undated periods ("Đến thời điểm đưa tin (không ghi ngày, khoảng 2023)") ran upright over the slide's title and
the footer ran off the slide. The PPTX reopened with python-pptx: every box inside the slide, no two boxes
overlapping, each text box as tall as its text; PDF pages read back with poppler's word boxes (pdftotext -bbox):
the title and subtitle above everything else, no two words on top of each other."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

import queries
from exports.deck import Deck, chart_titles, deck_charts, single_unit_charts
from exports.pptx_pack import TITLE_SIZE, build_pptx, text_height
from i18n import t
from tests.conftest import require_chromium
from ui import scope

LONG_PERIOD = "không ghi ngày, khoảng"


@pytest.fixture(scope="module")
def default_deck(con) -> Deck:
    """What a presenter gets on the first 20 districts (the seeds' undated articles among them): every comparable
    chart, the scorecard, a unit profile."""
    units = scope.default_districts(scope.first_kind(queries.run(con, "districts"), ["lam-binh"])[1])
    single = single_unit_charts(con, units)
    charts = [c for c in chart_titles(con, units, "vi") if c not in single and not c.startswith("profile.")]
    return Deck((*charts, "profile.lam-binh"), tuple(units))


@pytest.fixture(scope="module")
def slides(con, default_deck):
    return list(Presentation(io.BytesIO(build_pptx(con, default_deck))).slides)


def test_every_box_lies_inside_its_slide_and_no_two_overlap(slides, default_deck):
    assert len(slides) > len(default_deck.chart_ids)
    width, height = Presentation().slide_width * 4 // 3, Presentation().slide_height  # the pack is 16:9
    for number, slide in enumerate(slides):
        boxes = [(shape.name, shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
                 for shape in slide.shapes]
        for name, left, top, right, bottom in boxes:
            assert left >= 0 and top >= 0 and right <= width + Pt(1) and bottom <= height, (number, name)
        for n, a in enumerate(boxes):
            for b in boxes[n + 1:]:
                overlap = min(a[3], b[3]) - max(a[1], b[1]) > 0 and min(a[4], b[4]) - max(a[2], b[2]) > 0
                assert not overlap, (number, a[0], b[0])


def test_titles_and_footers_are_as_tall_as_their_text(slides):
    for slide in slides[1:]:
        title = slide.shapes.title
        assert title.height >= text_height([title.text_frame.text], TITLE_SIZE, title.width)
        for shape in slide.shapes:
            if shape.has_text_frame and shape != title:
                paragraphs = shape.text_frame.paragraphs
                size = paragraphs[0].font.size.pt
                assert shape.height >= text_height([p.text for p in paragraphs], int(size), shape.width)


def test_bar_labels_say_an_undated_period_shortly_and_the_slide_says_what_it_means(slides):
    shortened = 0
    for slide in slides:
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            labels = [point.data_label.text_frame.text for series in shape.chart.plots[0].series
                      for point in series.points if point.data_label.has_text_frame]
            assert not [label for label in labels if LONG_PERIOD in label]
            if any("~20" in label for label in labels):
                shortened += 1
                footer = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
                assert t("present.undated_note", "vi") in footer
                assert LONG_PERIOD in slide.notes_slide.notes_text_frame.text  # the words stay in the notes
    assert shortened >= 3


def _words(pdf: bytes, folder: Path) -> list[tuple[float, float, float, float, str]]:
    path = folder / "page.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', out)]


@pytest.mark.parametrize("chart_id", ["online_services.online_usage", "community_teams.community_teams",
                                      "context.communes"])
def test_pdf_pages_keep_labels_under_the_title_and_words_apart(con, default_deck, chart_id, tmp_path):
    require_chromium()
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (apt-get install -y poppler-utils)")
    from exports.images import chart_image

    spec = deck_charts(con, Deck((chart_id,), default_deck.districts))[0]
    words = _words(chart_image(spec, "pdf"), tmp_path)
    text = " ".join(word for *_, word in words)
    assert LONG_PERIOD not in text.split("Kỳ báo cáo khác nhau")[0]  # none on the bars (the footer keeps them)
    _assert_under_title_and_apart(spec, words)


def _assert_under_title_and_apart(spec, words: list[tuple[float, float, float, float, str]]) -> None:
    """The page's title and subtitle come first and everything else lies under them; no two words overlap."""
    heading = set(spec.title.split()) | set(spec.figure.layout.title.subtitle.text.split())
    head_rows = []
    for word in words:  # poppler reads the page top down: the title and subtitle come first
        if word[4] not in heading:
            break
        head_rows.append(word)
    assert len(head_rows) >= len(spec.title.split())
    below = max(w[3] for w in head_rows)
    assert all(w[1] >= below - 1 for w in words if w not in head_rows), "nothing drawn over the title"
    clashes = []
    for n, a in enumerate(words):
        for b in words[n + 1:]:
            across, down = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            # poppler splits a tilted name into pieces whose boxes touch ('Lục Y' + 'ên'): not two words
            if across > 3 and down > 3 and min(len(a[4]), len(b[4])) > 3:
                clashes.append((a[4], b[4]))
    assert not clashes


# --- One meaning for hatching; no glyph the server's fonts lack ---------------------------------------------------

def test_a_fill_pattern_means_a_series_and_the_legend_names_each_one(con, default_deck):
    """Hatching marks the chart's second, third… series (another definition or level of the figure), never
    something else: every patterned bar's pattern has a legend swatch naming its series, and no note gives
    hatching another meaning (it said 'hatched bars are commune level')."""
    patterned_charts = 0
    for spec in deck_charts(con, Deck(default_deck.chart_ids[:-1], default_deck.districts)):
        if spec.chart_id == "overview.scorecard":
            continue
        traces = spec.figure.to_dict()["data"]
        swatches = {trace["marker"]["pattern"]["shape"]: trace["name"] for trace in traces
                    if trace["type"] == "bar" and trace.get("showlegend")}
        for trace in traces:
            shape = (trace.get("marker") or {}).get("pattern", {}).get("shape")
            if trace["type"] == "bar" and not trace.get("showlegend") and shape:
                patterned_charts += 1
                assert shape in swatches, (spec.chart_id, shape)
                assert swatches[shape].startswith(("②", "③", "④", "⑤", "⑥", "⑦"))
        assert not [note for note in spec.notes if "cấp xã" in note and "gạch chéo là" in note]
    assert patterned_charts >= 5
    assert "chú giải" in t("charts.note_levels_differ", "vi") and "legend" in t("charts.note_levels_differ", "en")


def _draws(character: str) -> bool:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 32)

    def mask(text: str) -> bytes:
        image = Image.new("L", (48, 48))
        ImageDraw.Draw(image).text((4, 4), text, font=font, fill=255)
        return image.tobytes()

    return mask(character) != mask("\U000F0000")  # an unassigned code point draws the missing-glyph box


def test_no_page_chart_or_pack_writes_a_character_the_servers_font_draws_as_a_box():
    """With only fonts-dejavu-core (no emoji font) an emoji is an empty box on a projector, in a PDF and in the
    browser of a machine like the server: every string, icon and label the product writes, from the translation
    table to the pages, charts and exports, uses characters DejaVu Sans draws (icons are ':material/…:' names, served
    by the app; the page icon is a picture, app_assets/favicon.png)."""
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists():
        pytest.skip("fonts-dejavu-core is not installed")
    from tests.conftest import REPO

    paths = [REPO / "app.py", *(REPO / "i18n" / "strings").glob("*.yaml"),
             *[path for folder in ("app_pages", "ui", "charts", "exports") for path in (REPO / folder).glob("*.py")]]
    symbols = {(c, path.relative_to(REPO).as_posix()) for path in paths for c in path.read_text(encoding="utf-8")
               if ord(c) > 0x2000 and c not in "\u2009\u202f\u2060"}
    assert len(paths) > 60 and symbols
    boxes = sorted({(c, path) for c, path in symbols if not _draws(c)})
    assert not boxes, boxes


def _scorecard_tables(slides):
    title = t("scorecard.title", "vi")
    return [(slide, shape.table) for slide in slides for shape in slide.shapes
            if shape.has_table and slide.shapes.title.text.startswith(title)]


def test_scorecard_slide_names_every_row_even_one_no_unit_reports(con, slides):
    """A headline row none of the 20 default units reports ('cccd_coverage_rate') read as its key."""
    table = _scorecard_tables(slides)[0][1]
    labels = [table.cell(row, 0).text_frame.text for row in range(1, len(table.rows))]
    keys = set(queries.run(con, "scorecard_cells", districts=["lam-binh"])["row_key"])
    assert labels and not keys & set(labels)
    assert "Tỷ lệ thu nhận hồ sơ CCCD" in labels


def test_twenty_units_scorecard_takes_three_slides_of_readable_columns(con, slides, default_deck):
    """Twenty unit columns of 32 pt on one slide wrapped '85,12%' and its period letter by letter at 7 pt: the
    units go over slides of at most seven columns (7, 7, 6), each titled with its part, every unit once, the same
    rows on each, and a cell's colour judged against all twenty units (the best of the deck, not of its slide)."""
    from pptx.util import Pt as points

    from exports.pptx_charts import add_scorecard_table

    parts = _scorecard_tables(slides)
    assert [slide.shapes.title.text for slide, _ in parts] == [
        f"{t('scorecard.title', 'vi')} ({n}/3)" for n in (1, 2, 3)]
    rows = {tuple(table.cell(r, 0).text for r in range(1, len(table.rows))) for _, table in parts}
    assert len(rows) == 1
    assert [len(table.columns) - 1 for _, table in parts] == [7, 7, 6]
    assert all(table.columns[c].width >= points(80) for _, table in parts for c in range(1, len(table.columns)))
    names = [table.cell(0, c).text for _, table in parts for c in range(1, len(table.columns))]
    assert len(set(names)) == 20

    def colours(table) -> dict[tuple[int, str], str]:
        return {(r, table.cell(0, c).text): str(table.cell(r, c).fill.fore_color.rgb)
                for r in range(1, len(table.rows)) for c in range(1, len(table.columns))}

    whole = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    cells = queries.run(con, "scorecard_cells", districts=list(default_deck.districts))
    add_scorecard_table(whole, cells, "vi", points(10), points(10), points(2000), points(500))
    on_parts = {key: colour for _, table in parts for key, colour in colours(table).items()}
    assert on_parts == colours(whole.shapes[-1].table)


def test_a_square_picture_marks_missing_units_with_a_dash_its_legend_explains(con, default_deck):
    from exports.images import slide_figure

    spec = deck_charts(con, Deck(("online_services.online_usage",), default_deck.districts))[0]
    marks = [trace for trace in slide_figure(spec, "square").data if trace.type == "scatter" and trace.mode == "text"]
    assert marks and set(marks[0].text) == {"—"} and marks[0].showlegend
    assert marks[0].name == t("comparable.no_data_mark", "vi")
    wide = [trace for trace in slide_figure(spec, "wide").data if trace.type == "scatter" and trace.mode == "text"]
    assert wide and set(wide[0].text) <= {"—", t("common.no_data", "vi")}


# --- A chart of many bars over several slides ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def commune_units(con) -> tuple[str, ...]:
    """The units the Present page opens with when none are chosen: the first 20 communes."""
    return tuple(scope.default_districts(scope.first_kind(queries.run(con, "districts"), [])[1]))


def test_twenty_units_of_two_definitions_take_three_slides_on_one_axis(con, commune_units, tmp_path):
    """The dossiers chart (two definitions of the figure) drew 25 bars and 4 no-data marks on one slide, each
    labelled upright "18.400 · Tháng 7/2025 – 2/2026", longer than the plot was tall: the labels ran over the title
    and its "⚠ Kỳ báo cáo khác nhau" line. Now its units go over three slides in the chart's order, on one value
    axis, and on every PDF page each bar says its value and its period under the title, no two words overlapping."""
    require_chromium()
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (apt-get install -y poppler-utils)")
    from charts.compare import comparison_chart
    from charts.colors import district_colors
    from exports.images import chart_image, slide_figure

    deck = Deck(("online_services.dossiers",), commune_units)
    parts = deck_charts(con, deck)
    assert len(parts) >= 2  # (three with the round-7 data, two since round 8 changed the default communes)
    assert [spec.title[-5:] for spec in parts] == [f"({n}/{len(parts)})" for n in range(1, len(parts) + 1)]
    shown = [unit for spec in parts for unit in spec.part_units]
    assert sorted(shown) == sorted(commune_units) and len(commune_units) == 20  # every unit once, on one of the slides
    # about as many units on every slide (7, 7, 6): PowerPoint keeps a bar's width per series for a unit without a
    # bar, so 5 units reporting and 3 marks on one slide left its labels no width for their periods
    sizes = [len(spec.part_units) for spec in parts]
    assert max(sizes) - min(sizes) <= 1, sizes
    assert len({tuple(spec.figure.layout.yaxis.range) for spec in parts}) == 1  # one value axis
    every = queries.run(con, "districts")
    whole = comparison_chart(
        queries.run(con, "observations_for_districts", districts=list(deck.districts), theme=None, indicators=None),
        "dossiers", every[every["district_id"].isin(deck.districts)],
        district_colors(list(every["district_id"]), together=list(deck.districts)), "vi")
    observations = [c[0] for trace in whole.figure.data if trace.type == "bar" and trace.customdata is not None
                    for c in trace.customdata]
    drawn = []
    for spec in parts:
        figure = slide_figure(spec)
        texts = [text for trace in figure.data if trace.type == "bar" and trace.customdata is not None
                 for text in trace.text]
        drawn += [c[0] for trace in figure.data if trace.type == "bar" and trace.customdata is not None
                  for c in trace.customdata]
        assert all("<br>" in text for text in texts), texts  # value, then its period
        footer = " ".join(a.text for a in figure.layout.annotations)
        assert t("charts.note_periods_in_notes", "vi") not in footer
        assert t("charts.note_parts", "vi", parts=len(parts), first=1, last=1, reporting=16).split(";")[0] in " ".join(
            spec.notes)
        words = _words(chart_image(spec, "pdf"), tmp_path)
        _assert_under_title_and_apart(spec, words)
        page = " ".join(word for *_, word in words)
        for text in texts:  # the value's number (its qualifier may stand over it)
            assert re.sub(r"<[^>]+>", " ", text).split()[0] in page
    assert sorted(drawn) == sorted(observations)  # every bar of the chart, on one slide or another


def test_a_pptx_chart_over_several_slides_keeps_its_axis_and_says_each_period(con, commune_units):
    deck = Deck(("online_services.dossiers",), commune_units)
    charts = [shape.chart for slide in Presentation(io.BytesIO(build_pptx(con, deck))).slides
              for shape in slide.shapes if shape.has_chart]
    assert len(charts) == len(deck_charts(con, deck)) >= 2  # one native chart per part of the chart
    assert len({chart.value_axis.maximum_scale for chart in charts}) == 1
    for chart in charts:
        labels = [point.data_label.text_frame.text for series in chart.plots[0].series
                  for value, point in zip(series.values, series.points) if value is not None]
        assert labels and all("\n" in label for label in labels), labels  # value, then its period, across
        assert not any(line.strip() == "–" for label in labels for line in label.split("\n"))
