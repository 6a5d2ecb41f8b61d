"""Home, health check."""

from django.urls import path

from thidua.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("viec-can-lam/dem/", views.header_counts, name="header_counts"),
]
