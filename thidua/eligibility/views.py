"""Eligibility pages: a campaign's candidates per standard, with explanations, what-if and export.

One page per campaign. Its GET parameters name the question (phase or a year, registration, an
optional what-if) and filter the list; a GET only shows the latest finished run of that question
(stored, so any worker serves it) or a "Xét chọn" button. Starting a run is a POST: the run goes
to a huey worker and the page polls its progress (htmx).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from thidua.accounts.access import Denied, access_unit
from thidua.accounts.capabilities import Capability
from thidua.campaigns.access import access_campaign, campaigns_visible_to
from thidua.campaigns.models import Campaign
from thidua.core.guard import guard, is_htmx
from thidua.core.spreadsheet import XLSX_CONTENT_TYPE
from thidua.eligibility import jobs
from thidua.eligibility.forms import EligibilityForm
from thidua.eligibility.models import EligibilityJob, JobStatus
from thidua.eligibility.services import (
    EligibilityError,
    campaign_rules,
    describe,
    quantified_conditions,
    standards_of,
    summary_xlsx,
)

PAGE_ROWS = 100


def _campaign(request: HttpRequest, campaign_id: int) -> Any:
    campaign = get_object_or_404(Campaign.objects.select_related("issuer"), pk=campaign_id)
    return access_campaign(request.user, campaign, manage=True)


@guard(Capability.READ_SCOPE)
def eligibility_index(request: HttpRequest) -> HttpResponse:
    """Campaigns the user follows whose standards are written as rules."""
    items = []
    qs = campaigns_visible_to(request.user).select_related("issuer").filter(
        standards__rule_text__gt="").distinct().order_by("-period_start", "code")
    for campaign in qs[:200]:
        try:
            access_unit(request.user, campaign.issuer)
        except Denied:
            continue
        items.append(campaign)
    return render(request, "eligibility/index.html", {"campaigns": items})


def _mode(form: EligibilityForm, has_phase: bool, years: list[int]) -> tuple[bool, int]:
    raw = form.cleaned_data.get("che_do") if form.question_valid() else ""
    if raw and raw.startswith("nam-") and raw[4:].isdigit():
        return False, int(raw[4:])
    if raw == "giai-doan" or (not raw and has_phase):
        return True, years[-1]
    return False, years[-1]


def _question_query(form: EligibilityForm, **extra: str) -> str:
    """The question's parameters (and extra ones) as a query string for the page's GET URL."""
    pairs = form.question_pairs() + list(extra.items())
    return urlencode([(k, v) for k, v in pairs if v])


@guard(Capability.READ_SCOPE)
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
    params = request.POST if request.method == "POST" else request.GET
    form = EligibilityForm(params or None, codes=rules.codes(), years=years, has_phase=has_phase,
                           quantified=quantified_conditions(rules, rules.codes()), rules=rules)
    valid = form.question_valid() if params else False
    phase, year = _mode(form, has_phase, years)
    options = form.options() if valid else {"registered": "campaign"}
    page_url = reverse("eligibility:page", args=[campaign.pk])
    if request.method == "POST":
        return _post(request, campaign, form, valid, phase, year, options, page_url, context)

    newest, shown = jobs.runs_for(campaign, phase, year, options)
    context.update({"form": form, "job": newest, "shown": shown, "phase": phase, "year": year,
                    "standards_info": describe(rules, scopes), "page_url": page_url,
                    "question": form.question_pairs(),
                    "what_if": bool(options.get("thresholds") or options.get("quotas"))})
    if request.GET.get("tien_do") == "1" and is_htmx(request):
        response = render(request, "eligibility/_progress.html", context)
        if newest is None or not newest.active:
            response["HX-Refresh"] = "true"
        return response
    if newest is not None and newest.status == JobStatus.FAILED:
        context["error"] = newest.message
    if shown is None:
        return render(request, "eligibility/page.html", context)
    context["stale"] = not jobs.is_current(shown)
    data = shown.summary or {}
    if request.GET.get("xuat") == "xlsx":
        what = "giai-doan" if phase else str(year)
        book = summary_xlsx({**data, "rows": jobs.all_rows(shown)},
                            title=f"Xét tiêu chuẩn khen thưởng – {campaign.title}")
        response = HttpResponse(book, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="xet-chon-{campaign.code}-{what}.xlsx"')
        return response
    context.update({"data": data, "sections": _sections(request, form, valid, shown, data)})
    context.update(_explanation(request, shown, data))
    return render(request, "eligibility/page.html", context)


def _sections(request: HttpRequest, form: EligibilityForm, valid: bool, job: EligibilityJob,
              data: dict[str, Any]) -> list[dict[str, Any]]:
    wanted = form.cleaned_data.get("tieu_chuan") if valid else ""
    how = form.cleaned_data.get("loc", "") if valid else ""
    category = form.cleaned_data.get("khoi", "") if valid else ""
    query = form.cleaned_data.get("q", "") if valid else ""
    sections = []
    for std in data.get("standards", []):
        if wanted and std["code"] != wanted:
            continue
        rows = jobs.rows_of(job, std["code"], how=how, category=category, query=query)
        page = Paginator(rows, PAGE_ROWS).get_page(request.GET.get(f"trang_{std['code']}"))
        sections.append({"std": std, "page": page,
                         "rows": [candidate.row for candidate in page.object_list],
                         "diff": data.get("diffs", {}).get(std["code"])})
    return sections


def _explanation(request: HttpRequest, job: EligibilityJob, data: dict[str, Any]) -> dict:
    """A candidate's explanation from the stored run; one the run did not store can be
    evaluated again (a POST) while the data is unchanged."""
    code = request.GET.get("giai_thich", "").strip()
    standard = request.GET.get("tieu_chuan_gt", "")
    if not code or standard not in {s["code"] for s in data.get("standards", [])}:
        return {}
    clause = next(s["clause"] for s in data["standards"] if s["code"] == standard)
    title = next(s["title"] for s in data["standards"] if s["code"] == standard)
    out: dict[str, Any] = {"explain_code": code, "explain_standard": standard,
                           "explain_title": title or standard, "explain_clause": clause}
    row = jobs.stored_candidate(job, standard, code)
    if row is not None:
        out["explanation"] = row
    elif jobs.is_current(job):
        out["explain_again"] = True
    else:
        out["explain_error"] = jobs.STALE
    return out


def _post(request: HttpRequest, campaign: Any, form: EligibilityForm, valid: bool, phase: bool,
          year: int, options: dict[str, Any], page_url: str, context: dict[str, Any]
          ) -> HttpResponse:
    if not valid:
        context.update({"form": form, "phase": phase, "year": year,
                        "what_if": True, "page_url": page_url})
        return render(request, "eligibility/page.html", context, status=400)
    if request.POST.get("hanh_dong") == "giai_thich":
        code = request.POST.get("giai_thich", "").strip()
        standard = request.POST.get("tieu_chuan_gt", "")
        _, shown = jobs.runs_for(campaign, phase, year, options)
        if shown is None:
            messages.error(request, "Chưa có lượt xét nào cho lựa chọn này; hãy bấm “Xét chọn”.")
        else:
            try:
                jobs.explain_again(shown, standard, code)
            except EligibilityError as exc:
                messages.error(request, exc.message)
        query = _question_query(form, giai_thich=code, tieu_chuan_gt=standard)
        return HttpResponseRedirect(f"{page_url}?{query}#giai-thich", status=303)
    jobs.job_start(actor=request.user, campaign=campaign, phase=phase, year=year,
                   options=options)
    query = _question_query(form)
    return HttpResponseRedirect(f"{page_url}?{query}" if query else page_url, status=303)
