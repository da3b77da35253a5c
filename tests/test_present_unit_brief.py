"""The one-page unit brief (PDF), rendered on the real data and read back: its text, not just its existence."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

import queries
from exports.unit_brief import build_unit_brief
from tests.conftest import require_chromium


@pytest.fixture(scope="module")
def brief(con):
    require_chromium()  # drawn by kaleido like every other picture
    return build_unit_brief(con, "lam-binh", "vi", today=dt.date(2026, 11, 24))


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_brief_is_one_page_with_the_units_headline_figures_periods_and_source(brief):
    assert len(PdfReader(io.BytesIO(brief)).pages) == 1
    text = _text(brief)
    assert "Lâm Bình — tóm tắt chuyển đổi số" in text
    assert "7,81%" in text and "25.250" in text and "1.973" in text and "Năm 2022" in text
    assert "hội nghị Ban Chỉ đạo chuyển đổi số" in text  # the document, not just "[1]"


def test_brief_states_date_data_version_and_the_verbatim_quotes(con, brief):
    text = _text(brief)
    fingerprint = dict(queries.run(con, "build_info")[["key", "value"]].itertuples(index=False))["data_fingerprint"]
    assert "24/11/2026" in text and fingerprint[:12] in text
    assert "Số hồ sơ tiếp nhận và giải quyết trực tuyến là 1.973 hồ sơ" in text


def test_brief_renders_to_an_image_that_is_not_blank(brief, tmp_path):
    """pdftoppm where installed (poppler-utils); otherwise the text checks above stand alone."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed (apt-get install -y poppler-utils); the text is checked above")
    import numpy as np
    from PIL import Image

    (tmp_path / "brief.pdf").write_bytes(brief)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / "brief.pdf"), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    assert np.asarray(image, dtype=float).std() > 10


def test_english_brief_is_in_english(con):
    require_chromium()
    text = _text(build_unit_brief(con, "luc-yen", "en", today=dt.date(2026, 11, 24)))
    assert "Lục Yên — digital transformation brief" in text and "Data version" in text


def test_brief_rows_are_the_figures_the_profile_shows(con):
    """The brief picks per indicator the figure the profile page shows (the declared level order, no superseded
    stated twin): cao-phong's online rate is the derived 98,46%, not its stated 98,5% beside it."""
    from charts.labels import value_text
    from charts.profile import latest_figures
    from exports.unit_brief import profile_rows

    units = queries.run(con, "district_summary")["district_id"].tolist()
    for unit in units:
        observations = queries.run(con, "observations_for_districts", districts=[unit], theme=None, indicators=None)
        shown = [value_text(row, "vi") for row in latest_figures(observations).to_dict("records")]
        assert profile_rows(con, unit, "vi")["value"].tolist() == shown, unit
    rows = profile_rows(con, "cao-phong", "vi")
    assert rows.loc[rows["indicator"] == "Tỷ lệ hồ sơ nộp trực tuyến", "value"].tolist() == ["98,46%"]


def test_brief_says_the_level_of_a_figure_that_is_not_the_whole_units(con, brief):
    """Lục Yên states its online payment rate only for one commune: the brief writes whose it is beside it. A whole
    unit's figure (Lâm Bình's 7,81%) stands alone."""
    text = _text(build_unit_brief(con, "luc-yen", "vi", today=dt.date(2026, 11, 24)))
    assert "62% · xã Lâm Thượng" in text
    assert "7,81%" in _text(brief) and "7,81% ·" not in _text(brief)
