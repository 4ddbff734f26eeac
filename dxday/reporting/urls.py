from django.urls import path

from dxday.reporting import views, views_calls, views_overview, views_rollup

app_name = "reporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("request/new/", views.request_new, name="request_new"),
    path("request/<int:pk>/", views.request_detail, name="request"),
    path("request/<int:pk>/remind/", views.request_remind, name="request_remind"),
    path("request/<int:pk>/export.xlsx", views.request_xlsx, name="request_xlsx"),
    path("report/<int:pk>/", views.report_detail, name="report"),
    path("report/<int:pk>/status/", views.report_status, name="report_status"),
    path("report/<int:pk>/record/", views.report_record, name="report_record"),
    path("report/<int:pk>/file/<int:value_pk>/", views.value_file, name="value_file"),
    path("calls/", views_calls.calls, name="calls"),
    path("calls/new/", views_calls.call_new, name="call_new"),
    path("calls/<int:pk>/", views_calls.call_detail, name="call"),
    path("calls/<int:pk>/remind/", views_calls.call_remind, name="call_remind"),
    path("calls/<int:pk>/export.xlsx", views_calls.call_xlsx, name="call_xlsx"),
    path("calls/answer/<int:pk>/", views_calls.call_answer, name="call_answer"),
    path("overview/", views_overview.overview_page, name="overview"),
    path("overview/export.xlsx", views_overview.overview_xlsx, name="overview_xlsx"),
    path("rollup/", views_rollup.rollup_page, name="rollup"),
    path("rollup/xlsx/", views_rollup.rollup_xlsx, name="rollup_xlsx"),
    path("rollup/summary.docx", views_rollup.summary_docx, name="summary_docx"),
]
