from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dxday.core"
    label = "core"
