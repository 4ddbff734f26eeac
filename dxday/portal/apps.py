from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dxday.portal"
    verbose_name = "Cổng thông tin công khai"
