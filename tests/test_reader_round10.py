"""Issue 15, round 10: general rules for kinds of misses and wrong proposals seen on the development set's new pages —
the number in the name of an index ("Bộ chỉ số 766"), a rank said as X/Y ("xếp hạng 98/126 xã, phường"), a count of
administrative procedures after a verb of handling them (cases, not services offered), a count of one field's
dossiers ("hộ tịch (1.250 hồ sơ)"), places counted as "new communes and wards", and the members of one named team on
a commune's page. Every sentence was written for these tests in our own words (no report's text); the real catalogue
and wordings are used (data/indicators.yaml, reader/wordings.yaml)."""

from __future__ import annotations

import pytest

from tests.reader_probes import COMMUNE, DISTRICT, PROVINCE
from tests.reader_probes import one as _one
from tests.reader_probes import pairs as _pairs


def _values(sentence, unit=COMMUNE) -> set[float]:
    return {value for _, value in _pairs(sentence, unit)}


# ── the number in an index's name is no figure ───────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Theo Bộ chỉ số 766 trên Cổng Dịch vụ công quốc gia, xã đã tăng hạng rõ rệt.",
    "Xếp hạng theo Bộ chỉ số 766, phường đứng đầu tỉnh trong tháng 10.",
    "Kết quả chấm điểm theo Chỉ số 766 cho thấy phường cần cải thiện nhóm số hóa.",
    "Under the 766 index, the ward climbed to the top group in October.",
])
def test_the_number_in_an_index_name_is_not_a_figure(sentence):
    assert 766 not in _values(sentence)


def test_a_count_of_766_accounts_is_still_a_figure():
    _one("Toàn xã đã có 766 tài khoản được tạo trên Cổng dịch vụ công quốc gia.", "national_portal_accounts_created",
         766, unit=COMMUNE)


# ── a rank said as X/Y is no pair of counts ──────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence, values", [
    ("Tháng 7/2025, phường xếp hạng 98/126 xã, phường của thành phố.", {98, 126}),
    ("Đến tháng 9, xã vươn lên vị trí 4/126 xã, phường.", {4, 126}),
    ("Xã đứng thứ 12/54 xã, phường trong tỉnh về chỉ số phục vụ người dân.", {12, 54}),
    ("Trong tháng 10, phường xếp thứ 7/40 xã, phường của tỉnh về Bộ chỉ số phục vụ người dân, doanh nghiệp.", {7, 40}),
])
def test_a_rank_out_of_the_places_compared_is_not_a_count_of_communes(sentence, values):
    assert not values & _values(sentence)


def test_communes_of_a_pair_that_is_no_rank_are_still_counted():
    pairs = _pairs("Đến nay đã có 45/126 xã, phường thành lập Tổ công nghệ số cộng đồng.", PROVINCE)
    assert ("communes", 126) in pairs
    assert ("communes_with_teams", 45) in pairs


def test_a_rank_on_the_administrative_reform_index_is_still_that_rank():
    _one("Năm 2024, chỉ số cải cách hành chính của huyện xếp thứ 3/12 huyện, thị xã.", "cchc_index_rank", 3,
         unit=DISTRICT)


# ── procedures handled are cases, procedures offered are services ────────────────────────────────────────────


def test_procedures_resolved_are_dossiers_even_beside_an_end_to_end_rate():
    sentence = ("Sau hơn một tháng, bộ phận một cửa xã giải quyết gần 1.800 thủ tục hành chính, trong đó tỷ lệ giải "
                "quyết trực tuyến toàn trình đạt khoảng 65%.")
    pairs = _pairs(sentence, COMMUNE)
    assert ("dossiers_resolved", 1800) in pairs
    assert not {p for p in pairs if p[1] == 1800 and p[0].startswith("services")}


def test_procedures_received_are_dossiers_received():
    sentence = ("Từ đầu năm, phường đã tiếp nhận 2.450 thủ tục hành chính, trong đó có 1.900 thủ tục được giải quyết "
                "trực tuyến toàn trình.")
    pairs = _pairs(sentence, COMMUNE)
    assert ("dossiers_received", 2450) in pairs
    assert ("services_end_to_end", 1900) not in pairs


@pytest.mark.parametrize("sentence, value", [
    ("Năm 2024, huyện cung cấp 1.120 thủ tục hành chính, trong đó 380 thủ tục trực tuyến toàn trình.", 380),
    ("Hiện nay huyện có 385 thủ tục hành chính được cung cấp trực tuyến toàn trình.", 385),
])
def test_procedures_offered_end_to_end_are_still_services(sentence, value):
    _one(sentence, "services_end_to_end", value, unit=DISTRICT)


def test_procedures_handled_at_a_service_level_are_services_offered():
    _one("Đến nay huyện có 52 TTHC giải quyết ở mức độ 3 và 21 TTHC ở mức độ 4.", "services_partial", 52, unit=DISTRICT)


# ── one field's dossiers are no digitised civil-status records ───────────────────────────────────────────────


@pytest.mark.parametrize("sentence, value", [
    ("Các lĩnh vực có nhiều hồ sơ là hộ tịch (1.250 hồ sơ) và đất đai (830 hồ sơ).", 1250),
    ("Trong quý, lĩnh vực hộ tịch có 940 hồ sơ, chứng thực có 610 hồ sơ.", 940),
])
def test_a_fields_dossiers_are_not_digitised_civil_status_records(sentence, value):
    assert ("civil_status_records_digitised", value) not in _pairs(sentence, COMMUNE)


