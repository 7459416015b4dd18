"""One process's subscription to the rooms its sockets follow, and the hand-over of room events to those sockets.

A room's events (a wake after each change, presence) are sent to the room's channel-layer group. Were every
socket a member, a wake would be queued once per socket and received through each socket's own channel (the
layer's buffer, two tasks and a wait per socket and event, then Channels' dispatch). Instead each process joins
the group once, with one channel of its own: an event arrives once per process, primes the room's feed once,
and is handed to each of the process's sockets in that room by a plain call. The sockets keep their own channel
for what concerns one user (access.changed, notifications).

The layer is at-most-once and a restarted Redis forgets its groups: the hub joins its rooms again every
REJOIN_SECONDS. With the Redis layer (realtime.channel_layer) it learns which rooms had forgotten it: their wakes
may have been lost, so their sockets catch up at once (a read of the database shared through the room's feed,
presence and the user's group renewed) rather than at their next periodic catch-up (sharing.chat.consumers),
which remains for any other loss.
"""

import asyncio
import logging
import weakref

from sharing.chat.feed import RoomFeed
from sharing.chat.services import room_group

logger = logging.getLogger(__name__)

REJOIN_SECONDS = 2.0
RETRY_SECONDS = 1.0


class Hub:
    def __init__(self, layer):
        self.layer = layer
        self.channel: str | None = None
        self.feeds: dict[int, RoomFeed] = {}
        self.tasks: list[asyncio.Task] = []
        self.lock = asyncio.Lock()  # joining and leaving, one at a time

    async def follow(self, room_id: int, socket) -> RoomFeed:
        """Start handing the room's events to `socket` (which has `wake(seq)`, `presence(event)` and `recover()`);
        the room's feed (shared by the process's sockets in the room)."""
        async with self.lock:
            if self.channel is None:
                self.channel = await self.layer.new_channel()
                self.tasks = [asyncio.create_task(self._listen()), asyncio.create_task(self._keep_joined())]
            feed = self.feeds.get(room_id)
            if feed is None:
                await self.layer.group_add(room_group(room_id), self.channel)
                feed = self.feeds[room_id] = RoomFeed()
            feed.sockets.add(socket)
            return feed

    async def unfollow(self, room_id: int, socket) -> None:
        async with self.lock:
            feed = self.feeds.get(room_id)
            if feed is None or socket not in feed.sockets:
                return
            feed.sockets.discard(socket)
            if feed.sockets:
                return
            del self.feeds[room_id]
            try:
                await self.layer.group_discard(room_group(room_id), self.channel)
            finally:
                if not self.feeds:
                    self._close()

    def _close(self) -> None:
        """No room left: stop listening (the next socket starts again, with a new channel)."""
        for task in self.tasks:
            task.cancel()
        self.tasks, self.channel = [], None

    def dispatch(self, event: dict) -> None:
        feed = self.feeds.get(event.get("room"))
        if feed is None:
            return
        if event.get("type") == "chat.wake":
            if "frame" in event:
                feed.prime(event["seq"], event["frame"])
            for socket in list(feed.sockets):
                socket.wake(event["seq"])
        elif event.get("type") == "chat.presence":
            for socket in list(feed.sockets):
                socket.presence(event)

    async def _listen(self) -> None:
        channel = self.channel
        while True:
            try:
                event = await self.layer.receive(channel)
            except Exception:
                logger.warning("chat: the room events could not be received", exc_info=True)
                await asyncio.sleep(RETRY_SECONDS)
                continue
            try:
                self.dispatch(event)
            except Exception:
                logger.exception("chat: a room event could not be handed over")

    async def _keep_joined(self) -> None:
        while True:
            await asyncio.sleep(REJOIN_SECONDS)
            rooms = {room_group(room_id): room_id for room_id in self.feeds}
            try:
                forgotten = await join_each(self.layer, list(rooms), self.channel)
            except Exception:
                logger.warning("chat: joining the rooms again failed", exc_info=True)
                continue
            for group in forgotten:
                feed = self.feeds.get(rooms[group])
                if feed is not None:
                    feed.expire()
                    for socket in list(feed.sockets):
                        socket.recover()


async def join_each(layer, groups: list[str], channel: str) -> list[str]:
    """Join `channel` to each group again; the groups that had forgotten it, as far as the layer can tell (the
    in-memory layer of a single process forgets nothing but what expires after a day: it is joined one by one)."""
    if hasattr(layer, "group_add_each"):
        return await layer.group_add_each(groups, channel)
    for group in groups:
        await layer.group_add(group, channel)
    return []


# One hub per event loop (a server process has one; each test its own) and channel layer.
_hubs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def hub_for(layer) -> Hub:
    hubs = _hubs.setdefault(asyncio.get_running_loop(), {})
    hub = hubs.get(id(layer))
    if hub is None or hub.layer is not layer:
        hub = hubs[id(layer)] = Hub(layer)
    return hub
