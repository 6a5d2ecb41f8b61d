"""The public honour board (no login) and the officers' pages that write its stories."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape

from thidua.accounts.access import filter_by_unit_scope
from thidua.accounts.capabilities import Capability
from thidua.core.guard import guard
from thidua.public import selectors, services
from thidua.public.access import access_story
from thidua.public.forms import StoryForm
from thidua.public.models import Story
from thidua.public.registry import board_sections


def _public(response: HttpResponse) -> HttpResponse:
    # Pages carry the visitor's name and CSRF token once logged in: no shared caching of them.
    response["Cache-Control"] = "private, max-age=0"
    return response


@guard("public")
def index(request: HttpRequest) -> HttpResponse:
    campaigns = list(selectors.public_campaigns())
    return _public(render(request, "public/index.html", {
        "campaigns": [(c, selectors.campaign_slug(c), selectors.campaign_years(c)) for c in campaigns],
        "stories": list(selectors.public_stories()[:6]),
        "sections": board_sections(),
    }))


@guard("public")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    found = selectors.search(query)
    return render(request, "public/search.html", {"q": query, "found": found})


@guard("public")
def stories(request: HttpRequest) -> HttpResponse:
    return _public(render(request, "public/stories.html",
                          {"stories": selectors.public_stories()}))


@guard("public")
def story_detail(request: HttpRequest, story_slug: str) -> HttpResponse:
    story = get_object_or_404(selectors.public_stories(), slug=story_slug)
    return _public(render(request, "public/story.html", {
        "story": story,
        "campaign_slug": selectors.campaign_slug(story.campaign) if story.campaign else None,
        "campaign_public": bool(story.campaign and selectors.campaign_by_slug(story.campaign.code)),
    }))


@guard("public")
def story_photo(request: HttpRequest, story_slug: str) -> FileResponse:
    """The photo of a published story (a draft's photo is not served to anyone here)."""
    story = get_object_or_404(selectors.public_stories(), slug=story_slug)
    if not story.photo:
        raise Http404("Bài viết không có ảnh.")
    response = FileResponse(story.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@guard("public")
def unit_board(request: HttpRequest, unit_slug: str) -> HttpResponse:
    unit = selectors.unit_by_slug(unit_slug)
    if unit is None or not selectors.unit_is_public(unit):
        raise Http404("Không có đơn vị này trên bảng vinh danh.")
    canonical = selectors.unit_slug(unit)
    if canonical != unit_slug:  # an old or mistyped name: one address per page
        return redirect("public:unit", unit_slug=canonical, permanent=True)
    awards = selectors.public_awards().filter(unit=unit).order_by("-year", "form_name", "person__sort_key")
    return _public(render(request, "public/unit.html", {
        "unit": unit, "awards": awards,
        "initiatives": selectors.public_initiatives().filter(unit=unit).order_by("-year", "title"),
        "stories": selectors.public_stories().filter(unit=unit),
    }))


@guard("public")
def campaign_board(request: HttpRequest, campaign_slug: str) -> HttpResponse:
    campaign = selectors.campaign_by_slug(campaign_slug)
    if campaign is None:
        raise Http404("Không có phong trào này trên bảng vinh danh.")
    if campaign_slug != selectors.campaign_slug(campaign):
        return redirect("public:campaign", campaign_slug=selectors.campaign_slug(campaign),
                        permanent=True)
    years = selectors.campaign_years(campaign)
    return _public(render(request, "public/campaign.html", {
        "campaign": campaign, "slug": campaign_slug, "years": years,
        "boards": [selectors.year_board(campaign, y) for y in years],
        "stories": selectors.public_stories().filter(campaign=campaign),
    }))


@guard("public")
def campaign_year(request: HttpRequest, campaign_slug: str, year: int) -> HttpResponse:
    campaign = selectors.campaign_by_slug(campaign_slug)
    if campaign is None or year not in selectors.campaign_years(campaign):
        raise Http404("Không có năm này trên bảng vinh danh.")
    return _public(render(request, "public/campaign_year.html", {
        "campaign": campaign, "slug": selectors.campaign_slug(campaign), "year": year,
        "years": selectors.campaign_years(campaign),
        "board": selectors.year_board(campaign, year),
    }))


@guard("public")
def sitemap(request: HttpRequest) -> HttpResponse:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for name, kwargs in selectors.sitemap_entries():
        lines.append(f"<url><loc>{escape(request.build_absolute_uri(reverse(name, kwargs=kwargs)))}"
                     "</loc></url>")
    lines.append("</urlset>")
    return _public(HttpResponse("\n".join(lines), content_type="application/xml"))


# --- officers: write, publish and withdraw stories ---------------------------------------------


@guard(Capability.EDIT_SCOPE)
def manage(request: HttpRequest) -> HttpResponse:
    stories = filter_by_unit_scope(Story.objects.select_related("unit", "person"), request.user,
                                   field="unit__path", write=True).order_by("-updated_at")
    return render(request, "public/manage.html", {"stories": stories})


@guard(Capability.EDIT_SCOPE)
def story_create(request: HttpRequest) -> HttpResponse:
    return _story_form(request, None)


@guard(Capability.EDIT_SCOPE)
def story_edit(request: HttpRequest, story_id: int) -> HttpResponse:
    story = access_story(request.user, get_object_or_404(Story.objects.select_related("unit"),
                                                         pk=story_id), write=True)
    return _story_form(request, story)


def _story_form(request: HttpRequest, story: Story | None) -> HttpResponse:
    form = StoryForm(request.POST or None, request.FILES or None, instance=story, user=request.user)
    if request.method == "POST" and form.is_valid():
        from django.core.exceptions import ValidationError

        try:
            saved = services.story_save(actor=request.user, values=form.cleaned_data, story=story,
                                        photo=request.FILES.get("photo"))
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, "Đã lưu bài viết.")
            return redirect("public:story_edit", story_id=saved.pk)
    return render(request, "public/story_form.html", {"form": form, "story": story})


@guard(Capability.EDIT_SCOPE)
def story_publish(request: HttpRequest, story_id: int) -> HttpResponse:
    story = access_story(request.user, get_object_or_404(Story.objects.select_related("unit"),
                                                         pk=story_id), write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    publish = request.POST.get("publish") == "1"
    services.story_publish(actor=request.user, story=story, published=publish)
    messages.success(request, "Đã công bố bài viết." if publish else "Đã gỡ bài viết khỏi bảng vinh danh.")
    return redirect("public:story_edit", story_id=story.pk)
