"""The signer signs a decision through the signing page (HTTP); the signed paper is frozen."""

from __future__ import annotations

import hashlib
from datetime import UTC

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from thidua.awards import testing
from thidua.signing.models import SignedPaper
from thidua.signing.pades import verify_pdf
from thidua.signing.testing import simple_pdf


@pytest.fixture
def decision(world):
    decision = testing.sample_decision(world, "X1")
    decision.pdf.save("quyet-dinh.pdf", ContentFile(simple_pdf("QUYET DINH SO 1")))
    return decision


@pytest.fixture
def signer(world, authority):
    user = world.users["sam_signer"]
    authority.key_for(user.username, "Nguyễn Văn Ký", organisation="UBND tỉnh")
    return user


def _url(decision):
    return f"/ky-so/quyet-dinh/{decision.pk}/"


def test_the_signer_signs_and_the_download_is_byte_identical(login, decision, signer, authority):
    client = login(signer)
    page = client.get(_url(decision))
    assert page.status_code == 200
    assert "Chưa ký số" in page.content.decode()
    response = client.post(_url(decision), follow=True)
    text = response.content.decode()
    assert "Đã ký số" in text and "lần 1" in text
    row = SignedPaper.objects.get(kind="quyet-dinh", object_id=decision.pk)
    assert row.version == 1 and row.signer == signer and row.level == "B-B"
    assert row.signer_name == "sam_signer" or row.signer_name
    assert row.certificate_issuer.startswith("CA thử nghiệm của bộ kiểm thử")
    assert row.source_sha256 == hashlib.sha256(decision.pdf.open("rb").read()).hexdigest()
    download = client.get(f"/ky-so/ban-da-ky/{row.pk}/")
    assert download.status_code == 200
    data = download.content
    assert hashlib.sha256(data).hexdigest() == row.sha256 == download["X-Content-SHA256"]
    assert verify_pdf(data, trust_roots=[authority.root]).status == "valid"
    # who, when, which certificate: on the page, and in the audit log
    assert row.certificate_serial in client.get(_url(decision)).content.decode()
    assert LogEntry.objects.get_for_object(row).filter(action=LogEntry.Action.CREATE).exists()
    # the decision page shows it
    assert "Tải bản đã ký (PDF)" in client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/") \
        .content.decode()


def test_the_same_paper_is_not_signed_twice_and_a_change_is_a_new_version(login, decision, signer):
    client = login(signer)
    client.post(_url(decision))
    again = client.post(_url(decision), follow=True).content.decode()
    assert "đã được ký (lần 1" in again
    assert SignedPaper.objects.filter(object_id=decision.pk).count() == 1
    decision.pdf.save("quyet-dinh.pdf", ContentFile(simple_pdf("QUYET DINH SO 1 (SUA)")))
    client.post(_url(decision))
    versions = list(SignedPaper.objects.filter(object_id=decision.pk).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].source_sha256 != versions[1].source_sha256


def test_a_signed_paper_cannot_be_edited_in_place(login, decision, signer):
    client = login(signer)
    client.post(_url(decision))
    row = SignedPaper.objects.get(object_id=decision.pk)
    row.signer_name = "Người khác"
    with pytest.raises(ValidationError, match="không được sửa"):
        row.save()
    with pytest.raises(ValidationError, match="không được xóa"):
        row.delete()
    # the stored bytes changed behind the application's back: the download is refused
    path = row.file.path
    with open(path, "r+b") as handle:
        handle.seek(100)
        handle.write(b"X")
    response = client.get(f"/ky-so/ban-da-ky/{row.pk}/")
    assert response.status_code == 409
    assert "không còn khớp với mã băm" in response.content.decode()


def test_only_a_signer_of_the_issuing_body_may_sign(login, world, decision, authority):
    owner = world.users["alice_owner"]
    authority.key_for(owner.username, "Alice")
    client = login(owner)
    assert client.get(_url(decision)).status_code == 200
    assert client.post(_url(decision)).status_code == 403
    assert not SignedPaper.objects.exists()


def test_it_refuses_another_units_paper(login, world, authority):
    other = testing.sample_decision(world, "Y1")
    client = login(world.users["sam_signer"])
    assert client.get(_url(other)).status_code in (403, 404)
    assert client.post(_url(other)).status_code in (403, 404)


def test_without_a_key_it_says_so_in_vietnamese(login, world, decision, authority):
    client = login(world.users["sam_signer"])
    text = client.post(_url(decision), follow=True).content.decode()
    assert "Chưa có khóa ký số của “sam_signer”" in text
    assert not SignedPaper.objects.exists()


def test_an_expired_key_cannot_sign(login, world, decision, authority):
    from datetime import datetime, timedelta

    now = datetime.now(tz=UTC)
    authority.key_for("sam_signer", "Sam", not_before=now - timedelta(days=30),
                      not_after=now - timedelta(days=1))
    text = login(world.users["sam_signer"]).post(_url(decision), follow=True).content.decode()
    assert "Chứng thư số của bạn đã hết hạn" in text


def test_the_pkcs11_backend_without_a_module_says_what_to_configure(login, world, decision,
                                                                    settings):
    settings.SIGNING_KEY_BACKEND = "pkcs11"
    settings.SIGNING_PKCS11_MODULE = "/khong/co/thu-vien.so"
    text = login(world.users["sam_signer"]).post(_url(decision), follow=True).content.decode()
    assert "SIGNING_PKCS11_MODULE" in text
    assert not SignedPaper.objects.exists()


def test_a_certificate_and_the_council_minutes_are_signed_too(login, world, decision, signer):
    from thidua.awards.models import MeetingStatus

    client = login(signer)
    award = decision.awards.first()
    award.certificate.save("bang-khen.pdf", ContentFile(simple_pdf("BANG KHEN")))
    assert "Ký số bằng khen" in client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/") \
        .content.decode()
    client.post(f"/ky-so/bang-khen/{award.pk}/")
    assert SignedPaper.objects.get(kind="bang-khen", object_id=award.pk).version == 1

    meeting = testing.sample_meeting(world, "P1")
    text = client.get(f"/ky-so/bien-ban/{meeting.pk}/").content.decode()
    assert "Biên bản được lập khi kết thúc biểu quyết." in text  # not closed: nothing to sign
    assert client.post(f"/ky-so/bien-ban/{meeting.pk}/").status_code == 302
    assert not SignedPaper.objects.filter(kind="bien-ban").exists()
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    meeting.minutes_pdf.save("bien-ban.pdf", ContentFile(simple_pdf("BIEN BAN")))
    client.post(f"/ky-so/bien-ban/{meeting.pk}/")
    row = SignedPaper.objects.get(kind="bien-ban", object_id=meeting.pk)
    assert row.title.startswith("Biên bản họp")
    assert "Đã ký số" in client.get(f"/khen-thuong/hoi-dong/phien-hop/{meeting.pk}/") \
        .content.decode()
