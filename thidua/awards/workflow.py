"""Who may move a dossier: each transition asks for a capability at one level.

The level is a unit: the nominating unit (submit) or the receiving unit, whose Home Affairs
office appraises, whose council votes and whose chairman signs. A capability counts when it is
held over that unit or an ancestor (thidua.accounts.capabilities, thidua.accounts.access).
Appraisal actions belong to the appraiser who took the dossier, so two appraisers never act on
one dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thidua.accounts.access import holds_capability_over, is_admin
from thidua.accounts.capabilities import Capability

if TYPE_CHECKING:
    from thidua.awards.models import Dossier


@dataclass(frozen=True)
class Rule:
    label: str  # the button, in Vietnamese
    level: str  # "unit" (nominating unit) or "receiver"
    capabilities: tuple[Capability, ...]
    needs_reason: bool = False
    appraiser_only: bool = False
    role_label: str = ""


RULES: dict[str, Rule] = {
    "submit": Rule("Gửi hồ sơ", "unit", (Capability.NOMINATE,),
                   role_label="Cán bộ thi đua của đơn vị trình"),
    "receive": Rule("Tiếp nhận", "receiver", (Capability.APPRAISE,),
                    role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "start_appraisal": Rule("Nhận thẩm định", "receiver", (Capability.APPRAISE,),
                            role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "return_for_revision": Rule("Trả lại để bổ sung", "receiver", (Capability.APPRAISE,), needs_reason=True,
                                appraiser_only=True, role_label="Người đang thẩm định"),
    "appraise": Rule("Hoàn thành thẩm định", "receiver", (Capability.APPRAISE,), appraiser_only=True,
                     role_label="Người đang thẩm định"),
    "send_to_council": Rule("Trình Hội đồng", "receiver", (Capability.RUN_COUNCIL,),
                            role_label="Cơ quan Nội vụ (thường trực Hội đồng)"),
    "record_vote": Rule("Kết thúc biểu quyết", "receiver", (Capability.VOTE, Capability.RUN_COUNCIL),
                        role_label="Hội đồng Thi đua - Khen thưởng cấp tiếp nhận"),
    "propose": Rule("Trình người ký", "receiver", (Capability.APPRAISE,),
                    role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "forward": Rule("Trình cấp trên", "receiver", (Capability.APPRAISE,),
                    role_label="Cơ quan Nội vụ cấp tiếp nhận"),
    "decide": Rule("Ban hành quyết định", "receiver", (Capability.SIGN,),
                   role_label="Người ký (Chủ tịch, Thủ trưởng) cấp tiếp nhận"),
    "reject": Rule("Không khen thưởng", "receiver", (Capability.APPRAISE, Capability.SIGN), needs_reason=True,
                   role_label="Cơ quan Nội vụ; người ký khi đã trình"),
}


def allowed(user: Any, dossier: Dossier, name: str) -> bool:
    """May `user` apply transition `name` to `dossier` (role and level; not the state)?"""
    from thidua.awards.models import State

    rule = RULES[name]
    unit = dossier.unit if rule.level == "unit" else dossier.receiver
    capabilities = rule.capabilities
    if name == "reject":
        # The signer refuses what was proposed to them; before that it is the office's call.
        capabilities = (Capability.SIGN,) if dossier.state == State.PROPOSED else (Capability.APPRAISE,)
    if not holds_capability_over(user, unit.path, *capabilities):
        return False
    if rule.appraiser_only and dossier.appraiser_id is not None and not is_admin(user):
        return bool(dossier.appraiser_id == user.pk)
    return True
