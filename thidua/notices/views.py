"""Pages of the notices app: the user's notices (open one: marked read, then its work), and how
they want their e-mails."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from thidua.core.guard import guard
from thidua.notices import selectors, services
from thidua.notices.forms import PreferenceForm


@guard("authenticated")
def notice_list(request: HttpRequest) -> HttpResponse:
    """The user's own notices. `?mo=<id>` opens one of them: marked read, then its work (a
    notice of someone else is not found)."""
    if "mo" in request.GET:
        return _open(request, request.GET["mo"])
    if request.method == "POST":
        if request.POST.get("action") == "read_all":
            count = services.notices_mark_read(user=request.user)
            messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
            return redirect("notices:list")
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.preference_set(user=request.user,
                                    daily_digest=form.cleaned_data["daily_digest"])
            messages.success(request, "Đã lưu cách nhận thư thông báo.")
            return redirect("notices:list")
    else:
        form = PreferenceForm(instance=selectors.preference_of(request.user))
    page = Paginator(selectors.notices_of(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notices/list.html", {"page_obj": page, "form": form,
                                                 "unread": selectors.unread_count(request.user)})


def _open(request: HttpRequest, raw_id: str) -> HttpResponse:
    notice = (selectors.notices_of(request.user).filter(pk=int(raw_id)).first()
              if raw_id.isdigit() else None)
    if notice is None:
        raise Http404("Không có thông báo này.")
    services.notices_mark_read(user=request.user, ids=[notice.pk])
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect("notices:list")
