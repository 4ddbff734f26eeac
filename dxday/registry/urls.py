from django.urls import path

from dxday.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.province_list, name="provinces"),
    path("area/<int:pk>/", views.area_detail, name="area"),
    path("area/<int:area_pk>/new-unit/", views.unit_create, name="unit_create"),
    path("search/", views.search, name="search"),
    path("unit/<int:pk>/", views.unit_detail, name="unit"),
    path("unit/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
]
