"""/api/v1 resources of the campaign parts: campaigns, registrations, results, nominations,
decisions, awards, initiatives and contests, read-only, with the same row-level access as the
pages (each queryset is the app's own `visible_*` / scope rule), and their bulk-export datasets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from thidua.api.base import Guarded
from thidua.api.views import Dataset, register_dataset
from thidua.awards.access import awards_visible_to, decisions_visible_to, dossiers_visible_to
from thidua.awards.models import Award, AwardDecision, Nomination
from thidua.campaigns.access import campaigns_visible_to, participants_visible_to
from thidua.campaigns.models import Campaign, Participant
from thidua.contests.access import contests_visible_to
from thidua.contests.models import Contest, Round
from thidua.core.text import fold
from thidua.initiatives.access import initiatives_visible_to
from thidua.initiatives.models import Author, Initiative
from thidua.org.models import Unit
from thidua.results.access import results_visible_to
from thidua.results.models import AnnualResult


def _int(value: str | None) -> int | None:
    """A query parameter as an int; anything else is ignored rather than an error."""
    if not value:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 9999 else None


class ReadOnly(Guarded, viewsets.ReadOnlyModelViewSet):
    """A read-only resource whose rows are those `visible(user)` returns."""

    permission_classes = [IsAuthenticated]

    def visible(self, user: Any) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        return self.filter(self.visible(self.request.user), self.request.query_params)

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        return qs


YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="Năm")
UNIT = OpenApiParameter("unit", OpenApiTypes.STR, description="Mã đơn vị (cả các đơn vị cấp dưới)")
CAMPAIGN = OpenApiParameter("campaign", OpenApiTypes.STR, description="Mã phong trào")
QUERY = OpenApiParameter("q", OpenApiTypes.STR, description="Tìm kiếm không dấu")


def _within(qs: QuerySet, params: Any, field: str) -> QuerySet:
    code = params.get("unit")
    if not code:
        return qs

    unit = Unit.objects.filter(code=code).first()
    return qs.filter(**{f"{field}__startswith": unit.path}) if unit else qs.none()


# --- campaigns and registration -----------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    issuer = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "code", "title", "theme", "kind", "status", "doc_type", "issuer",
                  "issuing_body", "number_symbol", "issued_on", "period_start", "period_end",
                  "launched_on", "cascade_due", "parent", "version"]


@extend_schema(tags=["Phong trào"])
@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("status", OpenApiTypes.STR, description="Trạng thái"), QUERY]))
class CampaignViewSet(ReadOnly):
    """Phong trào thi đua mà người gọi được xem (như trên trang Phong trào)."""

    serializer_class = CampaignSerializer
    lookup_url_kwarg = "campaign_id"
    queryset = Campaign.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return campaigns_visible_to(user).order_by("-period_start", "code")

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        words = fold(params.get("q", "")).split()[:8]
        if words:
            qs = qs.filter(pk__in=[pk for pk, title, code in qs.values_list("pk", "title", "code")
                                   if all(w in fold(f"{title} {code}") for w in words)])
        return qs


class ParticipantSerializer(serializers.ModelSerializer):
    campaign = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    registered = serializers.SerializerMethodField()
    registered_at = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["id", "campaign", "unit", "plan_status", "plan_number", "plan_issued_on",
                  "registered", "registered_at", "people"]

    def get_registered(self, obj: Participant) -> bool:
        return hasattr(obj, "registration")

    def get_registered_at(self, obj: Participant) -> Any:
        return obj.registration.submitted_at if hasattr(obj, "registration") else None

    def get_people(self, obj: Participant) -> list[str]:
        if not hasattr(obj, "registration"):
            return []
        return [p.person.code for p in obj.registration.people.all()]


@extend_schema(tags=["Phong trào"])
@extend_schema_view(list=extend_schema(parameters=[CAMPAIGN, UNIT]))
class ParticipantViewSet(ReadOnly):
    """Đơn vị tham gia phong trào: ban hành kế hoạch, đăng ký thi đua, cá nhân đăng ký."""

    serializer_class = ParticipantSerializer
    lookup_url_kwarg = "participant_id"
    queryset = Participant.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return (participants_visible_to(user).prefetch_related("registrations__people__person")
                .order_by("campaign__code", "unit__path"))

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        if params.get("campaign"):
            qs = qs.filter(campaign__code=params["campaign"])
        return _within(qs, params, "unit__path")


# --- results ------------------------------------------------------------------------------------


class ResultSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    evaluator = serializers.CharField(source="round.evaluator.code", read_only=True)
    published = serializers.BooleanField(source="round.published", read_only=True)
    recognised_on = serializers.DateField(source="round.recognised_on", read_only=True)

    class Meta:
        model = AnnualResult
        fields = ["id", "unit", "year", "category", "score", "rank", "classification", "sipas",
                  "pci", "papi", "components", "evaluator", "published", "recognised_on"]


@extend_schema(tags=["Kết quả"])
@extend_schema_view(list=extend_schema(parameters=[
    YEAR, UNIT, OpenApiParameter("category", OpenApiTypes.STR, description="Mã khối")]))
class ResultViewSet(ReadOnly):
    """Kết quả Chỉ số CCHC của các đơn vị trong phạm vi (như trang Kết quả CCHC)."""

    serializer_class = ResultSerializer
    lookup_url_kwarg = "result_id"
    queryset = AnnualResult.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return (results_visible_to(user).select_related("unit", "category", "round__evaluator")
                .order_by("-year", "unit__path"))

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        year = _int(params.get("year"))
        if year is not None:
            qs = qs.filter(year=year)
        if params.get("category"):
            qs = qs.filter(category__code=params["category"])
        return _within(qs, params, "unit__path")


# --- nominations, decisions, awards ---------------------------------------------------------------


class NominationSerializer(serializers.ModelSerializer):
    campaign = serializers.CharField(source="dossier.campaign.code", read_only=True)
    scope = serializers.CharField(source="dossier.scope", read_only=True)
    year = serializers.IntegerField(source="dossier.year", read_only=True)
    state = serializers.CharField(source="dossier.state", read_only=True)
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    person = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_form = serializers.CharField(source="award_form.name", read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "dossier", "campaign", "scope", "year", "state", "kind", "unit", "person",
                  "award_form", "source", "summary", "outcome", "unmet"]


@extend_schema(tags=["Khen thưởng"])
@extend_schema_view(list=extend_schema(parameters=[CAMPAIGN, YEAR, UNIT]))
class NominationViewSet(ReadOnly):
    """Đề nghị khen thưởng trong các hồ sơ người gọi được xem (như trang Khen thưởng)."""

    serializer_class = NominationSerializer
    lookup_url_kwarg = "nomination_id"
    queryset = Nomination.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return (Nomination.objects.filter(dossier__in=dossiers_visible_to(user))
                .select_related("dossier__campaign", "unit", "person", "award_form")
                .order_by("-dossier__year", "dossier_id", "order", "id"))

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        if params.get("campaign"):
            qs = qs.filter(dossier__campaign__code=params["campaign"])
        year = _int(params.get("year"))
        if year is not None:
            qs = qs.filter(dossier__year=year)
        return _within(qs, params, "unit__path")


class AwardSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    person = serializers.SlugRelatedField(slug_field="code", read_only=True)
    campaign = serializers.SlugRelatedField(slug_field="code", read_only=True)
    decision = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Award
        fields = ["id", "kind", "unit", "person", "form_code", "form_name", "year", "decided_on",
                  "decision", "decision_text", "campaign", "scope", "reward"]


class DecisionSerializer(serializers.ModelSerializer):
    issuer = serializers.SlugRelatedField(slug_field="code", read_only=True)
    campaign = serializers.SlugRelatedField(slug_field="code", read_only=True)
    awards = AwardSerializer(many=True, read_only=True)

    class Meta:
        model = AwardDecision
        fields = ["id", "issuer", "campaign", "scope", "year", "number_symbol", "signed_on",
                  "authority", "subject", "status", "signer_name", "total_reward", "awards"]


@extend_schema(tags=["Khen thưởng"])
@extend_schema_view(list=extend_schema(parameters=[CAMPAIGN, YEAR]))
class DecisionViewSet(ReadOnly):
    """Quyết định khen thưởng người gọi được xem, kèm danh sách được khen thưởng."""

    serializer_class = DecisionSerializer
    lookup_url_kwarg = "decision_id"
    queryset = AwardDecision.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return decisions_visible_to(user).prefetch_related(
            "awards__unit", "awards__person", "awards__campaign").order_by("-signed_on", "-id")

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        if params.get("campaign"):
            qs = qs.filter(campaign__code=params["campaign"])
        year = _int(params.get("year"))
        return qs if year is None else qs.filter(year=year)


@extend_schema(tags=["Khen thưởng"])
@extend_schema_view(list=extend_schema(parameters=[CAMPAIGN, YEAR, UNIT]))
class AwardViewSet(ReadOnly):
    """Khen thưởng đã nhận (lịch sử khen thưởng) của tập thể, cá nhân trong phạm vi."""

    serializer_class = AwardSerializer
    lookup_url_kwarg = "award_id"
    queryset = Award.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return awards_visible_to(user).order_by("-decided_on", "id")

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        if params.get("campaign"):
            qs = qs.filter(campaign__code=params["campaign"])
        year = _int(params.get("year"))
        if year is not None:
            qs = qs.filter(year=year)
        return _within(qs, params, "unit__path")


# --- initiatives and contests ---------------------------------------------------------------------


class AuthorSerializer(serializers.ModelSerializer):
    person = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Author
        fields = ["person", "share"]


class InitiativeSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    authors = AuthorSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = ["id", "title", "unit", "field", "year", "status", "level", "decision_number",
                  "decision_date", "decision_body", "applied", "authors", "description", "effect",
                  "scope"]


@extend_schema(tags=["Sáng kiến"])
@extend_schema_view(list=extend_schema(parameters=[
    YEAR, UNIT, QUERY, OpenApiParameter("status", OpenApiTypes.STR, description="Trạng thái")]))
class InitiativeViewSet(ReadOnly):
    """Sáng kiến, mô hình, giải pháp người gọi được xem (như trang Sáng kiến)."""

    serializer_class = InitiativeSerializer
    lookup_url_kwarg = "initiative_id"
    queryset = Initiative.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return (initiatives_visible_to(user).select_related("unit").prefetch_related("authors__person")
                .order_by("-year", "-id"))

    def filter(self, qs: QuerySet, params: Any) -> QuerySet:
        year = _int(params.get("year"))
        if year is not None:
            qs = qs.filter(year=year)
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        for word in fold(params.get("q", "")).split()[:8]:
            qs = qs.filter(search_name__contains=word)
        return _within(qs, params, "unit__path")


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Round
        fields = ["number", "title", "opens_at", "closes_at", "prizes_awarded_at"]


class ContestSerializer(serializers.ModelSerializer):
    organiser = serializers.SlugRelatedField(slug_field="code", read_only=True)
    rounds = RoundSerializer(many=True, read_only=True)

    class Meta:
        model = Contest
        fields = ["id", "code", "title", "organiser", "public_allowed", "questions_per_attempt",
                  "time_limit_minutes", "attempts_per_round", "rounds"]


@extend_schema(tags=["Cuộc thi"])
class ContestViewSet(ReadOnly):
    """Cuộc thi trực tuyến người gọi được xem (không gồm ngân hàng câu hỏi và đáp án)."""

    serializer_class = ContestSerializer
    lookup_url_kwarg = "contest_id"
    queryset = Contest.objects.all()

    def visible(self, user: Any) -> QuerySet:
        return contests_visible_to(user).prefetch_related("rounds").order_by("-created_at", "-id")


RESOURCES: list[tuple[str, type[ReadOnly], str]] = [
    ("campaigns", CampaignViewSet, "campaign"),
    ("participants", ParticipantViewSet, "participant"),
    ("results", ResultViewSet, "result"),
    ("nominations", NominationViewSet, "nomination"),
    ("decisions", DecisionViewSet, "decision"),
    ("awards", AwardViewSet, "award"),
    ("initiatives", InitiativeViewSet, "initiative"),
    ("contests", ContestViewSet, "contest"),
]


# --- bulk export: the same rows, flat ---------------------------------------------------------------


def _rows(viewset: type[ReadOnly], columns: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def rows(user: Any) -> Iterator[dict[str, Any]]:
        serializer = viewset.serializer_class
        for obj in viewset().visible(user).iterator(chunk_size=1000):
            data = serializer(obj).data
            yield {k: _flat(data.get(k)) for k in columns}

    return rows


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v.get("person") if isinstance(v, dict) else v) for v in value)
    return value


EXPORTS: dict[str, tuple[str, type[ReadOnly], tuple[str, ...]]] = {
    "campaigns": ("Phong trào", CampaignViewSet, (
        "code", "title", "kind", "status", "issuer", "number_symbol", "issued_on", "period_start",
        "period_end", "launched_on", "parent")),
    "participants": ("Đơn vị tham gia, đăng ký thi đua", ParticipantViewSet, (
        "campaign", "unit", "plan_status", "plan_number", "plan_issued_on", "registered",
        "registered_at", "people")),
    "results": ("Kết quả Chỉ số CCHC", ResultViewSet, (
        "unit", "year", "category", "score", "rank", "classification", "sipas", "pci", "papi",
        "evaluator", "published", "recognised_on")),
    "nominations": ("Đề nghị khen thưởng", NominationViewSet, (
        "id", "dossier", "campaign", "scope", "year", "state", "kind", "unit", "person",
        "award_form", "outcome")),
    "decisions": ("Quyết định khen thưởng", DecisionViewSet, (
        "id", "issuer", "campaign", "scope", "year", "number_symbol", "signed_on", "status",
        "signer_name", "total_reward")),
    "awards": ("Khen thưởng đã nhận", AwardViewSet, (
        "id", "kind", "unit", "person", "form_code", "form_name", "year", "decided_on", "decision",
        "decision_text", "campaign", "scope", "reward")),
    "initiatives": ("Sáng kiến", InitiativeViewSet, (
        "id", "title", "unit", "field", "year", "status", "level", "decision_number",
        "decision_date", "applied", "authors")),
    "contests": ("Cuộc thi", ContestViewSet, (
        "code", "title", "organiser", "public_allowed", "questions_per_attempt",
        "time_limit_minutes")),
}

for _key, (_title, _viewset, _columns) in EXPORTS.items():
    register_dataset(_key, Dataset(_title, _columns, _rows(_viewset, _columns)))
