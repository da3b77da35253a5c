"""One citation formatter (charts.labels.source_text): an undated source is cited '~tháng 3/2023' / '~Mar 2023',
never '~2023-03', in the charts and in the pack's source list alike (review item 27). Real data, real DuckDB."""

from __future__ import annotations

import shutil

import pytest

import queries
from charts.labels import source_text
from exports.pack_text import source_lines
from loaders import build_database
from tests.conftest import DATA_DIR

UNDATED = {"source_title": "Tin bài", "source_number": None, "source_date": None, "source_date_about": "2023-03"}


def test_an_undated_source_about_a_month_is_cited_in_words():
    assert source_text(UNDATED, "vi") == "Tin bài (~tháng 3/2023)"
    assert source_text(UNDATED, "en") == "Tin bài (~Mar 2023)"
    assert source_text({**UNDATED, "source_date_about": "2023"}, "vi") == "Tin bài (~2023)"


@pytest.fixture(scope="module")
def month_about_con(tmp_path_factory):
    """The real data with one undated source said to be about March 2023 (its date_basis allows that month)."""
    folder = tmp_path_factory.mktemp("month_about")
    shutil.copytree(DATA_DIR, folder / "data", ignore=shutil.ignore_patterns("history"))
    sources = folder / "data" / "sources.yaml"
    head, tail = sources.read_text(encoding="utf-8").split("  - id: thuan-bac-2023\n")
    tail = tail.replace('date_about: "2023"', 'date_about: "2023-03"', 1)
    sources.write_text(f"{head}  - id: thuan-bac-2023\n{tail}", encoding="utf-8")
    build_database(folder / "data", folder / "cds.duckdb")
    connection = queries.open_database(folder / "cds.duckdb")
    yield connection
    connection.close()


@pytest.mark.parametrize("lang, words", [("vi", "~tháng 3/2023"), ("en", "~Mar 2023")])
def test_the_pack_cites_sources_as_the_charts_do(month_about_con, lang, words):
    documents = queries.run(month_about_con, "source_documents").set_index("source_id")
    lines = dict(zip(documents.index, source_lines(month_about_con, list(documents.index), lang)))
    row = documents.loc["thuan-bac-2023"]
    assert words in lines["thuan-bac-2023"] and "2023-03" not in lines["thuan-bac-2023"]
    cited = source_text({"source_title": row["title"], "source_number": None, "source_date": None,
                         "source_date_about": row["date_about"]}, lang)
    assert lines["thuan-bac-2023"] == f"{cited} · {row['issuer']}"
    dated = documents.loc["huong-khe-2023-bc373"]
    assert lines["huong-khe-2023-bc373"].startswith(f"{dated['title']} (373/BC-UBND, ")


def test_a_citation_read_again_is_the_one_worked_out_in_each_language(con):
    """Citations are kept per document and language (charts.labels._citation: a compare theme cites each bar's document
    twice): every figure of the real data is cited, in both languages, as the citation worked out afresh, and a
    document's Vietnamese citation never stands in for its English one."""
    import queries
    from charts.labels import _citation

    rows = queries.run(con, "observations_table", districts=list(queries.run(con, "districts")["district_id"]),
                       theme=None, indicator=None).to_dict("records")
    assert rows
    differ = 0
    for row in rows:
        parts = (row["source_title"], row.get("source_number"), row.get("source_date"), row.get("source_date_about"))
        vi, en = source_text(row, "vi"), source_text(row, "en")
        assert vi == _citation.__wrapped__(*parts, "vi") and en == _citation.__wrapped__(*parts, "en")
        assert source_text(row, "vi") == vi and source_text(row, "en") == en  # read again, from the cache
        differ += vi != en
    assert differ  # dated documents read differently in the two languages (7/9/2023, 7 Sep 2023)
