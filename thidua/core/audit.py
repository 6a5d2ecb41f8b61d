"""Audit trail: django-auditlog records single saves; this module adds bulk writes and reads.

Bulk paths (imports, demo loading, bulk status changes) bypass model signals, so they call
`audit_bulk` explicitly: one LogEntry per row, written with one bulk INSERT.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model, QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone

from thidua.core.text import vn_number

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


# --- the change history as a person reads it (core/_history.html) ---------------------------

ACTION_LABELS = {Action.CREATE: "Tạo mới", Action.UPDATE: "Cập nhật", Action.DELETE: "Xoá",
                 Action.ACCESS: "Truy cập"}
EMPTY = "(trống)"


@dataclass(frozen=True)
class Change:
    label: str  # the field's verbose name
    before: str  # "" on creation
    after: str


@dataclass(frozen=True)
class HistoryRow:
    timestamp: datetime
    actor: str  # a person's name, or "Hệ thống"
    action: str
    note: str
    changes: list[Change] = field(default_factory=list)


def _raw(value: Any) -> str | None:
    """auditlog's stored text, None for an empty value ("None", "", null)."""
    if value is None:
        return None
    text = str(value)
    return None if text in ("None", "") else text


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _shown(model_field: models.Field, text: str | None, names: dict[tuple[Any, str], str]) -> str:
    """One stored value as a person reads it: choices by label, a related object by name,
    dates as dd/mm/yyyy, yes/no, numbers with a decimal comma and no trailing zeros."""
    if text is None:
        return EMPTY
    if model_field.choices:
        labels = {str(value): str(label) for value, label in model_field.flatchoices}
        return labels.get(text, text)
    if model_field.is_relation and model_field.related_model is not None:
        return names.get((model_field.related_model, text), f"(đã xoá, số {text})")
    if isinstance(model_field, models.BooleanField):
        return {"True": "có", "False": "không"}.get(text, text)
    if isinstance(model_field, models.DateTimeField):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    if isinstance(model_field, models.DateField):
        try:
            return date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return text
    if isinstance(model_field, models.DecimalField | models.FloatField | models.IntegerField):
        number = _decimal(text)
        return text if number is None else vn_number(number)
    if isinstance(model_field, models.JSONField):
        return "đã nhập nội dung"
    if isinstance(model_field, models.FileField):
        return "đã lưu tệp"  # the storage name is no one's business
    return text if len(text) <= 300 else text[:300] + "…"


def _same(model_field: models.Field, old: str | None, new: str | None) -> bool:
    """No change worth showing: "2.00" and "2" are one number, "" and "None" one blank."""
    if old == new:
        return True
    if old is None or new is None:
        return False
    if isinstance(model_field, models.DecimalField | models.FloatField | models.IntegerField):
        a, b = _decimal(old), _decimal(new)
        return a is not None and a == b
    if isinstance(model_field, models.JSONField):
        try:
            return bool(json.loads(old) == json.loads(new))
        except ValueError:
            return False
    return False


def _shown_fields(entry: LogEntry) -> list[tuple[models.Field, str | None, str | None]]:
    model = entry.content_type.model_class()
    if model is None:
        return []
    excluded = _excluded(model)
    shown = []
    for name, pair in (entry.changes_dict or {}).items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if (not isinstance(model_field, models.Field) or model_field.many_to_many
                or model_field.primary_key or name in excluded
                or (not model_field.editable and not model_field.choices)):
            continue  # reverse relations, ids, materialised paths: not the person's data
        old, new = (_raw(pair[0]), _raw(pair[1])) if isinstance(pair, list | tuple) and \
            len(pair) == 2 else (None, None)
        if entry.action == Action.CREATE and new is None \
                or entry.action == Action.DELETE and old is None:
            continue  # a blank field of a new (or deleted) object says nothing
        if entry.action != Action.UPDATE or not _same(model_field, old, new):
            shown.append((model_field, old, new))
    return shown


