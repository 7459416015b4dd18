"""Rate limits: one bucket per partner API key, one per signed-in user, one per client IP for sign-up.

Every throttled answer says where the caller stands, in the headers of the IETF draft "RateLimit header fields
for HTTP" that most API gateways send: `RateLimit-Limit` (requests per window), `RateLimit-Remaining` (left in
it) and `RateLimit-Reset` (seconds until the oldest request of the window leaves it); a 429 adds `Retry-After`
(api.errors). The tightest bucket of the request speaks (api.base.GenericAPIView)."""

import math
from dataclasses import dataclass

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.credentials import partner_key


@dataclass(frozen=True)
class Budget:
    """Where a caller stands in one bucket after this request."""

    limit: int
    remaining: int
    reset: int  # seconds

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


class _SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from the settings on every request (DRF binds them at import), so they can change; keeps the
    caller's Budget once it has counted the request (None where the bucket does not apply)."""

    scope: str  # each subclass names its bucket
    budget: Budget | None = None

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        self.key = None
        allowed = super().allow_request(request, view)
        if self.key is not None:  # SimpleRateThrottle set key, history, now, num_requests and duration
            oldest = self.history[-1] if self.history else self.now
            reset = max(0, math.ceil(self.duration - (self.now - oldest)))
            self.budget = Budget(self.num_requests, max(0, self.num_requests - len(self.history)), reset)
        return allowed


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
