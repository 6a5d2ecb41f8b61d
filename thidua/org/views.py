"""Organisation pages: unit tree, unit page, people list and person page, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from thidua.accounts.access import access_person, access_unit, has_capability, visible_units
from thidua.accounts.capabilities import Capability
from thidua.core.audit import history
from thidua.core.forms import ImportForm
from thidua.core.guard import guard, is_htmx
from thidua.core.pickers import person_label, person_source
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE, ImportRejected, template_xlsx, write_xlsx
from thidua.org import selectors, services
from thidua.org.forms import PeopleFilterForm
from thidua.org.models import LineageLink, Person, Unit
from thidua.org.registry import unit_sections


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@guard("authenticated")
def tree(request: HttpRequest) -> HttpResponse:
    include_ended = request.GET.get("da_ket_thuc") == "1"
    query = request.GET.get("q", "").strip()
    context = {
        "roots": selectors.visible_roots(request.user),
        "include_ended": include_ended,
        "query": query,
        "matches": selectors.unit_search(request.user, query)[:100] if query else None,
    }
    return render(request, "org/tree.html", context)


@guard("scoped")
def tree_children(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, get_object_or_404(Unit, pk=unit_id))
    include_ended = request.GET.get("da_ket_thuc") == "1"
    return render(request, "org/_children.html", {
        "children": selectors.children_of(unit, include_ended=include_ended),
        "include_ended": include_ended,
    })


@guard("scoped")
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access_unit(request.user, get_object_or_404(
        Unit.objects.select_related("category", "parent"), pk=unit_id))
    ancestors = Unit.objects.filter(code__in=unit.path.strip("/").split("/")[:-1]).order_by("depth")
    members = unit.people.order_by("sort_key", "id")
    page = Paginator(members, 25).get_page(request.GET.get("page"))
    links_in = LineageLink.objects.filter(successor=unit).select_related("predecessor", "event")
    links_out = LineageLink.objects.filter(predecessor=unit).select_related("successor", "event")
    year = timezone.localdate().year
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": selectors.children_of(unit, include_ended=True),
        "page_obj": page,
        "links_in": links_in,
        "links_out": links_out,
        "lineage_years": list(
            selectors.unit_lineage_by_year(unit, list(range(year - 5, year + 1))).items()
        ) if links_in else [],
        "history": history(unit)[:50],
        "sections": unit_sections(unit),
        "can_write": has_capability(request.user, Capability.EDIT_SCOPE),
    }
    return render(request, "org/unit_detail.html", context)


@guard("authenticated")
def people(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_filters() if form.is_valid() else {}
    qs = selectors.people_list(request.user, **filters)
    if request.GET.get("xuat") == "xlsx":
        rows = ([p.code, p.full_name, p.get_gender_display(), p.birth_date, p.position, p.email,
                 p.unit.code if p.unit else "", ""] for p in qs.iterator(chunk_size=2000))
        return _xlsx(write_xlsx(services.PERSON_COLUMNS, rows, title="Cán bộ"), "can-bo.xlsx")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    template = "org/_people_rows.html" if is_htmx(request) else "org/people.html"
    return render(request, template, {"form": form, "page_obj": page})


@guard("authenticated")
def person_search(request: HttpRequest) -> HttpResponse:
    """The person picker's search (core forms.js, select[data-remote]): people visible to the
    user matching `q`, those of the unit `don_vi` (one the user may read) first; at most 20,
    each with its label «Họ tên — chức vụ, đơn vị». `nguon`: a registered person source (the
    picker's own, with its parameters), whose people alone are suggested."""
    within = None
    if request.GET.get("nguon"):
        source = person_source(request.GET["nguon"])
        if source is None:
            return JsonResponse({"error": "Không có danh sách cán bộ này để tìm."}, status=400)
        within = source(request.user, request.GET)
    query = request.GET.get("q", "").strip()[:100]
    raw_unit = request.GET.get("don_vi", "").strip()
    near = (visible_units(request.user).filter(pk=int(raw_unit)).first()
            if raw_unit.isdigit() else None)
    people = selectors.person_search(request.user, query, near=near, within=within)
    return JsonResponse({"results": [{"id": p.pk, "label": person_label(p)} for p in people]})


@guard("scoped")
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, get_object_or_404(
        Person.objects.select_related("unit"), pk=person_id))
    return render(request, "org/person_detail.html", {
        "person": person,
        "memberships": person.memberships.select_related("unit").order_by("-start"),
        "history": history(person)[:50],
    })


@guard(Capability.EDIT_SCOPE)
def import_data(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in {"don-vi", "can-bo"}:
        return HttpResponse(status=404)
    columns = services.UNIT_COLUMNS if kind == "don-vi" else services.PERSON_COLUMNS
    label = "đơn vị" if kind == "don-vi" else "cán bộ"
    if request.GET.get("mau") == "1":
        return _xlsx(template_xlsx(columns, title=f"Mẫu nhập {label}",
                                   note=f"Mẫu nhập danh sách {label}. Giữ nguyên dòng tiêu đề.",
                                   options=services.import_options(kind)),
                     f"mau-nhap-{kind}.xlsx")
    problems = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        action = services.units_import if kind == "don-vi" else services.people_import
        try:
            summary = action(actor=request.user, data=upload.read(), filename=upload.name)
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, str(summary))
            return redirect("org:tree" if kind == "don-vi" else "org:people")
    return render(request, "org/import.html", {
        "form": form, "kind": kind, "label": label, "columns": columns, "problems": problems,
    })


@guard("authenticated")
def export_units(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user).select_related("category", "parent").order_by("path")
    rows = ([u.code, u.name, u.get_kind_display(), u.category.name,
             u.parent.code if u.parent else "", u.active_from, u.active_to] for u in units)
    return _xlsx(write_xlsx(services.UNIT_COLUMNS, rows, title="Đơn vị"), "don-vi.xlsx")

