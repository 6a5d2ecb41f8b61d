"""The dossier's papers say what the dossier says: the proposal's number and its "Tóm tắt thành
tích" column, an achievement report without the system's verdict, the decision's signature."""

from thidua.awards import documents as docs
from thidua.awards import testing
from thidua.awards.models import Nomination
from thidua.documents.checks import docx_text


def nominated(world, campaign):
    dossier = testing.make_dossier(world, "X1", campaign=campaign)
    nomination = dossier.nominations.get()
    nomination.summary = "Chỉ số CCHC xếp loại xuất sắc ba năm liền 2023-2025"
    nomination.achievements = "Rút ngắn 40% thời gian giải quyết thủ tục hành chính."
    nomination.explanation = [{"label": "Đăng ký thi đua", "met": False, "text": "chưa đăng ký"}]
    nomination.unmet = [{"label": "Đăng ký thi đua"}]
    nomination.save()
    return dossier, nomination


def test_the_proposal_is_numbered_ttr_ubnd_and_summarises_from_the_dossier(world, campaign):
    dossier, nomination = nominated(world, campaign)
    text = docx_text(docs.proposal_letter_docx(dossier))
    assert "/TTr-UBND" in text
    assert "Chỉ số CCHC xếp loại xuất sắc ba năm liền 2023-2025" in text
    assert "Chưa đạt tiêu chuẩn" not in text


def test_the_achievement_report_states_achievements_not_a_verdict(world, campaign):
    _, nomination = nominated(world, campaign)
    text = docx_text(docs.achievement_report_bytes(Nomination.objects.get(pk=nomination.pk)))
    assert "Rút ngắn 40% thời gian giải quyết thủ tục hành chính." in text
    assert "chưa đăng ký" not in text and "Đăng ký thi đua: chưa đạt" not in text


def test_a_chairman_under_his_own_authority_signs_chu_tich(world):
    province = world.units["P1"]
    own = docs.decision_signature(province, "Chủ tịch", "Lâm Văn Thắng",
                                  ["merit_province_chairman"])
    assert (own.capacity, own.title) == (None, "CHỦ TỊCH")
    body = docs.decision_signature(province, "Chủ tịch", "Lâm Văn Thắng", ["flag_province"])
    assert (body.capacity, body.title) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    deputy = docs.decision_signature(province, "Phó Chủ tịch", "Lê Văn A",
                                     ["merit_province_chairman"])
    assert (deputy.capacity, deputy.title) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    department = docs.decision_signature(world.units["D1"], "Giám đốc", "Trần B",
                                         ["giay_khen_department"])
    assert (department.capacity, department.title) == (None, "GIÁM ĐỐC")
