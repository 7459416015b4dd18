"""Reading what the channel layer carries to a user's sockets, in tests that call services directly."""

import asyncio

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer

FIRST_EVENT_SECONDS = 5
MORE_EVENTS_SECONDS = 0.3


def events_to_groups(groups: list[str], action):
    """Run `action` (a plain function: it may commit and push) while listening on `groups`; returns what
    `action` returned and, per group, the events received in order.

    Everything happens in one event loop: a publish/subscribe channel layer (Redis) lives in the loop that
    subscribed. `action` runs in this thread (database work stays in the test's transaction)."""

    async def listen_while_acting():
        layer = get_channel_layer()
        channels = {}
        for group in groups:
            channels[group] = await layer.new_channel()
            await layer.group_add(group, channels[group])
        result = await sync_to_async(action)()
        received = {}
        for group, channel in channels.items():
            received[group] = []
            wait = FIRST_EVENT_SECONDS
            while True:
                try:
                    received[group].append(await asyncio.wait_for(layer.receive(channel), timeout=wait))
                except TimeoutError:
                    break
                wait = MORE_EVENTS_SECONDS
        return result, received

    return async_to_sync(listen_while_acting)()
