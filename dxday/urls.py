from django.contrib import admin
from django.urls import include, path

from dxday.api.api import api
from dxday.audit.views import audit_log
from dxday.portal.views import home as portal_home

urlpatterns = [
    path("", portal_home, name="home"),
    path("portal/", include("dxday.portal.urls")),
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
