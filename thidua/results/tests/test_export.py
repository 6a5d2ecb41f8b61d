"""Export in the template's shape: what is exported can be imported again unchanged."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.results.models import AnnualResult


def test_an_export_imports_back_as_a_replace(world, login, bands, make_sheet):
    client = login(world.users["alice_owner"])
    p1 = world.units["P1"].pk
    client.post("/ket-qua/nhap/chi-so-cchc/", {"pham_vi": p1, "nam": 2024, "file": make_sheet(
        "chi-so-cchc", [["P1-H1", "", "91", "", "", "88"], ["P1-X1", "", "79.5"]])})
    before = sorted(AnnualResult.objects.values_list("unit__code", "score", "rank",
                                                     "classification", "sipas"))
    response = client.get(f"/ket-qua/xuat/chi-so-cchc/?nam=2024&pham_vi={p1}")
    assert response.status_code == 200
    upload = SimpleUploadedFile("xuat.xlsx", response.content)
    again = client.post("/ket-qua/nhap/chi-so-cchc/", {"pham_vi": p1, "nam": 2024, "file": upload,
                                                       "thay_the": "on"})
    assert again.status_code == 302
    after = sorted(AnnualResult.objects.values_list("unit__code", "score", "rank",
                                                    "classification", "sipas"))
    assert after == before
    assert io.BytesIO(response.content).getbuffer().nbytes > 0


def test_staff_without_scope_gets_an_empty_sheet(world, login):
    response = login(world.users["stan_staff"]).get("/ket-qua/xuat/chi-so-cchc/?nam=2024")
    assert response.status_code == 200
