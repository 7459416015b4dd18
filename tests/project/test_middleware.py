"""The middleware chain runs in one thread under ASGI.

Django runs every async-capable middleware below the last sync-only one in async mode, and a MiddlewareMixin in
async mode sends each of its request and response hooks to a thread of its own: with a sync-only middleware last,
the chain costs one hop into a thread and one back for the view, whatever the middlewares are."""

from django.conf import settings
from django.utils.module_loading import import_string


def test_the_last_middleware_is_sync_only():
    last = import_string(settings.MIDDLEWARE[-1])
    assert getattr(last, "sync_capable", True) and not getattr(last, "async_capable", False), last
