"""One place resolves the association in the URL for web views (Sentry's organization endpoint is the model)."""

from typing import TYPE_CHECKING

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest

from tenancy.access import Access, NoAccess, Role, resolve_access

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL): django-stubs' plugin reads `_User` as accounts.User, which sits above
    # tenancy in the apps' layers and so is never imported here, not even for typing.
    from django.contrib.auth.models import _User as User


class AssociationMixin(LoginRequiredMixin):
    """Sets `self.access` (and `request.access`) from `/a/<slug>/`, or answers 404.

    `allowed_roles`: the roles that may use the view at all; anyone else, including members of other
    associations, gets the same 404 as for an unknown slug. Empty means any role in the association.
    """

    allowed_roles: frozenset[Role] = frozenset()
    access: Access
    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        access = resolve_access(slug=kwargs["slug"], user=request.user)
        if self.allowed_roles and not access.has_any(self.allowed_roles):
            raise NoAccess
        self.access = request.access = access
        return super().dispatch(request, *args, **kwargs)

    @property
    def user(self) -> "User":
        """The signed-in user making the request (dispatch sent anyone else to sign in)."""
        user = self.request.user
        assert user.is_authenticated
        return user
