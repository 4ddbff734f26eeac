from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from dxday.accounts.forms import ThrottledAdminAuthenticationForm
from dxday.accounts.models import User


@admin.register(User)
class DxUserAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, ("dxday", {"fields": ("full_name", "unit", "role", "language")})]
    list_display = ["username", "full_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_staff", "is_active"]
    raw_id_fields = ["unit"]


# /admin/login/ is throttled like the site login (issue 13, item 16).
admin.site.login_form = ThrottledAdminAuthenticationForm
