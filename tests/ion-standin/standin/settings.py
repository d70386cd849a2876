"""Settings of the Ion stand-in, mirroring Ion's (tjcsl/ion commit 557054c,
intranet/settings/__init__.py) where they shape OAuth, the API and
cross-origin behaviour.

Per-run choices come from environment variables that serve.py sets:
STANDIN_MODE, STANDIN_APP_ORIGINS, STANDIN_TOKEN_LIFETIME, STANDIN_DB,
STANDIN_LOG_LEVEL. The mode-dependent settings are built in standin/modes.py.
"""

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from standin.modes import MODE_ACCEPTING, MODE_AS_ION_TODAY, MODES, cors_allowed_origins_for, middleware_for

BASE_DIR = Path(__file__).resolve().parent

STANDIN_MODE = os.environ.get("STANDIN_MODE", MODE_ACCEPTING)
if STANDIN_MODE not in MODES:
    raise SystemExit(f"STANDIN_MODE={STANDIN_MODE!r} is invalid: use {MODE_ACCEPTING!r} or {MODE_AS_ION_TODAY!r}.")

# Origins of the app under test, space-separated. Each origin followed by "/"
# is a registered redirect URI.
APP_ORIGINS = os.environ.get("STANDIN_APP_ORIGINS", "http://127.0.0.1:8080").split()

# A fresh random key each run: nothing outside this process trusts it.
SECRET_KEY = os.urandom(32).hex()
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "standin.users",
    "standin.oauth",
    "standin.announcements",
    "standin.eighth",
    "standin.schedule",
    "oauth2_provider",
    "rest_framework",
    "corsheaders",
    "standin.api",
]

MIDDLEWARE = middleware_for(STANDIN_MODE)

ROOT_URLCONF = "standin.urls"
APPEND_SLASH = False
X_FRAME_OPTIONS = "SAMEORIGIN"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("STANDIN_DB", str(BASE_DIR.parent / ".standin.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "oauth2_provider.backends.OAuth2Backend",
]
LOGIN_URL = "/login"
SESSION_COOKIE_AGE = 7200

TIME_ZONE = "America/New_York"
USE_TZ = True
LANGUAGE_CODE = "en-us"

_oidc_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth.CSLApplication"
OAUTH2_PROVIDER = {
    "SCOPES": {
        "read": "View your Intranet data (announcements, schedules, activity history, profile).",
        "write": "Create or update data for you (for example eighth-period signups).",
        "openid": "Sign you in with OpenID Connect.",
        "profile": "View your full name and username.",
        "email": "View your notification e-mail address.",
        "groups": "View your groups, such as your grade level.",
    },
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("STANDIN_TOKEN_LIFETIME", "36000")),
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _oidc_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode(),
    "PKCE_REQUIRED": False,
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "standin.api.authentication.CsrfExemptSessionAuthentication",
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
    "DEFAULT_RENDERER_CLASSES": (
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ),
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "standin.api.exceptions.handle_api_exception",
}

# Accepting mode lets the app's origins through CORS, as an Ion that accepts
# this client would. As-ion-today mode allows none, like Ion.
CORS_ALLOW_ALL_ORIGINS = False
CORS_ALLOWED_ORIGINS = cors_allowed_origins_for(STANDIN_MODE, APP_ORIGINS)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO"},
        # serve.py sets INFO so that control API calls and faults show in its
        # log; tests keep the default so that their output stays short.
        "standin": {"handlers": ["console"], "level": os.environ.get("STANDIN_LOG_LEVEL", "WARNING")},
    },
}
