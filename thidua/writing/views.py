"""Writing contest pages: list, contest (rules, topics, deadline; the organiser's tools), the
entry form with co-authors and attachments, the author's confirmation, results, export,
publication and prize certificates."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thidua.accounts.access import Denied, has_capability
from thidua.accounts.capabilities import Capability
from thidua.core.audit import history
from thidua.core.guard import guard
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE, Column, write_xlsx
from thidua.documents.certificate import Certificate, certificate_docx
from thidua.judging.access import access_entry_for_judge
from thidua.org.models import Person
from thidua.writing import selectors, services
from thidua.writing.access import (
    access_contest,
    access_contest_manage,
    access_entry,
    is_author,
    is_eligible,
    may_manage,
    writing_contests_visible_to,
)
from thidua.writing.forms import CoAuthorFormSet, ContestCreateForm, EntryForm, PublishForm
from thidua.writing.models import Entry, EntryFile, Prize, WritingContest


def _contest(contest_id: int) -> WritingContest:
    return get_object_or_404(WritingContest.objects.select_related("organiser", "scope", "panel"),
                             pk=contest_id)


def _entry(entry_id: int) -> Entry:
    return get_object_or_404(Entry.objects.select_related("contest__organiser", "contest__scope", "author",
                                                          "unit", "topic", "judging_entry"), pk=entry_id)


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@guard("authenticated")
def contest_list(request: HttpRequest) -> HttpResponse:
    may_create = has_capability(request.user, Capability.EDIT_SCOPE)
    return render(request, "writing/list.html", {"contests": writing_contests_visible_to(request.user),
                                                 "now": timezone.now(), "may_create": may_create})


@guard("scoped")
def contest_detail(request: HttpRequest, writing_contest_id: int) -> HttpResponse:
    contest = access_contest(request.user, _contest(writing_contest_id))
    person_id = getattr(request.user, "person_id", None)
    mine = (Entry.objects.filter(contest=contest, coauthors__person_id=person_id).first()
            if person_id else None)
    context = {"contest": contest, "topics": contest.topics.all(), "mine": mine,
               "eligible": is_eligible(request.user, contest), "open": contest.is_open(),
               "manager": may_manage(request.user, contest), "stages": contest.panel.stages.all(),
               "prizes": selectors.published_prizes(contest)}
    if context["manager"]:
        context["entries"] = selectors.contest_entries(contest)
        final = contest.panel.stages.order_by("-number").first()
        context["final"] = final
        context["final_lines"] = selectors.stage_lines(contest, final) if final and final.closed_at else []
        context["publish_form"] = PublishForm()
        context["history"] = history(contest)[:20]
    return render(request, "writing/detail.html", context)


@guard(Capability.EDIT_SCOPE)
def contest_create(request: HttpRequest) -> HttpResponse:
    """The organiser's new contest with its panel (rubric, minimum scores, averaging, rounds)."""
    form = ContestCreateForm(request.POST or None, organisers=selectors.organiser_choices(request.user),
                             scopes=selectors.scope_choices(request.user))
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contest = services.contest_create(
                actor=request.user, code=data["code"], title=data["title"].strip(),
                organiser=data["organiser"], scope=data["scope"], rules=data["rules"],
                opens_at=data["opens_at"], closes_at=data["closes_at"], topics=data["topics"],
                min_scores=data["min_scores"], method=data["method"], criteria=data["criteria"],
                stages=data["stages"], open_to_public=data["open_to_public"], max_words=data["max_words"])
        except ValidationError as exc:
            error = _errors(exc)
        else:
            messages.success(request, "Đã tạo cuộc thi và ban giám khảo; hãy thêm giám khảo ở trang "
                                      "ban giám khảo.")
            return redirect("writing:detail", writing_contest_id=contest.pk)
    elif request.method == "POST":
        error = "Chưa tạo được cuộc thi: hãy sửa các mục báo lỗi bên dưới."
    return render(request, "writing/create.html", {"form": form, "error": error},
                  status=400 if error else 200)


def _coauthor_people(request: HttpRequest) -> object:
    person = getattr(request.user, "person", None)
    if person is None:
        return Person.objects.none()
    return Person.objects.filter(unit=person.unit).exclude(pk=person.pk).order_by("sort_key")


def _shares(formset: object) -> list[services.Share]:
    return [services.Share(f.cleaned_data["person"], f.cleaned_data["share"])  # type: ignore[attr-defined]
            for f in formset if f.cleaned_data.get("person")]  # type: ignore[attr-defined]


