"""Django settings for Wayhome.

Everything a deployment changes comes from environment variables:

- ``WAYHOME_HOME``: folder for the SQLite database, the secret key and the key ring
  (default: ``./var``). Keys never live in the database.
- ``WAYHOME_DATABASE_URL``: e.g. ``postgres://user@127.0.0.1:5432/wayhome``; unset means SQLite.
- ``WAYHOME_KEYRING``: path of the key ring file (default: ``$WAYHOME_HOME/keyring.json``).
- ``WAYHOME_DEBUG``: ``1`` for development only.
- ``WAYHOME_ALLOWED_HOSTS``: comma-separated host names.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
WAYHOME_HOME = Path(os.environ.get("WAYHOME_HOME", Path.cwd() / "var")).resolve()
WAYHOME_HOME.mkdir(parents=True, exist_ok=True)
WAYHOME_KEYRING = Path(os.environ.get("WAYHOME_KEYRING", WAYHOME_HOME / "keyring.json"))
WAYHOME_AUDIT_ANCHOR: Path | None = WAYHOME_HOME / "audit-anchor.json"


def _secret_key() -> str:
    if os.environ.get("WAYHOME_SECRET_KEY"):
        return os.environ["WAYHOME_SECRET_KEY"]
    path = WAYHOME_HOME / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("WAYHOME_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("WAYHOME_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "wayhome.apps.accounts",
    "wayhome.apps.audit",
    "wayhome.apps.cases",
    "wayhome.apps.screening",
    "wayhome.apps.protection",
    "wayhome.apps.nonpunishment",
    "wayhome.apps.certificates",
    "wayhome.apps.referrals",
    "wayhome.apps.returns",
    "wayhome.apps.tracing",
    "wayhome.apps.communications",
    "wayhome.apps.compounds",
    "wayhome.apps.prevention",
    "wayhome.apps.statistics",
    "wayhome.apps.timeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wayhome.apps.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wayhome.web.urls"
WSGI_APPLICATION = "wayhome.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_db_url = os.environ.get("WAYHOME_DATABASE_URL")
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(WAYHOME_HOME / "wayhome.sqlite3"),
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite's default (deferred) transactions take the write lock only at their first
    # write, and one that read first then fails at once with "database is locked" when
    # another writer got in between. IMMEDIATE takes it at BEGIN, waiting up to "timeout"
    # seconds for the writer before it.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"

# Lock an account after repeated failures (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# Short idle sessions: 15 minutes without a request ends the session.
SESSION_COOKIE_AGE = 15 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = os.environ.get("WAYHOME_SECURE_COOKIES") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

OTP_TOTP_ISSUER = "Wayhome"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("my", _("Burmese")),
    ("id", _("Indonesian")),
    ("fil", _("Filipino")),
    ("km", _("Khmer")),
    ("zh-hans", _("Chinese (Simplified)")),
]
# Django has no entry for Filipino; get_language_info() needs one (the job-ad checker).
LANG_INFO.setdefault("fil", {"bidi": False, "code": "fil", "name": "Filipino",
                             "name_local": "Filipino"})
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = WAYHOME_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["wayhome.apps.accounts.api.VerifiedUser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "wayhome.apps.accounts.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wayhome API",
    "DESCRIPTION": "Cases, consent, screening and protection status. Every call goes "
    "through the same policy module as the web pages.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["wayhome.apps.accounts.api.VerifiedUser"],
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "wayhome.apps.cases.models.Case.Status",
        "ScreeningStatusEnum": "wayhome.apps.screening.models.ScreeningSession.Status",
        "CloseReasonEnum": "wayhome.apps.tracing.models.CloseReason",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
