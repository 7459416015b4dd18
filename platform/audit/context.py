"""The client IP of the request being served, so services can audit it without threading it through."""

from contextvars import ContextVar

from django.conf import settings

current_ip: ContextVar[str | None] = ContextVar("audit_current_ip", default=None)


def client_ip(meta: dict) -> str | None:
    """REMOTE_ADDR, or behind our own proxy the last X-Forwarded-For hop: the address that proxy saw.

    Earlier hops are whatever the client chose to send, so they are never trusted.
    """
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded.strip():
        return forwarded.split(",")[-1].strip() or None
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
