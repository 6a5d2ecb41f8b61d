"""The base salaries in force since 2019, each citing its decree (thidua/rules/award_forms.yaml)."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.rules.award_forms import catalogue

    BaseSalary = apps.get_model("awards", "BaseSalary")
    for row in catalogue().base_salaries:
        BaseSalary.objects.update_or_create(valid_from=row.valid_from, defaults={
            "amount": row.amount, "legal_basis": row.legal_basis})


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
