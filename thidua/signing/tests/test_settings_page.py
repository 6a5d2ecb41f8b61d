"""The signing settings page (HTTP): a signer's name and signature image, a body's signature box;
the box set for a body is where the next signature of its papers stands."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from thidua.awards import testing
from thidua.signing.models import BodyAppearance, SignedPaper, SignerProfile
from thidua.signing.testing import simple_pdf

URL = "/ky-so/cau-hinh/"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (120, 50), (0, 0, 200, 255)).save(out, "PNG")
    return out.getvalue()


def _box(world, **overrides):
    unit = world.units["P1"]
    data = {"what": "body", "unit": unit.pk, f"u{unit.pk}-display_name": "UBND tỉnh P1",
            f"u{unit.pk}-location": "Rạch Giá", f"u{unit.pk}-page": "-1",
            f"u{unit.pk}-x": "320", f"u{unit.pk}-y": "120", f"u{unit.pk}-width": "220",
            f"u{unit.pk}-height": "70"}
    data.update({f"u{unit.pk}-{k}": v for k, v in overrides.items()})
    return data


def test_the_signer_sets_their_signature_and_the_bodys_box(login, world, authority):
    signer = world.users["sam_signer"]
    client = login(signer)
    page = client.get(URL).content.decode()
    assert world.units["P1"].name in page and "đang dùng mặc định" in page
    response = client.post(URL, {"what": "profile", "display_name": "Nguyễn Văn Ký",
                                 "signature_image": SimpleUploadedFile("ky.png", _png())},
                           follow=True)
    assert "Đã lưu chữ ký của bạn." in response.content.decode()
    profile = SignerProfile.objects.get(user=signer)
    assert profile.display_name == "Nguyễn Văn Ký" and profile.signature_image
    assert "Đã lưu cách hiển thị" in client.post(URL, _box(world), follow=True).content.decode()
    body = BodyAppearance.objects.get(unit=world.units["P1"])
    assert (body.x, body.y, body.width, body.height) == (320, 120, 220, 70)

    decision = testing.sample_decision(world, "X1")
    assert decision.issuer == world.units["P1"]
    decision.pdf.save("quyet-dinh.pdf", ContentFile(simple_pdf()))
    authority.key_for(signer.username, "Nguyễn Văn Ký")
    client.post(f"/ky-so/quyet-dinh/{decision.pk}/")
    row = SignedPaper.objects.get(object_id=decision.pk)
    assert row.signer_name == "Nguyễn Văn Ký"
    with row.file.open("rb") as handle:
        reader = PdfFileReader(io.BytesIO(handle.read()))
    field = reader.embedded_signatures[0].sig_field
    assert [round(float(v)) for v in field["/Rect"]] == [320, 120, 540, 190]


def test_it_refuses_a_non_png_and_a_box_outside_the_page(login, world):
    client = login(world.users["sam_signer"])
    text = client.post(URL, {"what": "profile", "display_name": "A",
                             "signature_image": SimpleUploadedFile("ky.png", b"GIF89a....")},
                       follow=True).content.decode()
    assert "Nội dung tệp “ky.png” không phải" in text
    assert not SignerProfile.objects.exists()
    text = client.post(URL, _box(world, x="500"), follow=True).content.decode()
    assert "Ô chữ ký vượt ra ngoài trang A4" in text
    assert not BodyAppearance.objects.exists()


@pytest.mark.parametrize("persona", ["sam_signer", "alice_owner"])
def test_it_refuses_another_body(login, world, persona):
    client = login(world.users[persona])
    data = _box(world)
    data["unit"] = world.units["P2"].pk
    assert client.post(URL, data).status_code == 403
    assert not BodyAppearance.objects.exists()


def test_staff_and_officers_do_not_see_it(login, world):
    for persona in ("stan_staff", "olga_officer"):
        assert login(world.users[persona]).get(URL).status_code == 403
