"""Eligibility pages: a campaign's candidates per standard, with explanations, what-if and export.

One page per campaign; its GET parameters choose the phase or a year, filter the list and may
carry a what-if (a threshold or quota changed in memory, nothing saved). Long runs go to the
background and the page polls its own URL (htmx) for the progress bar.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from thidua.accounts.models import Role
from thidua.core.guard import guard, is_htmx
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE
from thidua.core.text import fold
from thidua.eligibility import jobs
from thidua.eligibility.forms import EligibilityForm
from thidua.eligibility.models import JobStatus
from thidua.eligibility.services import (
    EligibilityError,
    campaign_rules,
    describe,
    standards_of,
    summary_xlsx,
)

ROLES = (Role.OWNER, Role.OFFICER, Role.COUNCIL, Role.SIGNER)
PAGE_ROWS = 100


def _campaign(request: HttpRequest, campaign_id: int) -> Any:
    from thidua.campaigns.access import access_campaign
    from thidua.campaigns.models import Campaign

    campaign = get_object_or_404(Campaign.objects.select_related("issuer"), pk=campaign_id)
    return access_campaign(request.user, campaign, manage=True)


@guard("roles", *ROLES)
def eligibility_index(request: HttpRequest) -> HttpResponse:
    """Campaigns the user follows whose standards are written as rules."""
    from thidua.accounts.access import Denied, access_unit
    from thidua.campaigns.selectors import campaigns_visible

    items = []
    qs = campaigns_visible(request.user).select_related("issuer").filter(
        standards__rule_text__gt="").distinct().order_by("-period_start", "code")
    for campaign in qs[:200]:
        try:
            access_unit(request.user, campaign.issuer)
        except Denied:
            continue
        items.append(campaign)
    return render(request, "eligibility/index.html", {"campaigns": items})


def _options(form: EligibilityForm) -> dict[str, Any]:
    data = form.cleaned_data
    options: dict[str, Any] = {"registered": "all" if data.get("dang_ky") == "tat-ca"
                               else "campaign"}
    standard = data.get("gd_tieu_chuan")
    if standard and data.get("gd_dieu_kien"):
        options["thresholds"] = {f"{standard}|{data['gd_dieu_kien']}": data["gd_gia_tri"]}
    if standard and data.get("gd_chi_tieu"):
        options["quotas"] = {standard: data["gd_chi_tieu"]}
    return options


def _mode(form: EligibilityForm, has_phase: bool, years: list[int]) -> tuple[bool, int]:
    raw = form.cleaned_data.get("che_do") if form.is_valid() else ""
    if raw and raw.startswith("nam-") and raw[4:].isdigit():
        return False, int(raw[4:])
    if raw == "giai-doan" or (not raw and has_phase):
        return True, years[-1]
    return False, years[-1]


def _filter(rows: list[dict[str, Any]], how: str, category: str, query: str) -> list[dict]:
    if how == "du":
        rows = [r for r in rows if r["eligible"]]
    elif how == "chon":
        rows = [r for r in rows if r["selected"]]
    elif how == "sat":
        rows = [r for r in rows if not r["eligible"] and r["fails"] == 1]
    elif how == "khong":
        rows = [r for r in rows if not r["eligible"]]
    if category:
        rows = [r for r in rows if (r["group"] or "") == category]
    for word in fold(query).split():
        rows = [r for r in rows if word in fold(f"{r['code']} {r['name'] or ''} "
                                                 f"{r['unit_name'] or ''}")]
    return rows


@guard("roles", *ROLES)
def eligibility(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    context: dict[str, Any] = {"campaign": campaign}
    try:
        rules, scopes = campaign_rules(campaign)
    except EligibilityError as exc:
        context["error"] = exc.message
        return render(request, "eligibility/page.html", context)
    years = list(rules.period.years())
    has_phase = bool(standards_of(rules, scopes, phase=True))
    form = EligibilityForm(request.GET or None, codes=rules.codes(), years=years,
                           has_phase=has_phase)
    valid = form.is_valid() if request.GET else False
    phase, year = _mode(form, has_phase, years)
    options = _options(form) if valid else {"registered": "campaign"}
    job = jobs.job_start(actor=request.user, campaign=campaign, phase=phase, year=year,
                         options=options)
    context.update({"form": form, "job": job, "phase": phase, "year": year,
                    "standards_info": describe(rules, scopes),
                    "what_if": bool(options.get("thresholds") or options.get("quotas"))})
    if request.GET.get("tien_do") == "1" and is_htmx(request):
        response = render(request, "eligibility/_progress.html", context)
        if job.status in (JobStatus.DONE, JobStatus.FAILED):
            response["HX-Refresh"] = "true"
        return response
    if job.status == JobStatus.FAILED:
        context["error"] = job.message
        return render(request, "eligibility/page.html", context)
    if job.status != JobStatus.DONE or job.summary is None:
        return render(request, "eligibility/page.html", context)
    data = job.summary
    if request.GET.get("xuat") == "xlsx":
        what = "giai-doan" if phase else str(year)
        response = HttpResponse(summary_xlsx(data, title=f"Xét tiêu chuẩn khen thưởng – "
                                                         f"{campaign.title}"),
                                content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="xet-chon-{campaign.code}-{what}.xlsx"')
        return response
    wanted = form.cleaned_data.get("tieu_chuan") if valid else ""
    how = form.cleaned_data.get("loc", "") if valid else ""
    category = form.cleaned_data.get("khoi", "") if valid else ""
    query = form.cleaned_data.get("q", "") if valid else ""
    sections = []
    for std in data["standards"]:
        if wanted and std["code"] != wanted:
            continue
        rows = _filter(data["rows"].get(std["code"], []), how, category, query)
        page = Paginator(rows, PAGE_ROWS).get_page(request.GET.get(f"trang_{std['code']}"))
        sections.append({"std": std, "page": page, "diff": data["diffs"].get(std["code"])})
    explanation = None
    code, standard = request.GET.get("giai_thich", ""), request.GET.get("tieu_chuan_gt", "")
    if code and standard in data["rows"]:
        try:
            explanation = jobs.run_of(job).result[standard].explain(code)
        except (EligibilityError, KeyError) as exc:
            explanation = f"Không giải thích được: {exc}"
    context.update({"data": data, "sections": sections, "explanation": explanation,
                    "explain_code": code})
    return render(request, "eligibility/page.html", context)
