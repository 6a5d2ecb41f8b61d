"""The base salaries in force since 2019 (thidua.awards.money.BASE_SALARIES), each citing its decree."""

from datetime import date

from django.db import migrations

ROWS = [
    (date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP, Điều 3"),
    (date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP, Điều 3"),
    (date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP, Điều 3"),
]


def load(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for valid_from, amount, basis in ROWS:
        BaseSalary.objects.update_or_create(valid_from=valid_from,
                                            defaults={"amount": amount, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
