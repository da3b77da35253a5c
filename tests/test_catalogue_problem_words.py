"""A catalogue whose compare group does not resolve stops the build with a problem said in the reader's language,
not in the loader's English (review item 31). Real data files, one group name misspelt; the real build."""

from __future__ import annotations

import shutil

import pytest

from i18n.problems import describe
from loaders import ValidationFailed, build_database
from tests.conftest import DATA_DIR


def test_a_catalogue_meaning_problem_reads_in_vietnamese_and_english(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    path = data / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("compare_group: eid", "compare_group: eids", 1),
                    encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        build_database(data, tmp_path / "cds.duckdb")
    problem = next(p for p in failure.value.problems if p.code == "catalogue_meaning")
    vietnamese, english = describe(problem, "vi"), describe(problem, "en")
    assert vietnamese.startswith("nhóm so sánh") and "eids is not declared" in vietnamese
    assert english.startswith("a compare group") and english != problem.message
