"""realtime.events.send_event_on_commit: nothing leaves before the commit, everything after, and a failure never
reaches the code that committed."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from realtime.events import access_changed_on_commit, send_event_on_commit, user_group

pytestmark = pytest.mark.django_db(transaction=True)


async def listening(groups):
    layer = get_channel_layer()
    channels = {group: await layer.new_channel() for group in groups}
    for group, channel in channels.items():
        await layer.group_add(group, channel)
    return layer, channels


async def test_an_event_leaves_only_once_its_transaction_commits():
    layer, channels = await listening(["a", "b"])
    committed = asyncio.Event()

    def write():
        with transaction.atomic():
            send_event_on_commit(["a", "b"], {"type": "changed", "n": 1})
            assert not committed.is_set()
        committed.set()

    receiving = asyncio.ensure_future(layer.receive(channels["a"]))
    await asyncio.sleep(0)
    await sync_to_async(write, thread_sensitive=False)()
    assert await asyncio.wait_for(receiving, 2) == {"type": "changed", "n": 1}
    assert await asyncio.wait_for(layer.receive(channels["b"]), 2) == {"type": "changed", "n": 1}


async def test_a_rolled_back_transaction_sends_nothing():
    layer, channels = await listening(["a"])

    def write():
        with pytest.raises(RuntimeError), transaction.atomic():
            send_event_on_commit("a", {"type": "changed"})
            raise RuntimeError

    await sync_to_async(write, thread_sensitive=False)()
    await sync_to_async(send_event_on_commit, thread_sensitive=False)("a", {"type": "after"})  # none: at once
    assert await asyncio.wait_for(layer.receive(channels["a"]), 2) == {"type": "after"}


async def test_with_a_loop_the_event_is_handed_to_it_without_waiting():
    layer, channels = await listening(["room"])
    loop = asyncio.get_running_loop()
    await sync_to_async(send_event_on_commit, thread_sensitive=False)("room", {"type": "wake"}, loop=loop)
    assert await asyncio.wait_for(layer.receive(channels["room"]), 2) == {"type": "wake"}


async def test_access_changed_reaches_each_user_once():
    layer, channels = await listening([user_group(1), user_group(2)])
    await sync_to_async(access_changed_on_commit, thread_sensitive=False)([2, 1, 2])
    for channel in channels.values():
        assert await asyncio.wait_for(layer.receive(channel), 2) == {"type": "access.changed"}
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(layer.receive(channel), 0.2)
