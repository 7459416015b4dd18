"""Rate limits: one bucket per partner API key, one per signed-in user, one per client IP for sign-up."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.credentials import partner_key


class _SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from the settings on every request (DRF binds them at import), so they can change."""

    scope: str  # each subclass names its bucket

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ApiKeyRateThrottle(_SettingsRateThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        key = partner_key(request)
        if key is not None:
            return self.cache_format % {"scope": self.scope, "ident": key.prefix}
        return None


class UserRateThrottle(_SettingsRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if partner_key(request) is not None or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class InvitationAcceptThrottle(_SettingsRateThrottle):
    """Per client IP (REST_FRAMEWORK["NUM_PROXIES"] says which X-Forwarded-For hop to trust): slows token guessing."""

    scope = "invitation_accept"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
