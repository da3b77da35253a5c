"""Official province index results (data/province_index/): the bundled files, and the checks on broken copies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.province_index import (
    RESULT_FILES,
    coverage,
    index_period,
    name_key,
    parse_printed_number,
    province_names,
    read_province_index,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
INDEX_DIR = DATA_DIR / "province_index"


@pytest.fixture(scope="module")
def bundled():
    index, problems = read_province_index(DATA_DIR)
    return index, problems


def test_bundled_province_index_reads_without_problems(bundled):
    index, problems = bundled
    assert [str(p) for p in problems] == []
    assert len(index.results) > 100


def test_every_province_of_an_edition_held_in_full_has_its_value(bundled):
    index, _ = bundled
    complete = index.editions[index.editions["complete"] != ""]
    assert not complete.empty, "at least DTI 2022 ranks are held in full"
    for edition in complete.itertuples():
        overall = index.results[(index.results["index"] == edition.index)
                                & (index.results["period"] == edition.period)
                                & (index.results["unit_set"] == edition.unit_set)
                                & (index.results["measure"] == "overall")]
        for field in edition.complete.split(","):
            held = set(overall.dropna(subset=[field])["province_code"])
            assert held == set(province_names(edition.unit_set)), (edition.edition, field)


def test_dti_2022_ranks_every_one_of_the_63_provinces(bundled):
    index, _ = bundled
    ranks = index.results[(index.results["edition"] == 2022) & (index.results["measure"] == "overall")
                          & (index.results["source"] == "dti-gov-vn-xep-hang-2022")]
    assert ranks["province_code"].nunique() == 63
    assert sorted(ranks["rank"].tolist()) == [*range(1, 16), 15, *range(17, 64)]


def test_ranks_are_unique_per_edition_and_measure_except_ties_the_source_states(bundled):
    index, _ = bundled
    ranked = index.results.dropna(subset=["rank"]).drop_duplicates(
        ["index", "period", "unit_set", "measure", "province_code"])
    shared = ranked[ranked.duplicated(["index", "period", "unit_set", "measure", "rank"], keep=False)]
    assert shared["tie"].all()
    assert set(shared["province_name"]) == {"Thanh Hóa", "Yên Bái"}
    assert set(shared["rank"]) == {15}


def test_scores_lie_between_zero_and_one(bundled):
    index, _ = bundled
    scores = index.results["score"].dropna()
    assert len(scores) > 30
    assert scores.between(0, 1).all()


def test_every_row_has_a_web_address_and_a_locator(bundled):
    index, _ = bundled
    urls = index.results.merge(index.sources, left_on="source", right_on="source_id", how="left")["url"]
    assert urls.str.match(r"https?://").all()
    assert (index.results["locator"].str.len() > 10).all()


def test_the_printed_number_parses_to_the_score(bundled):
    index, _ = bundled
    scored = index.results.dropna(subset=["score"])
    for row in scored.itertuples():
        assert parse_printed_number(row.score_printed) / row.score_scale == pytest.approx(row.score, abs=1e-12)
    assert {"0,6077", "0.8002"} <= set(scored["score_printed"]), "both Vietnamese and English printings are kept"


def test_a_merged_province_value_of_2024_is_recorded_as_the_source_states_it(bundled):
    index, _ = bundled
    merged = index.results[(index.results["unit_set"] == "provinces_34") & (index.results["index"] == "dti")]
    assert not merged.empty
    assert merged["note"].str.contains("mean of the predecessors' main indices, as the source states").all()


def test_readme_coverage_table_matches_the_data(bundled):
    index, _ = bundled
    readme = (INDEX_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (dti|qd766) \| ((?:asof )?[\dQ-]+) \| (provinces_\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$",
                      readme, flags=re.MULTILINE)
    written = pd.DataFrame(rows, columns=["index", "edition", "unit_set", "provinces", "ranked", "scored",
                                          "with_pillars"]).astype({"provinces": int, "ranked": int,
                                                                   "scored": int, "with_pillars": int})
    computed = coverage(index).astype({"provinces": int, "ranked": int, "scored": int, "with_pillars": int})
    pd.testing.assert_frame_equal(written.reset_index(drop=True), computed.reset_index(drop=True))


def test_readme_says_which_editions_are_not_comparable():
    readme = (INDEX_DIR / "README.md").read_text(encoding="utf-8")
    assert "DTI 2022 and later are not on the same framework as DTI 2020–2021" in readme
    assert "They are not comparable rank for rank" in readme
    for edition in ("DTI 2020", "DTI 2021", "DTI 2023", "DTI 2024, 34 provinces", "766 service index"):
        assert f"**{edition}" in readme, f"partial edition {edition} is listed with what is missing"


def test_no_sentence_of_a_public_page_is_kept_in_the_results_files():
    for name in RESULT_FILES.values():
        text = (INDEX_DIR / name).read_text(encoding="utf-8")
        # Locators and notes are the curator's short descriptions; a copied sentence would carry the sources' verbs.
        assert not re.search(r"xếp (?:thứ|hạng) \d+|đạt \d", text)


@pytest.mark.parametrize(("printed", "value"), [("0,6077", 0.6077), ("0.8002", 0.8002), ("62,33", 62.33),
                                                ("845", 845.0), ("0,834", 0.834)])
def test_printed_numbers_read_with_a_decimal_comma_or_point(printed, value):
    assert parse_printed_number(printed) == value


@pytest.mark.parametrize("printed", ["1.973.000", "0,6 077", "", "khoảng 0,6", "0,6077%", "-0,5"])
def test_text_that_is_not_a_printed_score_is_refused(printed):
    assert parse_printed_number(printed) is None


@given(st.integers(min_value=0, max_value=9999), st.sampled_from([",", "."]))
def test_a_four_decimal_score_reads_the_same_with_either_separator(digits, separator):
    assert parse_printed_number(f"0{separator}{digits:04d}") == pytest.approx(digits / 10000)


@pytest.mark.parametrize(("printed", "official"), [
    ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("TPHCM", "Hồ Chí Minh"), ("Ho Chi Minh City", "Hồ Chí Minh"),
    ("Thừa Thiên - Huế", "Huế"), ("former Quang Nam Province", "Quảng Nam"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Thanh Hoa", "Thanh Hóa"), ("TP Đà Nẵng", "Đà Nẵng"),
])
def test_printings_of_a_province_name_meet_the_official_name(printed, official):
    assert name_key(printed) == name_key(official)


def test_different_provinces_do_not_meet():
    assert name_key("Hà Nam") != name_key("Hà Nội")
    assert name_key("Quảng Nam") != name_key("Quảng Ninh")


# --- the checks, on copies of the real files with one thing broken ---------------------------------------------------

@pytest.fixture
def copy_dir(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(INDEX_DIR, data / "province_index")
    return data


def _replace_line(path: Path, old: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    matches = [n for n, line in enumerate(lines) if old in line]
    assert len(matches) == 1, f"{old!r} must be on exactly one line"
    lines[matches[0]] = lines[matches[0]].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")
    return matches[0] + 1


def _codes(problems) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.code) for p in problems]


# One line of a real file changed; the loader names that file and line with the problem's code. Each case is one rule.
ONE_LINE_BREAKAGES = {
    "a rank given twice without a stated tie": (
        "dti.csv", "2022,provinces_63,14,Sơn La,overall,,,,44,", "2022,provinces_63,14,Sơn La,overall,,,,45,",
        "rank_not_unique"),
    "a tie marked for one province only": (
        "dti.csv", "2022,provinces_63,15,Yên Bái,overall,,,,15,stated,stated",
        "2022,provinces_63,15,Yên Bái,overall,,,,16,stated,stated", "tie_without_partner"),
    "a score that is not the printed number": (
        "dti.csv", "0.6077,\"0,6077\",1", "0.6078,\"0,6077\",1", "score_not_printed_value"),
    "a name that is not the province of the code": (
        "dti.csv", "2022,provinces_63,35,Hà Nam,", "2022,provinces_63,35,Hà Nội,", "province_name_mismatch"),
    "sources that disagree on a rank": (
        "dti.csv", "0.6077,\"0,6077\",1,25,", "0.6077,\"0,6077\",1,26,", "conflicting_rank"),
    "a better rank with a lower score": (
        "dti.csv", "0.6924,0.6924,1,5,", "0.7924,0.7924,1,5,", "rank_order_contradicts_score"),
    "a source without a web address": (
        "sources.yaml", "url: https://dti.gov.vn/xep-hang-2022", "url: dti.gov.vn/xep-hang-2022", "bad_url"),
    "a 766 month that does not exist": (
        "qd766.csv", "2024-10,provinces_63,10,Lào Cai,", "2024-13,provinces_63,10,Lào Cai,", "bad_edition"),
    "a 766 quarter that does not exist": (
        "qd766.csv", "2024-10,provinces_63,10,Lào Cai,", "2024-Q5,provinces_63,10,Lào Cai,", "bad_edition"),
    "a 766 period written with a two-digit year": (
        "qd766.csv", "2024-10,provinces_63,10,Lào Cai,", "24-10,provinces_63,10,Lào Cai,", "bad_edition"),
    "a 766 reading on a day that does not exist": (
        "qd766.csv", "asof 2024-01-22,provinces_63,74,", "asof 2024-02-30,provinces_63,74,", "bad_edition"),
    "a 766 half year (a kind of period the index is not published by)": (
        "qd766.csv", "2024-10,provinces_63,10,Lào Cai,", "2024-H2,provinces_63,10,Lào Cai,", "bad_edition"),
    "a 766 period that is valid but not declared": (
        "qd766.csv", "2024-10,provinces_63,10,Lào Cai,", "2024-Q4,provinces_63,10,Lào Cai,", "unknown_edition"),
    "a DTI edition by month (DTI is published per year)": (
        "dti.csv", "2022,provinces_63,14,Sơn La,overall,,,,44,", "2022-12,provinces_63,14,Sơn La,overall,,,,44,",
        "bad_edition"),
    "an edition declared with a period that does not exist": (
        "editions.yaml", "edition: 2024-07", "edition: 2024-7", "bad_edition"),
}


@pytest.mark.parametrize(("file", "old", "new", "code"), ONE_LINE_BREAKAGES.values(), ids=ONE_LINE_BREAKAGES)
def test_a_broken_line_is_a_problem_located_at_that_line(copy_dir, file, old, new, code):
    line = _replace_line(copy_dir / "province_index" / file, old, new)
    _, problems = read_province_index(copy_dir)
    assert (f"data/province_index/{file}", line, code) in _codes(problems)


def test_a_score_on_a_hundred_point_scale_must_be_divided_to_lie_in_zero_to_one(copy_dir):
    line = _replace_line(copy_dir / "province_index" / "dti.csv", "0.6077,\"0,6077\",1", "60.77,\"60,77\",1")
    _, problems = read_province_index(copy_dir)
    assert ("data/province_index/dti.csv", line, "score_out_of_range") in _codes(problems)
    _replace_line(copy_dir / "province_index" / "dti.csv", "60.77,\"60,77\",1", "0.6077,\"60,77\",100")
    _, problems = read_province_index(copy_dir)
    assert problems == []


def test_an_edition_declared_complete_with_a_province_missing_is_a_problem(copy_dir):
    results = copy_dir / "province_index" / "dti.csv"
    lines = results.read_text(encoding="utf-8").splitlines(keepends=True)
    results.write_text("".join(line for line in lines if not line.startswith("2022,provinces_63,06,Bắc Kạn,")),
                       encoding="utf-8")
    _, problems = read_province_index(copy_dir)
    assert [(p.file, p.code, p.params.get("value")) for p in problems] == [
        ("data/province_index/editions.yaml", "edition_incomplete", "06")]


def test_a_row_without_a_locator_or_with_an_unknown_source_is_refused(copy_dir):
    results = copy_dir / "province_index" / "dti.csv"
    row_63 = "dti-gov-vn-xep-hang-2022,\"table 'XẾP HẠNG DTI' at the top of the page, row ranked 63\","
    line = _replace_line(results, row_63, "dti-gov-vn-xep-hang-2022,,")
    _, problems = read_province_index(copy_dir)
    assert ("data/province_index/dti.csv", line, "missing") in _codes(problems)
    _replace_line(results, "dti-gov-vn-xep-hang-2022,,", "no-such-source,somewhere on the page,")
    _, problems = read_province_index(copy_dir)
    assert ("data/province_index/dti.csv", line, "unknown_index_source") in _codes(problems)


# --- periods: the 766 index is published by month, quarter and year, and read off a running score on a day ----------

@pytest.mark.parametrize(("index", "code", "kind", "start", "end"), [
    ("dti", "2024", "year", "2024-01-01", "2024-12-31"),
    ("qd766", "2024", "year", "2024-01-01", "2024-12-31"),
    ("qd766", "2024-Q1", "quarter", "2024-01-01", "2024-03-31"),
    ("qd766", "2024-Q4", "quarter", "2024-10-01", "2024-12-31"),
    ("qd766", "2024-02", "month", "2024-02-01", "2024-02-29"),
    ("qd766", "asof 2024-01-22", "as_of", "2024-01-22", "2024-01-22"),
])
def test_an_edition_code_reads_as_the_days_it_covers(index, code, kind, start, end):
    period = index_period(index, code)
    assert (period.kind, period.start.isoformat(), period.end.isoformat()) == (kind, start, end)


@pytest.mark.parametrize(("index", "code"), [
    ("qd766", "2024-13"), ("qd766", "2024-00"), ("qd766", "2024-Q5"), ("qd766", "asof 2024-02-30"),
    ("qd766", "24-03"), ("qd766", "2024/03"), ("qd766", "tháng 3/2024"), ("qd766", ""), ("qd766", "1999"),
    ("qd766", "2024-H1"), ("qd766", "2023..2024"), ("qd766", "asof unknown"),
    ("dti", "2024-03"), ("dti", "2024-Q1"), ("dti", "asof 2024-12-31"),
])
def test_a_code_that_is_no_period_of_its_index_is_refused(index, code):
    assert index_period(index, code) is None


def test_766_results_keep_their_period_and_scale_out_of_100(bundled):
    index, _ = bundled
    results = index.results[index.results["index"] == "qd766"].set_index("period")
    assert set(results["period_kind"]) == {"year", "month", "as_of"}
    assert (results["score_scale"] == 100).all()
    lao_cai = results.loc["2024-10"]
    assert (lao_cai["province_official_name"], lao_cai["score_printed"], lao_cai["rank"]) == ("Lào Cai", "84,54", 12)
    assert lao_cai["score"] == pytest.approx(0.8454)
    # the same province is ranked among 63 before the 2025 merger and among 34 after: two editions, never one
    assert set(index.results[index.results["province_official_name"] == "Lào Cai"]
               .query("index == 'qd766'")["unit_set"]) == {"provinces_63", "provinces_34"}


def test_a_766_edition_has_no_announcement_date_and_a_dti_edition_has_one(bundled):
    index, _ = bundled
    editions = index.editions.set_index("index")
    assert (editions.loc["dti", "announced"] != "").all()
    assert (editions.loc["qd766", "announced"] == "").all()


def test_readme_says_monthly_766_results_are_not_comparable_with_yearly_ones_or_across_unit_sets():
    readme = (INDEX_DIR / "README.md").read_text(encoding="utf-8")
    assert "A 766 result of one month or one day is not comparable with a yearly one" in readme
    assert "A place among 63\nprovinces (before 1 July 2025) is not comparable with a place among 34" in readme


# --- the pages, under AppTest on the real data in a real DuckDB: what a user reads ------------------------------------

def _run_page(name: str, **query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DATA_DIR.parent / "app_pages" / f"{name}.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.usefixtures("built_db")
def test_the_provinces_page_lists_every_766_result_with_its_period_place_and_source():
    at = _run_page("provinces")
    assert any(s.value == "Bộ chỉ số 766: chất lượng phục vụ người dân, doanh nghiệp" for s in at.subheader)
    assert any("không so sánh được với kết quả cả năm" in i.value for i in at.info)
    table = next(d.value for d in at.dataframe if "Điểm (thang 100)" in d.value.columns)
    rows = {(r["Tỉnh, thành phố"], r["Kỳ"]): r for r in table.to_dict("records")}
    assert len(rows) == 7
    hoa_binh = rows[("Hòa Bình", "Tháng 7/2024")]
    assert (hoa_binh["Điểm (thang 100)"], hoa_binh["Thứ hạng"], hoa_binh["Xếp hạng trong"]) == (
        "83,08", "1/63", "63 tỉnh, thành (trước 1/7/2025)")
    assert hoa_binh["Địa chỉ trang"].startswith("http://en.baohoabinh.com.vn/")
    assert rows[("Bình Dương", "Năm 2023")]["Thứ hạng"] == "8/63"
    assert rows[("Bình Dương", "Đến 22/1/2024")]["Điểm (thang 100)"] == "83,47"


@pytest.mark.usefixtures("built_db")
def test_a_province_shows_its_766_results_of_both_unit_sets_beside_its_dti():
    at = _run_page("provinces", province="lao-cai")
    assert any(m.value == "**Bộ chỉ số 766 của Lào Cai**" for m in at.markdown)
    tables = [d.value for d in at.dataframe]
    dti = next(t for t in tables if "Chỉ số" in t.columns)  # the DTI table names its measure
    assert "DTI 2024 (34 tỉnh, thành)" in set(dti["Kỳ"])
    service = [t for t in tables if "Điểm (thang 100)" in t.columns][-1]  # after the table of every province
    shown = {(r["Kỳ"], r["Điểm (thang 100)"], r["Thứ hạng"]) for r in service.to_dict("records")}
    # Lào Cai before the merger (among 63) and after (among 34): both kept, each with its own set
    assert shown == {("Tháng 10/2024", "84,54", "12/63"), ("Đến 31/7/2025", "78,96", "6/34")}
    assert {url.split("/")[2] for url in service["Địa chỉ trang"]} == {"baolaocai.vn", "www.vietnam.vn"}


@pytest.mark.usefixtures("built_db")
def test_a_province_without_766_results_says_so():
    at = _run_page("provinces", province="tuyen-quang")
    assert "Chưa tìm được kết quả Bộ chỉ số 766 đã công bố của tỉnh này" in " ".join(c.value for c in at.caption)


@pytest.mark.usefixtures("built_db")
def test_the_provinces_page_reads_in_english_with_the_766_periods_in_english():
    at = _run_page("provinces", lang="en", province="lao-cai")
    service = [d.value for d in at.dataframe if "Points (of 100)" in d.value.columns][-1]
    assert set(service["Place"]) == {"12 of 63", "6 of 34"}
    assert "84.54" in set(service["Points (of 100)"])


@pytest.mark.usefixtures("built_db")
def test_a_unit_profile_shows_its_provinces_766_result_beside_the_dti():
    at = _run_page("district", district="luc-yen")
    assert any(h.value.startswith("Chỉ số DTI và Bộ chỉ số 766 của tỉnh") for h in at.subheader)
    results = next(d.value for d in at.dataframe if "Hạng" in d.value.columns and "Ghi chú" in d.value.columns)
    service = results[results["Kỳ"].str.startswith("QD766")]
    assert not service.empty
    assert service["Ghi chú"].str.contains("31 July 2025").any()  # the reading's day, in the curator's note
    # each 766 result says its own period in words and its points of 100, not only the year on the 0–1 scale
    assert set(service["Kỳ"]) == {"QD766 Đến 31/7/2025 (34 tỉnh, thành)"} and set(service["Điểm"]) == {"78,96"}
    dti = results[results["Kỳ"].str.startswith("DTI")]
    assert dti["Điểm"].str.fullmatch(r"(0,\d{4})?").all()  # DTI stays on its 0–1 scale
    assert "không so sánh được với kết quả cả năm" in " ".join(c.value for c in at.caption)
