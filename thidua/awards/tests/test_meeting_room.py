"""A session voting in the room (show of hands): the secretary records the counts per
candidate, the office enters an absent member's written ballot, and the minutes state the same
figures as the session page."""

from datetime import time

from django.utils import timezone

from thidua.awards import services
from thidua.awards.models import Attendance, CouncilMember, MemberRole, VoteResult
from thidua.awards.tests.test_meeting import before_council
from thidua.documents.checks import docx_text


def in_room_session(world, campaign, council):
    for name in ("Phạm Thị Viên", "Hoàng Văn Năm"):
        CouncilMember.objects.create(council=council, name=name, role=MemberRole.MEMBER,
                                     position="Ủy viên", order=council.members.count() + 1)
    meeting = services.meeting_create(actor=world.users["alice_owner"], council=council,
                                      held_on=timezone.localdate(), start=time(8, 0),
                                      venue="Hội trường", purpose="xét khen thưởng",
                                      secretary="Lê Thư Ký", vote_method="show_of_hands")
    dossiers = [before_council(world, campaign, council, "X1", "p_x1"),
                before_council(world, campaign, council, "X3", "p_x3")]
    for d in dossiers:
        services.dossier_transition(actor=world.users["alice_owner"], dossier=d,
                                    name="send_to_council", meeting=meeting)
    return meeting, [d.nominations.get() for d in dossiers]


def url(meeting, tail=""):
    return f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/{tail}"


def test_the_secretary_records_the_room_and_a_written_ballot_and_the_minutes_agree(
        login, world, campaign, council):
    meeting, (x1, x3) = in_room_session(world, campaign, council)
    absent = council.members.get(name="Hoàng Văn Năm")
    office = login(world.users["alice_owner"])
    office.post(url(meeting, "diem-danh/"), {"member": absent.pk, "status": "written",
                                               "reason": "Đi công tác"})
    page = office.get(url(meeting)).content.decode()
    assert "4/5 thành viên có mặt, 1 thành viên vắng gửi phiếu bằng văn bản" in page
    assert "Phiếu bằng văn bản" in page and "Điều kiện họp" in page

    # More votes than members present is refused, naming the candidate.
    page = office.post(url(meeting, "so-phieu/"), {"nomination": x1.pk, "approve": 5,
                                                    "reject": 0, "abstain": 0, "previous": ""},
                       follow=True).content.decode()
    assert "nhiều hơn số thành viên có mặt được biểu quyết (4)" in page
    office.post(url(meeting, "so-phieu/"), {"nomination": x1.pk, "approve": 4, "reject": 0,
                                             "abstain": 0, "previous": ""})
    office.post(url(meeting, "so-phieu/"), {"nomination": x3.pk, "approve": 2, "reject": 1,
                                             "abstain": 1, "previous": ""})
    # A count read before someone else's is not overwritten.
    page = office.post(url(meeting, "so-phieu/"), {"nomination": x3.pk, "approve": 3,
                                                    "reject": 0, "abstain": 1, "previous": ""},
                       follow=True).content.decode()
    assert "vừa được người khác cập nhật" in page
    # Members present do not vote online in a show-of-hands session.
    page = login(world.users["carl_council"]).post(
        url(meeting, "bieu-quyet/"), {"nomination": x1.pk, "choice": "approve"},
        follow=True).content.decode()
    assert "thư ký ghi số phiếu" in page
    office = login(world.users["alice_owner"])
    for nomination, choice in ((x1, "approve"), (x3, "reject")):
        page = office.post(url(meeting, "bieu-quyet/"), {
            "nomination": nomination.pk, "choice": choice, "member": absent.pk}, follow=True)
        assert "Đã ghi nhận biểu quyết" in page.content.decode()
    page = office.post(url(meeting, "ket-thuc/"), follow=True).content.decode()
    assert "Đã kết thúc biểu quyết" in page
    r1, r3 = VoteResult.objects.get(nomination=x1), VoteResult.objects.get(nomination=x3)
    assert (r1.approve, r1.members, r1.written, r1.written_approve, r1.passed) == (5, 5, 1, 1, True)
    assert (r3.approve, r3.reject, r3.abstain, r3.passed) == (2, 2, 1, False)
    assert r1.method == "show_of_hands"
    for figure in ("4 / 0 / 0", "1 / 0 / 0", "5/5 (100%)", "2 / 1 / 1", "0 / 1 / 0",
                   "2/5 (40%)", "&gt; 50%"):
        assert figure in page, figure

    minutes = docx_text(b"".join(office.get(url(meeting, "bien-ban/")).streaming_content))
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in minutes.upper()
    assert "Số:" in minutes and "BB-HĐTĐKT" in minutes
    for figure in ("4 / 0 / 0", "1 / 0 / 0", "5/5 (100%)", "2 / 1 / 1", "0 / 1 / 0",
                   "2/5 (40%)", "> 50%", "giơ tay biểu quyết tại phòng họp",
                   "Hoàng Văn Năm", "Đi công tác; có phiếu biểu quyết bằng văn bản",
                   "Phiếu bằng văn bản: thành viên vắng mặt gửi phiếu"):
        assert figure in minutes, figure
    assert "Không đạt tỷ lệ phiếu đồng ý" in minutes


def test_closing_before_every_room_count_is_entered_is_refused(login, world, campaign, council):
    meeting, (x1, x3) = in_room_session(world, campaign, council)
    office = login(world.users["alice_owner"])
    office.post(url(meeting, "so-phieu/"), {"nomination": x1.pk, "approve": 5, "reject": 0,
                                             "abstain": 0, "previous": ""})
    page = office.post(url(meeting, "ket-thuc/"), follow=True).content.decode()
    assert "Chưa ghi số phiếu tại phòng họp của" in page
    meeting.refresh_from_db()
    assert meeting.status == "open"
    assert Attendance.objects.filter(meeting=meeting, present=True).count() == 5


def test_the_method_cannot_change_once_counts_are_recorded(login, world, campaign, council):
    meeting, (x1, _) = in_room_session(world, campaign, council)
    office = login(world.users["alice_owner"])
    office.post(url(meeting, "hinh-thuc/"), {"method": "paper_ballot"})
    meeting.refresh_from_db()
    assert meeting.vote_method == "paper_ballot"
    office.post(url(meeting, "so-phieu/"), {"nomination": x1.pk, "approve": 3, "reject": 2,
                                             "abstain": 0, "previous": ""})
    page = office.post(url(meeting, "hinh-thuc/"), {"method": "online"},
                       follow=True).content.decode()
    assert "không đổi hình thức biểu quyết được nữa" in page
    meeting.refresh_from_db()
    assert meeting.vote_method == "paper_ballot"
