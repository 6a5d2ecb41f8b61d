"""URLs of the eligibility app (mounted at /ket-qua/xet-chon/, where the page has always been)."""

from django.urls import path

from thidua.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("", views.eligibility_index, name="index"),
    path("<int:campaign_id>/", views.eligibility, name="page"),
]
