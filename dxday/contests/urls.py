from django.urls import path

from dxday.contests import views, views_manage

app_name = "contests"
urlpatterns = [
    path("", views.contest_list, name="list"),
    path("<int:pk>/", views.contest_detail, name="detail"),
    path("<int:pk>/entry/<int:entry>/", views.entry_detail, name="entry"),
    path("<int:pk>/entry/<int:entry>/image", views.entry_image, name="entry_image"),
    path("<int:pk>/entry/<int:entry>/vote/", views.vote_address, name="vote_address"),
    path("<int:pk>/vote/code/", views.vote_code, name="vote_code"),
    path("<int:pk>/receipt/<uuid:ref>/", views.receipt, name="receipt"),
    path("<int:pk>/check/", views.check_receipt, name="check"),
    path("<int:pk>/log.jsonl", views.vote_log, name="log"),
    path("<int:pk>/counts.json", views.live_counts, name="counts"),
    path("manage/", views_manage.manage_list, name="manage_list"),
    path("manage/new/", views_manage.create, name="create"),
    path("manage/<int:pk>/", views_manage.manage, name="manage"),
    path("manage/<int:pk>/category/", views_manage.add_category, name="add_category"),
    path("manage/<int:pk>/entry/", views_manage.add_entry, name="add_entry"),
    path("manage/<int:pk>/entry/<int:entry>/status/", views_manage.entry_status, name="entry_status"),
    path("manage/<int:pk>/status/", views_manage.contest_status, name="status"),
    path("manage/<int:pk>/vote/<int:vote>/", views_manage.moderate, name="moderate"),
]
