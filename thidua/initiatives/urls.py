"""URLs of the initiatives app (/sang-kien/)."""

from django.urls import path

from thidua.initiatives import views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("moi/", views.initiative_create, name="create"),
    path("<int:initiative_id>/", views.initiative_detail, name="detail"),
    path("<int:initiative_id>/dinh-kem/", views.initiative_attach, name="attach"),
    path("<int:initiative_id>/dinh-kem/<int:initiative_file_id>/", views.attachment_download,
         name="attachment"),
    path("<int:initiative_id>/chuyen-hoi-dong/", views.initiative_send, name="send"),
    path("<int:initiative_id>/cham-diem/", views.initiative_score, name="score"),
    path("<int:initiative_id>/ket-luan/", views.initiative_decide, name="decide"),
]
