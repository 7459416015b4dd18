from tenancy.access import associations_for_user


def navigation(request):
    """The associations the signed-in user can switch between, and the current one's access (set by views)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "my_associations": associations_for_user(user),
        "access": getattr(request, "access", None),
    }
