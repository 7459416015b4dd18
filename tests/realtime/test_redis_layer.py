"""The Redis channel layer, for real: what one process sends reaches the sockets held by another."""

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer

from notifications.services import notify
from realtime import channel_layer, sockets
from realtime.channel_layer import RECEIVE_BATCH, FewerTripsRedisChannelLayer
from realtime.events import user_group
from tenancy.models import Membership
from tenancy.services import membership_decide

pytestmark = pytest.mark.django_db(transaction=True)


async def test_sockets_use_the_redis_layer(redis_layer_config):
    assert isinstance(get_channel_layer(), FewerTripsRedisChannelLayer)


async def test_the_layer_and_plain_channels_redis_understand_each_other(redis_layer_config):
    """Same keys, same messages: a process of either kind sends to and receives from the other."""
    ours, plain = FewerTripsRedisChannelLayer(**redis_layer_config), RedisChannelLayer(**redis_layer_config)
    try:
        for sender, receiver in [(ours, plain), (plain, ours)]:
            channels = [await receiver.new_channel() for _ in range(3)]
            for channel in channels:
                await receiver.group_add("room", channel)
            await sender.group_send("room", {"type": "chat.wake", "seq": 7})
            for channel in channels:
                assert await receiver.receive(channel) == {"type": "chat.wake", "seq": 7}
            await sender.send(channels[0], {"type": "direct"})
            assert await receiver.receive(channels[0]) == {"type": "direct"}
            for channel in channels:
                await receiver.group_discard("room", channel)
    finally:
        await ours.flush()
        await plain.flush()


async def test_a_backlog_is_received_in_batches_in_order(redis_layer_config):
    layer = FewerTripsRedisChannelLayer(**{**redis_layer_config, "capacity": RECEIVE_BATCH * 3})
    try:
        channel = await layer.new_channel()
        total = RECEIVE_BATCH * 2 + 5
        for number in range(total):
            await layer.send(channel, {"type": "n", "n": number})
        assert [(await layer.receive(channel))["n"] for _ in range(total)] == list(range(total))
    finally:
        await layer.flush()


async def test_group_add_each_joins_in_one_go_and_tells_which_groups_had_forgotten(redis_layer_config):
    layer = FewerTripsRedisChannelLayer(**redis_layer_config)
    try:
        channel = await layer.new_channel()
        await layer.group_add("kept", channel)
        assert await layer.group_add_each(["kept", "forgotten"], channel) == ["forgotten"]
        assert await layer.group_add_each(["kept", "forgotten"], channel) == []
        await layer.group_send("forgotten", {"type": "heard"})
        assert await layer.receive(channel) == {"type": "heard"}
    finally:
        await layer.flush()


async def test_a_burst_beyond_the_pool_waits_for_connections_instead_of_failing(redis_layer_config, monkeypatch):
    monkeypatch.setattr(channel_layer, "MAX_CONNECTIONS", 2)
    layer = FewerTripsRedisChannelLayer(**redis_layer_config)
    try:
        channels = [await layer.new_channel() for _ in range(20)]
        await asyncio.gather(*(layer.group_add("burst", channel) for channel in channels))
        await asyncio.gather(*(layer.group_send("burst", {"type": "n", "n": n}) for n in range(20)))
        for channel in channels:
            assert sorted([(await layer.receive(channel))["n"] for _ in range(20)]) == list(range(20))
        assert layer.connection(0).connection_pool.max_connections == 2
    finally:
        await layer.flush()


async def test_group_send_survives_redis_forgetting_its_script(redis_layer_config):
    layer = FewerTripsRedisChannelLayer(**redis_layer_config)
    try:
        channel = await layer.new_channel()
        await layer.group_add("room", channel)
        await layer.group_send("room", {"type": "first"})
        await layer.connection(0).script_flush()  # as a restarted Redis
        await layer.group_send("room", {"type": "second"})
        assert [(await layer.receive(channel))["type"] for _ in range(2)] == ["first", "second"]
    finally:
        await layer.flush()


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
    assert await socket.close_code(timeout=1) == sockets.NO_ACCESS


async def test_a_quiet_socket_survives_and_still_gets_pushes(cast, open_socket, redis_layer_config):
    # The layer's blocking pop waits 5 s; a client read timeout at or under that killed idle sockets (redis-py 8).
    user = cast.users["entitled"]
    socket = await open_socket(user, cast.association.slug)
    assert await socket.communicator.receive_nothing(timeout=7)
    await database_sync_to_async(notify)(
        recipients=[user], association=cast.association, kind="invitation.accepted", params={"email": "a@b.test"}
    )
    assert (await socket.receive(timeout=3))["type"] == "notification"
