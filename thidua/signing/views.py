"""Pages of the signing app: a paper's signing page (sign, versions, who/when/certificate) and
the byte-identical download of a signed version."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.accounts.access import Denied
from thidua.accounts.capabilities import Capability
from thidua.core.audit import history
from thidua.core.guard import guard
from thidua.signing import selectors, services
from thidua.signing.forms import BodyAppearanceForm, SignerProfileForm
from thidua.signing.models import SignedPaper, SignerProfile
from thidua.signing.registry import Paper, signable


def _paper(request: HttpRequest, kind: str, object_id: int) -> Paper:
    entry = signable(kind)
    if entry is None:
        raise Http404("Không có loại văn bản này.")
    return entry.load(request.user, object_id)


@guard(Capability.READ_SCOPE)
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


@guard("scoped")  # the paper's own access check: an awardee may download their certificate
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


@guard(Capability.SIGN, Capability.MANAGE_CAMPAIGN)
def settings_page(request: HttpRequest) -> HttpResponse:
    """The signer's name and signature image; each body's signature box (Decree 30/2020)."""
    user: Any = request.user  # logged in: the guard refused anonymous users
    units = selectors.appearance_units(user)
    profile = SignerProfile.objects.filter(user=user).first()
    if request.method == "POST":
        try:
            if request.POST.get("what") == "profile":
                form = SignerProfileForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise ValidationError("Hãy ghi họ và tên trên chữ ký.")
                services.signer_profile_update(
                    actor=request.user, display_name=form.cleaned_data["display_name"],
                    signature_image=form.cleaned_data["signature_image"])
                messages.success(request, "Đã lưu chữ ký của bạn.")
            else:
                unit = next((u for u in units if u.pk == _int(request.POST.get("unit"))), None)
                if unit is None:
                    raise Denied("Cơ quan này nằm ngoài phạm vi của bạn.")
                body = BodyAppearanceForm(request.POST, request.FILES, prefix=f"u{unit.pk}")
                if not body.is_valid():
                    raise ValidationError([
                        (f"{body.fields[f].label}: " if f in body.fields else "")
                        + " ".join(map(str, e)) for f, e in body.errors.items()])
                data = body.cleaned_data
                services.body_appearance_update(
                    actor=request.user, unit=unit, display_name=data["display_name"],
                    location=data["location"], page=data["page"], x=data["x"], y=data["y"],
                    width=data["width"], height=data["height"], seal_image=data["seal_upload"])
                messages.success(request, f"Đã lưu cách hiển thị chữ ký số của {unit.name}.")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("signing:settings")
    bodies = []
    for unit in units:
        current = getattr(unit, "signing_appearance", None)
        initial = {"display_name": unit.name}
        bodies.append((unit, current, BodyAppearanceForm(
            instance=current, initial=initial, prefix=f"u{unit.pk}"
        ) if current else BodyAppearanceForm(initial=initial, prefix=f"u{unit.pk}")))
    return render(request, "signing/settings.html", {
        "profile": profile, "bodies": bodies,
        "profile_form": SignerProfileForm(initial={
            "display_name": profile.display_name if profile else (
                user.get_full_name() or user.get_username())}),
    })


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None
