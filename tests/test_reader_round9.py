"""Issue 15, round 9: general rules for kinds of misses and wrong proposals seen on the development set and left over
from round 8 — averages per day (no totals), English results returned, English "on schedule",
lists of targets and wishes in a plan, counts written as words, a second count of one indicator in a clause, the
earlier value of a change with no year, "X out of Y communes", two rates said "respectively", and documents handled
through the document-management system. Every sentence was written for these tests in our own words (no report's
text); the real catalogue and wordings are used (data/indicators.yaml, reader/wordings.yaml)."""

from __future__ import annotations

import pytest

from tests.reader_probes import COMMUNE, DISTRICT, PROVINCE
from tests.reader_probes import found as _found
from tests.reader_probes import one as _one
from tests.reader_probes import pairs as _pairs

# ── an average per day is no total ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence, value", [
    ("Bình quân mỗi ngày, Trung tâm tiếp nhận khoảng 70 hồ sơ thủ tục hành chính.", 70),
    ("Mỗi ngày bộ phận một cửa của xã tiếp nhận trung bình 45 hồ sơ.", 45),
    ("On average, the centre receives about 70 applications a day.", 70),
    ("An officer in charge of civil status receives an average of about 65 applications per day.", 65),
    ("Each day around 80 residents come to the centre, and about 60 of them submit complete dossiers.", 60),
])
def test_an_average_per_day_is_not_a_count_of_dossiers(sentence, value):
    assert not {p for p in _pairs(sentence, COMMUNE) if p[1] == value}


@pytest.mark.parametrize("sentence, value", [
    ("Sau một tháng vận hành, xã đã tiếp nhận 578 hồ sơ thủ tục hành chính.", 578),
    ("After one month of operation, the ward received 3,511 dossiers.", 3511),
])
def test_a_count_after_one_month_of_operation_is_a_total(sentence, value):
    _one(sentence, "dossiers_received", value, unit=COMMUNE, date="2025-08-15")


def test_a_total_beside_its_daily_average_is_kept():
    pairs = _pairs("Trong quý III, Trung tâm tiếp nhận 1.250 hồ sơ, bình quân 20 hồ sơ mỗi ngày.", COMMUNE)
    assert ("dossiers_received", 1250) in pairs
    assert not {p for p in pairs if p[1] == 20}


# ── English: results returned ─────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence, value", [
    ("Since July 1, the ward centre has received 520 applications and returned 470 results.", 470),
    ("From July 1 to now, the commune has received 860 dossiers; 790 results have been returned to citizens.", 790),
])
def test_english_results_returned_are_dossiers_resolved(sentence, value):
    _one(sentence, "dossiers_resolved", value, unit=COMMUNE)


# ── English "on schedule" ─────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence, value, period", [
    ("In the third quarter, 98.7% of dossiers were resolved on schedule.", 98.7, "2025-Q3"),
    ("99.1% of administrative procedure dossiers resolved on schedule in the first half of 2025", 99.1, "2025-H1"),
])
def test_dossiers_resolved_on_schedule_give_the_on_time_rate(sentence, value, period):
    assert _one(sentence, "on_time_rate", value, unit=PROVINCE).period == period


# ── targets and wishes are plans ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Kế hoạch chuyển đổi số năm 2025 của xã đề ra các chỉ tiêu như: 100% cán bộ, công chức được đào tạo kỹ năng số; "
    "60% hồ sơ công việc được xử lý trên môi trường mạng.",
    "Xã cũng khuyến khích 85% người dân trong độ tuổi lao động mở tài khoản ngân hàng.",
    "The commune's plan for the year sets targets such as 80% of dossiers submitted online and 100% of officials "
    "using official e-mail.",
])
def test_targets_listed_in_a_plan_are_not_results(sentence):
    assert _found(sentence, COMMUNE, "2025-02-13") == []


def test_a_list_of_targets_wrapped_over_lines_stays_a_plan():
    text = ("Kế hoạch năm nay của xã đề ra các chỉ tiêu như: 100% cán bộ,\n"
            "công chức được đào tạo kỹ năng số; 60% hồ sơ công việc cấp xã\n"
            "được xử lý trên môi trường mạng.")
    assert _found(text, COMMUNE, "2025-02-13") == []


def test_results_wrapped_over_lines_stay_results():
    text = ("Năm 2024, xã đã có 95% hồ sơ được nộp\n"
            "trực tuyến; 60% hồ sơ công việc cấp xã được xử lý trên môi trường mạng.")
    pairs = _pairs(text, COMMUNE, "2025-02-13")
    assert {("online_submission_rate", 95), ("work_records_online_rate", 60)} <= pairs


