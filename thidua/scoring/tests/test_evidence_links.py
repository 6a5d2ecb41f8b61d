"""Evidence from documents already in the system, offered through the evidence registry."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.urls import reverse

from thidua.initiatives.models import Status
from thidua.initiatives.testing import make_initiative
from thidua.scoring.models import Evidence
from thidua.scoring.testing import make_criteria_set

pytestmark = pytest.mark.django_db


def test_the_unit_cites_its_recognised_initiative(world, login):
    cs = make_criteria_set(world.units["P1"], world.categories["xa"], [world.units["X1"]])
    a = cs.assessments.get()
    sub = cs.sub_criteria.get(code="1.1.1")
    recognised = make_initiative(world.units["X1"], [world.people["p_x1"]], year=2025,
                                 title="Một cửa số", status=Status.RECOGNISED, level="co_quan",
                                 decision_number="7/QĐ-UBND", decision_date=date(2025, 5, 2))
    pending = make_initiative(world.units["X1"], [world.people["p_x1"]], year=2025,
                              title="Chưa công nhận")
    other = make_initiative(world.units["X3"], [world.people["p_x3"]], year=2025,
                            title="Của xã khác", status=Status.RECOGNISED, level="co_quan",
                            decision_number="8/QĐ-UBND", decision_date=date(2025, 5, 2))
    client = login(world.users["olga_officer"])
    page = html.unescape(client.get(reverse("scoring:assessment", args=[a.pk])).content.decode())
    assert "Sáng kiến «Một cửa số» (Quyết định số 7/QĐ-UBND)" in page
    assert "Chưa công nhận" not in page and "Của xã khác" not in page
    client.post(reverse("scoring:evidence", args=[a.pk]),
                {"tieu_chi": sub.pk, "tai_lieu": f"sang-kien:{recognised.pk}"})
    item = Evidence.objects.get()
    assert (item.source, item.reference) == ("sang-kien", str(recognised.pk))
    # Another unit's initiative (or one not recognised) cannot be cited.
    for refused in (other, pending):
        page = html.unescape(client.post(reverse("scoring:evidence", args=[a.pk]), {
            "tieu_chi": sub.pk, "tai_lieu": f"sang-kien:{refused.pk}"}, follow=True)
            .content.decode())
        assert "Không tìm thấy tài liệu này trong hệ thống của đơn vị năm 2025." in page
    assert Evidence.objects.count() == 1
