from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dxday.documents"
    label = "documents"
