"""/api/v1: REST resources (token auth), OpenAPI schema and docs, bulk export."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import SimpleRouter

from thidua.api import resources, views
from thidua.core.guard import guard

router = SimpleRouter(trailing_slash=True)
router.register("units", views.UnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")
for prefix, viewset, basename in resources.RESOURCES:  # campaigns, results, awards … (+ datasets)
    router.register(prefix, viewset, basename=basename)

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("v1/schema/", guard("public")(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    path("v1/docs/", guard("public")(SpectacularRedocView.as_view(url_name="api:schema")),
         name="docs"),
    path("v1/export/<slug:dataset>.<slug:fmt>", views.export_dataset, name="export"),
    path("v1/", include(router.urls)),
]
