"""The Home Affairs office's appraisal worklist: filters, days left, bulk actions, notices."""

from thidua.awards import testing
from thidua.awards.models import Dossier, State
from thidua.notices.models import Notice


def test_it_lists_dossiers_to_handle_with_days_left_and_filters(login, world, campaign):
    testing.make_dossier(world, "X1", state=State.SUBMITTED, campaign=campaign)
    testing.make_dossier(world, "X3", state=State.RECEIVED, campaign=campaign)
    testing.make_dossier(world, "Y1", state=State.SUBMITTED, campaign=campaign)  # other province
    client = login(world.users["alice_owner"])
    page = client.get("/khen-thuong/tham-dinh/").content.decode()
    assert "Xã Lũng Cú" in page and "Xã Pải Lủng" in page and "Đắk Búk So" not in page
    assert "còn 10 ngày" in page
    page = client.get("/khen-thuong/tham-dinh/?state=received").content.decode()
    assert "Xã Pải Lủng" in page and "Xã Lũng Cú" not in page
    page = client.get("/khen-thuong/tham-dinh/?q=lung cu", HTTP_HX_REQUEST="true").content.decode()
    assert "Xã Lũng Cú" in page and "<html" not in page


def test_bulk_receive_and_return_with_reasons(login, world, campaign, mailoutbox,
                                              django_capture_on_commit_callbacks):
    world.users["olga_officer"].email = "olga@example.vn"
    world.users["olga_officer"].save()
    a = testing.make_dossier(world, "X1", state=State.SUBMITTED, campaign=campaign)
    b = testing.make_dossier(world, "X3", state=State.SUBMITTED, campaign=campaign)
    client = login(world.users["alice_owner"])
    client.post("/khen-thuong/tham-dinh/hang-loat/", {"dossier": [a.pk, b.pk], "action": "receive"})
    client.post("/khen-thuong/tham-dinh/hang-loat/", {"dossier": [a.pk, b.pk],
                                                      "action": "start_appraisal"})
    assert set(Dossier.objects.values_list("state", flat=True)) == {State.UNDER_APPRAISAL}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/khen-thuong/tham-dinh/hang-loat/", {
            "dossier": [a.pk], "action": "return_for_revision", "reason": "Thiếu biên bản"})
    a.refresh_from_db()
    assert a.state == State.RETURNED and a.return_reasons == "Thiếu biên bản"
    assert Notice.objects.filter(user=world.users["olga_officer"], event="dossier_returned",
                                 message__contains="Thiếu biên bản",
                                 url=f"/khen-thuong/ho-so/{a.pk}/").exists()
    assert mailoutbox and "Thiếu biên bản" in mailoutbox[0].body


def test_it_rejects_other_roles(login, world):
    assert login(world.users["olga_officer"]).get("/khen-thuong/tham-dinh/").status_code == 403
