"""Probes for load balancers and orchestrators: no sign-in, never cached, and nothing said beyond ok or failed."""

import asyncio
import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 2.0


@never_cache
@require_safe
def healthz(request):
    """The process is up. Touches nothing else, so a slow database does not get healthy processes restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
async def readyz(request):
    """Ready for traffic: the database answers and a message goes through the channel layer and back."""
    database, channel_layer = await asyncio.gather(
        _check("database", sync_to_async(_database_answers)),
        _check("channel_layer", _channel_layer_round_trip),
    )
    checks = {"database": database, "channel_layer": channel_layer}
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


async def _check(name: str, probe) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            await probe()
    except Exception:
        # The reason goes to the log only: it may name hosts or credentials.
        logger.exception("Readiness check %s failed", name)
        return "failed"
    return "ok"


def _database_answers() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


async def _channel_layer_round_trip() -> None:
    layer = get_channel_layer()
    channel = await layer.new_channel("health.")
    await layer.send(channel, {"type": "health.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "health.ping":
        raise RuntimeError("the channel layer returned another message")
