"""channels_redis's core layer with fewer trips to Redis for a group message and for each message received.

Every chat message is one group_send (its room's wake) and one receive in each server process, so both are on
the hot path, and each trip is a wait for the event loop's turn when it is busy. channels_redis 4.3:
- sends a group message in four trips: drop expired members, read the members, drop expired messages of each
  receiving process's queue, then a Lua script that queues the message (sent as text every time). Here the
  first two go in one pipeline and the last two in one script, run by its SHA (redis-py loads it again after a
  Redis restart): two trips.
- receives each message in four trips (a cleanup script, a blocking pop, a copy into a backup queue, a pop of
  that copy once handed over, so that a cancelled receive cannot drop it), one message per turn of the event
  loop, with a lock handed between every waiting receiver and two new tasks per receiver and message. Here one
  task per process (Inbox) takes up to RECEIVE_BATCH waiting messages in one trip (BZMPOP, Redis 7), waiting
  when there are none, and puts each in its channel's queue in memory. A message taken but not yet received lives in the
  process's memory instead of the backup queue: it is lost if the process dies (with the sockets it was for)
  or when nobody receives any more. The layer is at-most-once either way, and the chat does not rely on it
  (DESIGN.md: the database is the source of truth; see sharing.chat.feed).
- connects through a pool that makes a burst wait for a free connection (at most MAX_CONNECTIONS per process and
  Redis, waiting up to CONNECTION_WAIT_SECONDS) instead of failing: redis-py 8 caps a pool at 100 connections and
  raises past them, and a process whose 200 sockets all caught up at once after a Redis restart lost wakes so.
- adds group_add_each: one channel joins many groups in one trip, and learns which of them had forgotten it (a
  restarted Redis keeps no groups), so that a process can catch up at once instead of at its next periodic read.
Which figures keep it (tests/bench/test_bench_chat.py at full size, 200 sockets in 20 rooms on 2 uvicorn processes,
200 messages/s; both runs on Django's stock Redis cache, one sitting, 2026-12-06; CHANNEL_LAYER_BACKEND switches):
- this layer: send to receive p50 4.3, p95 8.2, p99 11.1 ms; failure run 0 lost, 0 duplicated, converged 5.6 s
  after the load.
- channels_redis 4.3's RedisChannelLayer: p50 9.2, p95 445.8, p99 588.7 ms (two more runs: p95 2,819 and 10,223
  ms); 0 lost, 0 duplicated, converged 22.3 s after the load. It misses both latency targets (p95 <= 100 ms,
  p99 <= 250 ms), and 17 tests of tests/realtime fail on it (its receive lock is bound to the first event loop
  that used it; it has no group_add_each, so rooms a restarted Redis forgot are caught up only at the next
  periodic read).
The keys, the message format, expiry and capacity are channels_redis's own: processes running this layer and
plain channels_redis share a Redis. The overridden methods are channels_redis 4.3's (pinned in pyproject.toml).
"""

import asyncio
import collections
import logging
import time
import weakref

import redis.asyncio
from channels_redis.core import RedisChannelLayer

logger = logging.getLogger(__name__)

QUEUE_ON_EACH_KEY = """
local current_time = tonumber(ARGV[#ARGV - 1])
local expiry = tonumber(ARGV[#ARGV])
local over_capacity = 0
for i = 1, #KEYS do
    redis.call('ZREMRANGEBYSCORE', KEYS[i], 0, math.floor(current_time) - expiry)
    if redis.call('ZCOUNT', KEYS[i], '-inf', '+inf') < tonumber(ARGV[i + #KEYS]) then
        redis.call('ZADD', KEYS[i], current_time, ARGV[i])
        redis.call('EXPIRE', KEYS[i], expiry)
    else
        over_capacity = over_capacity + 1
    end
end
return over_capacity
"""


RECEIVE_BATCH = 100
RETRY_SECONDS = 1.0
MAX_CONNECTIONS = 100
CONNECTION_WAIT_SECONDS = 10.0


