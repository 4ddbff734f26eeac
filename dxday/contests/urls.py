from django.urls import path

from dxday.contests import views, views_jury, views_manage

app_name = "contests"
urlpatterns = [
    path("", views.contest_list, name="list"),
    path("<int:pk>/", views.contest_detail, name="detail"),
    path("<int:pk>/entry/<int:entry>/", views.entry_detail, name="entry"),
    path("<int:pk>/entry/<int:entry>/image", views.entry_image, name="entry_image"),
    path("<int:pk>/entry/<int:entry>/vote/", views.vote_address, name="vote_address"),
    path("<int:pk>/vote/code/", views.vote_code, name="vote_code"),
    path("<int:pk>/vote.json", views.vote_json, name="vote_json"),
    path("<int:pk>/receipt/<uuid:ref>/", views.receipt, name="receipt"),
    path("<int:pk>/check/", views.check_receipt, name="check"),
    path("<int:pk>/log.jsonl", views.vote_log, name="log"),
    path("<int:pk>/counts.json", views.live_counts, name="counts"),
    path("<int:pk>/certificate/<int:entry>.pdf", views.certificate, name="certificate"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/my-entry/<str:token>/", views.own_entry, name="own_entry"),
    path("judging/", views_jury.judging, name="judging"),
    path("judging/<int:pk>/", views_jury.judge_category, name="judge_category"),
    path("judging/<int:pk>/entry/<int:entry>/score/", views_jury.score, name="score"),
    path("judging/<int:pk>/entry/<int:entry>/conflict/", views_jury.conflict, name="conflict"),
    path("manage/", views_manage.manage_list, name="manage_list"),
    path("manage/new/", views_manage.create, name="create"),
    path("manage/<int:pk>/", views_manage.manage, name="manage"),
    path("manage/<int:pk>/category/", views_manage.add_category, name="add_category"),
    path("manage/<int:pk>/entry/", views_manage.add_entry, name="add_entry"),
    path("manage/<int:pk>/entry/<int:entry>/status/", views_manage.entry_status, name="entry_status"),
    path("manage/<int:pk>/status/", views_manage.contest_status, name="status"),
    path("manage/<int:pk>/vote/<int:vote>/", views_manage.moderate, name="moderate"),
    path("manage/<int:pk>/criterion/", views_manage.add_criterion, name="add_criterion"),
    path("manage/<int:pk>/judge/", views_manage.add_judge, name="add_judge"),
    path("manage/<int:pk>/publish/", views_manage.publish, name="publish"),
    path("manage/<int:pk>/edit/", views_manage.edit, name="edit"),
    path("manage/<int:pk>/round/", views_manage.add_round, name="add_round"),
    path("manage/<int:pk>/advance/", views_manage.advance, name="advance"),
]
