"""A real browser (Playwright driving Debian's Chromium, headless) opens every page of the running app,
waits until the plotly charts have drawn, and saves screenshots under test-output/screenshots/.

On CI (CI=true) a missing browser is a failure, never a skip: these are the only tests that see what a user sees.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, REPO, require_chromium
from ui.first_chart import WAITING_KEY

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "test-output" / "screenshots"
CHART = '[data-testid="stPlotlyChart"] .main-svg'
TABLE = '[data-testid="stDataFrame"]'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _require_browser():
    require_chromium()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "playwright is not installed (pip install -r requirements-dev.txt)"
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run on CI: {problem}")
        pytest.skip(problem)


@contextmanager
def _serve(env: dict, log_dir: Path):
    """Run the real app (app.py with its navigation) on a free port until the block ends."""
    from bench.browser_times import serve

    with serve("app.py", env, log_dir / "streamlit.log") as (url, _pid):
        yield url


@pytest.fixture(scope="module")
def app_url(built_db, tmp_path_factory):
    _require_browser()
    with _serve(dict(os.environ), tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, url: str, width: int = 1600, height: int = 1000, drawn: str = CHART):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(drawn, timeout=60_000)
    # the charts after the first follow once it is drawn (ui/first_chart.py): the whole page, then the screenshot
    page.wait_for_selector(f".st-key-{WAITING_KEY}", state="detached", timeout=60_000)
    page.wait_for_timeout(500)  # let plotly finish its transition so the screenshot shows final bars
    return page


def _assert_healthy(page):
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator('[data-testid="stException"]').first.inner_text()


# (screenshot name, path, text the page must show, what "drawn" means on it)
PAGES = [
    ("overview", "/overview", "Tổng quan", CHART),
    # units chosen by link: the first 20 of the list (the default) depend on which real pages are bundled
    ("compare", "/compare?theme=signing&d=lam-binh,tam-duong,thuan-bac", "So sánh", CHART),
    ("district", "/district?district=huong-khe", "Hương Khê", TABLE),
    ("indicators", "/indicators", "Chỉ tiêu", TABLE),
]


@pytest.mark.parametrize("name, path, expected_text, drawn", PAGES, ids=[p[0] for p in PAGES])
def test_page_draws_in_a_real_browser(browser, app_url, name, path, expected_text, drawn):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = _open(browser, app_url + path, drawn=drawn)
    try:
        _assert_healthy(page)
        body = page.inner_text("body")
        assert expected_text in body
        assert "Ngôn ngữ" in body, "the page ran outside app.py's navigation (no language switch)"
        assert "Page not found" not in body, f"{path} is not a page of the app"
        assert page.locator(drawn).count() >= 1
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    finally:
        page.close()


def test_compare_chart_shows_vietnamese_figures_and_english_switch(browser, app_url):
    # all=1: of these three, Lâm Bình alone reports the dossiers (1.973 of 25.250), a chart shown with the switch
    page = _open(browser, app_url + "/compare?theme=online_services&d=lam-binh,huong-khe,tam-duong&all=1")
    try:
        svg_text = " ".join(page.locator(CHART).all_text_contents())
        assert "1.973" in svg_text and "25.250" in svg_text
    finally:
        page.close()
    page = _open(browser, app_url + "/compare?lang=en&theme=online_services&d=lam-binh&all=1")
    try:
        assert "Compare" in page.inner_text("body")
        assert "1,973" in " ".join(page.locator(CHART).all_text_contents())
        page.screenshot(path=str(SCREENSHOTS / "compare-en.png"), full_page=True)
    finally:
        page.close()


def test_compare_page_fits_a_narrow_window(browser, app_url):
    page = _open(browser, app_url + "/compare", width=420, height=900)
    try:
        _assert_healthy(page)
        page.screenshot(path=str(SCREENSHOTS / "compare-narrow.png"), full_page=True)
    finally:
        page.close()


def test_present_mode_shows_one_large_chart_without_the_sidebar(browser, app_url):
    page = _open(browser, app_url + "/present?deck=signing.signing_rate,community_teams.community_teams&show=1"
                 "&d=lam-binh,huong-khe,tam-duong,thuan-bac,luc-yen", width=1920, height=1080)  # Tam Dương's 99,86%
    try:
        _assert_healthy(page)
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        assert "1 / 2" in page.inner_text("body")
        assert "99,86%" in " ".join(page.locator(CHART).all_text_contents())
        page.screenshot(path=str(SCREENSHOTS / "present-slide.png"))
    finally:
        page.close()


def test_an_official_adds_a_district_with_the_xlsx_template_and_sees_it_compared(browser, tmp_path):
    """The contribute flow end to end in a real browser, on a copy of the data: unlock, upload the filled
    template, read the report, save, and find the new district on the compare page."""
    import io
    import shutil

    import openpyxl

    from exports.templates import xlsx_template
    from loaders import load_dataset
    from tests.conftest import DATA_DIR

    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_template(load_dataset(DATA_DIR), "vi", "luc-yen")))
    for row in book["Đơn vị"].iter_rows():
        label = str(row[0].value)
        if "(slug)" in label:
            row[1].value = "huyen-moi"
        elif "(district)" in label:
            row[1].value = "Huyện Mới"
        elif "(unit_id)" in label:
            row[1].value = None  # Lục Yên's own unit id: a new unit made from its template leaves it blank (help_unit_id)
    upload = tmp_path / "huyen-moi.xlsx"
    book.save(upload)
    env = dict(os.environ, CDS_DATA_DIR=str(data_dir), CDS_DB_PATH=str(tmp_path / "db.duckdb"),
               CDS_EDITOR_SECRET="mật khẩu")
    with _serve(env, tmp_path) as url:
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        try:
            page.goto(url + "/contribute", wait_until="domcontentloaded")
            page.get_by_role("textbox", name="Mã biên tập viên").fill("mật khẩu")
            page.get_by_role("button", name="Mở khóa").click()
            name = page.get_by_role("textbox", name="Họ tên người cập nhật")
            name.fill("Nguyễn Văn A")
            name.press("Enter")
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
            page.get_by_text("Tệp hợp lệ: huyện mới Huyện Mới").wait_for(timeout=60_000)
            page.wait_for_selector(CHART, timeout=60_000)
            page.screenshot(path=str(SCREENSHOTS / "contribute-preview.png"), full_page=True)
            page.get_by_role("button", name="Lưu vào dữ liệu").click()
            page.get_by_text("Đã lưu Huyện Mới").wait_for(timeout=60_000)
            _assert_healthy(page)
        finally:
            page.close()
        page = _open(browser, url + "/compare?theme=community_teams&d=huyen-moi,luc-yen")
        try:
            assert "Huyện Mới" in " ".join(page.locator(CHART).all_text_contents())
        finally:
            page.close()
    assert (data_dir / "units" / "huyen-moi.yaml").exists()


@pytest.mark.parametrize("path", ["/overview", "/", "/reader", "/contribute"])
def test_a_pasted_link_opens_its_page_not_page_not_found(browser, app_url, path):
    """Run after the other tests on the same server: the first request of a server is routed differently."""
    page = _open(browser, app_url + "/compare")
    try:
        page.goto(app_url + path, wait_until="domcontentloaded")
        page.wait_for_selector("h1", timeout=60_000)
        page.wait_for_timeout(1000)
        body = page.inner_text("body")
        assert "Page not found" not in body and "Ngôn ngữ" in body
    finally:
        page.close()


def test_markdown_html_and_formulas_in_the_data_show_as_text_and_nothing_is_fetched_from_outside(browser, tmp_path):
    """A data folder whose district name, commune, source title, issuer and note hold markdown links and images,
    HTML and formulas (tests/hostile_data.py), served by the real app: every page shows them literally, no link
    or image from them exists in the page, and the browser asks nothing of any host but the app's own."""
    from urllib.parse import urlparse

    from tests.hostile_data import EVIL, NAME, write_hostile_copy

    data_dir = write_hostile_copy(tmp_path / "data")
    env = dict(os.environ, CDS_DATA_DIR=str(data_dir), CDS_DB_PATH=str(tmp_path / "db.duckdb"))
    forged = "[Phiên hết hạn - đăng nhập lại](http://x.example/login)"
    # the profile's figure tables sit in closed expanders (none is visible): its charts say the page is drawn
    paths = [("/district?district=luc-yen", CHART), ("/compare?theme=online_services&d=luc-yen,lam-binh", CHART),
             ("/overview", CHART), ("/indicators?d=luc-yen&tab=data", TABLE), (f"/compare?d={forged}", CHART)]
    with _serve(env, tmp_path) as url:
        own_host = urlparse(url).hostname
        requested: list[str] = []
        for path, drawn in paths:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.on("request", lambda request: requested.append(request.url))
            try:
                page.goto(url + path, wait_until="domcontentloaded")
                page.wait_for_selector(drawn, timeout=60_000)
                page.wait_for_timeout(1500)
                _assert_healthy(page)
                body = page.inner_text("body").replace("\u2060", "")
                links = page.evaluate("""() => [...document.querySelectorAll('a, image, img')].map(
                    e => e.getAttribute('href') || e.getAttribute('xlink:href') || e.getAttribute('src') || '')""")
                assert not [link for link in links if "evil.example" in link or "x.example" in link], path
                if path.startswith("/district"):
                    assert NAME in body  # the header, character for character
                if path.startswith("/compare?theme"):
                    drawn_text = " ".join(page.locator(CHART).all_text_contents())
                    assert "**Lục Yên**" in drawn_text and "&amp; &lt;i&gt;" in drawn_text  # ticks, as typed
                if path.startswith("/compare?d=["):
                    assert forged in body
            finally:
                page.close()
    outside = [address for address in requested if urlparse(address).scheme in ("http", "https", "ws", "wss")
               and urlparse(address).hostname != own_host]
    assert requested and not outside, outside
    assert EVIL not in " ".join(requested)