def test_targets_that_were_met_are_results():
    _one("Huyện đã hoàn thành các chỉ tiêu như: 100% cán bộ được cấp chữ ký số; 95% hồ sơ được nộp trực tuyến.",
         "online_submission_rate", 95, date="2025-02-13")


def test_a_target_that_was_exceeded_is_a_result():
    _one("Năm 2024, xã đã vượt chỉ tiêu đề ra: 92% hồ sơ được nộp trực tuyến.", "online_submission_rate", 92,
         unit=COMMUNE)


# ── counts written as words ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence, unit, indicator, value", [
    ("The ward also set up one ward-level community digital technology team.", COMMUNE,
     "community_teams_commune_level", 1),
    ("Xã đã thành lập hai tổ công nghệ số cộng đồng cấp xã.", COMMUNE, "community_teams_commune_level", 2),
    ("Two community digital technology teams were set up in the ward.", COMMUNE, "community_teams_total", 2),
    ("Huyện đã thành lập mười hai tổ công nghệ số cộng đồng.", DISTRICT, "community_teams_total", 12),
])
def test_a_count_written_as_a_word_is_a_count(sentence, unit, indicator, value):
    _one(sentence, indicator, value, unit=unit)


@pytest.mark.parametrize("sentence", [
    "Bộ phận một cửa của xã tiếp nhận 300 hồ sơ trong tháng 9.",
    "The one-stop shop received 300 dossiers in September.",
    "One of the communes has set up 12 community digital technology teams.",
    "Một số xã đã thành lập tổ công nghệ số cộng đồng.",
    "Dịch vụ công trực tuyến một phần được cung cấp cho người dân.",
])
def test_one_that_is_no_count_stays_out(sentence):
    assert not {p for p in _pairs(sentence, COMMUNE) if p[1] == 1}


@pytest.mark.parametrize("sentence", [
    "UBND huyện chỉ đạo ba xã làm điểm triển khai tổ công nghệ số cộng đồng.",
    "Hai xã Nà Sơn và Mường Phăng đã có 100% thôn thành lập tổ công nghệ số cộng đồng.",
    "Ba thành viên tổ công nghệ số đã hướng dẫn người dân cài đặt ứng dụng.",
])
def test_vietnamese_number_words_of_places_and_people_in_passing_stay_out(sentence):
    assert not {p for p in _pairs(sentence) if p[1] in (2, 3)}


@pytest.mark.parametrize("sentence", [
    "Phấn đấu hoàn thành các mục tiêu: 90% hồ sơ được nộp trực tuyến.",
])
def test_a_target_to_be_completed_stays_a_plan(sentence):
    assert _found(sentence, COMMUNE, "2025-02-13") == []
# ── a second count of one indicator in a clause ───────────────────────────────────────────────────────────────


def test_a_second_count_of_members_in_a_clause_is_kept():
    pairs = _pairs("The ward has set up 11 community digital technology teams with 55 members, along with one "
                   "ward-level team comprising 14 members.", COMMUNE)
    assert {("community_team_members", 55), ("community_team_members", 14)} <= pairs


def test_members_of_a_part_said_bare_after_a_comma_are_no_second_count():
    pairs = _pairs("Toàn huyện có 98 tổ công nghệ số cộng đồng với 490 thành viên, 15 tổ cấp xã với 75 thành viên.")
    assert ("community_team_members", 490) in pairs
    assert ("community_team_members", 75) not in pairs


@pytest.mark.parametrize("sentence", [
    "Three communes piloted the smart commune model, and 12 community digital technology teams were set up there.",
    "Two communes and three villages were visited by the delegation.",
])
def test_english_number_words_of_places_in_passing_stay_out(sentence):
    assert not {p for p in _pairs(sentence) if p[1] in (2, 3)}


def test_a_total_beside_a_daily_average_after_a_comma_is_kept():
    _one("Trong năm, huyện tiếp nhận 36.000 hồ sơ, bình quân mỗi ngày khoảng 150 hồ sơ; tỷ lệ trực tuyến đạt 62%.",
         "dossiers_received", 36000)


def test_members_of_a_part_after_including_are_no_second_count():
    pairs = _pairs("Huyện có 120 tổ công nghệ số cộng đồng với 600 thành viên, trong đó 20 tổ cấp xã với 100 thành viên.")
    assert ("community_team_members", 600) in pairs
    assert ("community_team_members", 100) not in pairs