@guard(Capability.TAKE_PART)
def entry_create(request: HttpRequest, writing_contest_id: int) -> HttpResponse:
    contest = access_contest(request.user, _contest(writing_contest_id))
    if not is_eligible(request.user, contest):
        messages.error(request, "Bạn không thuộc đơn vị trong phạm vi cuộc thi nên không dự thi được.")
        return redirect("writing:detail", writing_contest_id=contest.pk)
    mine = Entry.objects.filter(contest=contest, author_id=request.user.person_id).first()  # type: ignore[union-attr]
    if mine is not None:
        return redirect("writing:edit", writing_entry_id=mine.pk)
    form = EntryForm(request.POST or None, request.FILES or None, contest=contest)
    formset = CoAuthorFormSet(request.POST or None, prefix="dong_tac_gia",
                              form_kwargs={"people": _coauthor_people(request)})
    error = "" if contest.is_open() or request.method == "POST" else _closed_text(contest)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_submit(actor=request.user, contest=contest, topic=data["topic"],
                                          title=data["title"], text=data["text"],
                                          coauthors=_shares(formset), uploads=data["attachments"])
        except ValidationError as exc:
            error = _errors(exc)
        else:
            messages.success(request, "Đã nhận bài dự thi của bạn.")
            return redirect("writing:entry", writing_entry_id=entry.pk)
    return render(request, "writing/entry_form.html", {
        "contest": contest, "form": form, "formset": formset, "error": error, "entry": None,
    }, status=400 if error and request.method == "POST" else 200)


def _closed_text(contest: WritingContest) -> str:
    if timezone.now() >= contest.closes_at:
        return "Đã hết hạn nộp bài; bài nộp hoặc sửa sau hạn không được nhận."
    return "Cuộc thi chưa mở nhận bài."


@guard("scoped")
def entry_detail(request: HttpRequest, writing_entry_id: int) -> HttpResponse:
    entry = access_entry(request.user, _entry(writing_entry_id))
    return render(request, "writing/entry.html", {
        "entry": entry, "contest": entry.contest, "coauthors": entry.coauthors.select_related("person"),
        "files": entry.files.all(), "open": entry.contest.is_open(),
        "can_edit": entry.author_id == getattr(request.user, "person_id", None) and entry.contest.is_open(),
        "manager": may_manage(request.user, entry.contest), "history": history(entry)[:20],
    })


@guard("scoped")
def entry_edit(request: HttpRequest, writing_entry_id: int) -> HttpResponse:
    entry = access_entry(request.user, _entry(writing_entry_id))
    if entry.author_id != getattr(request.user, "person_id", None):
        messages.error(request, "Chỉ tác giả chính được sửa bài dự thi.")
        return redirect("writing:entry", writing_entry_id=entry.pk)
    contest = entry.contest
    others = [{"person": c.person_id, "share": c.share}
              for c in entry.coauthors.exclude(person_id=entry.author_id)]
    form = EntryForm(request.POST or None, request.FILES or None, contest=contest,
                     initial={"topic": entry.topic_id, "title": entry.title, "text": entry.text})
    formset = CoAuthorFormSet(request.POST or None, prefix="dong_tac_gia", initial=others,
                              form_kwargs={"people": _coauthor_people(request)})
    error = "" if contest.is_open() or request.method == "POST" else _closed_text(contest)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            version = int(request.POST.get("version", ""))
            services.entry_update(actor=request.user, entry=entry, topic=data["topic"], title=data["title"],
                                  text=data["text"], version=version, coauthors=_shares(formset),
                                  uploads=data["attachments"],
                                  remove_files=[int(x) for x in request.POST.getlist("remove_file")
                                                if x.isdigit()])
        except ValidationError as exc:
            error = _errors(exc)
        except ValueError:
            error = "Phiên bản bài viết không hợp lệ; hãy tải lại trang."
        else:
            messages.success(request, "Đã lưu bài dự thi đã sửa.")
            return redirect("writing:entry", writing_entry_id=entry.pk)
    return render(request, "writing/entry_form.html", {
        "contest": contest, "form": form, "formset": formset, "error": error, "entry": entry,
        "files": entry.files.all(),
    }, status=400 if error and request.method == "POST" else 200)


def _serve(f: EntryFile, name: str) -> FileResponse:
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=name)


@guard("scoped")
def entry_file(request: HttpRequest, writing_file_id: int) -> FileResponse:
    f = get_object_or_404(EntryFile.objects.select_related("entry__contest__organiser"), pk=writing_file_id)
    access_entry(request.user, f.entry)
    return _serve(f, f.name)


@guard("scoped")
def judge_file(request: HttpRequest, judged_file_id: int) -> FileResponse:
    """A file as a judge gets it: only while not recused, under a neutral name."""
    f = get_object_or_404(EntryFile.objects.select_related("entry__judging_entry__panel"),
                          pk=judged_file_id)
    access_entry_for_judge(request.user, f.entry.judging_entry)
    return _serve(f, f"{f.entry.judging_entry.code}-tep-{f.pk}{PurePosixPath(f.name).suffix.lower()}")


