"""Ending sessions the way signing out does, through the session engine, so a cached session ends too."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session


def end_sessions(*session_keys: str) -> None:
    """End the given sessions, or every session when none is given (deleting Session rows alone would leave a
    cached_db session alive in the cache)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in session_keys or Session.objects.values_list("session_key", flat=True):
        store(key).delete()
