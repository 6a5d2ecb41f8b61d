"""Reports pages: campaigns to report on, the dashboard with its charts and lists, and the
mid-term and final reviews (page, .docx, .xlsx, .pdf)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.accounts.access import filter_by_unit_scope
from thidua.accounts.capabilities import Capability
from thidua.campaigns.models import Campaign
from thidua.core.guard import guard
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE
from thidua.org.models import UnitCategory
from thidua.reports import dashboard, selectors, services
from thidua.reports.access import access_campaign_reports
from thidua.reports.documents import kind_label, review_docx, review_subject, review_xlsx
from thidua.reports.forms import ReviewForm
from thidua.reports.models import KIND_SLUGS, Review, default_last_year
from thidua.rules.vocab import UnknownScaleValue

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _campaign(request: HttpRequest, campaign_id: int, *, write: bool = False) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("issuer"), pk=campaign_id)
    return access_campaign_reports(request.user, campaign, write=write)


def _kind(review_kind: str) -> str:
    kind = KIND_SLUGS.get(review_kind)
    if kind is None:
        raise Http404("Không có loại báo cáo này.")
    return kind


def _review(campaign: Campaign, kind: str) -> tuple[Review | None, int]:
    review = Review.objects.filter(campaign=campaign, kind=kind).first()
    return review, (review.last_year if review else default_last_year(campaign, kind))


@guard(Capability.READ_SCOPE)
def index(request: HttpRequest) -> HttpResponse:
    campaigns = filter_by_unit_scope(
        Campaign.objects.select_related("issuer").prefetch_related("reviews"), request.user,
        field="issuer__path").order_by("-period_start", "code")
    return render(request, "reports/index.html", {"campaigns": campaigns})


@guard(Capability.READ_SCOPE)
def campaign_dashboard(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    years = selectors.result_years(campaign)
    year = years[-1] if years else campaign.period_start.year
    if request.GET.get("nam", "").isdigit() and int(request.GET["nam"]) in years:
        year = int(request.GET["nam"])
    charts = [dashboard.distribution_chart(campaign, year), dashboard.movement_chart(campaign, year),
              dashboard.registrations_chart(campaign), dashboard.awards_chart(campaign)]
    reviews = {r.kind: r for r in Review.objects.filter(campaign=campaign)}
    return render(request, "reports/dashboard.html", {
        "campaign": campaign, "charts": charts, "year": year, "years": years,
        "review_links": [(slug, kind_label(kind), reviews.get(kind))
                         for slug, kind in KIND_SLUGS.items()],
    })


DRILL_TITLES = {
    "phan-bo": "Kết quả Chỉ số CCHC",
    "bien-dong": "Biến động thứ hạng",
    "dang-ky": "Đăng ký thi đua",
    "khen-thuong": "Khen thưởng",
}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@guard(Capability.READ_SCOPE)
def drill(request: HttpRequest, campaign_id: int, chart: str) -> HttpResponse:
    """The list behind a point of a chart (and behind each cell of its table)."""
    campaign = _campaign(request, campaign_id)
    if chart not in DRILL_TITLES:
        raise Http404("Không có biểu đồ này.")
    params = request.GET
    year = _int(params.get("nam")) or campaign.period_start.year
    category = params.get("khoi", "")
    context: dict[str, object] = {"campaign": campaign, "chart": chart, "title": DRILL_TITLES[chart],
                                  "year": year}
    filters: list[str] = []
    if chart == "phan-bo":
        results = selectors.published_results(campaign, [year]).order_by(
            "category__code", "rank", "unit__sort_key")
        if category:
            results = results.filter(category__code=category)
        if params.get("xep_loai"):
            try:
                label = selectors.classification_label(params["xep_loai"])
            except UnknownScaleValue as exc:
                raise Http404(str(exc)) from None
            results = results.filter(classification=params["xep_loai"])
            filters.append(f"xếp loại {label}")
        context["results"] = results
        filters.insert(0, f"năm {year}")
    elif chart == "bien-dong":
        rows = selectors.movement(campaign, year)
        if category:
            rows = [r for r in rows if r.result.category.code == category]
        direction = params.get("huong", "")
        if direction in selectors.DIRECTIONS:
            rows = [r for r in rows if r.direction == direction]
            filters.append(selectors.DIRECTIONS[direction].lower())
        context["movement"] = sorted(rows, key=lambda r: (r.change is None, -(r.change or 0)))
        filters.insert(0, f"năm {year} so với năm {year - 1}")
    elif chart == "dang-ky":
        month = None
        raw = params.get("thang", "")
        if len(raw) == 7 and raw[:4].isdigit() and raw[5:].isdigit() and 1 <= int(raw[5:]) <= 12:
            month = date(int(raw[:4]), int(raw[5:]), 1)
            filters.append(f"tháng {month:%m/%Y}")
        context["registrations"] = selectors.registrations(campaign, month=month)
    else:
        awards = selectors.campaign_awards(campaign).order_by("-decided_on", "unit__sort_key", "id")
        unit_id = _int(params.get("don_vi"))
        if unit_id is not None:
            awards = awards.filter(unit_id=unit_id)
            first = awards.first()
            if first is not None:
                filters.append(first.unit.name)
        if params.get("doi_tuong") in ("collective", "individual"):
            awards = awards.filter(kind=params["doi_tuong"])
            filters.append("tập thể" if params["doi_tuong"] == "collective" else "cá nhân")
        context["awards"] = awards
    if category:
        names = dict(UnitCategory.objects.filter(code=category).values_list("code", "name"))
        filters.append(names.get(category, category))
    context["filters"] = filters
    return render(request, "reports/drill.html", context)


@guard(Capability.READ_SCOPE)
def review_detail(request: HttpRequest, campaign_id: int, review_kind: str) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    kind = _kind(review_kind)
    review, last_year = _review(campaign, kind)
    figures = selectors.review_figures(campaign, last_year=last_year)
    try:
        access_campaign_reports(request.user, campaign, write=True)
        can_edit = True
    except Exception:  # noqa: BLE001 - Denied: the page is read-only for this user
        can_edit = False
    return render(request, "reports/review.html", {
        "campaign": campaign, "kind": kind, "slug": review_kind, "label": kind_label(kind),
        "review": review, "f": figures, "subject": review_subject(campaign, kind, last_year),
        "can_edit": can_edit, "classifications": selectors.CLASSIFICATIONS,
        "filename": f"{review_kind}-{campaign.code.lower()}",
    })


@guard(Capability.EDIT_SCOPE)
def review_edit(request: HttpRequest, campaign_id: int, review_kind: str) -> HttpResponse:
    campaign = _campaign(request, campaign_id, write=True)
    kind = _kind(review_kind)
    review = Review.objects.filter(campaign=campaign, kind=kind).first() or Review(
        campaign=campaign, kind=kind, last_year=default_last_year(campaign, kind),
        place=campaign.place)
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        services.review_save(actor=request.user, campaign=campaign, kind=kind,
                             values=form.cleaned_data)
        messages.success(request, f"Đã lưu báo cáo {kind_label(kind).lower()}.")
        return redirect("reports:review", campaign_id=campaign.pk, review_kind=review_kind)
    return render(request, "reports/review_edit.html", {
        "campaign": campaign, "form": form, "label": kind_label(kind), "slug": review_kind})


@guard(Capability.READ_SCOPE)
def review_download(request: HttpRequest, campaign_id: int, review_kind: str,
                    review_format: str) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    kind = _kind(review_kind)
    if review_format not in ("docx", "xlsx", "pdf"):
        raise Http404("Không có định dạng này.")
    review, last_year = _review(campaign, kind)
    figures = selectors.review_figures(campaign, last_year=last_year)
    name = f"{review_kind}-{campaign.code.lower()}"
    if review_format == "xlsx":
        response = HttpResponse(review_xlsx(figures, kind), content_type=XLSX_CONTENT_TYPE)
    else:
        data = review_docx(figures, kind, review)
        if review_format == "pdf":
            from thidua.documents import ConversionError, to_pdf

            try:
                data = to_pdf(data)
            except ConversionError:
                messages.error(request, "Không chuyển được sang PDF trên máy chủ này; "
                                        "hãy tải bản Word.")
                return redirect("reports:review", campaign_id=campaign.pk, review_kind=review_kind)
            response = HttpResponse(data, content_type="application/pdf")
        else:
            response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{review_format}"'
    return response

