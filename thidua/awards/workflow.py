"""Who may move a dossier: each transition belongs to one role at one level.

The level is a unit: the nominating unit (submit) or the receiving unit, whose Home Affairs
office appraises, whose council votes and whose chairman signs. A role counts when it is held
over that unit or an ancestor (thidua.accounts.access scope). Appraisal actions belong to the
appraiser who took the dossier, so two appraisers never act on one dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thidua.accounts.access import is_admin, scope_paths
from thidua.accounts.models import Role

if TYPE_CHECKING:
    from thidua.awards.models import Dossier


@dataclass(frozen=True)
class Rule:
    label: str  # the button, in Vietnamese
    level: str  # "unit" (nominating unit) or "receiver"
    roles: tuple[str, ...]
    needs_reason: bool = False
    appraiser_only: bool = False
    role_label: str = ""


RULES: dict[str, Rule] = {
    "submit": Rule("Gửi hồ sơ", "unit", (Role.OFFICER, Role.OWNER),
                   role_label="Cán bộ thi đua của đơn vị trình"),
    "receive": Rule("Tiếp nhận", "receiver", (Role.OWNER,),
                    role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "start_appraisal": Rule("Nhận thẩm định", "receiver", (Role.OWNER,),
                            role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "return_for_revision": Rule("Trả lại để bổ sung", "receiver", (Role.OWNER,), needs_reason=True,
                                appraiser_only=True, role_label="Người đang thẩm định"),
    "appraise": Rule("Hoàn thành thẩm định", "receiver", (Role.OWNER,), appraiser_only=True,
                     role_label="Người đang thẩm định"),
    "send_to_council": Rule("Trình Hội đồng", "receiver", (Role.OWNER,),
                            role_label="Cơ quan Nội vụ (thường trực Hội đồng)"),
    "record_vote": Rule("Kết thúc biểu quyết", "receiver", (Role.COUNCIL, Role.OWNER),
                        role_label="Hội đồng Thi đua - Khen thưởng cấp tiếp nhận"),
    "propose": Rule("Trình người ký", "receiver", (Role.OWNER,),
                    role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "forward": Rule("Trình cấp trên", "receiver", (Role.OWNER,),
                    role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "decide": Rule("Ban hành quyết định", "receiver", (Role.SIGNER,),
                   role_label="Người ký (Chủ tịch, Thủ trưởng) cấp tiếp nhận"),
    "reject": Rule("Không khen thưởng", "receiver", (Role.OWNER, Role.SIGNER), needs_reason=True,
                   role_label="Cơ quan Nội vụ; người ký khi đã trình"),
}


def holds_role_over(user: Any, path: str, roles: tuple[str, ...]) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    return any(path.startswith(prefix) for prefix in scope_paths(user, roles))


def allowed(user: Any, dossier: Dossier, name: str) -> bool:
    """May `user` apply transition `name` to `dossier` (role and level; not the state)?"""
    from thidua.awards.models import State

    rule = RULES[name]
    unit = dossier.unit if rule.level == "unit" else dossier.receiver
    roles = rule.roles
    if name == "reject":
        # The signer refuses what was proposed to them; before that it is the office's call.
        roles = (Role.SIGNER,) if dossier.state == State.PROPOSED else (Role.OWNER,)
    if not holds_role_over(user, unit.path, roles):
        return False
    if rule.appraiser_only and dossier.appraiser_id is not None and not is_admin(user):
        return bool(dossier.appraiser_id == user.pk)
    return True
