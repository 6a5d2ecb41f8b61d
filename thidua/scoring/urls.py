"""URLs of the scoring app (mounted at /cham-diem-cchc/)."""

from django.urls import URLPattern

app_name = "scoring"
urlpatterns: list[URLPattern] = []
