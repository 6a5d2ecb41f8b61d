"""What a recognised initiative changes for the award standards, shown on the initiative's page.

For each author, the individual annual standard BDT-A-IND of the Ban Dân tộc plan (003 §III.2.2:
a contest prize OR an initiative recognised and appraised at province level), as written in
thidua/rules/catalogue/003_ban_dan_toc.thidua, is evaluated by the rules engine on the facts this
app and the contests app provide (`initiative_facts`, `prize_facts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.initiatives.models import Initiative
from thidua.initiatives.selectors import initiative_facts


@dataclass(frozen=True)
class StandardCheck:
    subject: str  # the author's name
    person_id: int
    code: str
    title: str
    passed: bool
    explanation: str


BDT_A_IND_TITLE = ("Ban Dân tộc, cá nhân, hằng năm (003 §III.2.2): đạt giải cuộc thi trực tuyến tìm "
                   "hiểu CCHC, hoặc có sáng kiến được công nhận và được Sở Nội vụ thẩm định (cấp tỉnh)")


def standards_for_initiative(initiative: Initiative) -> list[StandardCheck]:
    from thidua.initiatives.rules_glue import evaluate_bdt_a_ind

    people = list(initiative.authors.select_related("person"))
    if not people:
        return []
    results = evaluate_bdt_a_ind([a.person for a in people], initiative.year)
    checks = []
    for author in people:
        passed, explanation = results.get(author.person_id, (False, "Không có dữ liệu."))
        checks.append(StandardCheck(author.person.full_name, author.person_id, "BDT-A-IND",
                                    BDT_A_IND_TITLE, passed, explanation))
    return checks


__all__ = ["StandardCheck", "initiative_facts", "standards_for_initiative"]
