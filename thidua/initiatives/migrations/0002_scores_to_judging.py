"""Council scores move to the shared judging module: one sheet per (initiative, member) on the
province's initiative council panel (rubric 30/40/30, minimum one sheet, plain mean)."""

from django.db import migrations
from django.utils import timezone

RUBRIC = [("Tính mới", 30), ("Tính hiệu quả", 40), ("Khả năng áp dụng, nhân rộng", 30)]


def _province(unit):
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


def forward(apps, schema_editor):
    try:
        Score = apps.get_model("initiatives", "Score")
    except LookupError:  # re-run on today's models (thidua.core.testing.restore_migration_data)
        return
    Panel = apps.get_model("judging", "Panel")
    Criterion = apps.get_model("judging", "Criterion")
    Stage = apps.get_model("judging", "Stage")
    Entry = apps.get_model("judging", "Entry")
    Judge = apps.get_model("judging", "Judge")
    Declaration = apps.get_model("judging", "Declaration")
    Sheet = apps.get_model("judging", "Sheet")
    for score in Score.objects.select_related("initiative__unit", "member").order_by("pk"):
        initiative = score.initiative
        province = _province(initiative.unit)
        panel = Panel.objects.filter(source="initiatives", organiser=province).first()
        if panel is None:
            panel = Panel.objects.create(name=f"Hội đồng xét sáng kiến {province.name}", source="initiatives",
                                         organiser=province, min_scores=1, method="mean")
            for order, (name, high) in enumerate(RUBRIC, start=1):
                Criterion.objects.create(panel=panel, order=order, name=name, weight=1, low=0, high=high)
            Stage.objects.create(panel=panel, number=1, name="Hội đồng chấm điểm", opened_at=timezone.now())
        criteria = list(Criterion.objects.filter(panel=panel).order_by("order"))
        stage = Stage.objects.get(panel=panel, number=1)
        entry, _ = Entry.objects.get_or_create(
            panel=panel, source_id=initiative.pk,
            defaults={"code": f"SK-{initiative.pk:05d}", "unit_id": initiative.unit_id,
                      "submitted_at": initiative.submitted_at,
                      "withdrawn": initiative.status in ("recognised", "rejected")})
        person_id = getattr(score.member, "person_id", None)
        unit_id = None
        if person_id:
            unit_id = apps.get_model("org", "Person").objects.get(pk=person_id).unit_id
        judge, _ = Judge.objects.get_or_create(panel=panel, user_id=score.member_id,
                                               defaults={"unit_id": unit_id, "active": True})
        Declaration.objects.get_or_create(judge=judge, entry=entry, defaults={"conflict": False})
        parts = [score.novelty, score.effectiveness, score.applicability]
        Sheet.objects.create(stage=stage, entry=entry, judge=judge, total=sum(parts), comment=score.comment,
                             values={str(c.pk): str(v) for c, v in zip(criteria, parts)},
                             updated_at=score.scored_at)


def backward(apps, schema_editor):
    Score = apps.get_model("initiatives", "Score")
    Sheet = apps.get_model("judging", "Sheet")
    Criterion = apps.get_model("judging", "Criterion")
    for sheet in Sheet.objects.filter(entry__panel__source="initiatives").select_related("judge", "entry"):
        keys = [str(c.pk) for c in Criterion.objects.filter(panel_id=sheet.entry.panel_id).order_by("order")]
        novelty, effectiveness, applicability = (int(float(sheet.values.get(k, 0))) for k in keys)
        Score.objects.create(initiative_id=sheet.entry.source_id, member_id=sheet.judge.user_id,
                             novelty=novelty, effectiveness=effectiveness, applicability=applicability,
                             comment=sheet.comment, scored_at=sheet.updated_at)
    apps.get_model("judging", "Panel").objects.filter(source="initiatives").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
        ("judging", "0001_initial"),
        ("org", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, backward)]
