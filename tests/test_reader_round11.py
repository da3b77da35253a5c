"""Issue 15, round 11: periods. General mechanisms of how Vietnamese and English reporting dates its figures — the date
a news page's address encodes, a stock's date said once at the top of an undated text and meant for the figures after
it, figures "as updated on" a day, the day a news lead names as the end of "from July 1 to now", the month an undated
page is filed under as the year of its wordings — and the benchmark's comparison of periods by meaning. Every sentence
and address was written for these tests in our own words (no report's text, no page's address); the real catalogue
and wordings are used (data/indicators.yaml, reader/wordings.yaml)."""

from __future__ import annotations

import pytest

from bench.reader_score import same_period
from reader import date_from_address, month_from_address, propose
from reader.propose import report_date
from tests.reader_probes import COMMUNE, DISTRICT, PROVINCE
from tests.reader_probes import one as _one


def _period(text, indicator, value, unit=PROVINCE, date=None, date_about=None, language="auto"):
    hits = [c for c in propose(text, document_date=date, unit=unit, date_about=date_about, language=language)
            if c.indicator == indicator and float(c.value) == value]
    assert hits, (indicator, value, [(c.indicator, c.value, c.period) for c in
                                     propose(text, document_date=date, unit=unit, date_about=date_about)])
    return hits[0].period


# ── the date a page's address encodes ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("address, day", [
    # an article number: a site code of three digits, then YYMMDD hhmmss, then three digits
    ("https://bao-vi-du.vn/xa-a-day-manh-chuyen-doi-so-161250422155008479.htm", "2025-04-22"),
    ("https://tin-tuc.example.vn/tinh-b-ra-mat-trung-tam-196240115083012345.htm", "2024-01-15"),
    # a site code of four digits (a district portal's numbering)
    ("https://quan.example.gov.vn/tin-tuc/phuong-c-cai-cach-hanh-chinh-280624031509301234.htm", "2024-03-15"),
    # the full year first: YYYYMMDD hhmmss and three digits
    ("https://news.example.vn/xa-d-so-hoa-ho-so-20250422103015123.htm", "2025-04-22"),
    ("https://news.example.vn/xa-d-so-hoa-ho-so-20250422103015.html", "2025-04-22"),
    # a path by date
    ("https://example.vn/2025/04/22/xa-e-tiep-nhan-ho-so/", "2025-04-22"),
    ("https://portal.example.gov.vn/portal/pages/2023-04-07/-bai-viet-abc.aspx", "2023-04-07"),
])
def test_an_address_that_encodes_a_day_dates_the_page(address, day):
    assert date_from_address(address) == day
    assert month_from_address(address) == day[:7]


@pytest.mark.parametrize("address", [
    "https://news.example.vn/thoi-su/xa-f-kiem-tra-trung-tam-1563388.ldo",  # sequential numbers say no date
    "https://example.vn/chi-dao-moi-cua-tinh-post1781492.tpo",
    "https://eng.example.gov.vn/Lists/TinTuc/ChiTiet.aspx?ID=5613",
    "http://example.com.vn/en/2/6263/District-steps-up-online-services.htm",
    "https://example.vn/chuyen-doi-so-nam-2025-tren-dia-ban-714966",  # a year in the title is no date
    "https://example.vn/bai-viet-161259999155008479.htm",  # no 31st month: not a date
    "https://example.vn/bai-viet-161250422995008479.htm",  # no 99th hour: not an article stamp
    "https://example.vn/bai-viet-20250230103015123.htm",  # 30 February
    "https://example.vn/bai-viet-20250422.htm",  # eight digits alone may be a sequential number
    "https://example.vn/bai-viet-20250422256015.htm",  # no 25th hour
    "https://example.vn/bai-viet-100101011010101010.htm",  # reads as two different days: no day rather than a guess
    "https://example.vn/xa-hoi/202104/bai-viet-3051809/",  # a month folder is a month, not a day
    "",
    None,
])
def test_an_address_without_a_day_gives_no_date(address):
    assert date_from_address(address) is None


@pytest.mark.parametrize("address, month", [
    ("https://example.vn/xa-hoi/202104/bai-viet-3051809/", "2021-04"),
    ("https://example.vn/english/society/202512/ward-boosts-digital-skills-0652bc7", "2025-12"),
    ("https://example.vn/xa-hoi/202113/bai-viet/", None),  # no 13th month
    ("https://example.vn/202401/a/202402/b", None),  # two months: which one is unknown
])
def test_a_month_folder_says_when_a_page_is_about(address, month):
    assert month_from_address(address) == month


