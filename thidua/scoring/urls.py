"""URLs of the scoring app (mounted at /cham-diem-cchc/)."""

from django.urls import path

from thidua.scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("bo/nhap/", views.set_import, name="import"),
    path("bo/<int:set_id>/", views.set_detail, name="set"),
    path("bo/<int:set_id>/thao-tac/<slug:scoring_action>/", views.set_action, name="set_action"),
    path("bo/<int:set_id>/mau-dieu-tra/", views.survey_template, name="survey_template"),
    path("bo/<int:set_id>/ban-do-nhiet/", views.heatmap, name="heatmap"),
    path("bo/<int:set_id>/xuat/", views.export, name="export"),
    path("cham/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path("cham/<int:assessment_id>/tai-lieu/", views.evidence_add, name="evidence"),
    path("cham/<int:assessment_id>/tham-dinh/", views.appraisal, name="appraisal"),
    path("tai-lieu/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
]
