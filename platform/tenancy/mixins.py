"""One place resolves the association in the URL for web views (Sentry's organization endpoint is the model)."""

from django.contrib.auth.mixins import LoginRequiredMixin

from tenancy.access import NoAccess, resolve_access


class AssociationMixin(LoginRequiredMixin):
    """Sets `self.access` (and `request.access`) from `/a/<slug>/`, or answers 404.

    `allowed_roles`: the roles that may use the view at all; anyone else, including members of other
    associations, gets the same 404 as for an unknown slug. Empty means any role in the association.
    """

    allowed_roles: frozenset = frozenset()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        access = resolve_access(slug=kwargs["slug"], user=request.user)
        if self.allowed_roles and not access.has_any(self.allowed_roles):
            raise NoAccess
        self.access = request.access = access
        return super().dispatch(request, *args, **kwargs)
