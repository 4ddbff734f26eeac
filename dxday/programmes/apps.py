from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "dxday.programmes"
    label = "programmes"
