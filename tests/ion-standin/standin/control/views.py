"""The control API under /_standin: how tests inject faults, switch the
emergency message and revoke tokens while the stand-in runs. Not part of
Ion. It takes and returns JSON, needs no authentication or CSRF token, and
no mode blocks it."""

import json
import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import get_access_token_model, get_grant_model, get_refresh_token_model

from . import state

logger = logging.getLogger("standin.control")

ENDPOINTS = {
    "GET /_standin": "this list",
    "GET /_standin/faults": "the faults in force",
    "POST /_standin/faults": 'add a fault: {"path": "/api/announcements", "kind": "500|timeout|malformed|delay:MS", '
    '"times": 1} ("times" optional: until cleared)',
    "DELETE /_standin/faults": "clear every fault, or only ?path=PATH",
    "GET /_standin/emergency": "the current /api/emerg answer",
    "POST /_standin/emergency": 'turn the emergency message on: {"message": "<h3>…</h3>"}, or set '
    '{"status": true|false|null, "message": "…"|null} exactly',
    "DELETE /_standin/emergency": "turn the emergency message off",
    "POST /_standin/revoke-all": "revoke every access token, refresh token and authorization code",
}


class BadRequest(Exception):
    """A control request with an invalid body. The message states what to fix."""


def error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def method_not_allowed(request, allowed: list[str]) -> JsonResponse:
    response = error(f"{request.method} is not allowed here; use {' or '.join(allowed)}.", 405)
    response["Allow"] = ", ".join(allowed)
    return response


def read_json_object(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}.") from exc
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object.")
    return body


def index(request):
    if request.method != "GET":
        return method_not_allowed(request, ["GET"])
    return JsonResponse({"endpoints": ENDPOINTS})


@csrf_exempt
def faults(request):
    if request.method == "GET":
        return JsonResponse({"faults": state.faults.list()})

    if request.method == "POST":
        try:
            body = read_json_object(request)
            unknown = set(body) - {"path", "kind", "times"}
            if unknown:
                raise BadRequest(f"Unknown keys {sorted(unknown)}: use path, kind and times.")
            fault = state.parse_fault(body.get("path"), body.get("kind"), body.get("times"))
        except (BadRequest, state.FaultSpecError) as exc:
            return error(str(exc), 400)
        state.faults.add(fault)
        logger.info("Fault set: %s", fault.describe())
        return JsonResponse({"fault": fault.describe()}, status=201)

    if request.method == "DELETE":
        path = request.GET.get("path")
        cleared = state.faults.clear(path)
        logger.info("Faults cleared: %d (%s)", cleared, path or "all")
        return JsonResponse({"cleared": cleared})

    return method_not_allowed(request, ["GET", "POST", "DELETE"])


def emergency_body() -> dict:
    status, message = state.emergency.get()
    return {"status": status, "message": message}


@csrf_exempt
def emergency(request):
    if request.method == "GET":
        return JsonResponse(emergency_body())

    if request.method == "POST":
        try:
            body = read_json_object(request)
            message = body.get("message")
            if "status" in body:
                status = body["status"]
                if status not in (True, False, None):
                    raise BadRequest(f"status {status!r} is invalid: use true, false or null.")
                if message is not None and not isinstance(message, str):
                    raise BadRequest("message must be a string or null.")
                state.emergency.set(status, message)
            else:
                if not isinstance(message, str) or not message:
                    raise BadRequest('Send {"message": "<html>"} with a non-empty string.')
                state.emergency.turn_on(message)
        except BadRequest as exc:
            return error(str(exc), 400)
        logger.info("Emergency message set: status %s", state.emergency.get()[0])
        return JsonResponse(emergency_body())

    if request.method == "DELETE":
        state.emergency.turn_off()
        logger.info("Emergency message turned off")
        return JsonResponse(emergency_body())

    return method_not_allowed(request, ["GET", "POST", "DELETE"])


@csrf_exempt
def revoke_all(request):
    if request.method != "POST":
        return method_not_allowed(request, ["POST"])
    # Deleting is how django-oauth-toolkit revokes access tokens and codes.
    models = {
        "access_tokens": get_access_token_model(),
        "refresh_tokens": get_refresh_token_model(),
        "grants": get_grant_model(),
    }
    counts = {}
    for name, model in models.items():
        counts[name] = model.objects.count()
        model.objects.all().delete()
    logger.info("Revoked every token: %s", counts)
    return JsonResponse({"revoked": counts})
