"""Results pages: results per year, a unit's history, rank movement, rounds, imports and exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.accounts.access import (
    access_capability,
    access_person,
    access_unit,
    has_capability,
)
from thidua.accounts.capabilities import Capability
from thidua.core.audit import history
from thidua.core.guard import guard, is_htmx
from thidua.core.spreadsheet import (
    XLSX_CONTENT_TYPE,
    Column,
    ImportRejected,
    template_xlsx,
    write_xlsx,
)
from thidua.org.models import Person, Unit
from thidua.results import selectors, services
from thidua.results.chart import history_svg
from thidua.results.forms import (
    ImportForm,
    MovementFilterForm,
    RecogniseForm,
    ResultFilterForm,
    ThresholdsForm,
    default_year,
    writable_scopes,
)
from thidua.results.imports import KINDS
from thidua.results.models import COMPONENTS, Classification, ResultRound


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


LIST_COLUMNS = [
    Column("unit", "Mã đơn vị"), Column("name", "Tên đơn vị", width=40),
    Column("category", "Khối", width=24), Column("score", "Điểm Chỉ số CCHC"),
    Column("rank", "Xếp hạng trong khối"), Column("classification", "Xếp loại"),
    Column("previous", "Hạng năm trước"), Column("change", "Biến động (bậc)"),
    Column("sipas", "SIPAS (%)"), Column("published", "Đã công bố"),
    Column("recognised", "Ngày công nhận"),
]


@guard("authenticated")
def result_list(request: HttpRequest) -> HttpResponse:
    years = selectors.results_years(request.user)
    data = request.GET.copy()
    if "nam" not in data and years:
        data["nam"] = str(years[0])
    form = ResultFilterForm(data, years=years)
    rows: list[selectors.Movement] = []
    page: Any
    year = years[0] if years else default_year()
    if form.is_valid():
        year = form.cleaned_data["nam"]
        sort = form.cleaned_data["sap_xep"] or "hang"
        qs = selectors.results_list(
            request.user, year=year, category=form.cleaned_data["khoi"],
            classification=form.cleaned_data["xep_loai"], query=form.cleaned_data["q"],
            sort=sort)
        if request.GET.get("xuat") == "xlsx":
            moved = selectors.with_movement(qs, year)
            table = ([m.result.unit.code, m.result.unit.name, m.result.category.name,
                      float(m.result.score) if m.result.score is not None else None,
                      m.result.rank, m.result.get_classification_display(), m.previous_rank,
                      m.change, float(m.result.sipas) if m.result.sipas is not None else None,
                      "có" if m.result.round.published else "chưa",
                      m.result.round.recognised_on] for m in moved)
            return _xlsx(write_xlsx(LIST_COLUMNS, table, title=f"Kết quả {year}"),
                         f"ket-qua-chi-so-cchc-{year}.xlsx")
        if sort == "bien-dong":
            rows = sorted(selectors.with_movement(qs, year),
                          key=lambda m: (m.change is None, -(m.change or 0)))
            page = Paginator(rows, 50).get_page(request.GET.get("page"))
        else:
            page = Paginator(qs, 50).get_page(request.GET.get("page"))
            page.object_list = selectors.with_movement(page.object_list, year)
    else:
        page = Paginator(rows, 50).get_page(1)
    context = {"form": form, "page_obj": page, "year": year, "years": years,
               "can_import": has_capability(request.user, Capability.EDIT_SCOPE)}
    template = "results/_result_rows.html" if is_htmx(request) else "results/list.html"
    return render(request, template, context)


@guard("scoped")
def unit_history(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, get_object_or_404(
        Unit.objects.select_related("category", "parent"), pk=unit_id))
    rows = selectors.unit_history(unit)
    changes: list[tuple[selectors.HistoryYear, int | None]] = []
    previous: selectors.HistoryYear | None = None
    for item in rows:
        change: int | None = (previous.rank - item.rank if previous is not None and previous.rank
                  and item.rank else None)
        changes.append((item, change))
        previous = item
    return render(request, "results/unit_history.html", {
        "unit": unit, "rows": changes, "chart": history_svg(rows),
        "components": COMPONENTS,
        "latest": rows[-1].result if rows and rows[-1].result else None,
    })


@guard("authenticated")
def movement(request: HttpRequest) -> HttpResponse:
    years = [y for y in selectors.results_years(request.user)]
    data = request.GET.copy()
    if "nam" not in data and years:
        data["nam"] = str(years[0])
    form = MovementFilterForm(data, years=years)
    rows: list[selectors.Movement] = []
    year = years[0] if years else default_year()
    if form.is_valid():
        year = form.cleaned_data["nam"]
        rows = selectors.movement_list(request.user, year=year, category=form.cleaned_data["khoi"],
                                       direction=form.cleaned_data["huong"])
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "results/movement.html", {"form": form, "page_obj": page,
                                                     "year": year})


@guard("authenticated")
def rounds(request: HttpRequest) -> HttpResponse:
    return render(request, "results/rounds.html", {
        "rounds": selectors.rounds_list(request.user),
        "can_import": has_capability(request.user, Capability.EDIT_SCOPE),
    })


@guard("scoped")
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = get_object_or_404(ResultRound.objects.select_related("evaluator"), pk=round_id)
    access_unit(request.user, round_.evaluator)
    can_recognise = has_capability(request.user, Capability.MANAGE_CAMPAIGN)
    form = RecogniseForm(instance=round_)
    if request.method == "POST":
        form = RecogniseForm(request.POST, instance=ResultRound.objects.get(pk=round_.pk))
        if form.is_valid():
            services.result_round_recognise(
                actor=request.user, round=round_,
                recognised_on=form.cleaned_data["recognised_on"],
                decision_number=form.cleaned_data["decision_number"],
                published=form.cleaned_data["published"])
            messages.success(request, "Đã lưu ngày công nhận và trạng thái công bố.")
            return redirect("results:round", round_id=round_.pk)
    by_class: dict[str, int] = {}
    for code in round_.results.values_list("classification", flat=True):
        by_class[code] = by_class.get(code, 0) + 1
    order = [c.value for c in Classification]
    return render(request, "results/round.html", {
        "round": round_, "form": form, "can_recognise": can_recognise,
        "count": sum(by_class.values()),
        "by_class": [(Classification(c).label, by_class[c]) for c in order if c in by_class],
        "history": history(round_)[:50],
    })


def _kind_or_404(result_kind: str):  # noqa: ANN202
    spec = KINDS.get(result_kind)
    if spec is None:
        from django.http import Http404

        raise Http404("Không có loại dữ liệu này.")
    return spec


@guard(Capability.EDIT_SCOPE)
def import_data(request: HttpRequest, result_kind: str) -> HttpResponse:
    spec = _kind_or_404(result_kind)
    if request.GET.get("mau") == "1":
        scope = _scope_from(request)
        year = _year_from(request)
        note = services.template_note(kind=spec.slug, year=year, scope=scope)
        rows = services.template_rows(kind=spec.slug, year=year, scope=scope)
        return _xlsx(template_xlsx(spec.columns, rows=rows, title=f"{spec.label[:20]} {year}",
                                   note=note), f"mau-{spec.slug}-{year}-{scope.code}.xlsx")
    problems = None
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user,
                      initial={"nam": _year_from(request)})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = services.results_import(
                actor=request.user, kind=spec.slug, scope=form.cleaned_data["pham_vi"],
                year=form.cleaned_data["nam"], data=upload.read(), filename=upload.name,
                replace=form.cleaned_data["thay_the"])
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, str(summary))
            for warning in summary.warnings:
                messages.warning(request, warning)
            if spec.slug == "chi-so-cchc":
                return redirect(f"{_url('results:list')}?nam={summary.year}")
            return redirect("results:import", result_kind=spec.slug)
    return render(request, "results/import.html", {
        "form": form, "spec": spec, "kinds": KINDS.values(), "problems": problems,
    })


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


def _year_from(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return default_year()
    return year if 2000 <= year <= 2100 else default_year()


def _scope_from(request: HttpRequest) -> Unit:
    """The unit named by ?pham_vi= (checked), or the user's first writable scope."""
    raw = request.GET.get("pham_vi", "")
    if raw.isdigit():
        return access_unit(request.user, get_object_or_404(Unit, pk=int(raw)))
    first = writable_scopes(request.user).first()
    if first is None:
        from thidua.accounts.access import Denied

        raise Denied("Bạn không có đơn vị nào để nhập dữ liệu.")
    return first


