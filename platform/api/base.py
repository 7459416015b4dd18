"""Base API views: the association comes from `/api/v1/a/<slug>/`, checked against the caller."""

from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.views import APIView

from accounts.api_keys import PartnerUser
from tenancy.access import NoAccess, Role, resolve_access


class AssociationScopedMixin:
    """Resolves `self.access` once per request.

    `role_map` maps HTTP methods to the roles allowed to use them (Sentry's scope map); a method missing from
    it is open to every person in the association. Partner keys are refused unless `Role.PARTNER` is listed
    and the key holds `partner_scope`. A caller outside the association, or without the role, gets a 404
    identical to an unknown slug's.
    """

    role_map: dict[str, frozenset] = {}
    partner_scope: str | None = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        api_key = request.user.api_key if isinstance(request.user, PartnerUser) else None
        try:
            access = resolve_access(slug=kwargs["slug"], user=None if api_key else request.user, api_key=api_key)
        except NoAccess:
            raise NotFound() from None
        allowed = self.role_map.get(request.method, self.role_map.get("*"))
        if access.api_key is not None:
            if allowed is None or Role.PARTNER not in allowed:
                raise NotFound()
            if self.partner_scope and self.partner_scope not in access.api_key.scopes:
                raise PermissionDenied()
        elif allowed is not None and not access.has_any(allowed):
            raise NotFound()
        self.access = request.access = access


class AssociationAPIView(AssociationScopedMixin, APIView):
    pass


class AssociationGenericAPIView(AssociationScopedMixin, generics.GenericAPIView):
    pass