EXPORT_COLUMNS = [
    Column("code", "Mã bài"), Column("title", "Tên bài viết", width=40), Column("topic", "Chủ đề", width=30),
    Column("authors", "Tác giả (tỷ lệ)", width=40), Column("unit", "Đơn vị", width=30),
    Column("submitted", "Nộp lúc", width=18), Column("updated", "Sửa lần cuối", width=18),
    Column("files", "Số tệp"), Column("stage", "Đã vào vòng"), Column("rank", "Hạng chung khảo"),
    Column("average", "Điểm bình quân chung khảo"), Column("prize", "Giải"),
]


@guard(Capability.EDIT_SCOPE)
def contest_export(request: HttpRequest, writing_contest_id: int) -> HttpResponse:
    contest = access_contest_manage(request.user, _contest(writing_contest_id))
    final = contest.panel.stages.order_by("-number").first()
    lines = {ln.entry.pk: ln for ln in selectors.stage_lines(contest, final)} if final else {}
    prizes = {p.entry_id: p for p in Prize.objects.filter(contest=contest)}
    stages = {s.number: s.name for s in contest.panel.stages.all()}

    def when(d: object) -> str:
        return timezone.localtime(d).strftime("%H:%M %d/%m/%Y")  # type: ignore[arg-type]

    rows = [[e.judging_entry.code, e.title, e.topic.title,
             "; ".join(f"{c.person.full_name} ({c.share:g}%)" for c in e.coauthors.all()), e.unit.name,
             when(e.submitted_at), when(e.updated_at), len(e.files.all()),
             stages.get(e.judging_entry.stage_reached, ""),
             (lines[e.pk].rank or "") if e.pk in lines else "",
             lines[e.pk].average if e.pk in lines and lines[e.pk].average is not None else "",
             prizes[e.pk].get_level_display() if e.pk in prizes else ""]
            for e in selectors.contest_entries(contest)]
    response = HttpResponse(write_xlsx(EXPORT_COLUMNS, rows, title="Bài dự thi"),
                            content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="cuoc-thi-viet.xlsx"'
    return response


@guard(Capability.EDIT_SCOPE)
def contest_publish(request: HttpRequest, writing_contest_id: int) -> HttpResponse:
    contest = access_contest_manage(request.user, _contest(writing_contest_id))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy nhập đủ số, ngày quyết định trao giải và người ký.")
        return redirect("writing:detail", writing_contest_id=contest.pk)
    try:
        prizes = services.contest_publish(actor=request.user, contest=contest, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, f"Đã công bố kết quả: {len(prizes)} giải.")
    return redirect("writing:detail", writing_contest_id=contest.pk)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _place(unit: object) -> str:
    current = unit
    while current is not None and getattr(current, "kind", "") != "province":
        current = current.parent  # type: ignore[attr-defined]
    name = current.name if current is not None else ""  # type: ignore[attr-defined]
    for prefix in ("Tỉnh ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@guard("scoped")
def prize_certificate(request: HttpRequest, writing_prize_id: int) -> HttpResponse:
    prize = get_object_or_404(
        Prize.objects.select_related("contest__organiser", "entry__author", "entry__unit"),
        pk=writing_prize_id)
    contest = prize.contest
    if contest.published_at is None or contest.decision_date is None:
        raise Denied("Kết quả cuộc thi chưa được công bố.")
    if not (may_manage(request.user, contest) or is_author(request.user, prize.entry)):
        raise Denied("Chỉ tác giả đạt giải và đơn vị tổ chức tải được giấy chứng nhận.")
    authors = list(prize.entry.coauthors.select_related("person").order_by("-share", "pk"))
    certificates = [Certificate(
        title="Giấy chứng nhận",
        authority=f"{contest.signer_title} {contest.organiser.name}",
        awardee_name=("Bà " if a.person.gender == "F" else "Ông ") + a.person.full_name,
        awardee_detail=(f"{a.person.position}, " if a.person.position else "") + prize.entry.unit.name,
        achievement=(f"Đã đạt {_lower_first(prize.get_level_display())} "
                     f"{_lower_first(contest.title)} với bài viết «{prize.entry.title}»"),
        decision_number=contest.decision_number, decision_date=contest.decision_date,
        place=_place(contest.organiser), signer_title=contest.signer_title,
        signer_name=contest.signer_name) for a in authors]
    response = HttpResponse(certificate_docx(certificates),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-{prize.pk}.docx"'
    return response