# ── a stock's date said once at the top of an undated text ───────────────────────────────────────────────────

_TOP_DATED = ("Theo báo cáo của Ban chỉ đạo, tính đến hết tháng 3/2025, toàn tỉnh đã có 120 tổ công nghệ số cộng "
              "đồng.\n\nVề chữ ký số, tỉnh đã cấp gần 538 nghìn chữ ký số cho người dân.\n\nTỷ lệ hồ sơ thanh toán "
              "trực tuyến đạt 58,93%.")


def test_a_stock_in_a_later_paragraph_of_an_undated_text_is_as_of_the_date_said_at_the_top():
    assert _period(_TOP_DATED, "personal_digital_signatures", 538000) == "asof 2025-03"
    assert _period(_TOP_DATED, "online_payment_rate", 58.93) == "asof 2025-03"


def test_the_date_a_page_is_given_from_outside_does_not_hide_the_date_its_text_said():
    # the page's address dates it 22 April; the text says its figures stand at the end of March
    assert _period(_TOP_DATED, "personal_digital_signatures", 538000, date="2025-04-22") == "asof 2025-03"


def test_a_report_that_dates_itself_keeps_its_stocks_at_its_own_date():
    text = "UBND TỈNH A\nA, ngày 15 tháng 4 năm 2025\n\n" + _TOP_DATED
    assert _period(text, "personal_digital_signatures", 538000) == "asof 2025-04-15"


def test_a_plan_date_is_no_date_of_the_figures_after_it():
    text = ("Tỉnh phấn đấu tính đến hết tháng 12/2026 có 90% người dân có chữ ký số.\n\n"
            "Hiện tỉnh đã cấp 538 nghìn chữ ký số cho người dân.")
    assert _period(text, "personal_digital_signatures", 538000) == "asof unknown"


@pytest.mark.parametrize("text", [
    "According to the national portal's results as updated on March 18, 2024, the province scored 79.51 points.\n\n"
    "The on-time processing rate reached 96.24%. The rate of dossiers submitted online reached 68.3%.",
    "According to the updated portal results on 18 March 2024, the province scored 79.51 points.\n\n"
    "The on-time processing rate reached 96.24%. The rate of dossiers submitted online reached 68.3%.",
    "Theo số liệu cập nhật ngày 18/3/2024 trên Cổng dịch vụ công quốc gia, tỉnh đạt 79,51 điểm.\n\n"
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,24%. Tỷ lệ hồ sơ nộp trực tuyến đạt 68,3%.",
])
def test_figures_as_updated_on_a_day_stand_at_that_day(text):
    assert _period(text, "on_time_rate", 96.24) == "asof 2024-03-18"
    assert _period(text, "online_submission_rate", 68.3) == "asof 2024-03-18"


# ── the day a news lead names ends "from July 1 to now" ──────────────────────────────────────────────────────


@pytest.mark.parametrize("text, language", [
    ("On the afternoon of July 9, the city's chairman inspected the ward's public administration service centre "
     "after the two-tier government took effect.\n\nFrom July 1 to now, the centre has received 414 dossiers.", "en"),
    ("Chiều 9/7, Chủ tịch UBND thành phố kiểm tra Trung tâm phục vụ hành chính công phường sau khi vận hành chính "
     "quyền địa phương 2 cấp.\n\nTừ ngày 1/7 đến nay, Trung tâm đã tiếp nhận 414 hồ sơ.", "vi"),
])
def test_the_lead_day_of_an_undated_story_ends_its_span_to_now(text, language):
    assert _period(text, "dossiers_received", 414, unit=COMMUNE, language=language) == "2025-07"


def test_the_lead_day_does_not_date_the_stories_stocks():
    text = ("Sáng 9/7, đoàn công tác kiểm tra Trung tâm phục vụ hành chính công xã sau khi vận hành chính quyền "
            "địa phương 2 cấp.\n\nHiện nay, xã có 12 tổ công nghệ số cộng đồng.")
    assert _period(text, "community_teams_total", 12, unit=COMMUNE) == "asof unknown"


def test_a_day_said_later_in_the_story_is_no_lead():
    text = ("The commune's centre has run smoothly since the two-tier government took effect.\n\n"
            "On July 9, the chairman visited it. From July 1 to now, the centre has received 414 dossiers.")
    assert _period(text, "dossiers_received", 414, unit=COMMUNE, language="en") != "2025-07"


