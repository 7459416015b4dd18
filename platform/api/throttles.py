"""Rate limits: one bucket per partner API key, one per signed-in user."""

from rest_framework.throttling import SimpleRateThrottle


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        api_key = getattr(request, "auth", None)
        prefix = getattr(api_key, "prefix", None)
        return self.cache_format % {"scope": self.scope, "ident": prefix} if prefix else None


class UserRateThrottle(SimpleRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if getattr(request, "auth", None) is not None and hasattr(request.auth, "prefix"):
            return None
        if request.user and request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
        return None
