"""URLs of the reports part (mounted at /bao-cao/)."""

from django.urls import path

from thidua.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:campaign_id>/", views.campaign_dashboard, name="dashboard"),
    path("<int:campaign_id>/chi-tiet/<slug:chart>/", views.drill, name="drill"),
    path("<int:campaign_id>/<slug:review_kind>/", views.review_detail, name="review"),
    path("<int:campaign_id>/<slug:review_kind>/sua/", views.review_edit, name="review_edit"),
    path("<int:campaign_id>/<slug:review_kind>.<slug:review_format>", views.review_download,
         name="review_download"),
]
