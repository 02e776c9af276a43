"""Settings of the DRF reference project (shared/spec/reference-api.md, "Settings").

The database comes from DATABASE_URL, the same variable api-server reads:
postgres://user:pass@host:port/db, or a socket directory as ?host=/dir (libpq's URI form).
"""
import os
from urllib.parse import parse_qsl, unquote, urlsplit


def database_from_url(url):
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    options = {}
    if "application_name" in query:
        options["application_name"] = query["application_name"]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or query.get("dbname", ""),
        "USER": unquote(parts.username or "") or query.get("user", ""),
        "PASSWORD": unquote(parts.password or "") or query.get("password", ""),
        "HOST": query.get("host") or parts.hostname or "",
        "PORT": query.get("port") or (str(parts.port) if parts.port else ""),
        "CONN_MAX_AGE": None,  # persistent connections: one per worker, kept for its lifetime
        "OPTIONS": options,
    }


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "drf-reference-not-a-secret")
DEBUG = False
ALLOWED_HOSTS = ["*"]
APPEND_SLASH = True

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",  # authenticate(), ModelBackend and the hashers
    "django.contrib.staticfiles",  # {% static %} in DRF's login page
    "rest_framework",
    "django_filters",
    "api",
]
# APPEND_SLASH; sessions and `request.user` for SessionAuthentication and rest_framework.urls.
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
SESSION_ENGINE = "api.sessions"  # the `sessions` table of migrations/0003_sessions.sql
LOGIN_REDIRECT_URL = "/api/"
LOGOUT_REDIRECT_URL = "/api/"
ROOT_URLCONF = "refapi.urls"
# The browsable API's templates and DRF's login page (rest_framework/login.html), with their
# static files (rest_framework's and django_filters' own, from the apps).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ]
        },
    }
]
STATIC_URL = "/static/"
WSGI_APPLICATION = "refapi.wsgi.application"

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "postgres:///drf_reference"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "api.User"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.BasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # after both: part 1's 401s stay
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 10,
    # DRF's default renderers (part 2, "Browsable API"): JSON, then the browsable API.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "COMPACT_JSON": True,
    "UNICODE_JSON": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
