"""The settings that differ between the stand-in's two policy modes.

accepting: the app's origins pass CORS on every path and nothing blocks
other origins, as an Ion that accepts this client would behave.
as-ion-today: Ion's SameOriginMiddleware returns an empty 401 for every
request from another origin, and CORS allows no origin, as at tjcsl/ion
commit 557054c.

settings.py applies one mode at import time; tests switch with
override_settings(**settings_for(MODE_AS_ION_TODAY, origins)).
"""

MODE_ACCEPTING = "accepting"
MODE_AS_ION_TODAY = "as-ion-today"
MODES = (MODE_ACCEPTING, MODE_AS_ION_TODAY)


def middleware_for(mode: str) -> list[str]:
    """Ion's middleware order. Slashes are fixed first, then (as-ion-today)
    the same-origin check runs before sessions, authentication and CORS.
    CorsMiddleware sits late, so responses cut short before it carry no CORS
    headers. The fault injector sits innermost, where a failing view would
    be, so that its responses get CORS headers like any other response."""
    return [
        "standin.middleware.FixSlashesMiddleware",
        *(["standin.middleware.SameOriginMiddleware"] if mode == MODE_AS_ION_TODAY else []),
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "oauth2_provider.middleware.OAuth2TokenMiddleware",
        "standin.middleware.BearerSessionMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "corsheaders.middleware.CorsMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "standin.control.faults.FaultMiddleware",
    ]


def cors_allowed_origins_for(mode: str, app_origins: list[str]) -> list[str]:
    return list(app_origins) if mode == MODE_ACCEPTING else []


def settings_for(mode: str, app_origins: list[str]) -> dict:
    """The mode-dependent settings, as keyword arguments for override_settings."""
    return {
        "STANDIN_MODE": mode,
        "MIDDLEWARE": middleware_for(mode),
        "CORS_ALLOWED_ORIGINS": cors_allowed_origins_for(mode, app_origins),
    }