# Labels of the bookkeeping fields that many models share without a verbose name of their own
# (Django would print "created by"): a person reads Vietnamese.
SHARED_LABELS = {
    "created_by": "người tạo", "updated_by": "người sửa", "submitted_by": "người gửi",
    "granted_by": "người cho phép", "entered_by": "người nhập", "recorded_by": "người ghi nhận",
    "reported_by": "người báo cáo", "closed_by": "người kết thúc", "uploaded_by": "người tải lên",
    "sent_by": "người gửi", "actor": "người thực hiện", "signer": "người ký",
    "version": "phiên bản", "status": "trạng thái", "data": "nội dung", "params": "tham số",
    "order": "thứ tự", "position": "chức vụ", "active": "đang hoạt động", "url": "đường dẫn",
    "emailed": "đã gửi thư", "withdrawn": "đã rút", "choices": "lựa chọn", "answers": "câu trả lời",
    "key": "khóa", "code": "mã", "standard": "tiêu chuẩn", "eligible": "đủ điều kiện",
    "selected": "được chọn", "group": "nhóm", "row": "dòng", "search": "tìm kiếm",
    "fails": "chưa đạt", "done": "đã xong", "total": "tổng số", "message": "thông báo",
    "result": "kết quả", "source_id": "nguồn", "client_token": "mã phiên", "prediction": "dự kiến",
    "seq": "thứ tự", "file": "tệp", "size": "dung lượng",
    "created_at": "thời điểm tạo", "updated_at": "thời điểm sửa", "reported_at": "thời điểm báo cáo",
    "read_at": "thời điểm đọc", "started_at": "thời điểm bắt đầu", "heartbeat_at": "lần báo gần nhất",
    "finished_at": "thời điểm xong", "closed_at": "thời điểm kết thúc", "saved_at": "thời điểm lưu",
    "received_at": "thời điểm nhận", "awarded_at": "thời điểm trao", "submitted_at": "thời điểm nộp",
    "declared_at": "thời điểm khai", "sent_at": "thời điểm gửi", "uploaded_at": "thời điểm tải lên",
}


def field_label(model_field: models.Field) -> str:
    """The field's label for a person: its verbose name, or — where the model left Django's
    English default — the shared label, or the related model's name («phong trào», «đơn vị»)."""
    label = str(model_field.verbose_name)
    if label == model_field.name.replace("_", " "):
        related = model_field.related_model if model_field.is_relation else None
        label = SHARED_LABELS.get(model_field.name) or (
            str(related._meta.verbose_name) if related is not None and related != "self"
            and not isinstance(related, str) else label)
    return label[:1].upper() + label[1:]


def readable_history(entries: Iterable[LogEntry]) -> list[HistoryRow]:
    """Audit entries with field labels and readable values; related objects are named with one
    query per related model, whatever the number of entries."""
    listed = list(entries)
    fields_of = {entry.pk: _shown_fields(entry) for entry in listed}
    wanted: dict[Any, set[str]] = {}
    for shown in fields_of.values():
        for model_field, old, new in shown:
            if model_field.is_relation and model_field.related_model is not None:
                wanted.setdefault(model_field.related_model, set()).update(
                    v for v in (old, new) if v is not None)
    names: dict[tuple[Any, str], str] = {}
    for related, keys in wanted.items():
        pks = [k for k in keys if k.isdigit()] if isinstance(
            related._meta.pk, models.AutoField | models.BigAutoField) else list(keys)
        for pk, obj in related._default_manager.in_bulk(pks).items():
            names[(related, str(pk))] = str(obj)
    rows = []
    for entry in listed:
        changes = []
        for model_field, old, new in fields_of[entry.pk]:
            label = field_label(model_field)
            before = "" if entry.action == Action.CREATE else _shown(model_field, old, names)
            after = "" if entry.action == Action.DELETE else _shown(model_field, new, names)
            changes.append(Change(label, before, after))
        actor = entry.actor.get_full_name() or entry.actor.username if entry.actor else "Hệ thống"
        rows.append(HistoryRow(entry.timestamp, actor, ACTION_LABELS.get(entry.action, ""),
                               entry.changes_text or "", changes))
    return rows
