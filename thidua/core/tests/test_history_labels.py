"""Every field a change history can show has a Vietnamese label: where a model left Django's
English default ("created by"), the shared label or the related model's name stands in."""

from django.apps import apps
from django.db import models

from thidua.core.audit import field_label

# Acronyms that are the indexes' own names, written the same way in Vietnamese papers.
ACRONYMS = {"pci", "papi"}


def test_no_field_label_falls_back_to_djangos_english():
    english = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models() if model.__module__.startswith("thidua")
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and not field.primary_key and field.editable
        and field.name not in ACRONYMS
        and field_label(field).lower() == field.name.replace("_", " ")
    ]
    assert english == []


def test_a_bookkeeping_user_field_reads_as_a_person():
    dossier = apps.get_model("awards", "Dossier")
    assert field_label(dossier._meta.get_field("created_by")) == "Người tạo"
    campaign_field = apps.get_model("campaigns", "Registration")._meta.get_field("campaign")
    assert field_label(campaign_field)[0].isupper()
    assert field_label(campaign_field).lower() != "campaign"