@guard("authenticated")
def export_data(request: HttpRequest, result_kind: str) -> HttpResponse:
    """The year's data of a kind in the import template's shape (readable scope only)."""
    spec = _kind_or_404(result_kind)
    year = _year_from(request)
    raw = request.GET.get("pham_vi", "")
    if raw.isdigit():
        scope = access_unit(request.user, get_object_or_404(Unit, pk=int(raw)))
    else:
        from thidua.org.selectors import visible_roots

        root = visible_roots(request.user).first()
        if root is None:  # nothing in scope: the template's header, no rows
            return _xlsx(write_xlsx(spec.columns, [], title=f"{spec.label[:20]} {year}"),
                         f"{spec.slug}-{year}.xlsx")
        scope = root
    rows = services.export_rows(actor=request.user, kind=spec.slug, year=year, scope=scope)
    return _xlsx(write_xlsx(spec.columns, rows, title=f"{spec.label[:20]} {year}"),
                 f"{spec.slug}-{year}-{scope.code}.xlsx")


@guard("scoped")
def person_record(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, get_object_or_404(
        Person.objects.select_related("unit"), pk=person_id))
    return render(request, "results/person.html", {
        "person": person, "record": selectors.person_record(person),
    })


@guard("authenticated")
def thresholds(request: HttpRequest) -> HttpResponse:
    can_edit = has_capability(request.user, Capability.MANAGE_CAMPAIGN)
    form = ThresholdsForm(request.POST or None, user=request.user)
    if request.method == "POST":
        access_capability(request.user, Capability.MANAGE_CAMPAIGN)
        if form.is_valid():
            from django.core.exceptions import ValidationError

            data = form.cleaned_data
            try:
                services.thresholds_save(
                    actor=request.user, scope=data["pham_vi"], valid_from=data["valid_from"],
                    excellent_min=data["excellent_min"], good_min=data["good_min"],
                    fair_min=data["fair_min"], average_min=data["average_min"],
                    legal_basis=data["legal_basis"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "Đã lưu ngưỡng xếp loại.")
                return redirect("results:thresholds")
    return render(request, "results/thresholds.html", {
        "versions": selectors.thresholds_list(request.user), "form": form, "can_edit": can_edit,
    })
