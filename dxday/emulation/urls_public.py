from django.urls import path

from dxday.emulation import views_public

app_name = "honours"
urlpatterns = [
    path("", views_public.board, name="board"),
    path("<int:year>/<int:pk>/", views_public.honour, name="honour"),
    path("decisions/<int:pk>.docx", views_public.decision_file, name="decision"),
    path("notices/<int:pk>/", views_public.notice, name="notice"),
    path("notices/<int:pk>/objection/", views_public.object_to, name="object"),
]
