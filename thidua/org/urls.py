"""URLs of the organisation pages."""

from django.urls import path

from thidua.org import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit"),
    path("don-vi/<int:unit_id>/cap-duoi/", views.tree_children, name="tree_children"),
    path("don-vi/xuat/", views.export_units, name="export_units"),
    path("can-bo/", views.people, name="people"),
    path("can-bo/tim/", views.person_search, name="person_search"),
    path("can-bo/<int:person_id>/", views.person_detail, name="person"),
    path("nhap/<slug:kind>/", views.import_data, name="import"),
]
