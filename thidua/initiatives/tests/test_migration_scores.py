"""The data migration moves the old one-person scores to judging sheets (and back)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("initiatives", "0001_initial"), ("judging", "0001_initial")]
AFTER = [("initiatives", "0003_delete_score")]


@pytest.fixture
def _reference_data():
    yield
    # A transactional test empties every table afterwards; put the migrations' reference rows back.
    from thidua.core.testing import restore_migration_data

    restore_migration_data()


@pytest.mark.django_db(transaction=True)
def test_scores_become_sheets_on_the_province_panel(world, _reference_data):
    from thidua.initiatives.testing import make_initiative

    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("initiatives", "Score").objects.create(
        initiative_id=initiative.pk, member_id=world.users["carl_council"].pk, novelty=20,
        effectiveness=35, applicability=25, comment="Thiết thực", scored_at=timezone.now())
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    from thidua.judging.models import Sheet

    sheet = Sheet.objects.select_related("entry__panel", "judge").get()
    assert sheet.total == 80 and sheet.comment == "Thiết thực"
    assert sheet.entry.source_id == initiative.pk and sheet.entry.code == f"SK-{initiative.pk:05d}"
    assert sheet.entry.panel.organiser == world.units["P1"] and sheet.entry.panel.source == "initiatives"
    assert sheet.judge.user == world.users["carl_council"]
    assert sorted(sheet.values.values()) == ["20", "25", "35"]
