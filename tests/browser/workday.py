"""The working day of each role, for the browser journeys tests/browser/test_workday_*.py.

`build_day(world)` gives every persona of the test world something to do today, as the demo
does: a campaign whose plan is late and whose registration is due in three days (the commune
officer), dossiers at each step of the chain (returned to the commune, sent to the province,
before the council, proposed to the chairman), an open council session with the chairman's
account linked, an open contest round for the staff member. `read(page)` checks that what the
page shows is plain Vietnamese (tests/plain.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from tests.plain import assert_page_plain, database_codes
from thidua.accounts.models import User
from thidua.awards import services as award_services
from thidua.awards import testing as award_testing
from thidua.awards.models import CouncilMeeting, Dossier, Outcome, State
from thidua.campaigns.models import Campaign
from thidua.contests.models import Round
from thidua.contests.testing import make_contest, make_round
from thidua.notices.testing import campaign_due_in


@dataclass
class Day:
    campaign: Campaign
    returned: Dossier
    submitted: Dossier
    before_council: Dossier
    proposed: Dossier
    meeting: CouncilMeeting
    contest_round: Round


def build_day(world: Any) -> Day:
    campaign = campaign_due_in(world, "NGAY-LAM-VIEC", registration_in=3, cascade_in=-2)
    kg = award_testing.kg_campaign(world)
    award_testing.recognise_results(kg, year=2025, on=timezone.localdate() - timedelta(days=5))
    award_testing.register(kg, world.units["X1"], [world.people["p_x1"]])
    returned = award_testing.make_dossier(world, "X1", state=State.RETURNED, campaign=kg)
    returned.return_reasons = "Thiếu báo cáo thành tích của tập thể."
    returned.save()
    submitted = award_testing.make_dossier(world, "X3", state=State.SUBMITTED, campaign=kg)
    council = award_testing.make_council(world, "P1")  # the chairman is carl_council's account
    meeting = CouncilMeeting.objects.create(
        council=council, held_on=timezone.localdate() + timedelta(days=1), start=time(8),
        venue="Phòng họp số 1, Ủy ban nhân dân tỉnh", purpose="Xét khen thưởng năm 2025",
        secretary="Lê Thư Ký")
    from thidua.awards.models import Attendance

    for member in council.members.all():
        Attendance.objects.create(meeting=meeting, member=member, present=True)
    # Sent to the council through the service: the chairman is told (a notice).
    before = award_testing.make_dossier(world, "X2", state=State.APPRAISED, campaign=kg)
    before = award_services.dossier_transition(actor=world.users["alice_owner"], dossier=before,
                                               name="send_to_council", meeting=meeting)
    proposed = award_testing.make_dossier(world, "X3", state=State.PROPOSED, campaign=kg)
    proposed.nominations.update(outcome=Outcome.PASSED)
    contest = make_contest(world.units["P1"], code="thi-ngay-lam-viec")
    contest_round = make_round(contest)
    return Day(campaign, returned, submitted, before, proposed, meeting, contest_round)


def read(page: Any, *, allow: tuple[str, ...] = ()) -> None:
    """The page as a person reads it: no raw code, "None", English or traceback."""
    page.wait_for_load_state("load")
    # A login name is a person's own data (the change history names who did it by it when the
    # account has no full name), not a code of the system.
    logins = tuple(User.objects.values_list("username", flat=True))
    assert_page_plain(page, codes=database_codes(), allow=(*allow, *logins))


def todo(page: Any) -> Any:
    """The home page's "Việc cần làm" section."""
    return page.locator("#viec-can-lam")


# --- the dossier pages, shared by the award journeys ---------------------------------------------

SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"  # a scanned paper's stand-in


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")


def upload(page: Any, component: str, name: str) -> None:
    """Upload a scan as one component of the dossier open in `page`."""
    form = page.locator("form[enctype='multipart/form-data']")
    form.get_by_label("Thành phần hồ sơ").select_option(label=component)
    form.get_by_label("Tệp (PDF, Word, ảnh chụp)").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": SCAN}])
    form.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_text("Đã tải lên.")).to_be_visible()
