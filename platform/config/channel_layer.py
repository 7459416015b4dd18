"""channels_redis's core layer with fewer trips to Redis for a group message and for each message received.

Every chat message is one group_send (its room's wake) and one receive in each server process, so both are on
the hot path, and each trip is a wait for the event loop's turn when it is busy. channels_redis 4.3:
- sends a group message in four trips: drop expired members, read the members, drop expired messages of each
  receiving process's queue, then a Lua script that queues the message (sent as text every time). Here the
  first two go in one pipeline and the last two in one script, run by its SHA (redis-py loads it again after a
  Redis restart): two trips.
- receives each message in four trips: a cleanup script, a blocking pop, a copy into a backup queue, and a pop
  of that copy once it is handed over (so a cancelled receive cannot drop it). Here a process takes up to
  RECEIVE_BATCH waiting messages in one trip and hands them over from memory, blocking only when none wait:
  one trip per batch under load, two when idle. A message taken but not yet handed over lives in the process's
  memory instead of the backup queue, so it is lost only if the process dies, with the sockets it was for.
  The layer is at-most-once either way, and the chat does not rely on it (DESIGN.md: the database is the
  source of truth; see sharing.chat.feed).
The keys, the message format, expiry and capacity are channels_redis's own: processes running this layer and
plain channels_redis share a Redis. The overridden methods are channels_redis 4.3's (pinned in pyproject.toml).
"""

import collections
import logging
import time

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


class FewerTripsRedisChannelLayer(RedisChannelLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = collections.defaultdict(collections.deque)  # per channel key: messages taken, not handed over

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

    async def _brpop_with_clean(self, index, channel, timeout):
        """The next message of `channel` (a Redis key), or None after `timeout` seconds without one."""
        taken = self.taken[channel]
        if not taken:
            connection = self.connection(index)
            taken.extend(member for member, _ in await connection.zpopmin(channel, RECEIVE_BATCH))
            if not taken:
                popped = await connection.bzpopmin(channel, timeout=timeout)
                return None if popped is None else popped[1]
        return taken.popleft()

    async def _clean_receive_backup(self, index, channel):
        """Nothing to clean: no backup copy was made."""

    async def flush(self):
        self.taken.clear()
        await super().flush()
