"""Exports and calendar feeds, under /programmes/ (namespace-less: names start with programmes_)."""

from django.urls import path

from dxday.programmes import views_exports as views

urlpatterns: list = [
    path("plan/<int:pk>/export.docx", views.plan_docx_view, name="programmes_plan_docx"),
    path("plan/<int:pk>/assignments.xlsx", views.plan_assignments_xlsx_view, name="programmes_plan_xlsx"),
    path(
        "programme/<int:pk>/calendar.ics", views.programme_calendar_view, name="programmes_programme_calendar"
    ),
    path("unit/<int:pk>/calendar.ics", views.unit_calendar_view, name="programmes_unit_calendar"),
    path("unit/<int:pk>/assignments.xlsx", views.unit_assignments_xlsx_view, name="programmes_unit_xlsx"),
]
