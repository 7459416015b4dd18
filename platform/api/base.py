"""The API's base views, below every app: input through serializers, reads through selectors. Views scoped to one
association (`/api/v1/a/<slug>/`) build on these in tenancy.api_base."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy
from rest_framework import generics, permissions, serializers
from rest_framework.parsers import JSONParser

from api.credentials import partner_key
from api.throttles import Budget

if TYPE_CHECKING:
    from rest_framework.filters import BaseFilterBackend


class IsPerson(permissions.BasePermission):
    """Refuses partner keys on endpoints about a person (there is nothing tenant-scoped to hide: 403, not 404)."""

    message = gettext_lazy("This endpoint is for people signed in to the platform, not for API keys.")

    def has_permission(self, request, view):
        return partner_key(request) is None


class ScopedView:
    """What the schema (api.schema) reads off a view scoped to one association; tenancy.api_base implements it."""

    partner_scope: str | None = None  # the api.scopes.ApiScope a partner key needs here

    def allows_partner_keys(self, method: str) -> bool:
        return False


class GenericAPIView(generics.GenericAPIView):
    """Input goes through serializers into validated dicts for the services; reads go through selectors."""

    parser_classes = [JSONParser]  # bodies are JSON: lists and nulls mean what they say
    metadata_class = None  # no OPTIONS self-description (405): the OpenAPI schema documents the API
    filter_backends: Sequence[
        type["BaseFilterBackend"]
    ] = ()  # filtering is the selectors' job, from `query_serializer_class`
    query_serializer_class: type[serializers.Serializer] | None = (
        None  # validates the query string of GET; documented by api.schema.AutoSchema
    )

    budget: Budget | None = None  # the tightest rate-limit bucket of this request, once throttles have counted it

    def check_throttles(self, request) -> None:
        """As DRF's, and keeps the tightest Budget of the buckets that apply for the RateLimit headers."""
        waits = []
        for throttle in self.get_throttles():
            if not throttle.allow_request(request, self):
                waits.append(throttle.wait())
            budget = getattr(throttle, "budget", None)
            if budget is not None and (self.budget is None or budget.remaining < self.budget.remaining):
                self.budget = budget
        if waits:
            wait = max((wait for wait in waits if wait is not None), default=None)
            self.throttled(request, wait)  # type: ignore[arg-type]  # None as DRF's own (the stubs say float)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.budget is not None:
            for name, value in self.budget.headers().items():
                response[name] = value
        return response

    def query(self) -> dict:
        return self._validate(self.query_serializer_class, self.request.query_params)

    def body(self, serializer_class) -> dict:
        return self._validate(serializer_class, self.request.data)

    def _validate(self, serializer_class, data) -> dict:
        serializer = serializer_class(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