class Inbox:
    """The messages of one process's channels (channels_redis keeps them all under one Redis key), taken from Redis
    by one task, RECEIVE_BATCH at a time, and queued per channel in memory for their receivers."""

    def __init__(self, layer, index: int, key: str):
        self.layer, self.index, self.key = layer, index, key
        self.queues: dict[str, asyncio.Queue] = {}
        self.receiving: collections.Counter = collections.Counter()
        self.idle_since: dict[str, float] = {}
        self.task: asyncio.Task | None = None

    def open(self, channel: str) -> None:
        """From the channel's creation on, its messages are kept for it (a receiver may come a little later)."""
        if channel not in self.queues:
            self.queues[channel] = asyncio.Queue()
            self.idle_since[channel] = time.monotonic()

    async def receive(self, channel: str) -> dict:
        self.open(channel)
        self.receiving[channel] += 1
        self.idle_since.pop(channel, None)
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._take())
        try:
            return await self.queues[channel].get()
        finally:
            self.receiving[channel] -= 1
            if self.receiving[channel] <= 0:
                del self.receiving[channel]
                self.idle_since[channel] = time.monotonic()

    async def _take(self) -> None:
        """While anyone receives (never cancelled: a pop cut short could drop what Redis handed over)."""
        connection = self.layer.connection(self.index)
        while self.receiving:
            try:
                popped = await connection.bzmpop(self.layer.brpop_timeout, 1, [self.key], min=True, count=RECEIVE_BATCH)
                taken = [] if popped is None else [member for member, _ in popped[1]]
            except Exception:
                logger.warning("channel layer: receiving failed", exc_info=True)
                await asyncio.sleep(RETRY_SECONDS)
                continue
            for member in taken:
                self._hand_over(self.layer.deserialize(member))
            self._forget_idle()

    def _hand_over(self, message: dict) -> None:
        channels = message.pop("__asgi_channel__", [])
        for channel in [channels] if isinstance(channels, str) else channels:
            queue = self.queues.get(channel)
            if queue is not None:  # a channel of this process that no one will read any more is dropped
                queue.put_nowait(message)

    def _forget_idle(self) -> None:
        """A channel no one has received on for the layer's expiry is gone (its consumer ended)."""
        cutoff = time.monotonic() - self.layer.expiry
        for channel in [channel for channel, since in self.idle_since.items() if since < cutoff]:
            del self.idle_since[channel], self.queues[channel]


class FewerTripsRedisChannelLayer(RedisChannelLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.inboxes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # per event loop, per Redis key

    def create_pool(self, index):
        """channels_redis's pool for a host ({"address": URL} or {"host", "port"}, with options), blocking."""
        options = {"max_connections": MAX_CONNECTIONS, "timeout": CONNECTION_WAIT_SECONDS, **self.hosts[index]}
        address = options.pop("address", None)
        pool = redis.asyncio.BlockingConnectionPool
        return pool.from_url(address, **options) if address else pool(**options)

    def inbox(self, channel: str) -> Inbox:
        key = self.prefix + self.non_local_name(channel)
        inboxes = self.inboxes.setdefault(asyncio.get_running_loop(), {})
        if key not in inboxes:
            inboxes[key] = Inbox(self, self.consistent_hash(channel), key)
        return inboxes[key]

    async def new_channel(self, prefix="specific"):
        channel = await super().new_channel(prefix)
        self.inbox(channel).open(channel)
        return channel

    async def receive(self, channel):
        if "!" not in channel:  # a channel shared by processes: channels_redis's own way
            return await super().receive(channel)
        assert self.require_valid_channel_name(channel)
        return await self.inbox(channel).receive(channel)

    async def flush(self):
        self.inboxes.clear()
        await super().flush()

    async def group_add_each(self, groups: list[str], channel: str) -> list[str]:
        """group_add of `channel` to each of `groups`, in one trip per Redis; the groups it was not in any more."""
        assert self.require_valid_channel_name(channel), "Channel name not valid"
        by_connection = collections.defaultdict(list)
        for group in groups:
            assert self.require_valid_group_name(group), "Group name not valid"
            by_connection[self.consistent_hash(group)].append(group)
        now, forgotten = time.time(), []
        for index, some in by_connection.items():
            async with self.connection(index).pipeline(transaction=False) as pipe:
                for group in some:
                    pipe.zadd(self._group_key(group), {channel: now})
                    pipe.expire(self._group_key(group), self.group_expiry)
                added = (await pipe.execute())[::2]  # ZADD counts the members it added: 1 for one forgotten
            forgotten += [group for group, count in zip(some, added, strict=True) if count]
        return forgotten

    async def group_send(self, group, message):
        assert self.require_valid_group_name(group), "Group name not valid"
        key = self._group_key(group)
        connection = self.connection(self.consistent_hash(group))
        async with connection.pipeline(transaction=False) as pipe:
            pipe.zremrangebyscore(key, min=0, max=int(time.time()) - self.group_expiry)
            pipe.zrange(key, 0, -1)
            _, members = await pipe.execute()
        channel_names = [member.decode("utf8") for member in members]
        connection_to_keys, key_to_message, key_to_capacity = self._map_channel_keys_to_connection(
            channel_names, message
        )
        for index, keys in connection_to_keys.items():
            args = [key_to_message[k] for k in keys] + [key_to_capacity[k] for k in keys]
            script = self.connection(index).register_script(QUEUE_ON_EACH_KEY)
            over_capacity = await script(keys=keys, args=[*args, time.time(), int(self.expiry)])
            if over_capacity > 0:
                logger.info("%s of %s channels over capacity in group %s", over_capacity, len(channel_names), group)
