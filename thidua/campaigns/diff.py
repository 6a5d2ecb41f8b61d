"""What changed between two versions of a plan, part by part, in words an owner reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from thidua.campaigns.plan import SECTION_LABELS, prune

HEADER_LABELS = {
    "title": "Trích yếu", "theme": "Chủ đề thi đua", "number_symbol": "Số, ký hiệu",
    "issued_on": "Ngày ban hành", "issuing_body": "Cơ quan ban hành", "period": "Thời gian thi đua",
    "targets": "Đối tượng thi đua", "kind": "Loại phong trào", "signature": "Khối chữ ký",
    "recipients": "Nơi nhận", "parameters": "Tham số", "enacting_clause": "Câu ban hành",
}


@dataclass(frozen=True)
class Change:
    part: str  # "Tiêu chuẩn khen thưởng"
    item: str  # "KG-P-FLAG (§IV.1.1.a)"
    kind: str  # added | removed | changed
    before: str
    after: str

    @property
    def kind_label(self) -> str:
        return {"added": "Bổ sung", "removed": "Bãi bỏ", "changed": "Sửa đổi"}[self.kind]


def _text(value: Any) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return " | ".join(_text(v) for v in value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _key(row: Mapping[str, Any], index: int) -> str:
    for key in ("code", "letter"):
        if row.get(key):
            return f"{row[key]}" + (f" ({row.get('subject')})" if key == "letter" else "")
    return str(row.get("clause") or f"#{index + 1}")


def _rows(plan: Mapping[str, Any], section: str) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for index, row in enumerate(plan.get(section) or []):
        key = _key(row, index)
        while key in out:
            key += "'"
        out[key] = row
    return out


def plan_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Changes from ``old`` to ``new`` (row ids ignored)."""
    return list(_changes(prune(old), prune(new)))


def _changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    for key, label in HEADER_LABELS.items():
        if old.get(key) != new.get(key):
            yield Change(label, "", "changed", _text(old.get(key, "")), _text(new.get(key, "")))
    for section, label in SECTION_LABELS.items():
        before, after = _rows(old, section), _rows(new, section)
        for key, row in after.items():
            if key not in before:
                yield Change(label, key, "added", "", _text(row.get("text") or row))
            elif before[key] != row:
                changed = sorted(k for k in set(row) | set(before[key])
                                 if row.get(k) != before[key].get(k))
                yield Change(label, key, "changed",
                             "; ".join(f"{k}: {_text(before[key].get(k, ''))}" for k in changed),
                             "; ".join(f"{k}: {_text(row.get(k, ''))}" for k in changed))
        for key, row in before.items():
            if key not in after:
                yield Change(label, key, "removed", _text(row.get("text") or row), "")
