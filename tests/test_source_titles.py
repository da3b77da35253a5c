"""A source's title is its title: where it came from (the document, its web address, a curator's description) is said
in ``title_source`` and shown on the sources table in the reader's language, never as an English note in brackets
that every chart's source line would repeat. The same goes for issuers: the page's language is its ``language``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

import queries
from i18n import t
from loaders.models import TITLE_SOURCES, Source
from tests.apptest_pages import run_page

ROOT = Path(__file__).resolve().parent.parent
# Curators' notes that used to ride in titles and issuers ("… (from the URL)", "Báo … (English edition)", "[no title in
# the stored excerpt] …"): words about the record, not the document's name.
CURATOR_NOTE = re.compile(r"from the URL|English (?:edition|page|translation)|\(English\)|\[no title|stored excerpt|\(copy of|"
                          r"page address|the stored copy|\bdescriptive\b", re.IGNORECASE)


def _source_files() -> list[Path]:
    return sorted([*(ROOT / "data" / "units").glob("*.yaml"), ROOT / "data" / "province_index" / "sources.yaml",
                   *(ROOT / "bench" / "reader_eval" / "real").glob("*.yaml"), ROOT / "bench" / "population_pages.yaml"])


def _titled(node):
    """Every mapping in a YAML document that has a title and an issuer (a source, a page, a real report)."""
    if isinstance(node, dict):
        if "title" in node and "issuer" in node:
            yield node
        for value in node.values():
            yield from _titled(value)
    elif isinstance(node, list):
        for value in node:
            yield from _titled(value)


def test_no_title_or_issuer_in_any_data_file_carries_a_curators_note():
    checked, notes = 0, []
    for path in _source_files():
        for record in _titled(yaml.safe_load(path.read_text(encoding="utf-8"))):
            checked += 1
            for key in ("title", "issuer"):
                if CURATOR_NOTE.search(str(record[key])):
                    notes.append(f"{path.relative_to(ROOT)}: {key} {record[key]!r}")
            assert record.get("title_source", "page") in TITLE_SOURCES, (path, record.get("title_source"))
    assert checked > 300  # units' sources, the index's sources, the real reports and the population pages
    assert not notes, "\n".join(notes)


def test_a_title_read_from_an_address_says_so_in_its_own_field():
    sources = [s for path in (ROOT / "data" / "units").glob("*.yaml")
               for s in yaml.safe_load(path.read_text(encoding="utf-8")).get("sources") or []]
    kinds = {s.get("title_source", "page") for s in sources}
    assert {"page", "url_slug", "descriptive"} <= kinds
    thanh_sen = next(s for s in sources if s["id"] == "pub-babd073a4775")
    assert thanh_sen["title_source"] == "url_slug" and thanh_sen["title"].endswith("phường Thành Sen, tỉnh Hà Tĩnh")


def test_the_model_takes_a_title_source_defaulting_to_the_documents_own_and_refuses_others():
    base = {"id": "bao-cao-1", "title": "Báo cáo chuyển đổi số", "issuer": "UBND huyện", "date": "2023-09-07",
            "kind": "official_report"}
    assert Source(**base).title_source == "page"
    assert Source(**base, title_source="descriptive").title_source == "descriptive"
    with pytest.raises(ValidationError, match="title_source"):
        Source(**base, title_source="guessed")


def test_the_build_keeps_where_each_title_came_from(con):
    documents = queries.run(con, "source_documents").set_index("source_id")
    assert set(documents["title_source"]) == set(TITLE_SOURCES)
    assert documents.loc["pub-babd073a4775", "title_source"] == "url_slug"
    assert documents.loc["pub-babd073a4775", "title"].endswith("phường Thành Sen, tỉnh Hà Tĩnh")


@pytest.mark.usefixtures("built_db")
def test_the_sources_table_says_where_a_title_came_from_and_the_pages_language_in_words():
    for lang, address, english, column in (
            ("vi", "địa chỉ trang (bản lưu không có tên)", "tiếng Anh", "Tên văn bản lấy từ"),
            ("en", "the page's address (the stored copy shows none)", "English", "Title taken from")):
        at = run_page("indicators", tab="sources", lang=lang)
        table = at.dataframe[0].value
        assert column in table.columns
        thanh_sen = table[table.iloc[:, 0].str.startswith("Phó Thủ tướng Phạm Thị Thanh Trà")]
        assert list(thanh_sen[column]) == [address]
        assert english in set(table[t("indicators.col_language", lang)])  # the page's language, in words
