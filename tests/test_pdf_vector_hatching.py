"""PDF pages hold the bars' hatching as vector strokes, not as pictures: Chromium prints an SVG pattern fill as a
page-sized picture (about 1.8 MB a chart page, two thirds of a pack's time), so exports/vector_hatching.py redraws
each patterned bar as its background colour, the pattern's marks tiled over it and clipped to it, and its outline."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from exports.deck import Deck, deck_charts
from exports.images import chart_image
from exports.pdf_pack import build_pdf
from exports.vector_hatching import SVG_NS, hatching_as_paths, path_bounds
from tests.conftest import require_chromium

UNITS = ("huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac")
CHART = "signing.signing_rate"  # four patterns: "/", "x", "." (circles) and "\\"
SVG = f"{{{SVG_NS}}}"


def test_path_bounds_of_straight_paths_only():
    assert path_bounds("M646.21,426V350.6H699.68V426Z") == (646.21, 350.6, 699.68, 426)
    assert path_bounds("M6,6H-6V-6H6Z") == (-6, -6, 6, 6)
    assert path_bounds("m10,10l5,-20h-30v40z") == (-15, -10, 15, 30)
    assert path_bounds("M0,0C1,1 2,2 3,3") is None  # a curve: the pattern is left as it is
    assert path_bounds("") is None


@pytest.fixture(scope="module")
def signing_svg(con) -> str:
    require_chromium()
    return chart_image(deck_charts(con, Deck((CHART,), UNITS))[0], "svg").decode("utf-8")


def _patterned(root: ET.Element) -> list[ET.Element]:
    return [path for path in root.iter(f"{SVG}path") if "url(" in path.get("style", "")]


def test_each_patterned_bar_becomes_its_colour_clipped_marks_and_outline(signing_svg):
    before = ET.fromstring(signing_svg)
    patterns = {pattern.get("id"): pattern for pattern in before.iter(f"{SVG}pattern")}
    shapes = {pattern.find(f"{SVG}path") is None for pattern in patterns.values()}
    assert len(patterns) >= 4 and shapes == {True, False}  # paths and the dots' circles
    bars = [(path.get("d"), re.search(r"#([^'\")]+)", path.get("style")).group(1)) for path in _patterned(before)]
    assert len(bars) >= 8

    after = ET.fromstring(hatching_as_paths(signing_svg))
    assert _patterned(after) == []
    rewritten = [(siblings[at], siblings[at + 1], siblings[at + 2]) for parent in after.iter()
                 for siblings in [list(parent)] for at in range(len(siblings) - 2)
                 if siblings[at + 1].find(f"{SVG}defs/{SVG}clipPath") is not None]
    drawable = [(d, pattern_id) for d, pattern_id in bars if path_bounds(d) is not None]  # not plotly's "M0,0Z"
    assert len(rewritten) == len(drawable)
    for (d, pattern_id), (shape, hatch, outline) in zip(drawable, rewritten):
        assert shape.get("d") == d and "stroke: none" in shape.get("style")
        background = patterns[pattern_id].find(f"{SVG}rect")  # none: the marks alone, on what lies under the bar
        assert (f"fill: {background.get('fill')}" if background is not None else "fill: none") in shape.get("style")
        assert outline.get("d") == d and "fill: none" in outline.get("style")
        assert hatch.find(f"{SVG}defs/{SVG}clipPath/{SVG}path").get("d") == d  # marks only inside the bar
        marks = hatch.findall(f".//{SVG}use")
        assert {mark.get("href") for mark in marks} == {f"#{pattern_id}-mark"}
        left, top, right, bottom = path_bounds(d)
        width = float(patterns[pattern_id].get("width").removesuffix("px"))
        xs = [float(mark.get("x")) for mark in marks]
        ys = [float(mark.get("y")) for mark in marks]
        assert min(xs) <= left - width and max(xs) >= right and min(ys) <= top - width and max(ys) >= bottom
        assert len(xs) == len(set(zip(xs, ys)))


def _pictures(obj, seen: set) -> int:
    """Image XObjects anywhere under a page's resources (also inside patterns and forms)."""
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return 0
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, dict):
        own = 1 if obj.get("/Subtype") == "/Image" else 0
        return own + sum(_pictures(value, seen) for key, value in obj.items() if key != "/Parent")
    if isinstance(obj, list):
        return sum(_pictures(value, seen) for value in obj)
    return 0


def test_pdf_pack_pages_are_vector_and_keep_their_labels(con):
    require_chromium()
    spec = deck_charts(con, Deck((CHART,), UNITS))[0]
    data = build_pdf(con, Deck((CHART,), UNITS))
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 3
    assert _pictures(pages[1]["/Resources"], set()) == 0  # the hatching is strokes, not a picture
    assert "/Pattern" not in pages[1]["/Resources"]
    assert len(data) < 400_000  # was about 1.8 MB for the chart's page alone
    text = " ".join(pages[1].extract_text().split())
    labels = [re.sub(r"<[^>]+>", "", label.split("<br>")[0]).strip()  # the value line of each bar's label
              for trace in spec.figure.data if trace.type == "bar" and trace.text is not None for label in trace.text]
    values = {label for label in labels if label}
    assert len(values) >= 3
    assert [value for value in values if value not in text] == []
    assert "6 tháng đầu năm 2023" in text and "373/BC-UBND" in text  # a period label, the source line


def test_pdf_page_looks_like_the_png_of_the_same_chart(con, tmp_path):
    """The PNG is Chromium drawing plotly's own pattern fills; the PDF page, rasterised by poppler at the PNG's size,
    must match it block by block (30 px squares' mean colours). Without the hatching a block inside a patterned bar
    is about 57 levels off (stripes at half opacity); the two rasterisers differ by up to about 21 (poppler draws
    the thin crossed lines of "x" a little wider than Chromium's picture of a pattern tile)."""
    require_chromium()
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed (apt-get install -y poppler-utils)")
    import numpy as np
    from PIL import Image

    spec = deck_charts(con, Deck((CHART,), UNITS))[0]
    png = np.asarray(Image.open(io.BytesIO(chart_image(spec, "png"))).convert("RGB"), dtype=float)
    (tmp_path / "page.pdf").write_bytes(chart_image(spec, "pdf"))
    subprocess.run(["pdftoppm", "-r", "96", "-png", "-singlefile", str(tmp_path / "page.pdf"), str(tmp_path / "page")],
                   check=True)  # 1440 pt at 96 dpi: the PNG's 1920 px
    page = np.asarray(Image.open(tmp_path / "page.png").convert("RGB"), dtype=float)
    assert page.shape == png.shape == (1080, 1920, 3)

    def blocks(image):
        return image.reshape(1080 // 30, 30, 1920 // 30, 30, 3).mean(axis=(1, 3))

    assert np.abs(blocks(png) - blocks(page)).max() < 30
