"""The client IP of the request being served, so services can audit it without threading it through."""

from contextvars import ContextVar

from django.conf import settings

current_ip: ContextVar[str | None] = ContextVar("audit_current_ip", default=None)


def client_ip(meta: dict) -> str | None:
    """REMOTE_ADDR, or the first X-Forwarded-For hop when the platform runs behind its own proxy."""
    if settings.SECURE_PROXY_SSL_HEADER and meta.get("HTTP_X_FORWARDED_FOR"):
        return meta["HTTP_X_FORWARDED_FOR"].split(",")[0].strip() or None
    return meta.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request.META))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
