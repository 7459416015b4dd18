"""Every page's navigation: which associations the user can switch between, and their unread notifications here."""

from notifications.selectors import unread_count
from tenancy.access import associations_for_user


def navigation(request):
    """The associations the signed-in user can switch between; inside one (views set `request.access`), the
    caller's access for role-dependent navigation and their unread notification count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = getattr(request, "access", None)
    return {
        "my_associations": associations_for_user(user),
        "access": access,
        "unread_notifications": unread_count(access) if access is not None and access.user is not None else 0,
    }
