"""URLs of the writing contest (/cuoc-thi-viet/)."""

from django.urls import path

from thidua.writing import views

app_name = "writing"
urlpatterns = [
    path("", views.contest_list, name="list"),
    path("tao/", views.contest_create, name="create"),
    path("<int:writing_contest_id>/", views.contest_detail, name="detail"),
    path("<int:writing_contest_id>/nop-bai/", views.entry_create, name="submit"),
    path("<int:writing_contest_id>/xuat/", views.contest_export, name="export"),
    path("<int:writing_contest_id>/cong-bo/", views.contest_publish, name="publish"),
    path("bai/<int:writing_entry_id>/", views.entry_detail, name="entry"),
    path("bai/<int:writing_entry_id>/sua/", views.entry_edit, name="edit"),
    path("tep/<int:writing_file_id>/", views.entry_file, name="file"),
    path("cham/tep/<int:judged_file_id>/", views.judge_file, name="judge_file"),
    path("giai/<int:writing_prize_id>/giay-chung-nhan/", views.prize_certificate, name="certificate"),
]
