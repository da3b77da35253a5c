"""Each broken fixture is the minimal good data set with one defect; validation must name it exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders import ValidationFailed, load_dataset
from loaders.__main__ import main as cli

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN_CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def broken_data_dir(case: str, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data_dir)
    shutil.copytree(FIXTURES / "broken" / case, data_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return data_dir


def test_minimal_fixture_is_valid():
    dataset = load_dataset(FIXTURES / "minimal")
    assert [d.slug for d in dataset.districts] == ["mau"]
    assert len(dataset.observations) == 3  # two figures and the commune count


def test_there_is_a_broken_fixture_for_every_rule():
    assert len(BROKEN_CASES) >= 15


@pytest.mark.parametrize("case", BROKEN_CASES)
def test_broken_fixture_fails_with_its_exact_message(case, tmp_path):
    expected = (FIXTURES / "broken" / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(ValidationFailed) as failure:
        load_dataset(broken_data_dir(case, tmp_path))
    assert [str(p) for p in failure.value.problems] == expected


@pytest.mark.parametrize("case", ["unknown_indicator", "yaml_syntax_error"])
def test_cli_validate_exits_nonzero_and_prints_file_line(case, tmp_path, capsys):
    assert cli(["validate", str(broken_data_dir(case, tmp_path))]) == 1
    err = capsys.readouterr().err
    assert "data/districts/mau.yaml:" in err
    assert "nothing was built" in err


def test_all_problems_are_reported_at_once(tmp_path):
    data_dir = broken_data_dir("unknown_indicator", tmp_path)
    district = data_dir / "districts" / "mau.yaml"
    district.write_text(district.read_text(encoding="utf-8").replace("source: mau-2022\n    quote: \"đã", "source: nowhere\n    quote: \"đã"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        load_dataset(data_dir)
    fields = sorted(p.field for p in failure.value.problems)
    assert fields == ["indicator", "source"]


def test_decomposed_vietnamese_is_normalised_to_nfc(tmp_path):
    import unicodedata

    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data_dir)
    district = data_dir / "districts" / "mau.yaml"
    district.write_text(unicodedata.normalize("NFD", district.read_text(encoding="utf-8")), encoding="utf-8")
    dataset = load_dataset(data_dir)
    assert dataset.districts[0].name == unicodedata.normalize("NFC", "Mẫu")


def test_csv_observations_beside_yaml_are_loaded(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data_dir)
    (data_dir / "districts" / "mau.csv").write_text(
        "indicator,value,unit,period,level,commune,qualifier,source,quote,note\n"
        "dossiers_received,30000,count,2023-H1,district,,over,mau-2022,\"trên 30.000 hồ sơ\",\n",
        encoding="utf-8",
    )
    dataset = load_dataset(data_dir)
    from_csv = [r for r in dataset.observations if r.file.endswith(".csv")]
    assert [(r.observation.value, r.observation.qualifier, r.line) for r in from_csv] == [(30000, "over", 2)]


def test_every_coded_problem_of_the_broken_fixtures_reads_in_vietnamese_and_english(tmp_path):
    from i18n import table
    from i18n.problems import describe

    untranslated = []
    for case in BROKEN_CASES:
        with pytest.raises(ValidationFailed) as failure:
            load_dataset(broken_data_dir(case, tmp_path / case))
        for problem in failure.value.problems:
            if problem.code and (f"problems.{problem.code}" not in table() or describe(problem, "vi") == problem.message):
                untranslated.append((case, problem.code))
    assert untranslated == []
