"""Pages on a data folder that holds no unit's figures and no overall DTI result (a new or emptied folder): each says
so in a notice and never raises (review item 42). Real data files, emptied; a real DuckDB built from them."""

from __future__ import annotations

import pytest

from i18n import t
from loaders import build_database
from tests.apptest_pages import data_copy_with, run_page, serve_from


@pytest.fixture(scope="module")
def emptied(tmp_path_factory):
    """The real data with every unit file removed and the DTI results kept only below the overall measure."""
    folder = data_copy_with(tmp_path_factory.mktemp("emptied"), {})
    data = folder / "data"
    for unit_file in (data / "units").iterdir():
        unit_file.unlink()
    index = data / "province_index"
    rows = (index / "dti.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (index / "dti.csv").write_text("".join(row for row in rows if ",overall," not in row), encoding="utf-8")
    # no edition can claim a complete overall rank once the overall rows are gone
    editions = (index / "editions.yaml").read_text(encoding="utf-8")
    (index / "editions.yaml").write_text(editions.replace("complete: [rank]", "complete: []"), encoding="utf-8")
    build_database(data, folder / "cds.duckdb")
    return folder


@pytest.mark.parametrize("page", ["overview", "map", "provinces"])
def test_a_page_without_figures_says_so_instead_of_raising(emptied, monkeypatch, page):
    serve_from(emptied, monkeypatch)
    at = run_page(page, timeout=60)
    assert t("common.nothing_built", "vi") in [notice.value for notice in at.info]


def test_the_provinces_page_still_lists_the_766_results_without_dti(emptied, monkeypatch):
    serve_from(emptied, monkeypatch)
    at = run_page("provinces", timeout=60)
    assert t("provinces.qd766_heading", "vi") in [header.value for header in at.subheader]
