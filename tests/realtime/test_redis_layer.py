"""The Redis channel layer, for real: what one process sends reaches the sockets held by another."""

import uuid

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer

from notifications import live
from notifications.realtime import user_group
from notifications.services import notify
from tenancy.models import Membership
from tenancy.services import membership_decide

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis_layer_config(settings, redis_url):
    """The layer exactly as settings configure it from REDIS_URL, under a prefix of its own for this test."""
    layer = settings.CHANNEL_LAYERS["default"]
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    config = {**layer["CONFIG"], "prefix": f"jdp-test-{uuid.uuid4().hex[:8]}"}
    settings.CHANNEL_LAYERS = {"default": {**layer, "CONFIG": config}}
    return config


async def test_sockets_use_the_redis_layer(redis_layer_config):
    assert isinstance(get_channel_layer(), RedisChannelLayer)


async def test_notify_reaches_two_sockets_through_redis(cast, open_socket, redis_layer_config):
    user = cast.users["entitled"]
    tabs = [await open_socket(user, cast.association.slug) for _ in range(2)]
    bystander = await open_socket(cast.users["not_entitled"], cast.association.slug)
    await database_sync_to_async(notify)(
        recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": "a@b.test"}
    )
    for tab in tabs:
        frame = await tab.receive(timeout=3)
        assert frame["type"] == "notification" and frame["unread_count"] == 1
    assert await bystander.nothing()


async def test_a_group_send_from_another_layer_instance_reaches_the_socket(cast, open_socket, redis_layer_config):
    # A second RedisChannelLayer object stands for another ASGI process or a task worker.
    other_process = RedisChannelLayer(**redis_layer_config)
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    assert await socket.outcome() == "open"
    notification = {"id": 1, "kind": "invitation.accepted", "text": "hello", "url": ""}
    event = {"type": "notification.created", "association": cast.association.slug, "notification": notification}
    await other_process.group_send(user_group(user.pk), event)
    assert (await socket.receive(timeout=3))["notification"] == notification
    await other_process.flush()


async def test_suspension_through_redis_closes_the_socket(cast, open_socket, redis_layer_config):
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    membership = await database_sync_to_async(Membership.objects.get)(
        company=user.company, association=cast.association
    )
    await database_sync_to_async(membership_decide)(
        membership=membership, decision="suspend", actor=cast.users["admin"]
    )
    assert await socket.close_code(timeout=1) == live.NO_ACCESS


async def test_a_quiet_socket_survives_and_still_gets_pushes(cast, open_socket, redis_layer_config):
    # The layer's blocking pop waits 5 s; a client read timeout at or under that killed idle sockets (redis-py 8).
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    assert await socket.communicator.receive_nothing(timeout=7)
    await database_sync_to_async(notify)(
        recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": "a@b.test"}
    )
    assert (await socket.receive(timeout=3))["type"] == "notification"
