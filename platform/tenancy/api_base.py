"""API views scoped to one association: it comes from `/api/v1/a/<slug>/` and is checked against the caller (a
person's roles, or a partner key's association and scopes), once per request."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from rest_framework import mixins
from rest_framework.exceptions import NotFound, PermissionDenied

from api.base import GenericAPIView, ScopedView
from api.credentials import partner_key
from tenancy.access import PERSON_ROLES, Access, NoAccess, Role, resolve_access

if TYPE_CHECKING:
    _MixedInto = GenericAPIView  # what the mixin below is mixed into: its super() calls are checked against it
else:
    _MixedInto = object


class AssociationScopedMixin(ScopedView, _MixedInto):
    """Resolves `self.access` once per request.

    `role_map` maps HTTP methods to the roles allowed to use them (Sentry's scope map); HEAD follows GET, and a
    method missing from it is open to every person in the association (who then gets a 405). Partner keys are
    refused unless `Role.PARTNER` is listed, and need `partner_scope` when it is set. A caller outside the
    association, or without the role, gets a 404 identical to an unknown slug's.
    """

    role_map: dict[str, frozenset[Role]] = {}
    access: Access

    def allowed_roles(self, method: str) -> frozenset[Role]:
        method = "GET" if method == "HEAD" else method
        return self.role_map.get(method, PERSON_ROLES)

    def allows_partner_keys(self, method: str) -> bool:
        return Role.PARTNER in self.allowed_roles(method)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        api_key = partner_key(request)
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


class AssociationGenericAPIView(AssociationScopedMixin, GenericAPIView):
    pass


class AssociationListAPIView(mixins.ListModelMixin, AssociationGenericAPIView):
    """GET lists `get_queryset()` (a selector's result) in cursor pages."""

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)
