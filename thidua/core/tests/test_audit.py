"""Bulk audit entries keep before/after values and never a password."""

import pytest
from auditlog.models import LogEntry

from thidua.accounts.models import User
from thidua.core.audit import Action, audit_bulk, audit_summary, snapshot
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


def test_bulk_update_records_old_and_new(world):
    person = world.people["p_x1"]
    before = [snapshot(person)]
    person.position = "Phó Chủ tịch"
    audit_bulk([person], Action.UPDATE, actor=world.users["alice_owner"], before=before, note="thử")
    entry = LogEntry.objects.get_for_object(person).filter(additional_data__bulk=True).get()
    assert entry.changes == {"position": ["Chuyên viên", "Phó Chủ tịch"]}
    assert entry.actor == world.users["alice_owner"]


def test_passwords_never_reach_the_trail(world):
    user = world.users["olga_officer"]
    audit_bulk([user], Action.CREATE, note="thử")
    entry = LogEntry.objects.get_for_object(user).filter(additional_data__bulk=True).get()
    assert "password" not in entry.changes


def test_summary_entry(world):
    entry = audit_summary(Person, note="Nạp dữ liệu quốc gia", count=2_500_000)
    assert entry.additional_data["count"] == 2_500_000 and "2500000" in entry.object_repr
    assert User.objects.count() > 0
