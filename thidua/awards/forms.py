"""Forms of the awards pages (labels and messages in Vietnamese)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from thidua.accounts.access import capability_paths, is_admin
from thidua.accounts.capabilities import Capability
from thidua.awards.models import Choice, Kind, MemberRole, State, VoteMethod
from thidua.campaigns.access import campaigns_visible_to
from thidua.campaigns.models import AwardScope, Campaign, CampaignStatus
from thidua.core.pickers import UnitChoiceField
from thidua.org.models import Unit, UnitCategory


def _units_for(user: Any, *capabilities: Capability) -> Any:
    from django.db.models import Q

    qs = Unit.objects.filter(active_to__isnull=True) | Unit.objects.filter(
        active_to__gte=timezone.localdate())
    if is_admin(user):
        return qs.order_by("path")
    q = Q(pk__in=[])
    for prefix in capability_paths(user, *capabilities):
        q |= Q(path__startswith=prefix)
    return qs.filter(q).order_by("path")


def _choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class DossierCreateForm(forms.Form):
    campaign = forms.ModelChoiceField(label="Phong trào thi đua", queryset=Campaign.objects.none())
    scope = forms.ChoiceField(label="Đợt khen thưởng", choices=AwardScope.choices)
    year = forms.IntegerField(label="Năm xét", min_value=2000, max_value=2100)
    unit = UnitChoiceField(label="Đơn vị trình", queryset=Unit.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns_visible_to(user).exclude(  # type: ignore[attr-defined]
            status=CampaignStatus.DRAFT)
        self.fields["unit"].queryset = _units_for(user, Capability.NOMINATE)  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year - 1
        person = getattr(user, "person", None)  # the picker starts on the user's own unit
        if person is not None and person.unit_id:
            self.fields["unit"].initial = person.unit_id


class ManualNominationForm(forms.Form):
    kind = forms.ChoiceField(label="Đối tượng", choices=Kind.choices)
    award_form = forms.ChoiceField(label="Hình thức đề nghị")
    unit = UnitChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)
    person = forms.ChoiceField(label="Cá nhân", required=False)
    justification = forms.CharField(label="Lý do đề nghị (nếu chưa đạt tiêu chuẩn)",
                                    widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, dossier: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forms_qs = dossier.campaign.award_forms.filter(scope=dossier.scope).order_by("position")
        _choices(self, "award_form", [(f.pk, f"{f.name} ({f.get_subject_display()})")
                                      for f in forms_qs])
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            path__startswith=dossier.unit.path).order_by("path")
        people = dossier.unit.people.model.objects.filter(
            unit__path__startswith=dossier.unit.path).select_related("unit").order_by("sort_key")
        _choices(self, "person", [("", "—")] + [
            (str(p.pk), f"{p.full_name} – {p.unit.name}") for p in people[:500]])


class NominationEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    position_title = forms.CharField(label="Chức vụ, đơn vị", required=False, max_length=255)
    summary = forms.CharField(label="Tóm tắt thành tích", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    achievements = forms.CharField(label="Thành tích đạt được (đưa vào báo cáo thành tích)",
                                   required=False, widget=forms.Textarea(attrs={"rows": 5}))
    justification = forms.CharField(label="Lý do đề nghị (khi chưa đạt tiêu chuẩn)",
                                    required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    component = forms.ChoiceField(label="Thành phần hồ sơ")
    nomination = forms.ChoiceField(label="Của tập thể, cá nhân", required=False)
    file = forms.FileField(label="Tệp (PDF, Word, ảnh chụp)")

    def __init__(self, *args: Any, dossier: Any, components: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "component", [(c.code, c.label) for c in components] + [
            ("other", "Tài liệu khác")])
        _choices(self, "nomination", [("", "— cả hồ sơ —")] + [
            (n.pk, n.subject_name) for n in dossier.nominations.select_related("unit", "person")])


class WorklistFilterForm(forms.Form):
    state = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Tất cả")] + [
        (s.value, s.label) for s in (State.SUBMITTED, State.RECEIVED, State.UNDER_APPRAISAL,
                                     State.APPRAISED, State.RETURNED)])
    category = forms.ChoiceField(label="Khối", required=False)
    q = forms.CharField(label="Tìm đơn vị", required=False)
    mine = forms.BooleanField(label="Tôi đang thẩm định", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "category", [("", "Tất cả")] + [
            (c.code, c.name) for c in UnitCategory.objects.order_by("code")])


class ExceptionForm(forms.Form):
    campaign = forms.ModelChoiceField(label="Phong trào", queryset=Campaign.objects.none())
    unit = UnitChoiceField(label="Đơn vị được gia hạn", queryset=Unit.objects.none())
    scope = forms.ChoiceField(label="Đợt khen thưởng", choices=AwardScope.choices)
    year = forms.IntegerField(label="Năm xét", min_value=2000, max_value=2100)
    valid_until = forms.DateField(label="Được nộp đến hết ngày",
                                  widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns_visible_to(user)  # type: ignore[attr-defined]
        self.fields["unit"].queryset = _units_for(user, Capability.RUN_COUNCIL)  # type: ignore[attr-defined]


class CouncilMemberForm(forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=120)
    position = forms.CharField(label="Chức vụ", max_length=255, required=False)
    role = forms.ChoiceField(label="Vai trò trong Hội đồng", choices=MemberRole.choices)
    username = forms.CharField(label="Tài khoản (để biểu quyết trực tuyến)", required=False)
    home_unit = UnitChoiceField(label="Đơn vị công tác", queryset=Unit.objects.none(),
                                       required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_unit"].queryset = _units_for(user, Capability.RUN_COUNCIL)  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="Ngày họp", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="Giờ bắt đầu", widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(label="Địa điểm", max_length=255)
    purpose = forms.CharField(label="Nội dung", max_length=300)
    secretary = forms.CharField(label="Thư ký", max_length=120)
    minutes_number = forms.CharField(label="Số biên bản", max_length=60, required=False)
    vote_method = forms.ChoiceField(label="Thành viên có mặt biểu quyết bằng",
                                    choices=VoteMethod.choices, initial=VoteMethod.SHOW_OF_HANDS,
                                    required=False)

    def clean_vote_method(self) -> str:
        return self.cleaned_data.get("vote_method") or VoteMethod.ONLINE


class VoteForm(forms.Form):
    nomination = forms.IntegerField()
    choice = forms.ChoiceField(choices=Choice.choices)
    member = forms.IntegerField(required=False)


class DecisionForm(forms.Form):
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=60)
    signed_on = forms.DateField(label="Ngày ký", widget=forms.DateInput(attrs={"type": "date"}))
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, initial="Chủ tịch")
    legal_bases = forms.CharField(label="Căn cứ (mỗi dòng một căn cứ; để trống: theo quy định "
                                  "hiện hành)", required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}))
