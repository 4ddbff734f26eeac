from django.contrib import admin

from dxday.programmes.models import Activity, Assignment, Observance, Plan, Programme


@admin.register(Observance)
class ObservanceAdmin(admin.ModelAdmin):
    list_display = ["name", "jurisdiction", "day", "month"]
    raw_id_fields = ["jurisdiction", "established_by"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["observance", "year", "theme"]
    raw_id_fields = ["observance", "parent"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "status", "issued_at"]
    list_filter = ["status"]
    raw_id_fields = [
        "programme",
        "document",
        "lead_unit",
        "submitted_by",
        "approved_by",
        "issued_by",
        "created_by",
    ]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "category", "start", "end"]
    list_filter = ["category"]
    raw_id_fields = ["plan", "section", "cluster"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["activity", "unit", "role", "due", "status", "progress"]
    list_filter = ["role", "status"]
    raw_id_fields = ["activity", "unit"]
