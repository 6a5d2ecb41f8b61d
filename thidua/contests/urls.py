"""URLs of the contests app (/cuoc-thi/)."""

from django.urls import path

from thidua.contests import lean, views

app_name = "contests"
urlpatterns = [
    path("", views.contest_list, name="list"),
    path("moi/", views.contest_create, name="create"),
    path("<int:contest_id>/", views.contest_detail, name="detail"),
    path("<int:contest_id>/ngan-hang/", views.bank, name="bank"),
    path("<int:contest_id>/vong-moi/", views.round_create, name="round_create"),
    path("<int:contest_id>/tham-gia/", views.participation, name="participation"),
    path("<int:contest_id>/du-thi/", views.public_entry, name="public_entry"),
    path("vong/<int:contest_round_id>/", views.round_detail, name="round"),
    path("vong/<int:contest_round_id>/bat-dau/", views.attempt_start, name="start"),
    path("vong/<int:contest_round_id>/dong/", views.round_close, name="close"),
    path("vong/<int:contest_round_id>/trao-giai/", views.round_award, name="award"),
    path("luot/<int:attempt_id>/", views.attempt_page, name="attempt"),
    path("luot/<int:attempt_id>/ket-qua/", views.attempt_result, name="attempt_result"),
    # The hot path: token-authorised, no session (see thidua/contests/lean.py).
    path("bai-thi/luu/", lean.autosave, name="autosave"),
    path("bai-thi/nop/", lean.submit, name="submit"),
]
