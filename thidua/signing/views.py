"""Pages of the signing app: a paper's signing page (sign, versions, who/when/certificate) and
the byte-identical download of a signed version."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.accounts.models import Role
from thidua.core.audit import history
from thidua.core.guard import guard
from thidua.signing import selectors, services
from thidua.signing.models import SignedPaper
from thidua.signing.registry import Paper, signable


def _paper(request: HttpRequest, kind: str, object_id: int) -> Paper:
    entry = signable(kind)
    if entry is None:
        raise Http404("Không có loại văn bản này.")
    return entry.load(request.user, object_id)


@guard("roles", Role.OWNER, Role.OFFICER, Role.COUNCIL, Role.SIGNER)
def paper(request: HttpRequest, paper_kind: str, paper_object_id: int) -> HttpResponse:
    item = _paper(request, paper_kind, paper_object_id)
    if request.method == "POST":
        try:
            row = services.paper_sign(actor=request.user, paper=item)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Đã ký số “{row.title}” (lần {row.version}) lúc "
                                      f"{row.signed_at:%H:%M %d/%m/%Y}.")
        return redirect("signing:paper", paper_kind=paper_kind, paper_object_id=paper_object_id)
    versions = selectors.signed_versions(item.kind, item.object_id)
    entry = signable(paper_kind)
    return render(request, "signing/paper.html", {
        "paper": item, "label": entry.label if entry else "", "versions": versions,
        "latest": versions[0] if versions else None,
        "history": history(versions[0])[:20] if versions else [],
    })


@guard("roles", Role.OWNER, Role.OFFICER, Role.COUNCIL, Role.SIGNER, Role.STAFF)
def signed_download(request: HttpRequest, signed_paper_id: int) -> HttpResponse:
    row = get_object_or_404(SignedPaper, pk=signed_paper_id)
    _paper(request, row.kind, row.object_id)  # read access to the paper it signs
    try:
        data = selectors.signed_bytes(row)
    except ValidationError as exc:
        return render(request, "signing/broken.html", {"row": row, "errors": exc.messages},
                      status=409)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{row.kind}-{row.object_id}-ky-lan-{row.version}.pdf"')
    response["X-Content-SHA256"] = row.sha256
    return response
