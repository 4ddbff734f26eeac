from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "dxday.emulation"
    verbose_name = "Thi đua, khen thưởng"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dxday.emulation.honours import home_section
        from dxday.portal import sections

        sections.register(home_section)
