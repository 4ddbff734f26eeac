from django.contrib import admin
from django.urls import include, path

from dxday.api.api import api
from dxday.audit.views import audit_log
from dxday.core.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("dxday.accounts.urls")),
    path("registry/", include("dxday.registry.urls")),
    path("audit/", audit_log, name="audit_log"),
    path("programmes/", include("dxday.programmes.urls")),
    path("programmes/", include("dxday.programmes.urls_exports")),
    path("notifications/", include("dxday.notifications.urls")),
    path("documents/", include("dxday.documents.urls")),
    path("reporting/", include("dxday.reporting.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
