from django.urls import path

from dxday.reporting import views, views_rollup

app_name = "reporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("request/new/", views.request_new, name="request_new"),
    path("request/<int:pk>/", views.request_detail, name="request"),
    path("request/<int:pk>/remind/", views.request_remind, name="request_remind"),
    path("report/<int:pk>/", views.report_detail, name="report"),
    path("report/<int:pk>/status/", views.report_status, name="report_status"),
    path("report/<int:pk>/file/<int:value_pk>/", views.value_file, name="value_file"),
    path("rollup/", views_rollup.rollup_page, name="rollup"),
    path("rollup/xlsx/", views_rollup.rollup_xlsx, name="rollup_xlsx"),
    path("rollup/summary.docx", views_rollup.summary_docx, name="summary_docx"),
]
