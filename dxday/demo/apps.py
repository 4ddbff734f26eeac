from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dxday.demo"
    label = "demo"
