"""Fault injection, which replaces the response to requests for a chosen
path with a failure."""

import logging

from django.http import HttpResponse

from standin.middleware import is_control_path

from . import state

logger = logging.getLogger("standin.faults")

# Ion's exception handler body for an unhandled error.
UNKNOWN_ERROR_BODY = b'{"details":["Unknown error occurred."]}'
# Cut off mid-object, so that every JSON parser rejects it.
MALFORMED_BODY = b'{"count":1,"next":null,"previous":null,"results":[{"id":'
# How long a `timeout` fault delays a request before returning an empty 504,
# unless the stand-in shuts down first. Browsers and test clients usually
# give up earlier.
TIMEOUT_SECONDS = 60


class FaultMiddleware:
    """Applies the fault set for the request's path, if any.

    It sits innermost, after CORS and Bearer token middleware, so a fault
    replaces the view the way a crash in Ion's view would. It still runs
    before DRF authenticates, so a request fails whatever its token. CORS
    preflights never reach it because CorsMiddleware responds to them, and
    the same-origin check of as-ion-today mode still comes first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_control_path(request.path_info):
            return self.get_response(request)
        fault = state.faults.take(request.path_info)
        if fault is None:
            return self.get_response(request)

        logger.info("Fault %s on %s %s", fault.kind, request.method, request.path_info)
        if fault.kind == "500":
            return HttpResponse(UNKNOWN_ERROR_BODY, status=500, content_type="application/json")
        if fault.kind == "malformed":
            return HttpResponse(MALFORMED_BODY, status=200, content_type="application/json")
        if fault.kind == "timeout":
            state.shutdown.wait(TIMEOUT_SECONDS)
            # An empty 504, as a proxy in front of Ion returns when Ion does not respond.
            return HttpResponse(status=504)
        state.shutdown.wait(fault.delay_ms / 1000)
        return self.get_response(request)
