"""dxday settings: everything that differs between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dxday.env import env_bool, env_int, env_list, env_str, local_secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DXDAY_DATA_DIR", str(BASE_DIR.parent / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if env_str("DATABASE_URL") and not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set for a deployment (DATABASE_URL set, DEBUG off)")
    # The embedded (SQLite) set-up keeps a random key of its own beside its database.
    SECRET_KEY = local_secret_key(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "ninja",  # its templates and static files: the API docs load Swagger UI from /static/, not a CDN
    "dxday.core",
    "dxday.accounts",
    "dxday.audit",
    "dxday.registry",
    "dxday.documents",
    "dxday.programmes",
    "dxday.notifications",
    "dxday.reporting",
    "dxday.contests",
    "dxday.emulation",
    "dxday.portal",
    "dxday.api",
    "dxday.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dxday.core.pagecache.PublicPageCacheMiddleware",  # before the session: a hit skips all below
    "dxday.core.http.OpenDataConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dxday.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "dxday.core.http.BadInputMiddleware",
]

ROOT_URLCONF = "dxday.urls"
WSGI_APPLICATION = "dxday.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dxday.core.context_processors.access",
            ],
        },
    }
]

# Each worker keeps its database connection for DB_CONN_MAX_AGE seconds (checked before reuse) instead of
# opening one per request: a new PostgreSQL connection costs more than a whole public page.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'dxday.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL + a busy timeout make the embedded default usable by a web server and a job at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Statements sent with server-side parameters (the vote's, dxday.contests.lean) are prepared once per
    # connection after this many runs: planning the vote costs more than running it. Django's own queries
    # bind their parameters in the client and are not affected. Set 0 behind a pooler in transaction mode
    # (PgBouncer before 1.21), which cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        env_int("DB_PREPARE_THRESHOLD", 5) or None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins (accounts/ratelimit.py): after LOGIN_MAX_FAILURES for one (username, address) pair the
# pair waits LOGIN_LOCK_SECONDS, doubling with each further failure; LOGIN_MAX_FAILURES_PER_ADDRESS
# failures from one address within LOGIN_LOCK_SECONDS lock that address for every username.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCK_SECONDS = env_int("LOGIN_LOCK_SECONDS", 900)
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 50)
# Reverse proxies in front of the app that append to X-Forwarded-For (nginx: 1). 0: use REMOTE_ADDR only.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
        if not env_str("CACHE_TABLE")
        else "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": env_str("CACHE_TABLE", "dxday"),
    },
    # Anonymous public pages for PUBLIC_PAGE_SECONDS (dxday.core.pagecache), in each worker's memory:
    # nothing in it belongs to anyone, and a few seconds' staleness is the nginx microcache's too.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dxday-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
PUBLIC_PAGE_SECONDS = env_int("PUBLIC_PAGE_SECONDS", 3)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the site's CSS and the vendored htmx
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
# Files served at the site root (/favicon.ico) by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Evidence files and uploaded documents above this size are refused with a message.
DXDAY_MAX_UPLOAD_BYTES = env_int("DXDAY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Absolute address of the site, for links in e-mails (reminders, password reset is request-based).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "dxday <no-reply@dxday.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: production (DEBUG off) passes `manage.py check --deploy` with no warnings.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie; kept default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy (django-csp) on every response: scripts, styles, images and fonts from this site
# only; no inline script, no `style=` attribute, no `<style>` (htmx's own is turned off in base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# HTTPS (default: on whenever DEBUG is off) redirects plain HTTP, sends HSTS and marks cookies secure.
# HTTPS=0 is for a plain-HTTP set-up on one machine (`make run`), never for a deployment.
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
