"""Ion's API exception handler (tjcsl/ion intranet/apps/api/utils.py),
rewritten from its documented behaviour."""

import logging

from django.core.exceptions import ObjectDoesNotExist
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger("standin.api")


def handle_api_exception(exc, context):
    """DRF's handler first. Of what it leaves, a missing database object is a
    404 and anything else a 500, both with a `details` list."""
    response = exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, ObjectDoesNotExist):
        return Response({"details": ["Object does not exist (in database)."]}, status=404)
    view = context.get("view")
    logger.error("Unhandled error in %s", type(view).__name__ if view else "an API view", exc_info=exc)
    return Response({"details": ["Unknown error occurred."]}, status=500)
