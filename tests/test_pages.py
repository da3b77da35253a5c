"""Every page under streamlit.testing.v1.AppTest, on the real data and a real DuckDB, asserting on content."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from loaders import load_dataset
from tests.apptest_pages import run_page
from tests.conftest import DATA_DIR, REPO
from tests.plotly_spec import all_text, bars, figure_json

pytestmark = pytest.mark.usefixtures("built_db")

SEEDS = "lam-binh,huong-khe,tam-duong,thuan-bac,luc-yen"  # the five seed districts, with the project's own reports


def charts(at: AppTest) -> list[dict]:
    return [figure_json(element) for element in at.get("plotly_chart")]


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


# --- app.py: navigation and language switch -----------------------------------------------------------------

def test_app_opens_on_the_overview_in_vietnamese():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Tổng quan chuyển đổi số các đơn vị"  # districts, communes and provinces


def test_english_switch_changes_titles_and_the_url():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.sidebar.radio(key="language").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Digital transformation overview"
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


# --- Compare -----------------------------------------------------------------------------------------------

def test_compare_bars_for_lam_binh_2022_carry_1973_and_25250():
    at = run_page("compare", theme="online_services", all="1", d=SEEDS)  # only Lâm Bình reports it: the switch shows it
    dossiers = next(f for f in charts(at) if "Hồ sơ thủ tục hành chính" in all_text(f))
    lam_binh = [bar for bar in bars(dossiers) if "Lâm Bình" in str(bar["x"])]
    assert sorted(bar["y"] for bar in lam_binh) == [1973.0, 25250.0]
    texts = " ".join(bar["text"] for bar in lam_binh)
    assert "25.250" in texts and "1.973" in texts and "Năm 2022" in texts


def test_compare_query_string_restores_the_selection():
    at = run_page("compare", theme="signing", d="lam-binh,thuan-bac", lang="en", per="commune")
    assert at.multiselect(key="compare_districts").value == ["lam-binh", "thuan-bac"]
    assert at.selectbox(key="compare_theme").value == "signing"
    assert at.radio(key="compare_per").value == "commune"
    assert at.title[0].value == "Compare districts"
    drawn = {str(bar["x"]) for f in charts(at) for bar in bars(f)}
    assert drawn and all("Lâm Bình" in x or "Thuận Bắc" in x for x in drawn)


def test_compare_invalid_link_values_fall_back_with_a_notice():
    at = run_page("compare", theme="nonsense", d="lam-binh,atlantis", lang="xx")
    assert "atlantis" in warnings(at) and "nonsense" in warnings(at) and "xx" in warnings(at)
    assert at.selectbox(key="compare_theme").value == "online_services"
    assert at.multiselect(key="compare_districts").value == ["lam-binh"]


def test_compare_selection_is_written_back_into_the_url():
    at = run_page("compare", kind="district")
    at.selectbox(key="compare_theme").set_value("community_teams").run()
    at.multiselect(key="compare_districts").set_value(["huong-khe", "lam-binh"]).run()
    assert at.query_params["theme"] in ("community_teams", ["community_teams"])
    assert at.query_params["d"] in ("huong-khe,lam-binh", ["huong-khe,lam-binh"])
    assert any("Số tổ công nghệ số cộng đồng" in all_text(f) for f in charts(at))


def test_compare_focus_on_one_indicator_shows_one_chart():
    at = run_page("compare", theme="signing", indicator="signing_rate", d=SEEDS)
    assert len(at.get("plotly_chart")) == 1
    assert "Tỷ lệ văn bản điện tử được ký số" in all_text(charts(at)[0])


def test_compare_with_no_district_asks_for_one_instead_of_failing():
    at = run_page("compare", kind="district")
    at.multiselect(key="compare_districts").set_value([]).run()
    assert not at.exception and "Chọn ít nhất một huyện" in warnings(at)


# --- Overview ----------------------------------------------------------------------------------------------

def test_overview_scorecard_marks_missing_figures_and_lists_every_district():
    at = run_page("overview", d=SEEDS)
    scorecard = charts(at)[0]
    assert "không có số liệu" in all_text(scorecard)
    unit_files = len(list((DATA_DIR / "units").glob("*.yaml")))
    assert at.metric[0].value == str(unit_files)
    roster = at.dataframe[0].value
    assert len(roster) == unit_files
    assert set(roster["Đơn vị"]) >= {"Hương Khê", "Lâm Bình", "Lục Yên", "Tam Dương", "Thuận Bắc", "Cao Phong"}
    kinds = dict(zip(roster["Đơn vị"], roster["Loại đơn vị"]))
    assert kinds["Lâm Bình"] == "Huyện, quận, thị xã, thành phố (đến 30/6/2025)"
    assert kinds["Minh Ngọc"] == "Xã, phường, đặc khu"


def test_overview_and_present_start_from_units_of_one_kind(con):
    """Units of three kinds: the default scorecard (and deck) holds the first 20 units of the kind the data holds
    most units of (today's communes), never districts, communes and provinces mixed; the notice counts and names
    that kind. A link naming a district starts from districts, so links of before the reform keep working."""
    import queries
    from i18n import t
    from ui.search import vietnamese_key

    counts = dict(queries.cursor(con).execute("SELECT unit_kind, count(*) FROM districts GROUP BY 1").fetchall())
    kind = max(counts, key=counts.get)
    assert kind == "commune"  # the bundled data: more communes of today than old districts or provinces
    rows = queries.cursor(con).execute(
        "SELECT district_id, province_2025, district_name FROM districts WHERE unit_kind = ?", [kind]).fetchall()
    # by province (of today), then name, in Vietnamese dictionary order
    units = [row[0] for row in sorted(rows, key=lambda r: (vietnamese_key(r[1]), vietnamese_key(r[2])))]
    at = run_page("overview")
    assert at.multiselect(key="overview_districts").value == units[:20]
    assert any(f"{len(units)} xã" in i.value for i in at.info), [i.value for i in at.info]
    compare = run_page("compare")
    assert compare.radio(key="compare_kind").value == kind and compare.title[0].value == "So sánh các xã, phường"
    linked = run_page("compare", d="lam-binh,huong-khe")  # a link of before: districts, and no notice
    assert linked.radio(key="compare_kind").value == "district" and not linked.warning
    assert linked.multiselect(key="compare_districts").value == ["lam-binh", "huong-khe"]  # the link's order
    present = run_page("present", deck="profile.lam-binh", show="1")  # a district: not in the default units
    assert not present.get("plotly_chart") and t("present.empty_deck", "vi") in warnings(present)
    assert run_page("present", deck="profile.lam-binh", show="1", d="lam-binh").get("plotly_chart")


# --- District profile --------------------------------------------------------------------------------------

def test_district_profile_from_link_shows_figures_with_formula_and_findings():
    at = run_page("district", district="lam-binh")
    assert at.header[0].value == "Huyện Lâm Bình"
    at.session_state["profile_table_online_services"] = True  # a theme's figures are built when its table is opened
    at.run()
    tables = [df.value for df in at.dataframe]
    online = next(t for t in tables if "Giá trị" in t.columns and "7,81%" in set(t["Giá trị"]))
    assert "1.973 ÷ 25.250 × 100" in set(online["Công thức"])
    assert any("đạt mục tiêu quốc gia 2025" in m.value for m in at.markdown)


def test_district_profile_in_english():
    at = run_page("district", district="thuan-bac", lang="en")
    assert at.title[0].value == "Unit profile"
    assert at.header[0].value == "Thuận Bắc district"
    assert any("Citizen ID coverage" in m.value and "below the national target" in m.value for m in at.markdown)


# --- Indicators & sources ----------------------------------------------------------------------------------

def test_indicators_page_shows_catalogue_sources_and_a_filtered_table():
    # one section at a time (tests/test_indicators_sections.py): the catalogue, the sources, and the data table a
    # filtering link opens
    catalogue = run_page("indicators", d=SEEDS).dataframe[0].value
    assert "edocs_signed_rate" in set(catalogue["id"])
    sources = run_page("indicators", tab="sources").dataframe[0].value
    documents = load_dataset(DATA_DIR).sources  # every document: the seeds' reports and the real public pages
    assert len(sources) == len(documents) >= 5 + 68
    assert {"lam-binh-2022", "huong-khe-2023-bc373"} <= set(documents)
    at = run_page("indicators", indicator="edocs_signed_rate", d=SEEDS)
    data = at.dataframe[0].value
    assert sorted(data["Mã tệp đơn vị"]) == ["lam-binh", "tam-duong", "tam-duong"]  # Thuận Bắc's is fully electronic
    assert len(at.get("download_button")) == 2


def test_indicators_search_box_filters_rows():
    at = run_page("indicators", q="VNeID", d=SEEDS)
    data = at.dataframe[0].value
    assert len(data) > 0 and set(data["Mã tệp đơn vị"]) == {"huong-khe"}


# --- Present -----------------------------------------------------------------------------------------------

DECK_LINK = "signing.signing_rate,community_teams.community_teams,online_services.dossiers"


def slide_title(at: AppTest) -> str:
    return figure_json(at.get("plotly_chart")[0])["layout"]["title"]["text"]


def test_present_deck_in_the_url_is_restored_and_next_previous_step_through_it():
    at = run_page("present", deck=DECK_LINK, show="1", d=SEEDS)
    assert slide_title(at) == "Tỷ lệ văn bản điện tử được ký số"
    assert any("1 / 3" in m.value for m in at.markdown)
    at.button[1].click().run()  # next
    assert slide_title(at) == "Số tổ công nghệ số cộng đồng"
    assert at.query_params["slide"] in ("2", ["2"])
    at.button[1].click().run()
    assert slide_title(at) == "Hồ sơ thủ tục hành chính tiếp nhận và nộp trực tuyến"
    assert at.button[1].disabled  # last slide: no next
    at.button[0].click().run()  # previous
    assert slide_title(at) == "Số tổ công nghệ số cộng đồng"


def test_present_opens_on_the_slide_named_in_the_link():
    at = run_page("present", deck=DECK_LINK, show="1", slide="3", lang="en", d=SEEDS)
    assert slide_title(at) == "Administrative dossiers received and submitted online"


def test_present_editor_restores_the_deck_and_can_add_a_theme():
    at = run_page("present", deck="signing.signing_rate", d=SEEDS)
    assert at.multiselect(key="present_deck").value == ["signing.signing_rate"]
    at.selectbox[0].set_value("community_teams").run()
    next(b for b in at.button if b.label == "Thêm").click().run()
    deck = at.multiselect(key="present_deck").value
    assert deck[0] == "signing.signing_rate" and "community_teams.community_teams" in deck


# --- Contribute --------------------------------------------------------------------------------------------

def unlocked_contribute(monkeypatch) -> AppTest:
    monkeypatch.setenv("CDS_EDITOR_SECRET", "mật-khẩu-thử")
    at = run_page("contribute")
    at.text_input(key="editor_secret_guess").input("mật-khẩu-thử")
    at.button[0].click().run()
    assert not at.exception
    return at


def test_contribute_without_a_secret_is_locked_but_offers_templates(monkeypatch):
    monkeypatch.delenv("CDS_EDITOR_SECRET", raising=False)
    at = run_page("contribute")
    assert "CDS_EDITOR_SECRET" in " ".join(i.value for i in at.info)
    assert not at.get("file_uploader") and len(at.get("download_button")) >= 3


def test_contribute_refuses_a_wrong_secret(monkeypatch):
    monkeypatch.setenv("CDS_EDITOR_SECRET", "đúng")
    at = run_page("contribute")
    at.text_input(key="editor_secret_guess").input("sai")
    at.button[0].click().run()
    assert "Mã không đúng." in [e.value for e in at.error] and not at.get("file_uploader")


def test_contribute_upload_shows_the_problems_by_row_in_vietnamese(monkeypatch):
    at = unlocked_contribute(monkeypatch)
    bad = (REPO / "tests" / "fixtures" / "bad_uploads" / "percent_130.csv").read_bytes()
    at.file_uploader(key="upload").upload("percent_130.csv", bad, "text/csv").run()
    assert not at.exception
    assert "1 lỗi" in at.error[0].value
    table = at.dataframe[0].value
    assert table.iloc[0]["Dòng"] == 2 and "ngoài khoảng 0–100" in table.iloc[0]["Lỗi"]


def test_contribute_upload_of_a_new_district_previews_it_beside_the_others_and_saves_it(monkeypatch, tmp_path):
    import shutil

    from exports.templates import xlsx_template
    from loaders import load_dataset
    from tests.conftest import DATA_DIR

    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    monkeypatch.setenv("CDS_DATA_DIR", str(data_dir))
    monkeypatch.setenv("CDS_DB_PATH", str(tmp_path / "db.duckdb"))
    content = xlsx_template(load_dataset(DATA_DIR), "vi", "luc-yen")  # as downloaded from the page
    import io

    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(content))
    for row in book["Đơn vị"].iter_rows():
        if "(slug)" in str(row[0].value):
            row[1].value = "huyen-moi"
        if "(district)" in str(row[0].value):
            row[1].value = "Huyện Mới"
        if "(unit_id)" in str(row[0].value):
            row[1].value = None  # Lục Yên's own unit id: a new unit made from its template leaves it blank (help_unit_id)
    buffer = io.BytesIO()
    book.save(buffer)

    at = unlocked_contribute(monkeypatch)
    at.file_uploader(key="upload").upload("huyen-moi.xlsx", buffer.getvalue(), "application/octet-stream").run()
    assert not at.exception
    assert "huyện mới Huyện Mới" in at.success[0].value
    preview = charts(at)
    assert preview and any("Huyện Mới" in all_text(figure) for figure in preview)
    save_button = next(b for b in at.button if b.label == "Lưu vào dữ liệu")
    assert save_button.disabled  # no name yet: the audit log needs one
    at.text_input(key="editor_name").input("Nguyễn Văn A").run()
    next(b for b in at.button if b.label == "Lưu vào dữ liệu").click().run()
    assert not at.exception
    assert any("Đã lưu Huyện Mới" in s.value for s in at.success)
    assert (data_dir / "units" / "huyen-moi.yaml").exists()
    compare = run_page("compare", d="huyen-moi,luc-yen", theme="community_teams")
    assert any("Huyện Mới" in all_text(figure) for figure in charts(compare))


# --- Report reader -----------------------------------------------------------------------------------------

READER_TEXT = ("Báo cáo ngày 20/12/2023. Năm 2023, Ủy ban nhân dân huyện đã tiếp nhận 12.500 hồ sơ thủ tục hành chính, "
               "trong đó 4.321 hồ sơ trực tuyến. Toàn huyện có 15 tổ công nghệ số cộng đồng với 120 thành viên.")


def test_reader_pasting_a_paragraph_shows_candidates_with_their_quotes():
    at = run_page("report_reader")
    at.text_area(key="reader_text").input(READER_TEXT).run()
    assert not at.exception
    assert "Đề xuất 4 số liệu" in at.success[0].value
    chosen = [box.value for box in at.selectbox if box.key and box.key.startswith("indicator_")]
    assert chosen == ["dossiers_received", "dossiers_online", "community_teams_total", "community_team_members"]
    assert any("12\\.500" in block.value and "orange-background" in block.value for block in at.markdown)


@pytest.mark.parametrize("typed, refused", [("2023-13", True), ("2023-02-30", True), ("20/12/2023", True),
                                             ("2023-12-20", False), ("2023-12", False)])
def test_reader_refuses_a_document_date_the_calendar_does_not_have(typed, refused):
    # the page once checked only the shape, so "2023-13" passed on to the reader as a month
    at = run_page("report_reader")
    at.text_area(key="reader_text").input(READER_TEXT)
    at.text_input(key="reader_date").input(typed).run()
    assert not at.exception
    shown = typed.replace("-", "\\-")  # the typed text is shown as text: markdown characters escaped
    assert any(f"Ngày «{shown}» không đúng dạng" in w.value for w in at.warning) == refused


UNDATED_TEXT = "Toàn huyện có 15 tổ công nghệ số cộng đồng với 120 thành viên."


@pytest.mark.parametrize("typed, link, said, period", [
    ("", "https://bao.example.vn/huyen-a-chuyen-doi-so-161250422155008479.htm", "Ngày đọc từ đường dẫn: 2025-04-22",
     "asof 2025-04-22"),
    ("2025-05-02", "https://bao.example.vn/huyen-a-chuyen-doi-so-161250422155008479.htm", None, "asof 2025-05-02"),
    ("", "https://bao.example.vn/xa-hoi/202504/huyen-a-chuyen-doi-so-3051809/", "tháng 2025-04", "asof unknown"),
    ("", "https://bao.example.vn/huyen-a-chuyen-doi-so-1563388.ldo", None, "asof unknown"),
])
def test_reader_dates_an_undated_report_from_its_link(typed, link, said, period):
    at = run_page("report_reader")
    at.text_area(key="reader_text").input(UNDATED_TEXT)
    at.text_input(key="reader_date").input(typed)
    at.text_input(key="reader_address").input(link).run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert (said in captions) if said else ("đường dẫn" not in captions)
    periods = {box.value for box in at.text_input if box.key and box.key.startswith("period_")}
    assert periods == {period}


def test_reader_accepting_two_and_rejecting_one_yields_a_valid_new_district_file():
    at = run_page("report_reader")
    at.text_area(key="reader_text").input(READER_TEXT.replace(" với 120 thành viên", "")).run()
    radios = [radio for radio in at.radio if radio.key.startswith("decision_")]
    assert len(radios) == 3 and all(radio.value == "accept" for radio in radios)
    radios[2].set_value("reject")
    at.run()
    for key, value in {"reader_district": "Huyện Thử", "reader_slug": "huyen-thu", "reader_province": "Tỉnh Thử",
                       "reader_province_2025": "Tỉnh Thử", "reader_source_id": "huyen-thu-2023",
                       "reader_source_title": "Báo cáo chuyển đổi số năm 2023", "reader_source_issuer": "UBND huyện Thử",
                       "reader_source_date": "2023-12-20"}.items():
        at.text_input(key=key).input(value)
    at.run()
    assert not at.exception
    assert "Đã nhận 2, bỏ 1 trong 3 đề xuất." in " ".join(c.value for c in at.caption)
    assert "Tệp đơn vị hợp lệ: thêm 2, sửa 0, xóa 0" in at.success[-1].value
    assert at.get("download_button")


def test_reader_makes_a_new_commune_of_today_when_the_report_is_a_communes():
    """The new-unit form asks the kind: a commune's report of 2026 becomes a commune file of Hải Phòng with the unit
    id typed from the units table (checked against it), never a district of before the reform."""
    at = run_page("report_reader")
    # a commune's own report ("huyện" would be the unit above it, whose figures are not the commune's)
    at.text_area(key="reader_text").input(READER_TEXT.replace(" với 120 thành viên", "").replace("huyện", "xã")).run()
    at.radio(key="reader_kind").set_value("commune").run()
    for key, value in {"reader_district": "Kiến Hải", "reader_slug": "kien-hai", "reader_province": "Hải Phòng",
                       "reader_province_2025": "Hải Phòng", "reader_source_id": "kien-hai-2026",
                       "reader_source_title": "Báo cáo chuyển đổi số quý I/2026", "reader_source_issuer": "UBND xã",
                       "reader_source_date": "2026-03-20", "reader_unit_id": "hai-phong/xa-kien-hai"}.items():
        at.text_input(key=key).input(value)
    at.run()
    assert not at.exception and "Tệp đơn vị hợp lệ" in at.success[-1].value
    unit = at.session_state["_reader_review"][1].district  # the unit as the save would write it
    assert (unit.kind, unit.unit_id) == ("commune", "hai-phong/xa-kien-hai")


# --- At scale: 50 synthetic districts ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def fifty_districts(tmp_path_factory):
    from bench.synthetic import generate
    from loaders import build_database

    folder = tmp_path_factory.mktemp("small")
    generate("small", folder / "data")
    build_database(folder / "data", folder / "cds.duckdb")
    return folder


def test_pages_start_from_twenty_districts_and_say_so_at_scale(fifty_districts, monkeypatch):
    monkeypatch.setenv("CDS_DATA_DIR", str(fifty_districts / "data"))
    monkeypatch.setenv("CDS_DB_PATH", str(fifty_districts / "cds.duckdb"))
    compare = run_page("compare")
    assert len(compare.multiselect(key="compare_districts").value) == 20
    assert "Có 50 huyện; đang hiển thị 20 huyện đầu tiên" in " ".join(i.value for i in compare.info)
    district = lambda x: x[0] if isinstance(x, (list, tuple)) else x  # noqa: E731 - multicategory: (district, mark)
    assert max(len({district(bar["x"]) for bar in bars(figure)}) for figure in charts(compare)) <= 20
    overview = run_page("overview")
    assert len(overview.multiselect(key="overview_districts").value) == 20
    indicators = run_page("indicators", tab="coverage")
    province = indicators.selectbox(key="coverage_province").value
    grid = next(frame.value for frame in indicators.dataframe if frame.value.shape[0] > 0
                and "Chỉ tiêu" in (frame.value.index.name or ""))
    assert 0 < grid.shape[1] < 50 and province


def test_contribute_shows_markdown_in_an_uploaded_name_as_text(monkeypatch):
    at = unlocked_contribute(monkeypatch)
    content = (REPO / "data" / "units" / "lam-binh.yaml").read_text(encoding="utf-8").replace(
        "name: Lâm Bình\nkind: district\nunit_id: pre-2025/tuyen-quang/huyen-lam-binh\n",
        "district: \"[bấm vào đây](http://example.com) **X**\"\n").replace("slug: lam-binh", "slug: lam-binh-x")
    at.file_uploader(key="upload").upload("x.yaml", content.encode(), "application/yaml").run()
    assert not at.exception
    message = at.success[0].value
    # Escaped markdown, and a word joiner after "http:" so that GitHub-style autolinking does not link the URL.
    assert "\\[bấm vào đây\\]\\(http\\:\u2060//example\\.com\\)" in message and "\\*\\*X\\*\\*" in message


def test_reader_says_why_in_the_page_language():
    at = run_page("report_reader")
    at.text_area(key="reader_text").input(READER_TEXT).run()
    reasons = " ".join(caption.value for caption in at.caption)
    assert "kỳ theo" in reasons and "period from" not in reasons
