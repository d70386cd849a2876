"""Ion's own middleware, rewritten for the stand-in from its documented
behaviour (tjcsl/ion commit 557054c, intranet/middleware/), plus the
session side effect of Ion's Bearer authentication."""

from django.contrib.auth import BACKEND_SESSION_KEY, login
from django.http import HttpResponse

# The stand-in's control API. Tests call it without an Origin header, and no
# mode may block it.
CONTROL_PREFIX = "/_standin"


def normalize_path(path: str) -> str:
    """Return the path that Ion's FixSlashes routes: /oauth paths (except
    /oauth/.well-known) with a trailing slash, every other path without one."""
    if path.startswith("/oauth") and not path.startswith("/oauth/.well-known"):
        return path if path.endswith("/") else path + "/"
    if path != "/" and path.endswith("/"):
        return path.rstrip("/")
    return path


def is_control_path(path: str) -> bool:
    return path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")


class FixSlashesMiddleware:
    """Adds a missing trailing slash to /oauth paths and strips one from every
    other path, internally and without a redirect, so that both spellings of a
    path work (Ion's FixSlashes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = normalize_path(request.path_info)
        if path != request.path_info:
            prefix = request.path[: len(request.path) - len(request.path_info)]
            request.path_info = path
            request.path = prefix + path
        return self.get_response(request)


class SameOriginMiddleware:
    """Returns an empty 401 for any request whose Origin header names another
    host:port than the Host header, before sessions, authentication or CORS
    run. Requests without Origin pass (Ion's SameOriginMiddleware). The
    stand-in's control API is exempt."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = request.headers.get("Origin")
        if origin is not None and not is_control_path(request.path_info):
            netloc = origin.split("://", 1)[-1]
            if netloc != request.META.get("HTTP_HOST", ""):
                return HttpResponse(status=401)
        return self.get_response(request)


class BearerSessionMiddleware:
    """Logs the user of a valid Bearer token into a session, so the response
    sets a `sessionid` cookie, as Ion's responses to Bearer calls do.

    Consequence, as on Ion: a client that keeps that cookie stays signed in
    for the session's lifetime (2 hours) even after its token expires or is
    revoked, because session authentication runs before the token check.
    Browsers drop the cookie on cross-origin fetches without credentials."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bearer = request.META.get("HTTP_AUTHORIZATION", "").startswith("Bearer")
        if bearer and request.user.is_authenticated and BACKEND_SESSION_KEY not in request.session:
            # NOTE: Ion is only observed to set the cookie; that it stores a
            # full login (and so outlives the token) is an inference.
            login(request, request.user, backend="oauth2_provider.backends.OAuth2Backend")
        return self.get_response(request)
