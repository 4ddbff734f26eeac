from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dxday.api"
    label = "api"
