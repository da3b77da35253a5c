"""Opening a page under AppTest, and serving the pages from a copy of the data with extra unit files: shared by the
page tests so that every one opens a page the same way (and fails on the page's real error)."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from loaders import build_database
from tests.conftest import DATA_DIR, REPO


def run_page(name: str, timeout: int = 30, **query) -> AppTest:
    """app_pages/<name>.py with these link parameters, run once; no exception allowed."""
    at = AppTest.from_file(str(REPO / "app_pages" / f"{name}.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def data_copy_with(folder: Path, unit_files: dict[str, str]) -> Path:
    """The real data in folder/data with these extra data/units/<name> files, built into folder/cds.duckdb."""
    shutil.copytree(DATA_DIR, folder / "data", ignore=shutil.ignore_patterns("history"))
    for name, text in unit_files.items():
        (folder / "data" / "units" / name).write_text(text, encoding="utf-8")
    build_database(folder / "data", folder / "cds.duckdb")
    return folder


def serve_from(folder: Path, monkeypatch) -> Path:
    """Point the pages at a data copy made by data_copy_with."""
    monkeypatch.setenv("CDS_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("CDS_DB_PATH", str(folder / "cds.duckdb"))
    return folder


# The test commune: xã Lâm Bình of Tuyên Quang (a unit of the units table, namesake of the seed district), the header
# of its unit file and an undated public page it cites; tests add their own observations.
XA_LAM_BINH_HEADER = """\
name: Lâm Bình
kind: commune
unit_id: tuyen-quang/xa-lam-binh
slug: xa-lam-binh
province: Tuyên Quang
province_2025: Tuyên Quang
"""
XA_LAM_BINH_PAGE = """\
sources:
  - id: xa-lam-binh-trang-2025
    title: Kết quả chuyển đổi số xã Lâm Bình
    issuer: UBND xã Lâm Bình
    date: null
    date_about: 2025-09
    date_basis: tin đăng trong chuyên mục tháng 9/2025, bài không ghi ngày
    kind: public_page
    url: https://lambinh.tuyenquang.gov.vn/chuyen-doi-so
"""
