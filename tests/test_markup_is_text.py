"""Texts from the data, an upload or a link reach the page as text: never a link, an image, HTML or a formula.

The pages run under AppTest on a copy of the data whose Lục Yên carries markdown, HTML and formulas in its name,
a commune, its source's title and issuer and a note (tests/hostile_data.py). Streamlit renders markdown in
headers, captions, notices and labels; plotly renders a subset of HTML in titles, ticks, legends and hover cards;
a data table's own "Download as CSV" exports its cells as they are."""

from __future__ import annotations

import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from i18n import t
from tests import apptest_pages
from tests.hostile_data import COMMUNE, ISSUER, NAME, TITLE, write_hostile_copy
from tests.plotly_spec import all_text, figure_json

WORD_JOINER = "\u2060"
# Markdown that would act: a link or image, emphasis, code, a colour directive, an HTML tag, an icon code.
ACTIVE_MARKDOWN = re.compile(r"(?<!\\)(\]\(|!\[|\*\*|`|<[a-z/]|:red\[)|https?:(?!\u2060)|(?<!\\):material")


def reads_as(markdown_source: str) -> str:
    """What a reader sees of a markdown source made of escaped text: escapes and word joiners gone."""
    return re.sub(r"\\(.)", r"\1", markdown_source).replace(WORD_JOINER, "")


def assert_shown_as_text(markdown_source: str, text: str) -> None:
    assert text in reads_as(markdown_source), markdown_source
    assert not ACTIVE_MARKDOWN.search(markdown_source), markdown_source


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from loaders import build_database

    folder = tmp_path_factory.mktemp("hostile")
    write_hostile_copy(folder / "data")
    build_database(folder / "data", folder / "cds.duckdb")
    before = {key: os.environ.get(key) for key in ("CDS_DATA_DIR", "CDS_DB_PATH")}
    os.environ["CDS_DATA_DIR"], os.environ["CDS_DB_PATH"] = str(folder / "data"), str(folder / "cds.duckdb")
    yield folder
    for key, value in before.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def run_page(name: str, **query) -> AppTest:
    return apptest_pages.run_page(name, timeout=60, **query)


def plotly_texts(at: AppTest) -> str:
    """Everything the browser gets of the page's figures, except customdata (ids for clicks, never drawn)."""
    figures = [figure_json(element) for element in at.get("plotly_chart")]
    for figure in figures:
        for trace in figure["data"]:
            trace.pop("customdata", None)
    return " ".join(all_text(figure) for figure in figures)


def assert_plotly_shows_literally(figures: str, text: str) -> None:
    """Plotly decodes &lt; &gt; &amp; and draws tags: the text must arrive with its & < > escaped, and no tag
    from the data (<a, <img, <b>Lâm Thượng …) may be left for plotly to draw."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in figures
    assert text not in figures  # nowhere left as it was: not as a tick, a legend entry or a title
    for tag in ("<a ", "<img", "<b>Lâm Thượng", "<i>UBND"):
        assert tag not in figures


def test_district_profile_shows_the_name_province_and_findings_as_text(hostile):
    at = run_page("district", district="luc-yen")
    assert_shown_as_text(at.header[0].value, NAME)
    for block in at.markdown:
        assert not ACTIVE_MARKDOWN.search(block.value), block.value
    for caption in at.caption:
        assert not ACTIVE_MARKDOWN.search(caption.value), caption.value


def test_compare_charts_escape_names_communes_and_titles_for_plotly(hostile):
    at = run_page("compare", d="luc-yen,lam-binh", theme="online_services")
    figures = plotly_texts(at)
    assert_plotly_shows_literally(figures, NAME)
    assert_plotly_shows_literally(figures, COMMUNE)
    # Hover cards wrap the source title over lines: its tags arrive escaped, none is left to draw.
    for word in ("&lt;a", "&gt;Báo", "cáo&lt;/a&gt;", "&lt;img"):
        assert word in figures
    sources = [caption.value for caption in at.caption if "Nguồn" in caption.value]
    assert sources and any(TITLE in reads_as(source) for source in sources)
    for source in sources:
        assert not ACTIVE_MARKDOWN.search(source), source


def test_overview_scorecard_ticks_and_cards_escape_the_name(hostile):
    at = run_page("overview", d="luc-yen,lam-binh")  # Lục Yên, whose name the hostile copy forges
    assert_plotly_shows_literally(plotly_texts(at), NAME)


def test_present_slide_notes_and_source_line_are_text(hostile):
    at = run_page("present", d="luc-yen,lam-binh", deck="online_services.online_usage", show="1")
    assert_plotly_shows_literally(plotly_texts(at), COMMUNE)
    lines = [block.value for block in at.markdown]
    assert any(TITLE in reads_as(line) for line in lines)
    for line in lines:
        # The source line is the page's own bold: only its outer ** may act.
        inner = line[2:-2] if line.startswith("**") and line.endswith("**") else line
        assert not ACTIVE_MARKDOWN.search(inner), line


def test_a_link_parameter_is_shown_as_text_in_the_notice(hostile):
    forged = "[Phiên hết hạn - đăng nhập lại](http://x.example/login) ![](http://x.example/a.png)"
    at = run_page("compare", d=forged)
    notice = next(w.value for w in at.warning if "Phiên hết hạn" in reads_as(w.value))
    assert_shown_as_text(notice, forged)


def test_a_link_parameter_in_the_language_is_shown_as_text(hostile):
    at = run_page("overview", lang="**x**[y](http://x.example)")
    notice = next(w.value for w in at.warning if "x.example" in reads_as(w.value))
    assert_shown_as_text(notice, "**x**[y](http://x.example)")


FORMULA = re.compile(r"^[=+\-@\t\r]")


def formula_cells(frame) -> list[str]:
    cells = [value for column in frame.columns for value in frame[column] if isinstance(value, str)]
    labels = [str(label) for label in [*frame.columns, *frame.index] if isinstance(label, str)]
    return [text for text in cells + labels if FORMULA.match(text)]


def test_data_tables_hold_neutralised_cells_for_their_own_csv_download(hostile):
    # the page builds one section at a time: each of them
    frames = [element.value for tab in ("catalogue", "sources", "coverage", "data")
              for element in run_page("indicators", d="luc-yen", tab=tab).dataframe]
    shown = " ".join(frame.to_csv() for frame in frames)
    assert "'=HYPERLINK(" in shown and "'+1+cmd|" in shown and "'@SUM(1+1)" in shown
    for frame in frames:
        assert formula_cells(frame) == [], formula_cells(frame)
    profile = run_page("district", district="luc-yen")
    for frame in (element.value for element in profile.dataframe):
        assert formula_cells(frame) == [], formula_cells(frame)
    overview = run_page("overview")
    for frame in (element.value for element in overview.dataframe):
        assert formula_cells(frame) == []
    # the roster is neutralised once per build and language and kept (ui.tables.NeutralisedTable): still neutralised
    assert "'=HYPERLINK(" in " ".join(element.value.to_csv() for element in overview.dataframe)


def test_sources_table_keeps_the_texts_apart_from_the_apostrophe(hostile):
    at = run_page("indicators", tab="sources")
    sources = at.dataframe[0].value
    assert "'" + TITLE in set(sources[t("indicators.col_title", "vi")])
    assert "'" + ISSUER in set(sources[t("indicators.col_issuer", "vi")])
