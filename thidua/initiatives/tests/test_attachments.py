"""Attachments: upload by an author, download only in scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.initiatives.models import Attachment
from thidua.initiatives.testing import make_attachment, make_initiative

pytestmark = pytest.mark.django_db


def test_an_author_uploads_and_downloads(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_staff"]])
    client = login(world.users["stan_staff"])
    client.post(reverse("initiatives:attach", args=[initiative.pk]),
                {"file": SimpleUploadedFile("thuyet-minh.pdf", b"%PDF-1.4 x")})
    attachment = Attachment.objects.get()
    response = client.get(reverse("initiatives:attachment", args=[initiative.pk, attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 x"


def test_it_refuses_an_executable(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_staff"]])
    login(world.users["stan_staff"]).post(reverse("initiatives:attach", args=[initiative.pk]),
                                          {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert not Attachment.objects.exists()


def test_it_rejects_other_unit(world, login):
    initiative = make_initiative(world.units["X3"], [world.people["p_x3"]])
    attachment = make_attachment(initiative)
    response = login(world.users["olga_officer"]).get(
        reverse("initiatives:attachment", args=[initiative.pk, attachment.pk]))
    assert response.status_code == 403
