"""Ion's own middleware, rewritten for the stand-in from its documented
behaviour (tjcsl/ion commit 557054c, intranet/middleware/)."""

from django.http import HttpResponse


class FixSlashesMiddleware:
    """Adds a missing trailing slash to /oauth paths and strips one from every
    other path, internally and without a redirect, so that both spellings of a
    path work (Ion's FixSlashes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/oauth") and not path.startswith("/oauth/.well-known"):
            if not path.endswith("/"):
                request.path_info = path + "/"
                request.path = request.path + "/"
        elif path != "/" and path.endswith("/"):
            request.path_info = path.rstrip("/")
            request.path = request.path.rstrip("/")
        return self.get_response(request)


class SameOriginMiddleware:
    """Answers any request whose Origin header names another host:port than
    the Host header with an empty 401, before sessions, authentication or CORS
    run. Requests without Origin pass (Ion's SameOriginMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = request.headers.get("Origin")
        if origin is not None:
            netloc = origin.split("://", 1)[-1]
            if netloc != request.META.get("HTTP_HOST", ""):
                return HttpResponse(status=401)
        return self.get_response(request)
