"""URLs of the awards app (mounted at /khen-thuong/)."""

from django.urls import path

from thidua.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("ho-so/moi/", views.dossier_new, name="dossier_new"),
    path("ho-so/<int:dossier_id>/", views.dossier_detail, name="dossier"),
    path("ho-so/<int:dossier_id>/de-cu/", views.nominate, name="nominate"),
    path("ho-so/<int:dossier_id>/tao-van-ban/", views.dossier_generate, name="dossier_generate"),
    path("ho-so/<int:dossier_id>/tai-len/", views.dossier_upload, name="dossier_upload"),
    path("ho-so/<int:dossier_id>/thao-tac/<slug:transition>/", views.dossier_action,
         name="dossier_action"),
    path("ho-so/<int:dossier_id>/xuat/", views.dossier_export, name="dossier_export"),
    path("de-cu/<int:nomination_id>/", views.nomination_edit, name="nomination"),
    path("tep/<int:file_id>/", views.file_download, name="file"),
    path("tham-dinh/", views.worklist, name="worklist"),
    path("tham-dinh/hang-loat/", views.worklist_bulk, name="worklist_bulk"),
    path("gia-han/", views.exceptions, name="exceptions"),
    path("hoi-dong/", views.councils, name="councils"),
    path("hoi-dong/phien-hop/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("hoi-dong/phien-hop/<int:meeting_id>/bieu-quyet/", views.meeting_vote,
         name="meeting_vote"),
    path("hoi-dong/phien-hop/<int:meeting_id>/diem-danh/", views.meeting_attendance,
         name="meeting_attendance"),
    path("hoi-dong/phien-hop/<int:meeting_id>/so-phieu/", views.meeting_room,
         name="meeting_room"),
    path("hoi-dong/phien-hop/<int:meeting_id>/hinh-thuc/", views.meeting_method,
         name="meeting_method"),
    path("hoi-dong/phien-hop/<int:meeting_id>/trinh/", views.meeting_add, name="meeting_add"),
    path("hoi-dong/phien-hop/<int:meeting_id>/ket-thuc/", views.meeting_close,
         name="meeting_close"),
    path("hoi-dong/phien-hop/<int:meeting_id>/bien-ban/", views.meeting_minutes,
         name="meeting_minutes"),
    path("quyet-dinh/", views.decisions, name="decisions"),
    path("quyet-dinh/ban-hanh/", views.decision_issue, name="decision_issue"),
    path("quyet-dinh/<int:decision_id>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:decision_id>/tai/<slug:doc_format>/", views.decision_download,
         name="decision_download"),
    path("bang-khen/<int:award_id>/", views.certificate_download, name="certificate"),
    path("cong-viec/<int:job_id>/", views.job_detail, name="job"),
    path("cong-viec/<int:job_id>/tai/", views.job_download, name="job_download"),
    path("tham-quyen/", views.authority, name="authority"),
    path("lich-su/don-vi/<int:unit_id>/", views.unit_awards, name="unit_awards"),
    path("thong-bao/", views.notifications, name="notifications"),  # old page: to /thong-bao/
]
