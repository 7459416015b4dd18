"""Rate limits: one bucket per partner API key, one per signed-in user, one per client IP for sign-up.

Every throttled answer says where the caller stands, in the headers of the IETF draft "RateLimit header fields
for HTTP" that most API gateways send: `RateLimit-Limit` (requests per window), `RateLimit-Remaining` (left in
it) and `RateLimit-Reset` (seconds until the oldest request of the window leaves it); a 429 adds `Retry-After`
(api.errors). The tightest bucket of the request speaks (api.base.GenericAPIView).

Buckets are fixed windows counted with the cache's atomic increment: DRF's own throttle keeps every request's time
in one cached list, read and written back whole on each request, so it loses counts between processes and costs
more the higher the rate."""

import math
from dataclasses import dataclass

from django.core.cache.backends.redis import RedisCache
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
    """Reads its rate from the settings on every request (DRF binds them at import), so they can change; counts
    the request in the current window of its bucket and keeps the caller's Budget (None where the bucket does not
    apply)."""

    scope: str  # each subclass names its bucket
    budget: Budget | None = None
    num_requests: int  # set by SimpleRateThrottle from the rate
    duration: int  # seconds

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        self.budget = None
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        count = self._count(f"{key}:{window}")
        reset = max(1, math.ceil((window + 1) * self.duration - now))
        self.budget = Budget(self.num_requests, max(0, self.num_requests - count), reset)
        return count <= self.num_requests

    def _count(self, counter: str) -> int:
        """Counts this request in the window's counter, which outlives its window by a second, then goes. On
        Redis in one round trip (SET NX EX, then INCR, pipelined: Django's incr costs two and its add a third),
        elsewhere with the cache's own add and incr."""
        if isinstance(self.cache, RedisCache):
            key = self.cache.make_and_validate_key(counter)
            # RedisCache._cache: pinned by tests/project/test_redis_pool.py.
            with self.cache._cache.get_client(key, write=True).pipeline(transaction=False) as pipe:
                pipe.set(key, 0, ex=self.duration + 1, nx=True)
                pipe.incr(key)
                return pipe.execute()[1]
        try:
            return self.cache.incr(counter)
        except ValueError:  # the window's first request (or a race with another process's first)
            return 1 if self.cache.add(counter, 1, self.duration + 1) else self.cache.incr(counter)

    def wait(self) -> float | None:
        return self.budget.reset if self.budget is not None else None


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
