"""Websocket test helpers: real sessions, the real ASGI application, the configured channel layer."""

import os
import uuid
from dataclasses import dataclass

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from realtime.database_threads import in_database

ORIGIN = "http://testserver"  # pytest-django adds "testserver" to ALLOWED_HOSTS


def session_cookie(user) -> str:
    """A real signed-in session for `user`, as the browser would send it."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@dataclass
class Socket:
    communicator: WebsocketCommunicator
    handshake_accepted: bool

    async def close_code(self, timeout: float = 1) -> int:
        """Wait for the server to close the socket and return the code it gave."""
        output = await self.communicator.receive_output(timeout)
        assert output["type"] == "websocket.close", output
        return output["code"]

    async def outcome(self) -> str | int:
        """Return "open" while the socket stays open, "handshake refused", or the code it was closed with."""
        if not self.handshake_accepted:
            return "handshake refused"
        if await self.communicator.receive_nothing(timeout=0.2):
            return "open"
        return await self.close_code()

    async def send(self, message: dict) -> None:
        await self.communicator.send_json_to(message)

    async def receive(self, timeout: float = 1) -> dict:
        return await self.communicator.receive_json_from(timeout)

    async def nothing(self) -> bool:
        return await self.communicator.receive_nothing(timeout=0.3)


@pytest.fixture
async def open_socket():
    """open_socket(user, slug, path=None) -> Socket (the notifications socket unless `path` names another);
    every socket is disconnected at the end of the test."""
    # Imported here, not at collection: the origin validator reads ALLOWED_HOSTS when config.asgi is imported,
    # and pytest-django only adds "testserver" once the test session starts.
    from config.asgi import application

    opened = []

    async def open_(user, slug: str, *, origin: str | None = ORIGIN, path: str | None = None) -> Socket:
        headers = []
        if origin is not None:
            headers.append((b"origin", origin.encode()))
        if user is not None:
            cookie = await in_database(session_cookie)(user)  # not Channels' one thread: a test may hold it
            headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
        communicator = WebsocketCommunicator(application, path or f"/ws/a/{slug}/notifications/", headers=headers)
        opened.append(communicator)
        accepted, _ = await communicator.connect()
        return Socket(communicator, handshake_accepted=accepted)

    yield open_
    for communicator in opened:
        await communicator.disconnect()


@pytest.fixture(autouse=True)
async def empty_channel_layer():
    """Groups and queued messages of one test must not reach the next."""
    yield
    layer = get_channel_layer()
    await layer.flush()


def required_on_ci(reason: str):
    """Skip locally, but fail on CI (CI=true), where everything this test needs is provided."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must provide what this test needs: {reason}")
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        required_on_ci("REDIS_URL is not set")
    return url


@pytest.fixture
def redis_layer_config(settings, redis_url):
    """The layer exactly as settings configure it from REDIS_URL, under a prefix of its own for this test."""
    layer = settings.CHANNEL_LAYERS["default"]
    assert layer["BACKEND"] == "realtime.channel_layer.FewerTripsRedisChannelLayer"
    config = {**layer["CONFIG"], "prefix": f"jdp-test-{uuid.uuid4().hex[:8]}"}
    settings.CHANNEL_LAYERS = {"default": {**layer, "CONFIG": config}}
    return config


async def group_members(layer, group: str) -> list[str]:
    """Who is in a channel-layer group: the in-memory layer's dict, or Redis's sorted set."""
    if hasattr(layer, "groups"):
        return list(layer.groups.get(group, {}))
    return await layer.connection(layer.consistent_hash(group)).zrange(layer._group_key(group), 0, -1)


async def forget_group(layer, group: str) -> None:
    """As a restarted Redis: the group's members are gone."""
    if hasattr(layer, "groups"):
        layer.groups.pop(group, None)
    else:
        await layer.connection(layer.consistent_hash(group)).delete(layer._group_key(group))
