"""Base API views: the association comes from `/api/v1/a/<slug>/`, checked against the caller."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import generics, mixins, permissions
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import JSONParser

from accounts.models import ApiKey
from tenancy.access import PERSON_ROLES, NoAccess, Role, resolve_access


class IsPerson(permissions.BasePermission):
    """Refuses partner keys on endpoints about a person (there is nothing tenant-scoped to hide: 403, not 404)."""

    message = gettext_lazy("This endpoint is for people signed in to the platform, not for API keys.")

    def has_permission(self, request, view):
        return not isinstance(request.auth, ApiKey)


class AssociationScopedMixin:
    """Resolves `self.access` once per request.

    `role_map` maps HTTP methods to the roles allowed to use them (Sentry's scope map); HEAD follows GET, and a
    method missing from it is open to every person in the association (who then gets a 405). Partner keys are
    refused unless `Role.PARTNER` is listed, and need `partner_scope` when it is set. A caller outside the
    association, or without the role, gets a 404 identical to an unknown slug's.
    """

    role_map: dict[str, frozenset] = {}
    partner_scope: str | None = None

    def allowed_roles(self, method: str) -> frozenset:
        method = "GET" if method == "HEAD" else method
        return self.role_map.get(method, PERSON_ROLES)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        api_key = request.auth if isinstance(request.auth, ApiKey) else None
        try:
            access = resolve_access(slug=kwargs["slug"], user=None if api_key else request.user, api_key=api_key)
        except NoAccess:
            raise NotFound() from None
        allowed = self.allowed_roles(request.method)
        if api_key is not None:
            if Role.PARTNER not in allowed:
                raise NotFound()
            if self.partner_scope and self.partner_scope not in api_key.scopes:
                raise PermissionDenied(
                    _("This API key does not have the scope “%(scope)s”.") % {"scope": self.partner_scope}
                )
        elif not access.has_any(allowed):
            raise NotFound()
        self.access = request.access = access


class GenericAPIView(generics.GenericAPIView):
    """Input goes through serializers into validated dicts for the services; reads go through selectors."""

    parser_classes = [JSONParser]  # bodies are JSON: lists and nulls mean what they say
    metadata_class = None  # no OPTIONS self-description (405): the OpenAPI schema documents the API
    filter_backends = ()  # filtering is the selectors' job, from `query_serializer_class`
    query_serializer_class = None  # validates the query string of GET; documented by api.schema.AutoSchema

    def query(self) -> dict:
        return self._validate(self.query_serializer_class, self.request.query_params)

    def body(self, serializer_class) -> dict:
        return self._validate(serializer_class, self.request.data)

    def _validate(self, serializer_class, data) -> dict:
        serializer = serializer_class(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class AssociationGenericAPIView(AssociationScopedMixin, GenericAPIView):
    pass


class AssociationListAPIView(mixins.ListModelMixin, AssociationGenericAPIView):
    """GET lists `get_queryset()` (a selector's result) in cursor pages."""

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)