# ── the earlier value of a change, with no year ───────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ hồ sơ trực tuyến của huyện tăng từ 40% lên 65%.",
    "The district's online submission rate rose from 40% to 65%.",
])
def test_the_earlier_value_of_a_change_without_a_year_is_not_proposed(sentence):
    pairs = _pairs(sentence)
    assert ("online_submission_rate", 65) in pairs
    assert ("online_submission_rate", 40) not in pairs


# ── X out of Y communes ───────────────────────────────────────────────────────────────────────────────────────


def test_x_out_of_y_communes_with_teams_gives_both_counts():
    pairs = _pairs("8 out of 12 communes have set up community digital technology teams.")
    assert {("communes_with_teams", 8), ("communes", 12)} <= pairs


# ── two rates said "respectively" ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ hồ sơ trực tuyến và tỷ lệ thanh toán trực tuyến lần lượt đạt 85% và 72%.",
    "The online submission rate and the online payment rate reached 85% and 72%, respectively.",
])
def test_two_rates_said_respectively_go_to_their_indicators_in_order(sentence):
    pairs = _pairs(sentence)
    assert {("online_submission_rate", 85), ("online_payment_rate", 72)} <= pairs
    assert ("online_payment_rate", 85) not in pairs
    assert ("online_submission_rate", 72) not in pairs


# ── documents handled through the document-management system ─────────────────────────────────────────────────


def test_documents_handled_through_the_document_system_are_handled_electronically():
    _one("Currently, 100% of incoming documents of the commune are processed through the document management system.",
         "edocs_fully_electronic_rate", 100, unit=COMMUNE)


# ── the postal channel however it is named ────────────────────────────────────────────────────────────────────


def test_dossiers_received_by_the_postal_channel_are_a_part():
    pairs = _pairs("In the third quarter, the centre received 4,200 dossiers, of which 3,100 were received online and "
                   "85 dossiers were received via public postal services.", COMMUNE)
    assert ("dossiers_received", 4200) in pairs
    assert ("dossiers_received", 85) not in pairs


# ── a share of dossiers is no share of services ───────────────────────────────────────────────────────────────


def test_a_share_of_records_synchronised_on_the_portal_is_no_share_of_services():
    pairs = _pairs("From July 1 to September 30, the ward resolved 2,310 records, with 100% of records processed "
                   "online and synchronised on the National Public Service Portal.", COMMUNE)
    assert ("dossiers_resolved", 2310) in pairs
    assert ("services_on_national_portal_rate", 100) not in pairs


@pytest.mark.parametrize("sentence, value", [
    ("Tỷ lệ dịch vụ công trực tuyến được tích hợp lên Cổng Dịch vụ công quốc gia đạt 100%.", 100),
    ("The share of online public services integrated into the National Public Service Portal reached 98%.", 98),
])
def test_a_share_of_services_on_the_portal_is_kept(sentence, value):
    _one(sentence, "services_on_national_portal_rate", value, unit=COMMUNE)


# ── every item of a norm ──────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Mục tiêu là mỗi người dân có 01 tài khoản số và 01 kho dữ liệu trên hệ thống.",
    "Each village has 1 team and 5 members.",
])
def test_every_item_of_a_norm_is_part_of_the_norm(sentence):
    assert _found(sentence) == []


def test_a_count_beside_a_norm_is_kept():
    pairs = _pairs("Huyện đã thành lập 120 tổ công nghệ số cộng đồng, mỗi thôn một tổ, với 600 thành viên.")
    assert ("community_team_members", 600) in pairs


# ── places or things without, and working groups ──────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Huyện có 4 xã chưa có tổ công nghệ số cộng đồng.",
    "Huyện có bốn xã chưa có tổ công nghệ số cộng đồng.",
    "3 communes have not yet set up community digital technology teams.",
    "Huyện còn 1.200 hồ sơ chưa giải quyết.",
])
def test_a_count_of_what_has_not_yet_been_done_is_no_count_of_ours(sentence):
    assert _found(sentence) == []


@pytest.mark.parametrize("sentence, indicator, value", [
    ("Năm 2024, huyện tiếp nhận 25.000 hồ sơ, chưa có hồ sơ nào trễ hạn.", "dossiers_received", 25000),
    ("The district received 25,000 dossiers without any delay.", "dossiers_received", 25000),
    ("Xã có 12 thôn, trong đó 10 thôn đã thành lập tổ công nghệ số cộng đồng, 2 thôn chưa thành lập.",
     "villages_with_team", 10),
])
def test_a_count_beside_a_negation_is_kept(sentence, indicator, value):
    _one(sentence, indicator, value)


