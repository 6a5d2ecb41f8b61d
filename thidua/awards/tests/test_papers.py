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


def _from_the_list(login, world, campaign):
    """The officer ticks Nguyễn Thị Lan on the eligibility list of a 2025 phase dossier."""
    from datetime import date

    from thidua.awards.services import dossier_create
    from thidua.results.models import ContestPrize, PersonRating, RecognisedInitiative

    lan = world.people["p_x1"]
    PersonRating.objects.filter(person=lan).delete()
    for year, rating in ((2023, "hoan_thanh_tot"), (2024, "hoan_thanh_xuat_sac"),
                         (2025, "hoan_thanh_xuat_sac")):
        PersonRating.objects.create(person=lan, unit=lan.unit, year=year, rating=rating,
                                    duties_well=True, outstanding_cchc=year == 2025)
    RecognisedInitiative.objects.create(person=lan, year=2024, title="Một cửa số tại xã",
                                        level="province", recognised_on=date(2024, 11, 5))
    ContestPrize.objects.create(person=lan, year=2023, contest="Cuộc thi tìm hiểu CCHC",
                                prize="Giải Nhì")
    dossier = dossier_create(actor=world.users["olga_officer"], campaign=campaign, scope="phase",
                             year=2025, unit=world.units["X1"])
    form = campaign.award_forms.get(code="KG-AF-MERIT-P-IND")
    client = login(world.users["olga_officer"])
    client.post(f"/khen-thuong/ho-so/{dossier.pk}/de-cu/", {
        "candidate": f"{form.pk}:p{lan.pk}", "version": dossier.version})
    return client, dossier, Nomination.objects.get(dossier=dossier)


FACTS = ("Hoàn thành xuất sắc nhiệm vụ năm 2024, 2025", "Hoàn thành tốt nhiệm vụ năm 2023",
         "thành tích xuất sắc trong công tác cải cách hành chính năm 2025",
         "Một cửa số tại xã (năm 2024)", "Giải Nhì Cuộc thi tìm hiểu CCHC (năm 2023)")
VERDICT = ("tiêu chuẩn", "đạt", "đủ điều kiện")


def _summary_cell(text: str) -> str:
    return next(line for line in text.splitlines() if "Hoàn thành xuất sắc nhiệm vụ" in line)


def test_a_nomination_from_the_list_starts_its_summary_from_the_record(login, world, campaign):
    client, dossier, nomination = _from_the_list(login, world, campaign)
    assert nomination.source == "eligibility"
    for fact in FACTS:
        assert fact in nomination.summary
    # The officer sees it in the form and may change it.
    page = client.get(f"/khen-thuong/de-cu/{nomination.pk}/").content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ năm 2024, 2025" in page
    cell = _summary_cell(docx_text(docs.proposal_letter_docx(dossier)))
    assert not [word for word in VERDICT if word in cell.lower()]


def test_a_proposal_with_no_summary_written_states_the_record(login, world, campaign):
    _, dossier, nomination = _from_the_list(login, world, campaign)
    Nomination.objects.filter(pk=nomination.pk).update(summary="")  # the officer cleared it
    for paper in (docs.proposal_letter_docx, docs.nominee_list_bytes):
        text = docx_text(paper(dossier))
        cell = _summary_cell(text)
        for fact in FACTS:
            assert fact in cell
        assert not [word for word in VERDICT if word in cell.lower()]
    report = docx_text(docs.achievement_report_bytes(Nomination.objects.get(pk=nomination.pk)))
    assert "Giải Nhì Cuộc thi tìm hiểu CCHC (năm 2023)" in report


def test_a_collective_without_a_summary_is_summarised_by_its_results(world, campaign):
    from thidua.results.tests.factories import result

    dossier = testing.make_dossier(world, "X1", campaign=campaign)
    nomination = dossier.nominations.get()
    assert nomination.kind == "collective"
    Nomination.objects.filter(pk=nomination.pk).update(summary="", achievements="",
                                                       justification="")
    for year, score, cls in ((2023, "91.5", "xuat_sac"), (2024, "84.25", "tot")):
        result(world, "X1", year, score, 2, cls)
    cell = _summary_cell_of(docx_text(docs.proposal_letter_docx(dossier)), "Xếp loại")
    assert "Xếp loại cải cách hành chính xuất sắc năm 2023; tốt năm 2024" in cell
    assert "năm 2023: 91,5 điểm, xếp hạng 2; năm 2024: 84,25 điểm, xếp hạng 2" in cell
    assert not [word for word in VERDICT if word in cell.lower()]


def _summary_cell_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))
