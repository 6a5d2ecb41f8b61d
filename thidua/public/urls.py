"""URLs of the public honour board (mounted at /vinh-danh/), readable and shareable:

/vinh-danh/kg-cchc-2021-2025/            a campaign's board, every year
/vinh-danh/kg-cchc-2021-2025/2024/       one year
/vinh-danh/don-vi/phuong-vinh-lac-42/    a unit
/vinh-danh/guong-dien-hinh/<bai-viet>/   a story
"""

from django.urls import path

from thidua.public import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("tim-kiem/", views.search, name="search"),
    path("guong-dien-hinh/", views.stories, name="stories"),
    path("guong-dien-hinh/<slug:story_slug>/", views.story_detail, name="story"),
    path("guong-dien-hinh/<slug:story_slug>/anh.jpg", views.story_photo, name="story_photo"),
    path("don-vi/<slug:unit_slug>/", views.unit_board, name="unit"),
    path("quan-ly/", views.manage, name="manage"),
    path("quan-ly/moi/", views.story_create, name="story_create"),
    path("quan-ly/<int:story_id>/", views.story_edit, name="story_edit"),
    path("quan-ly/<int:story_id>/cong-bo/", views.story_publish, name="story_publish"),
    path("<slug:campaign_slug>/", views.campaign_board, name="campaign"),
    path("<slug:campaign_slug>/<int:year>/", views.campaign_year, name="campaign_year"),
]