# ── the month an undated page is filed under ─────────────────────────────────────────────────────────────────


def test_an_undated_pages_month_gives_the_year_of_its_wordings():
    text = "In the first six months of this year, the district received 6,747 applications."
    assert _period(text, "dossiers_received", 6747, unit=DISTRICT, date_about="2023-07", language="en") == "2023-H1"


def test_the_year_the_text_states_wins_over_the_month_it_is_filed_under():
    text = "In 2024, the district received 6,747 applications, and in the first half of the year it went on."
    assert _period(text, "dossiers_received", 6747, unit=DISTRICT, date_about="2025-03", language="en") == "2024"


def test_the_month_an_undated_page_is_filed_under_does_not_date_its_stocks():
    text = "Hiện nay, toàn huyện có 120 tổ công nghệ số cộng đồng."
    assert _period(text, "community_teams_total", 120, unit=DISTRICT, date_about="2024-01") == "asof unknown"


# ── a month on a line of its own is a date, never a cited document's day ─────────────────────────────────────


def test_a_month_as_the_texts_date_reads_without_error():
    assert report_date("date: 2023-05\nToàn huyện có 120 tổ công nghệ số cộng đồng.") == "2023-05"
    assert _one("date: 2023-05\nToàn huyện có 120 tổ công nghệ số cộng đồng.", "community_teams_total", 120,
                date=None).period == "asof 2023-05"


# ── the benchmark compares periods by what they mean as well ─────────────────────────────────────────────────


@pytest.mark.parametrize("proposed, curated, same", [
    ("2025-Q3", "2025-07..2025-09", True),
    ("asof 2025-09", "asof 2025-09-30", True),
    ("2024", "2024-01..2024-12", True),
    ("asof unknown", "asof unknown", True),
    ("2025-07..2025-09", "asof 2025-09-17", False),  # a flow over months is not a stock at a day
    ("asof 2025-09-30", "2025-09", False),  # a stock at a month's end is not the month's flow
    ("2025-Q3", "2025-07..2025-08", False),
    ("asof unknown", "asof 2025-09", False),
    (None, "2025", False),
])
def test_periods_that_mean_the_same_span_match(proposed, curated, same):
    assert same_period(proposed, curated) is same


# ── a span's year said with "in"; a programme's years are not its figures' period ───────────────────────────


def test_an_english_span_of_days_takes_a_year_said_with_in():
    text = "In nearly two months from November 6 to December 22 in 2020, the district received 10,441 online dossiers."
    assert _period(text, "dossiers_online", 10441, unit=DISTRICT, language="en") == "2020-11..2020-12"


@pytest.mark.parametrize("text, language", [
    ("Implementing the project on administrative reform for the 2020-2025 period, the district has taken many "
     "steps.\n\nThe rate of dossiers resolved on time reached 99.9%.", "en"),
    ("Thực hiện Đề án cải cách hành chính giai đoạn 2021-2025, huyện đã triển khai nhiều giải pháp.\n\n"
     "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,9%.", "vi"),
])
def test_the_years_of_a_programme_are_not_the_period_of_a_later_rate(text, language):
    assert _period(text, "on_time_rate", 99.9, unit=DISTRICT, language=language) == "asof unknown"


def test_a_period_said_before_a_later_rate_still_carries():
    text = ("In the first half of 2023, the district's one-stop offices were upgraded.\n\n"
            "The rate of dossiers resolved on time reached 99.9%.")
    assert _period(text, "on_time_rate", 99.9, unit=DISTRICT, language="en") == "2023-H1"


# ── year-to-date counts closed by a day; English months "between … and …" ──────────────────────────────────


@pytest.mark.parametrize("text, period", [
    ("Lũy kế đến ngày 30/9/2025, huyện tiếp nhận 1.200 hồ sơ.", "2025-01..2025-09"),
    ("Lũy kế đến ngày 30/9, huyện tiếp nhận 1.200 hồ sơ.", "2025-01..2025-09"),
    ("Lũy kế đến hết tháng 9/2025, huyện tiếp nhận 1.200 hồ sơ.", "2025-01..2025-09"),
    ("Between January and June 2025, the district received 1,200 dossiers.", "2025-H1"),
    ("Between July and September, the district received 1,200 dossiers.", "2025-Q3"),
])
def test_spans_of_months_said_as_reports_say_them(text, period):
    assert _period(text, "dossiers_received", 1200, unit=DISTRICT, date="2025-10-20") == period
