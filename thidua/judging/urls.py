"""URLs of judging (/cham-thi/)."""

from django.urls import path

from thidua.judging import views

app_name = "judging"
urlpatterns = [
    path("", views.panel_list, name="list"),
    path("hoi-dong/<int:panel_id>/", views.panel_settings, name="panel"),
    path("hoi-dong/<int:panel_id>/them-giam-khao/", views.judge_add, name="judge_add"),
    path("hoi-dong/<int:panel_id>/bo-giam-khao/", views.judge_remove, name="judge_remove"),
    path("vong/<int:stage_id>/", views.stage_page, name="stage"),
    path("vong/<int:stage_id>/ket-thuc/", views.stage_close, name="close"),
    path("vong/<int:stage_id>/nhac/", views.stage_remind, name="remind"),
    path("vong/<int:stage_id>/bai/<int:judged_entry_id>/", views.score_entry, name="score"),
    path("vong/<int:stage_id>/bai/<int:judged_entry_id>/xung-dot/", views.declare_conflict,
         name="conflict"),
]
