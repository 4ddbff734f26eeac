from django.contrib import admin

from dxday.registry.models import Area, Unit


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "structure", "level", "code", "valid_from", "valid_to"]
    list_filter = ["structure", "level"]
    search_fields = ["name", "search_key", "code"]
    raw_id_fields = ["parent", "successor"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "search_key"]
    raw_id_fields = ["area", "parent", "successor"]
