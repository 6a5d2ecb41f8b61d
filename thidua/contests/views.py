"""Contest pages: contests, question bank import, rounds with ranking and prizes, participation
per unit, the attempt page and its result, and the public entry form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from thidua.accounts.access import Denied, has_capability
from thidua.accounts.capabilities import Capability
from thidua.contests import selectors, services
from thidua.contests.access import (
    access_attempt,
    access_contest,
    contests_visible_to,
    is_eligible_staff,
    owns_attempt,
    remember_public_participant,
)
from thidua.contests.forms import ContestForm, PublicEntryForm, RoundForm
from thidua.contests.lean import _within_rate
from thidua.contests.models import Attempt, AttemptStatus, Contest, Participant, Question, Round
from thidua.core.forms import ImportForm
from thidua.core.guard import guard, is_htmx
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE, Column, ImportRejected, template_xlsx, write_xlsx

RANKING_COLUMNS = [
    Column("rank", "Hạng", width=8), Column("name", "Họ và tên", width=30),
    Column("unit", "Đơn vị", width=36),
    Column("correct", "Số câu đúng", width=12), Column("total", "Số câu", width=10),
    Column("prediction", "Dự đoán", width=12), Column("gap", "Chênh lệch dự đoán", width=14),
    Column("time", "Thời gian làm bài (giây)", width=14), Column("prize", "Giải", width=18),
]


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _contest(contest_id: int) -> Contest:
    return get_object_or_404(Contest.objects.select_related("organiser"), pk=contest_id)


def _round(contest_round_id: int) -> Round:
    return get_object_or_404(Round.objects.select_related("contest", "contest__organiser"),
                             pk=contest_round_id)


def _can_manage(user: object, contest: Contest) -> bool:
    try:
        access_contest(user, contest, manage=True)
    except Denied:
        return False
    return True


@guard("authenticated")
def contest_list(request: HttpRequest) -> HttpResponse:
    contests = contests_visible_to(request.user).prefetch_related("rounds")
    return render(request, "contests/list.html", {
        "contests": contests, "can_create": has_capability(request.user, Capability.EDIT_SCOPE),
    })


@guard(Capability.EDIT_SCOPE)
def contest_create(request: HttpRequest) -> HttpResponse:
    form = ContestForm(request.POST or None, user=request.user)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Đã tạo cuộc thi. Hãy nhập ngân hàng câu hỏi.")
            return redirect("contests:bank", contest_id=contest.pk)
    return render(request, "contests/contest_form.html", {"form": form, "error": error})


@guard("scoped")
def contest_detail(request: HttpRequest, contest_id: int) -> HttpResponse:
    contest = access_contest(request.user, _contest(contest_id))
    return render(request, "contests/detail.html", {
        "contest": contest,
        "rounds": contest.rounds.order_by("number"),
        "bank_size": Question.objects.filter(contest=contest, active=True).count(),
        "can_manage": _can_manage(request.user, contest),
        "now": timezone.now(),
    })


@guard(Capability.EDIT_SCOPE)
def bank(request: HttpRequest, contest_id: int) -> HttpResponse:
    contest = access_contest(request.user, _contest(contest_id), manage=True)
    if request.GET.get("mau") == "1":
        return _xlsx(template_xlsx(services.BANK_COLUMNS, title="Ngân hàng câu hỏi",
                                   note="Mỗi dòng một câu hỏi. Loại: Một đáp án / Nhiều đáp án. "
                                        "Đáp án đúng: chữ cái của phương án (nhiều đáp án: A, C)."),
                     "mau-ngan-hang-cau-hoi.xlsx")
    if request.GET.get("xuat") == "xlsx":
        return _xlsx(write_xlsx(services.BANK_COLUMNS, services.bank_rows(contest),
                                title="Ngân hàng câu hỏi"), f"ngan-hang-{contest.code}.xlsx")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = services.bank_import(actor=request.user, contest=contest, data=upload.read(),
                                           filename=upload.name)
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, str(summary))
            return redirect("contests:bank", contest_id=contest.pk)
    questions = Question.objects.filter(contest=contest, active=True).prefetch_related("options")
    return render(request, "contests/bank.html", {
        "contest": contest, "form": form, "problems": problems, "questions": questions,
        "columns": services.BANK_COLUMNS,
    })


@guard(Capability.EDIT_SCOPE)
def round_create(request: HttpRequest, contest_id: int) -> HttpResponse:
    contest = access_contest(request.user, _contest(contest_id), manage=True)
    form = RoundForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(actor=request.user, contest=contest, **form.cleaned_data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Đã mở {round_}.")
            return redirect("contests:detail", contest_id=contest.pk)
    return render(request, "contests/round_form.html", {"contest": contest, "form": form, "error": error})


@guard("scoped")
def participation(request: HttpRequest, contest_id: int) -> HttpResponse:
    contest = access_contest(request.user, _contest(contest_id))
    rounds = list(contest.rounds.order_by("number"))
    chosen = next((r for r in rounds if str(r.pk) == request.GET.get("vong")), None)
    services.grade_pending(contest_id=contest.pk, batches=1)
    context = {"contest": contest, "rounds": rounds, "chosen": chosen,
               "data": selectors.participation(contest, chosen), "now": timezone.now()}
    template = "contests/_participation.html" if is_htmx(request) else "contests/participation.html"
    return render(request, template, context)


@guard("scoped")
def round_detail(request: HttpRequest, contest_round_id: int) -> HttpResponse:
    round_ = _round(contest_round_id)
    contest = access_contest(request.user, round_.contest)
    services.grade_pending(round_id=round_.pk, batches=1)
    ranking = selectors.round_ranking(round_)
    prizes = {p.participant_id: p.get_level_display() for p in round_.prizes.all()}
    if request.GET.get("xuat") == "xlsx":
        rows = ([r.rank, r.name, r.unit, r.correct_count, r.total, r.prediction, r.prediction_gap,
                 round(r.elapsed_ms / 1000, 1), prizes.get(r.participant_id, "")] for r in ranking)
        return _xlsx(write_xlsx(RANKING_COLUMNS, rows, title="Xếp hạng"),
                     f"xep-hang-{contest.code}-vong-{round_.number}.xlsx")
    mine: list[Attempt] = []
    person_id = getattr(request.user, "person_id", None)
    if person_id:
        mine = list(Attempt.objects.filter(round=round_, participant__person_id=person_id).order_by("number"))
    eligible = is_eligible_staff(request.user, contest)
    return render(request, "contests/round.html", {
        "contest": contest, "round": round_, "ranking": ranking[:200], "ranked": len(ranking),
        "prizes": prizes, "all_correct": selectors.round_all_correct(round_),
        "can_manage": _can_manage(request.user, contest), "mine": mine,
        "can_start": eligible and round_.is_open() and (
            any(a.status == AttemptStatus.ACTIVE for a in mine) or len(mine) < contest.attempts_per_round),
        "open": round_.is_open(),
    })


@guard(Capability.TAKE_PART)
def attempt_start(request: HttpRequest, contest_round_id: int) -> HttpResponse:
    round_ = _round(contest_round_id)
    access_contest(request.user, round_.contest)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not _within_rate(f"contests:start:{request.user.pk}", 10):
        messages.error(request, "Bạn thao tác quá nhanh, hãy thử lại sau một phút.")
        return redirect("contests:round", contest_round_id=round_.pk)
    try:
        participant = services.participant_for_staff(user=request.user, contest=round_.contest)
        attempt = services.attempt_start(participant=participant, round_=round_)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contests:round", contest_round_id=round_.pk)
    return redirect("contests:attempt", attempt_id=attempt.pk)


@guard(Capability.EDIT_SCOPE)
def round_close(request: HttpRequest, contest_round_id: int) -> HttpResponse:
    round_ = _round(contest_round_id)
    access_contest(request.user, round_.contest, manage=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.round_close_now(actor=request.user, round_=round_)
    messages.success(request, f"Đã đóng {round_}.")
    return redirect("contests:round", contest_round_id=round_.pk)


@guard(Capability.EDIT_SCOPE)
def round_award(request: HttpRequest, contest_round_id: int) -> HttpResponse:
    round_ = _round(contest_round_id)
    access_contest(request.user, round_.contest, manage=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        prizes = services.round_award_prizes(actor=request.user, round_=round_)
        messages.success(request, f"Đã trao {len(prizes)} giải.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("contests:round", contest_round_id=round_.pk)


def _attempt(attempt_id: int) -> Attempt:
    return get_object_or_404(
        Attempt.objects.select_related("participant", "round", "round__contest"), pk=attempt_id)


@never_cache
@guard("public")  # members of the public take part without an account: access_attempt decides
def attempt_page(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = access_attempt(request, _attempt(attempt_id))
    services.grade_pending(participant_id=attempt.participant_id)
    attempt.refresh_from_db()
    if attempt.status != AttemptStatus.ACTIVE or not owns_attempt(request, attempt):
        return redirect("contests:attempt_result", attempt_id=attempt.pk)
    remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    return render(request, "contests/attempt.html", {
        "attempt": attempt, "contest": attempt.round.contest, "round": attempt.round,
        "paper": selectors.attempt_paper(attempt), "token": services.attempt_token(attempt),
        "remaining": remaining,
    })


@guard("public")  # see attempt_page
def attempt_result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = access_attempt(request, _attempt(attempt_id))
    services.grade_pending(participant_id=attempt.participant_id)
    attempt.refresh_from_db()
    return render(request, "contests/result.html", {
        "attempt": attempt, "contest": attempt.round.contest, "round": attempt.round,
        "is_staff_entry": attempt.participant.person_id is not None,
    })


@guard("public")
def public_entry(request: HttpRequest, contest_id: int) -> HttpResponse:
    """Members of the public register (name, phone or e-mail, commune) and start an attempt."""
    contest = _contest(contest_id)
    now = timezone.now()
    open_round = contest.rounds.filter(opens_at__lte=now, closes_at__gt=now).order_by("number").first()
    form = PublicEntryForm(request.POST or None)
    error = ""
    if request.method == "POST" and contest.public_allowed and open_round and form.is_valid():
        ip = request.META.get("REMOTE_ADDR", "")
        if not _within_rate(f"contests:public:{ip}", 20):
            error = "Có quá nhiều lượt đăng ký từ địa chỉ này, hãy thử lại sau."
        else:
            try:
                participant = services.participant_register_public(contest=contest, **form.cleaned_data)
                attempt = services.attempt_start(participant=participant, round_=open_round)
            except (ValidationError, Denied) as exc:
                error = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            else:
                request.session.cycle_key()
                remember_public_participant(request, participant.pk)
                return redirect("contests:attempt", attempt_id=attempt.pk)
    return render(request, "contests/public_entry.html", {
        "contest": contest, "form": form, "round": open_round, "error": error,
        "participants": Participant.objects.filter(contest=contest).count(),
    })
