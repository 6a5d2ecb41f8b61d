"""Council sessions: online votes, recusal, written votes, quorum, the Art. 4.6 tie-break."""

from datetime import time

from django.utils import timezone

from thidua.awards import services, testing
from thidua.awards.models import Attendance, Kind, Nomination, Source, State, VoteResult


def before_council(world, campaign, council, unit_key, person_key):
    dossier = testing.make_dossier(world, unit_key, state=State.APPRAISED, with_nomination=False,
                                   campaign=campaign)
    Nomination.objects.create(dossier=dossier, kind=Kind.INDIVIDUAL, unit=world.units[unit_key],
                              person=world.people[person_key], source=Source.MANUAL,
                              award_form=campaign.award_forms.get(code="KG-AF-MERIT-P-IND"))
    return dossier


def session(world, campaign, council):
    meeting = services.meeting_create(actor=world.users["alice_owner"], council=council,
                                      held_on=timezone.localdate(), start=time(8, 0),
                                      venue="Hội trường", purpose="xét khen thưởng",
                                      secretary="Lê Thư Ký")
    dossiers = [before_council(world, campaign, council, "X1", "p_x1"),
                before_council(world, campaign, council, "X3", "p_x3")]
    for d in dossiers:
        services.dossier_transition(actor=world.users["alice_owner"], dossier=d,
                                    name="send_to_council", meeting=meeting)
    return meeting, dossiers


def vote(client, meeting, nomination, choice):
    return client.post(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/bieu-quyet/",
                       {"nomination": nomination.pk, "choice": choice}, follow=True)


def test_a_member_from_the_nominated_unit_is_recused_and_ties_prefer_women(login, world,
                                                                            campaign, council):
    meeting, dossiers = session(world, campaign, council)
    x1, x3 = (d.nominations.get() for d in dossiers)
    recused_member = council.members.exclude(user=world.users["carl_council"]).first()
    recused_member.home_unit = world.units["X3"]
    recused_member.save()
    for member in council.members.all():
        client = login(member.user)
        vote(client, meeting, x1, "approve")
        page = vote(client, meeting, x3, "approve")
        if member == recused_member:
            assert "không tham gia biểu quyết" in page.content.decode()
    services.meeting_close(actor=world.users["carl_council"], meeting=meeting)
    r1 = VoteResult.objects.get(nomination=x1)
    r3 = VoteResult.objects.get(nomination=x3)
    assert (r1.approve, r1.members) == (3, 3) and (r3.approve, r3.members) == (2, 2)
    assert r3.recused == [recused_member.name]
    assert r1.rank == 1 and r1.preferred and "152/2025" in r1.note and r3.rank == 2
    page = login(world.users["carl_council"]).get(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/")
    assert "ưu tiên" in page.content.decode()


def test_an_absent_member_votes_in_writing_through_the_office(login, world, campaign, council):
    meeting, dossiers = session(world, campaign, council)
    x1 = dossiers[0].nominations.get()
    absent = council.members.exclude(user=world.users["carl_council"]).first()
    owner = login(world.users["alice_owner"])
    owner.post(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/diem-danh/",
               {"member": absent.pk, "status": "written", "reason": "Công tác"})
    assert Attendance.objects.get(meeting=meeting, member=absent).written_vote
    page = owner.post(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/bieu-quyet/",
                      {"nomination": x1.pk, "choice": "reject", "member": absent.pk}, follow=True)
    assert "Đã ghi nhận" in page.content.decode()
    assert meeting.ballots.get(member=absent).written


def test_closing_without_quorum_is_refused(login, world, campaign, council):
    meeting, _ = session(world, campaign, council)
    for member in council.members.exclude(user=world.users["carl_council"]):
        Attendance.objects.filter(meeting=meeting, member=member).update(present=False)
    page = login(world.users["carl_council"]).post(
        f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/ket-thuc/", follow=True)
    assert "Chưa đủ số thành viên dự họp: 1/3" in page.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "open"


def test_a_candidate_short_of_the_share_fails(login, world, campaign, council):
    meeting, dossiers = session(world, campaign, council)
    x1 = dossiers[0].nominations.get()
    members = list(council.members.all())
    vote(login(members[0].user), meeting, x1, "approve")
    vote(login(members[1].user), meeting, x1, "reject")
    services.meeting_close(actor=world.users["alice_owner"], meeting=meeting)
    x1.refresh_from_db()
    assert x1.outcome == "failed"
    dossiers[0].refresh_from_db()
    assert dossiers[0].state == State.VOTED
