from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from dxday.api.api import api
from dxday.audit.views import audit_log
from dxday.portal.views import home as portal_home

urlpatterns = [
    path("", portal_home, name="home"),
    path("portal/honours/", include("dxday.emulation.urls_public")),
    path("portal/", include("dxday.portal.urls")),
    path("accounts/", include("dxday.accounts.urls")),
    path("registry/", include("dxday.registry.urls")),
    path("audit/", audit_log, name="audit_log"),
    path("programmes/", include("dxday.programmes.urls")),
    path("programmes/", include("dxday.programmes.urls_exports")),
    path("notifications/", include("dxday.notifications.urls")),
    path("documents/", include("dxday.documents.urls")),
    path("reporting/", include("dxday.reporting.urls")),
    path("contests/", include("dxday.contests.urls")),
    path("emulation/", include("dxday.emulation.urls")),
    # The language switch takes no CSRF token: anonymous pages then set no cookie and can be cached by
    # nginx (deploy/nginx/dxday.conf); a forged request could only change the page language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
