"""URLs of the results app (mounted at /ket-qua/)."""

from django.urls import path

from thidua.results import views

app_name = "results"
urlpatterns = [
    path("", views.result_list, name="list"),
    path("don-vi/<int:unit_id>/", views.unit_history, name="unit"),
    path("bien-dong/", views.movement, name="movement"),
    path("dot/", views.rounds, name="rounds"),
    path("dot/<int:round_id>/", views.round_detail, name="round"),
    path("nhap/<slug:result_kind>/", views.import_data, name="import"),
    path("xuat/<slug:result_kind>/", views.export_data, name="export"),
    path("can-bo/<int:person_id>/", views.person_record, name="person"),
    path("nguong/", views.thresholds, name="thresholds"),
]
