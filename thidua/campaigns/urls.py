"""URLs of the campaign pages (mounted at /phong-trao/)."""

from django.urls import path

from thidua.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("moi/", views.campaign_create, name="create"),
    path("danh-muc-khen-thuong/", views.catalogue, name="catalogue"),
    path("<int:campaign_id>/", views.campaign_detail, name="detail"),
    path("<int:campaign_id>/ban-goc/", views.campaign_source, name="source"),
    path("<int:campaign_id>/sua/", views.campaign_edit, name="edit"),
    path("<int:campaign_id>/sao-chep/", views.campaign_copy, name="copy"),
    path("<int:campaign_id>/phat-dong/", views.campaign_launch, name="launch"),
    path("<int:campaign_id>/trang-thai/", views.campaign_status, name="status"),
    path("<int:campaign_id>/lich-su/", views.campaign_history, name="history"),
    path("<int:campaign_id>/phien-ban/<int:version_number>/", views.campaign_version, name="version"),
    path("<int:campaign_id>/theo-doi/", views.campaign_tracking, name="tracking"),
    path("<int:campaign_id>/dang-ky/", views.campaign_registrations, name="registrations"),
    path("<int:campaign_id>/moc-thoi-gian/", views.campaign_timeline, name="timeline"),
    path("<int:campaign_id>/lich.ics", views.campaign_ics, name="ics"),
    path("<int:campaign_id>/van-ban.<slug:doc_format>", views.campaign_document, name="document"),
    path("don-vi/<int:unit_id>/", views.unit_page, name="unit"),
    path("don-vi/<int:unit_id>/lich.ics", views.unit_ics, name="unit_ics"),
    path("tham-gia/<int:participant_id>/", views.participant_page, name="participant"),
    path("tham-gia/<int:participant_id>/ke-hoach-tep/", views.participant_plan_file,
         name="participant_plan_file"),
    path("tham-gia/<int:participant_id>/dang-ky/", views.participant_register, name="register"),
    path("tham-gia/<int:participant_id>/dang-ky.<slug:doc_format>", views.registration_document,
         name="registration_document"),
    path("tham-gia/<int:participant_id>/gia-han/", views.participant_exception,
         name="exception"),
]
