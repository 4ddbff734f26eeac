from django.urls import path

from dxday.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("programme/<int:pk>/", views.programme_detail, name="programme"),
    path("programme/<int:pk>/board/", views.board, name="board"),
    path("programme/<int:pk>/timeline/", views.timeline, name="timeline"),
    path("plan/<int:pk>/", views.plan_detail, name="plan"),
    path("plan/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plan/<int:pk>/status/", views.plan_status, name="plan_status"),
    path("plan/<int:pk>/review/", views.plan_review, name="plan_review"),
    path("plan/<int:pk>/review/mention/", views.review_mention, name="review_mention"),
    path("plan/<int:pk>/review/units/", views.review_units, name="review_units"),
    path("plan/<int:pk>/review/leftover/", views.review_leftover, name="review_leftover"),
    path("plan/<int:pk>/versions/", views.plan_versions, name="plan_versions"),
    path("plan/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("plan/<int:plan_pk>/activity/new/", views.activity_edit, name="activity_new"),
    path("plan/<int:plan_pk>/activity/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("plan/<int:plan_pk>/cluster/", views.cluster_edit, name="cluster_edit"),
    path("plan/<int:plan_pk>/section/", views.section_add, name="section_add"),
    path("activity/<int:pk>/", views.activity_detail, name="activity"),
    path("activity/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activity/<int:pk>/assign/", views.assignment_add, name="assignment_add"),
    path("activity/<int:pk>/budget/", views.budget_add, name="budget_add"),
    path("assignment/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignment/<int:pk>/resolve/", views.assignment_resolve, name="assignment_resolve"),
    path("assignment/<int:pk>/evidence/<int:update_pk>/", views.evidence, name="evidence"),
    path("duty/<int:pk>/resolve/", views.duty_resolve, name="duty_resolve"),
    path("inbox/", views.inbox, name="inbox"),
]
