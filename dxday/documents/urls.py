from django.urls import path

from dxday.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("import/", views.document_import, name="import"),
    path("<int:pk>/", views.document_detail, name="detail"),
]