@pytest.mark.parametrize("sentence", [
    "Huyện đã thành lập 2 tổ công tác để hỗ trợ các tổ công nghệ số cộng đồng.",
    "Huyện đã thành lập hai tổ công tác để hỗ trợ các tổ công nghệ số cộng đồng.",
    "The province sent 3 working groups to check the community digital technology teams.",
])
def test_working_groups_are_no_community_teams(sentence):
    assert not {p for p in _pairs(sentence) if p[0].startswith("community_teams")}


def test_dossiers_received_online_beside_a_postal_count_are_kept():
    _one("The number of dossiers received via the public postal service was 320, while 8,900 were received online.",
         "dossiers_online", 8900)


# ── services offered partially online ─────────────────────────────────────────────────────────────────────────


def test_partially_online_public_services_are_partial_services():
    pairs = _pairs("The provincial system provides 1,800 public services, including 600 full-process online public "
                   "services and 900 partially online public services.", PROVINCE)
    assert {("services_end_to_end", 600), ("services_partial", 900)} <= pairs
    assert ("services_online_total", 900) not in pairs


def test_applications_received_partially_online_are_no_services():
    pairs = _pairs("In the first nine months, the number of applications received partially online was 5,090.",
                   PROVINCE)
    assert not {p for p in pairs if p[0].startswith("services_")}


# ── users of a software system are no e-ID accounts ───────────────────────────────────────────────────────────


def test_user_accounts_of_a_system_are_no_e_id_accounts():
    pairs = _pairs("Tỉnh đã thiết lập trên 7.000 tài khoản người dùng, mã định danh cho các xã, phường mới.", PROVINCE,
                   "2025-07-01")
    assert not {p for p in pairs if p[0] in ("eid_accounts", "vneid_activated", "vneid_level2")}


def test_e_id_account_applications_are_kept():
    _one("Tỉnh đã thu nhận 45.000 hồ sơ định danh điện tử.", "eid_accounts", 45000, unit=PROVINCE)


# ── services integrated into the national portal are not all the services offered ─────────────────────────────


def test_services_integrated_into_the_portal_are_not_the_services_offered():
    pairs = _pairs("Huyện đã tích hợp 1.250 dịch vụ công trực tuyến lên Cổng Dịch vụ công quốc gia, chiếm 85%.")
    assert ("services_online_total", 1250) not in pairs
    assert ("services_on_national_portal_rate", 85) in pairs


@pytest.mark.parametrize("sentence, value", [
    ("The province provides 1,480 online public services, of which 620 are full-process services.", 1480),
    ("Tỉnh cung cấp 1.900 dịch vụ công trực tuyến, trong đó 800 dịch vụ toàn trình.", 1900),
])
def test_services_offered_are_kept(sentence, value):
    _one(sentence, "services_online_total", value, unit=PROVINCE)


# ── a share of procedures is no share of dossiers paid ────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "The rate of administrative procedures with online payment transactions is nearly 57%.",
    "Tỷ lệ thủ tục hành chính có giao dịch thanh toán trực tuyến đạt 57%.",
])
def test_a_share_of_procedures_with_online_payment_is_no_online_payment_rate(sentence):
    assert ("online_payment_rate", 57) not in _pairs(sentence)


@pytest.mark.parametrize("sentence, value", [
    ("Tỷ lệ hồ sơ thủ tục hành chính được thanh toán trực tuyến đạt 58%.", 58),
    ("The rate of online payment documents reached 57.29%.", 57.29),
    ("Tỷ lệ thanh toán trực tuyến đạt 45%.", 45),
])
def test_a_share_of_dossiers_paid_online_is_kept(sentence, value):
    _one(sentence, "online_payment_rate", value)


# ── certified copies are one procedure's cases ────────────────────────────────────────────────────────────────


def test_certified_documents_are_no_dossier_total():
    pairs = _pairs("The one-stop section received 5,200 dossiers and 3,400 electronically certified documents.", COMMUNE)
    assert ("dossiers_received", 5200) in pairs
    assert not {p for p in pairs if p[1] == 3400}


def test_a_count_after_a_part_the_catalogue_lacks_keeps_its_own_words():
    _one("The ward issued 1,200 certified copies and received 4,000 dossiers.", "dossiers_received", 4000, unit=COMMUNE)
