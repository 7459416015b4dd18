"""Sending one webhook: the body and its signed headers, one POST to the vetted address (sharing.webhooks.targets),
no redirects, a timeout, at most a few KB of the answer read. Pure of the database: services.deliver_due records
what `send` returns."""

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from sharing.webhooks import signing, targets

RESPONSE_READ_LIMIT = 4096  # bytes of the answer read, and thrown away: the status is what counts
ERROR_MAX_LENGTH = 500
USER_AGENT = "JointDefensePlatform-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    succeeded: bool
    response_code: int | None
    duration_ms: int
    error: str  # empty on success; truncated to ERROR_MAX_LENGTH

    @property
    def gone(self) -> bool:
        return self.response_code == 410


def body_of(payload: dict[str, Any]) -> bytes:
    """The request body: compact JSON, UTF-8 (what is signed, byte for byte)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def send(*, url: str, secrets_in_use: list[str], msg_id: str, payload: dict[str, Any], now: datetime) -> Outcome:
    """POST the signed payload to `url`; never raises for what the target does."""
    started = time.monotonic()

    def done(code: int | None, error: str = "") -> Outcome:
        elapsed = int((time.monotonic() - started) * 1000)
        return Outcome(succeeded=not error, response_code=code, duration_ms=elapsed, error=error[:ERROR_MAX_LENGTH])

    try:
        target = targets.parse(url)
        address = targets.vet(target)
    except targets.TargetRefused as refused:
        return done(None, refused.message)
    body = body_of(payload)
    headers = signing.headers(secrets_in_use, msg_id=msg_id, timestamp=now, body=body)
    headers |= {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    connection = targets.connection(target, address, timeout=settings.WEBHOOKS_TIMEOUT)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(RESPONSE_READ_LIMIT)
        code = response.status
    except TimeoutError:
        return done(None, _("No answer within %(seconds)d seconds.") % {"seconds": settings.WEBHOOKS_TIMEOUT})
    except OSError as error:  # refused, reset, TLS (ssl.SSLError is an OSError), DNS
        return done(None, _("Could not connect: %(error)s") % {"error": error.__class__.__name__ + f": {error}"})
    except Exception as error:  # a malformed answer (http.client.HTTPException and friends)
        return done(None, _("Invalid answer: %(error)s") % {"error": error.__class__.__name__})
    finally:
        connection.close()
    if 200 <= code < 300:
        return done(code)
    if 300 <= code < 400:
        return done(code, _("Redirects are not followed: answer with a 2xx status."))
    return done(code, _("The endpoint answered HTTP %(code)d.") % {"code": code})


# Retries ---------------------------------------------------------------------------------------------------

# The wait after each failed attempt (attempt 1 is sent at once): eight attempts over about 31 hours.
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=14),
)
JITTER = 0.2  # each wait is drawn uniformly within ±20% of the above, so retries of many events spread out


def retry_delay(failed_attempt: int, *, draw: Callable[[], float] | None = None) -> timedelta | None:
    """How long to wait after attempt `failed_attempt` (1-based) failed; None when it was the last one.
    `draw` returns a number in [0, 1) (random.random; a test passes a constant)."""
    if not 1 <= failed_attempt <= len(RETRY_DELAYS):
        return None
    factor = 1 - JITTER + 2 * JITTER * (draw or random.random)()
    return RETRY_DELAYS[failed_attempt - 1] * factor
