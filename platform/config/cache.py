"""Django's Redis cache, keeping one redis-py client per server instead of building one for every operation.

Django's RedisCacheClient.get_client makes a new redis.Redis for each get, add or incr; with redis-py 8 that costs
about a tenth of a millisecond (deprecation checks on its arguments, a table of some 200 response handlers) on
paths that run for every chat message (the rate limit) and every presence refresh. A client only wraps its
connection pool and is safe to share between threads, so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