def test_a_deep_link_that_is_a_fresh_servers_first_request_opens_its_page_with_the_menu(browser, tmp_path):
    """The pages live in app_pages/, so Streamlit never takes them for its old-style pages/ navigation: a link to
    one page, as the very first request a new server gets, runs app.py (language switch and menu) and that page."""
    with _serve(dict(os.environ), tmp_path) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            page.goto(url + "/district?district=huong-khe", wait_until="domcontentloaded")
            page.wait_for_selector("h1", timeout=60_000)
            page.wait_for_selector(CHART, timeout=60_000)
            body = page.inner_text("body")
            assert "Hương Khê" in body and "Ngôn ngữ" in body and "So sánh" in body
            assert "Page not found" not in body
            _assert_healthy(page)
        finally:
            page.close()


@pytest.mark.parametrize("path", ["/compare", "/compare?kind=province&theme=online_services"])
def test_every_bar_label_of_the_opening_compare_chart_stays_inside_the_plot(browser, app_url, path):
    # the Compare page as it opens (twenty communes): the upright "gần 14.000 · Tháng 7/2025 – 11/2025" of the second
    # bar ran up into the warning line above the plot, because only the tallest bar's label was given room; the
    # provinces' "531.269 · Tháng 7/2025 – 9/2025" because bold digits are wider than the estimate assumed
    page = _open(browser, app_url + path, width=1366, height=900)
    try:
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        top = chart.locator(".draglayer .nsewdrag").first.bounding_box()["y"]  # the plot area's own rectangle
        labels = [text.bounding_box() for text in chart.locator(".barlayer .bartext").all()]
        labels = [box for box in labels if box]
        assert len(labels) >= 10, "the opening chart draws its bars' labels"
        assert min(box["y"] for box in labels) >= top - 2, (top, min(box["y"] for box in labels))
    finally:
        page.close()


@pytest.mark.parametrize("lang, words", [("vi", "Chọn tệp"), ("en", "Choose a file")])
def test_the_upload_button_says_choose_a_file_in_the_pages_language_only(browser, app_url, lang, words):
    """Streamlit 1.67 writes its "Upload" label in a markdown paragraph with its own font size, so the button read
    "UploadChọn tệp" beside its icon: the button shows the icon and our words, nothing else."""
    page = _open(browser, app_url + f"/reader?lang={lang}", drawn='[data-testid="stFileUploaderDropzone"] button')
    try:
        button = page.locator('[data-testid="stFileUploaderDropzone"] button')
        shown = button.evaluate("""b => [...b.querySelectorAll('*')].filter(e => e.offsetWidth > 0
            && getComputedStyle(e).display !== 'none' && e.children.length === 0
            && parseFloat(getComputedStyle(e).fontSize) > 0).map(e => e.textContent.trim())""")
        assert shown == ["upload"], shown  # the icon's ligature only
        after = button.evaluate("b => getComputedStyle(b, '::after').content")
        assert after == f'"{words}"'
    finally:
        page.close()
