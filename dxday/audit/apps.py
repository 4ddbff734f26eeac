from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dxday.audit"
    label = "audit"
