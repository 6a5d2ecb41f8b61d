"""The award-form catalogue, as dated versions of the law (DOMAIN.md §7), from its one
definition: thidua/rules/award_forms.yaml.

Idempotent (update_or_create): re-running it brings the table to the parameters file, which is
what a later migration does when the file changes (tests/test_one_definition.py fails until then).
"""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.rules.award_forms import catalogue

    AwardFormType = apps.get_model("campaigns", "AwardFormType")
    AwardFormVersion = apps.get_model("campaigns", "AwardFormVersion")
    for position, form in enumerate(catalogue().forms.values(), start=1):
        entry, _ = AwardFormType.objects.update_or_create(code=form.code, defaults={
            "name": form.name, "kind": form.kind, "subject": form.subject,
            "authority_level": form.authority_level, "position": position})
        for version in form.versions:
            AwardFormVersion.objects.update_or_create(
                award_form=entry, valid_from=version.valid_from, defaults={
                    "valid_to": version.valid_to, "name": form.name,
                    "authority": version.authority,
                    "legal_reference": version.legal_reference,
                    "reward_multiple_collective": version.collective,
                    "reward_multiple_individual": version.individual,
                    "reward_reference": version.reward_reference,
                    "note": form.shown_note(version),
                })
        AwardFormVersion.objects.filter(award_form=entry).exclude(
            valid_from__in=[v.valid_from for v in form.versions]).delete()


def unload(apps, schema_editor):
    apps.get_model("campaigns", "AwardFormType").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
