"""Bring an existing catalogue table to thidua/rules/award_forms.yaml (the one definition).

Databases migrated before the catalogue was read from that file keep its former rows: without
the individual multiples of the certificates, with the notes of that time. The loader of 0002 is
idempotent, so it is run again; a later change of the file adds a migration like this one.
"""

from importlib import import_module

from django.db import migrations


def load(apps, schema_editor):
    import_module("thidua.campaigns.migrations.0002_award_form_catalogue").load(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0004_registration_per_year")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