@pytest.mark.parametrize("sentence, value", [
    ("Xã đã số hóa 12.500 dữ liệu hộ tịch.", 12500),
    ("Đã số hóa 8.400 sổ hộ tịch.", 8400),
])
def test_digitised_civil_status_records_are_still_read(sentence, value):
    _one(sentence, "civil_status_records_digitised", value, unit=COMMUNE)


# ── "N new communes and wards" counts places, not the people trained there ───────────────────────────────────


def test_officials_of_new_communes_and_wards_count_the_communes():
    pairs = _pairs("The centre organized training for officials and civil servants of 166 new communes and wards.",
                   PROVINCE)
    assert ("training_participants_officials", 166) not in pairs
    assert ("communes", 166) in pairs


def test_officials_trained_are_still_counted():
    _one("The district trained 166 officials and civil servants in digital skills.", "training_participants_officials",
         166, unit=DISTRICT)


# ── the members of one named team are not the commune's members ──────────────────────────────────────────────


@pytest.mark.parametrize("sentence, value", [
    ("Tổ Công nghệ số cộng đồng thôn Đồng Tâm được thành lập tháng 8, gồm 7 thành viên.", 7),
    ("Tổ Công nghệ số cộng đồng Lũng Vài do phường thành lập gồm 9 thành viên.", 9),
    ("The Pa Co residential group's digital technology team has 6 members.", 6),
    ("Tổ công nghệ số cộng đồng tổ dân phố 5 có 8 thành viên.", 8),
])
def test_the_members_of_one_village_team_are_not_the_communes_members(sentence, value):
    assert ("community_team_members", value) not in _pairs(sentence, COMMUNE)


@pytest.mark.parametrize("sentence, value", [
    ("Tổ Công nghệ số cộng đồng của xã gồm 7 thành viên.", 7),
    ("Tổ công nghệ số cộng đồng xã Na Sơn gồm 12 thành viên.", 12),
    ("Xã có 9 tổ công nghệ số cộng đồng với 63 thành viên.", 63),
    ("Tổ công nghệ số cộng đồng thôn, tổ dân phố có 350 thành viên.", 350),
    ("Tổ công nghệ số cộng đồng các thôn có 120 thành viên.", 120),
    ("Tổ Công nghệ số cộng đồng Na Sơn gồm 11 thành viên.", 11),
])
def test_the_communes_own_team_members_are_still_counted(sentence, value):
    _one(sentence, "community_team_members", value, unit=COMMUNE)


# ── months of operation of a commune's service point, and "nearly N months" ──────────────────────────────────


@pytest.mark.parametrize("sentence, date, indicator, value, period", [
    ("Sau hơn một tháng vận hành, điểm phục vụ hành chính công xã đã giải quyết 1.850 hồ sơ.", "2025-08-08",
     "dossiers_resolved", 1850, "2025-07..2025-08"),
    ("Sau gần 3 tháng vận hành mô hình chính quyền địa phương 2 cấp, phường đã tiếp nhận 4.120 hồ sơ.", "2025-09-20",
     "dossiers_received", 4120, "2025-Q3"),
    ("After nearly three months of operation, the ward's public administration service centre received 4,120 "
     "dossiers.", "2025-09-20", "dossiers_received", 4120, "2025-Q3"),
    ("After more than a month of operation, the commune's public administration service point resolved 1,850 "
     "dossiers.", "2025-08-08", "dossiers_resolved", 1850, "2025-07..2025-08"),
])
def test_months_of_operation_after_the_reform_run_from_july_2025(sentence, date, indicator, value, period):
    assert _one(sentence, indicator, value, unit=COMMUNE, date=date).period == period


def test_months_of_operation_of_something_else_before_the_reform_are_not_counted_from_july_2025():
    c = _one("Sau hơn một tháng vận hành, phần mềm một cửa điện tử của huyện đã xử lý 1.850 hồ sơ.",
             "dossiers_resolved", 1850, unit=DISTRICT, date="2024-05-10")
    assert not str(c.period).startswith("2025")


@pytest.mark.parametrize("sentence, unit, value", [
    ("Trung tâm Phục vụ hành chính công tỉnh tiếp nhận, giải quyết 1.917 thủ tục hành chính thuộc thẩm quyền của 19 "
     "sở, ngành.", PROVINCE, 1917),
    ("Hiện Trung tâm đang tiếp nhận 1.569 TTHC của các sở, ban, ngành.", PROVINCE, 1569),
    ("Bộ phận một cửa xã tiếp nhận và giải quyết 312 thủ tục hành chính thuộc thẩm quyền cấp xã.", COMMUNE, 312),
])
def test_procedures_under_an_authority_are_the_procedures_handled_there_not_dossiers(sentence, unit, value):
    assert not {p for p in _pairs(sentence, unit) if p[1] == value and p[0].startswith("dossiers")}


def test_procedures_processed_are_the_dossiers_resolved_not_the_early_part_named_after_them():
    pairs = _pairs("Xã xử lý 845 thủ tục hành chính trong quý III, trong đó 812 thủ tục trả kết quả trước hạn.", COMMUNE)
    assert ("dossiers_resolved", 845) in pairs
    assert ("dossiers_resolved_on_time", 845) not in pairs
