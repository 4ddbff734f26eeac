from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "dxday.notifications"
    label = "notifications"
