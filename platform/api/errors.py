"""One error format for the whole API: {"error": {"code", "message", "fields"}}, translated.

`fields` maps a field path ("email", "aliases.2", "non_field_errors") to its messages. A 429 also carries
`retry_after` (seconds). Every 404 has the same body, whether the thing is missing or hidden from the caller.
"""

import math
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def not_found_body() -> dict:
    """The body of every 404, whether the object is missing or the caller may not see it."""
    return {"error": {"code": "not_found", "message": _("Not found."), "fields": {}}}


def flatten_fields(detail, path: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field.index.subfield": [messages]}."""
    if isinstance(detail, dict):
        fields: dict[str, list[str]] = {}
        for key, value in detail.items():
            key = NON_FIELD if key == NON_FIELD_ERRORS else key  # a model's full_clean() says "__all__"
            fields.update(flatten_fields(value, f"{path}.{key}" if path else str(key)))
        return fields
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        fields = {}
        for index, item in enumerate(detail):
            fields.update(flatten_fields(item, f"{path}.{index}" if path else str(index)))
        return fields
    messages = detail if isinstance(detail, list) else [detail]
    return {path or NON_FIELD: [str(message) for message in messages]} if messages else {}


def _throttled_message(wait: int) -> str:
    return ngettext(
        "Too many requests. Try again in %(seconds)d second.",
        "Too many requests. Try again in %(seconds)d seconds.",
        wait,
    ) % {"seconds": wait}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        # Services raise Django's ValidationError; keep its field keys.
        exc = exceptions.ValidationError(get_error_detail(exc))
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(not_found_body(), status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_fields(exc.detail)
        non_field = fields.get(NON_FIELD)
        body: dict[str, Any] = {
            "code": "invalid",
            "message": non_field[0] if non_field else _("Some fields need attention."),
            "fields": fields,
        }
    elif isinstance(exc, exceptions.Throttled):
        # Throttled.__init__ sets `wait`; djangorestframework-stubs 3.18 do not declare it.
        wait = max(1, math.ceil(exc.wait or 1))  # type: ignore[attr-defined]
        body = {"code": "throttled", "message": _throttled_message(wait), "fields": {}, "retry_after": wait}
        response["Retry-After"] = str(wait)
    else:
        detail = exc.detail
        body = {"code": getattr(detail, "code", None) or exc.default_code, "message": str(detail), "fields": {}}
    response.data = {"error": body}
    return response


def server_error(request, *args, **kwargs):
    """Django's handler500: the API's error format under /api/, the site's 500 page elsewhere."""
    if request.path.startswith("/api/"):
        body = {
            "code": "server_error",
            "message": _("Something went wrong on our side. Try again later."),
            "fields": {},
        }
        return JsonResponse({"error": body}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return defaults.server_error(request, *args, **kwargs)
