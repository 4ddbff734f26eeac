from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "dxday.reporting"
    label = "reporting"
