"""URLs of the signing app (mounted at /ky-so/)."""

from django.urls import path

from thidua.signing import views

app_name = "signing"
urlpatterns = [
    path("cau-hinh/", views.settings_page, name="settings"),
    path("ban-da-ky/<int:signed_paper_id>/", views.signed_download, name="download"),
    path("<slug:paper_kind>/<int:paper_object_id>/", views.paper, name="paper"),
]
