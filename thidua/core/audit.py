"""Audit trail: django-auditlog records single saves; this module adds bulk writes and reads.

Bulk paths (imports, demo loading, bulk status changes) bypass model signals, so they call
`audit_bulk` explicitly: one LogEntry per row, written with one bulk INSERT.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.forms.models import model_to_dict

Action = LogEntry.Action


def _jsonable(value: Any) -> str:
    return "None" if value is None else str(value)


# Never written to the audit trail, whatever the model registration says.
ALWAYS_EXCLUDED = frozenset({"password"})


def _excluded(model: type[Model]) -> frozenset[str]:
    """The fields auditlog leaves out for this model (as registered), plus secrets."""
    from auditlog.registry import auditlog

    if auditlog.contains(model):
        return ALWAYS_EXCLUDED | frozenset(auditlog.get_model_fields(model)["exclude_fields"])
    return ALWAYS_EXCLUDED


def snapshot(instance: Model) -> dict[str, str]:
    """Field values as text, the way auditlog stores them, without excluded fields."""
    excluded = _excluded(type(instance))
    return {
        key: _jsonable(value)
        for key, value in model_to_dict(instance).items()
        if key not in excluded and not isinstance(value, list | tuple | set)
    }


def audit_bulk(
    instances: Sequence[Model],
    action: int,
    *,
    actor: Any = None,
    before: Sequence[dict[str, str]] | None = None,
    note: str = "",
) -> int:
    """Record one LogEntry per instance: create/delete keep the values, update keeps old->new."""
    if not instances:
        return 0
    content_type = ContentType.objects.get_for_model(instances[0])
    cid = get_cid()
    entries = []
    for index, instance in enumerate(instances):
        after = snapshot(instance)
        if action == Action.CREATE:
            changes = {key: ["None", value] for key, value in after.items()}
        elif action == Action.DELETE:
            changes = {key: [value, "None"] for key, value in after.items()}
        else:
            old = before[index] if before else {}
            changes = {
                key: [old.get(key, "None"), value]
                for key, value in after.items()
                if old.get(key) != value
            }
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(instance.pk),
                object_id=instance.pk if isinstance(instance.pk, int) else None,
                object_repr=str(instance)[:200],
                action=action,
                changes=changes,
                changes_text=note,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                cid=cid,
                additional_data={"bulk": True, "note": note} if note else {"bulk": True},
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def audit_summary(model: type[Model], *, actor: Any = None, note: str, count: int) -> LogEntry:
    """One entry standing for a bulk write too large to log row by row (e.g. national data)."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="*",
        object_repr=f"{count} {model._meta.verbose_name_plural}",
        action=Action.CREATE,
        changes={},
        changes_text=note,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        cid=get_cid(),
        additional_data={"bulk": True, "count": count, "note": note},
    )


def history(instance: Model) -> QuerySet[LogEntry]:
    """The object's audit entries, newest first, with their actors."""
    return (
        LogEntry.objects.get_for_object(instance)
        .select_related("actor")
        .order_by("-timestamp", "-id")
    )


def register(*models: type[Model], exclude: Iterable[str] = ()) -> None:
    """Register models with auditlog (called from each app's ready())."""
    from auditlog.registry import auditlog

    for model in models:
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=list(exclude))
