from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "dxday.registry"
    label = "registry"
