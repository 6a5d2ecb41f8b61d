"""Officers write stories with a photo and publish them; the public sees them once published."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from thidua.public.models import Story

pytestmark = pytest.mark.django_db


def png(width=2400, height=1200):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 40)).save(out, "PNG")
    return SimpleUploadedFile("anh.png", out.getvalue(), content_type="image/png")


def form(world, **extra):
    data = {"title": "Xã Lũng Cú: một cửa không giấy", "kind": "collective",
            "unit": world.units["X1"].pk, "year": 2024, "summary": "Tập thể tiêu biểu.",
            "body": "Đoạn một.\n\nĐoạn hai.", "photo_alt": "Cán bộ xã tại bộ phận một cửa"}
    data.update(extra)
    return data


def test_an_officer_writes_publishes_and_withdraws_a_story(world, login, client):
    officer = login(world.users["olga_officer"])
    response = officer.post("/vinh-danh/quan-ly/moi/", form(world, photo=png()))
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.slug == "xa-lung-cu-mot-cua-khong-giay" and story.status == "draft"
    with Image.open(story.photo.open("rb")) as image:
        assert image.format == "JPEG" and max(image.size) == 1600
    client.logout()
    assert client.get(f"/vinh-danh/guong-dien-hinh/{story.slug}/").status_code == 404

    officer = login(world.users["olga_officer"])
    officer.post(f"/vinh-danh/quan-ly/{story.pk}/cong-bo/", {"publish": "1"})
    client.logout()
    page = client.get(f"/vinh-danh/guong-dien-hinh/{story.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'alt="Cán bộ xã tại bộ phận một cửa"' in html and "<p>Đoạn hai.</p>" in html
    assert 'property="og:image"' in html and 'rel="canonical"' in html
    photo = client.get(f"/vinh-danh/guong-dien-hinh/{story.slug}/anh.jpg")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert "xa-lung-cu-mot-cua-khong-giay" in client.get("/vinh-danh/sitemap.xml").content.decode()

    login(world.users["olga_officer"]).post(f"/vinh-danh/quan-ly/{story.pk}/cong-bo/",
                                            {"publish": "0"})
    client.logout()
    assert client.get(f"/vinh-danh/guong-dien-hinh/{story.slug}/").status_code == 404


def test_a_file_that_is_not_an_image_is_refused(world, login):
    response = login(world.users["olga_officer"]).post("/vinh-danh/quan-ly/moi/", form(
        world, photo=SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")))
    assert response.status_code == 200
    assert "không phải là ảnh" in response.content.decode()
    assert not Story.objects.exists()


def test_a_story_about_a_person_needs_someone_in_scope(world, login):
    officer = login(world.users["olga_officer"])
    response = officer.post("/vinh-danh/quan-ly/moi/", form(world, kind="individual",
                                                           person_code="CB-X3"))
    assert "ngoài phạm vi" in response.content.decode()
    response = officer.post("/vinh-danh/quan-ly/moi/", form(world, kind="individual",
                                                           person_code="CB-X1"))
    assert response.status_code == 302
    assert Story.objects.get().person == world.people["p_x1"]


def test_it_rejects_other_unit(world, login):
    from thidua.public.testing import published_story

    story = published_story(world, unit=world.units["X1"])
    assert login(world.users["oscar_officer"]).get(f"/vinh-danh/quan-ly/{story.pk}/").status_code == 403
    response = login(world.users["oscar_officer"]).post(f"/vinh-danh/quan-ly/{story.pk}/cong-bo/",
                                                        {"publish": "0"})
    assert response.status_code == 403
    assert Story.objects.get().status == "published"


def test_staff_cannot_write_stories(world, login):
    assert login(world.users["stan_staff"]).get("/vinh-danh/quan-ly/moi/").status_code == 403
