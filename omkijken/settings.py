"""Omkijken settings: one module, read from the environment (healthchecks style).

Every setting that differs between a laptop and production comes from an environment variable;
secrets may also come from a file named by ``<NAME>_FILE`` (Docker/Kubernetes secrets).
Defaults are safe for production: DEBUG off, and no SECRET_KEY means no start. The embedded demo
(``OMKIJKEN_DEMO=1``: the Makefile's targets, the test settings) turns DEBUG on and may use the public
demo key; SQLite and console e-mail stay the defaults either way.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "")
    if value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name, "")
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# The demo mode: an explicit switch, never a default. Only with it on does DEBUG default to on and
# may the public demo key below be used.
OMKIJKEN_DEMO = env_bool("OMKIJKEN_DEMO", False)
DEBUG = env_bool("DEBUG", OMKIJKEN_DEMO)
# Public (it is in this file): fine for the demo on a laptop, refused anywhere else.
DEMO_SECRET_KEY = "omkijken-demo-only-not-a-secret-" + "x" * 32
SECRET_KEY = env("SECRET_KEY", DEMO_SECRET_KEY if OMKIJKEN_DEMO else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: give a random key of 50+ characters (SECRET_KEY or SECRET_KEY_FILE), "
        "or set OMKIJKEN_DEMO=1 for the demo on a laptop."
    )
if SECRET_KEY == DEMO_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured(
        "SECRET_KEY is the public demo key while DEBUG is off: set a real key for production."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "omkijken.accounts",
    "omkijken.jobs",
    "omkijken.portfolio",
    "omkijken.residents",
    "omkijken.projects",
    "omkijken.quotas",
    "omkijken.signals",
    "omkijken.web",
    "omkijken.community",
    "omkijken.letting",
    "omkijken.exchange",
    "omkijken.beheer",
    "omkijken.monitoring",
    "omkijken.reports",
    "omkijken.privacy",
    "omkijken.api",
    "omkijken.demo",
]

MIDDLEWARE = [
    "omkijken.web.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "omkijken.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "omkijken.accounts.middleware.SessionOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "omkijken.accounts.middleware.IdleTimeoutMiddleware",
    "omkijken.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "omkijken.urls"
WSGI_APPLICATION = "omkijken.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "omkijken" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "omkijken.web.context.navigation",
            ],
            # |euro and |count on every page: figures in the reader's language (omkijken/web/figures.py).
            "builtins": ["omkijken.web.figures"],
        },
    }
]

# Persistent connections, deliberately: a connection is kept CONN_MAX_AGE seconds (default 60;
# 0 closes it after every request) and checked before reuse (CONN_HEALTH_CHECKS), so that a
# restarted PostgreSQL costs one reconnect instead of one failed request per worker thread.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
ON_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if ON_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})
    # Fail fast when the server is away (the job retries; the page answers 503 rather than hang).
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5))

# Background jobs (omkijken.jobs): procrastinate's queue on PostgreSQL, run by `omkijken worker`;
# in the SQLite demo a thread in the web process runs them ("thread"); "immediate" runs them
# inline (tests, scripts).
JOBS_MODE = env("JOBS_MODE", "procrastinate" if ON_POSTGRES else "thread")
if JOBS_MODE == "procrastinate":
    INSTALLED_APPS.append("procrastinate.contrib.django")
# A worker whose heartbeat is older than this makes /readyz answer 503.
JOBS_HEARTBEAT_MAX_AGE = env_int("JOBS_HEARTBEAT_MAX_AGE", 60)
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first; English complete. Source strings are English, nl is a full translation.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "omkijken" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static_root")))
# Third-party assets come from the npm registry at install time (npm ci), never from a CDN.
# A Unicode TrueType font for the PDFs of evaluations and announcement letters (DejaVu, from the npm
# registry like the other assets): names such as "Aydın", "Wiśniewska" or "عمر" keep their letters.
PDF_FONT_DIR = BASE_DIR / "node_modules" / "dejavu-fonts-ttf" / "ttf"

STATICFILES_DIRS = [
    BASE_DIR / "omkijken" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/pico", BASE_DIR / "node_modules" / "@picocss" / "pico" / "css"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
# Project documents (issue 12): the largest upload accepted, and how many days ahead the end of a
# support period or an omklap flip date becomes a task.
PROJECT_DOCUMENT_MAX_BYTES = env_int("PROJECT_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
PROJECT_REMINDER_DAYS = env_int("PROJECT_REMINDER_DAYS", 90)

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Time limit for an objection (bezwaar) against a round's outcome, in days from the date of the
# household's letter (or, without a letter, from the day the round was accepted). Default 42 days:
# the six weeks of the Awb's bezwaartermijn (art. 6:7), which the letters name and corporations
# follow in their letting rules.
OBJECTION_DAYS = env_int("OBJECTION_DAYS", 42)
# Accounts an organisation manages itself: an invitation link is valid this many days (one use),
# a password-reset link this many seconds (Django's default is three days; one hour is enough for
# a link that arrives within a minute and opens an account to special-category data).
ACCOUNT_INVITATION_DAYS = env_int("ACCOUNT_INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Omkijken <noreply@omkijken.example>")
if env("EMAIL_HOST"):
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# --- Security baseline -------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Probes talk plain HTTP to the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

# Content security policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Login throttling: 5 failures per username+IP lock for an hour. A wrong second-factor code counts
# as a failure too (omkijken.accounts.twofactor). The failures are cleared when the whole login
# succeeds (password and code), not after the password alone: so axes' own reset is off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
# The client address behind a reverse proxy (docs/deploy.md): X-Forwarded-For is believed only
# from these addresses or networks (comma-separated, e.g. "10.0.0.5,172.18.0.0/16"); empty means
# REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
AXES_CLIENT_IP_CALLABLE = "omkijken.accounts.clientip.client_ip"

# The second factor (django-otp, TOTP apps and recovery codes). Its own per-device delays are off:
# the one throttle is django-axes', shared with passwords, so that a wrong code counts like a wrong
# password (docs/security.md).
OTP_TOTP_ISSUER = "Omkijken"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Staff are logged out after this many seconds without a request (residents keep
# SESSION_COOKIE_AGE); re-authentication before sensitive actions counts this long.
STAFF_IDLE_TIMEOUT = env_int("STAFF_IDLE_TIMEOUT", 30 * 60)
REAUTH_MAX_AGE = env_int("REAUTH_MAX_AGE", 10 * 60)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# The building manager's day (omkijken.beheer): when the visits to a new resident are due, in days
# after the lease starts. How long contact-moment notes are kept is the corporation's retention policy
# (omkijken.privacy: default 2 years).
BEHEER_WELCOME_VISIT_DAYS = env_int("BEHEER_WELCOME_VISIT_DAYS", 14)
BEHEER_FOLLOW_UP_VISIT_DAYS = env_int("BEHEER_FOLLOW_UP_VISIT_DAYS", 91)
BEHEER_NEW_RESIDENT_DAYS = env_int("BEHEER_NEW_RESIDENT_DAYS", 183)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Omkijken API",
    "DESCRIPTION": "Mixed-living letting, allocation and neighbour network.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components: read-only fields are not asked for in requests.
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": {
        "AdvertStatusEnum": "omkijken.letting.models.Advert.Status",
        "NominationStatusEnum": "omkijken.letting.models.Nomination.Status",
        "OfferStatusEnum": "omkijken.letting.models.Offer.Status",
        "RoundStatusEnum": "omkijken.letting.models.Round.Status",
        "ChannelEnum": "omkijken.letting.channels.Channel",
    },
}

# Logs: one JSON object per line on stdout (LOG_FORMAT=json, the default with DEBUG off), each with
# the request id of the request it belongs to; plain text while developing.
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "omkijken.web.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "omkijken.web.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT if LOG_FORMAT in ("json", "text") else "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "procrastinate": {"level": env("LOG_LEVEL_QUEUE", "WARNING")}},
}
