from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "dxday.contests"
    verbose_name = "Cuộc thi, bình chọn"
    default_auto_field = "django.db.models.BigAutoField"
