from django.urls import path

from dxday.portal import views
from dxday.reporting import views_rollup

app_name = "portal"
urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("map/", views.map_page, name="map"),
    path("identity/<int:year>.zip", views.identity_kit, name="identity_kit"),
    path("activity/<int:pk>/", views.activity, name="activity"),
    path("area/<int:pk>/", views.area, name="area"),
    path("plans/", views.plans, name="plans"),
    path("search/", views.search, name="search"),
    path("results/", views_rollup.results_page, name="results"),
]
