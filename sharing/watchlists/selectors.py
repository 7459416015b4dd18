"""Scoped reads of watchlists: a person sees and manages only their own watches in one association."""

from django.db.models import QuerySet

from sharing.watchlists.models import Watch
from tenancy.access import PERSON_ROLES, Access, NoAccess


def watches_for(access: Access) -> QuerySet[Watch]:
    """The caller's own watches in the association of `access`."""
    if access.user is None or not access.has_any(PERSON_ROLES):
        raise NoAccess
    return Watch.objects.filter(user=access.user, association=access.association).select_related("plaintiff")


def get_watch_for(access: Access, watch_id: int | str) -> Watch:
    watch = watches_for(access).filter(pk=watch_id).first()
    if watch is None:
        raise NoAccess
    return watch
