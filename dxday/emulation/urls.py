from django.urls import path

from dxday.emulation import views, views_council, views_unit

app_name = "emulation"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.manage, name="manage"),
    path("<int:pk>/group/", views.add_group, name="add_group"),
    path("<int:pk>/participant/", views.add_participant, name="add_participant"),
    path("<int:pk>/criterion/", views.add_criterion, name="add_criterion"),
    path("<int:pk>/form/", views.add_form, name="add_form"),
    path("<int:pk>/member/", views.add_member, name="add_member"),
    path("<int:pk>/rank/", views.rank, name="rank"),
    path("<int:pk>/desk/", views.desk, name="desk"),
    path("<int:pk>/nominate/", views.nominate, name="nominate"),
    path("<int:pk>/notice/", views.open_notice, name="open_notice"),
    path("nomination/<int:pk>/forward/", views.forward, name="forward"),
    path("notice/<int:pk>/close/", views.close_vote, name="close_vote"),
    path("notice/<int:pk>/decision/", views.decide, name="decide"),
    path("participation/<int:pk>/<int:year>/", views_unit.evaluate, name="evaluate"),
    path("council/", views_council.council, name="council"),
    path("council/evaluation/<int:pk>/", views_council.score, name="score"),
    path("council/nomination/<int:pk>/vote/", views_council.vote, name="vote"),
    path("council/objection/<int:pk>/answer/", views_council.answer, name="answer"),
]
