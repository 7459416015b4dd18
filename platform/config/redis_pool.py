"""One Redis connection pool per process for the cache.

Django keeps a cache backend per thread and per asyncio context, and each backend builds its own connection pool;
under ASGI every request runs in a fresh context, so every request opened (and dropped) a new connection to
Redis. This pool class, named in CACHES["default"]["OPTIONS"]["pool_class"], hands every backend of the process
the same pool for the same server (redis-py's pools are thread-safe)."""

import threading

import redis


class ProcessConnectionPool(redis.ConnectionPool):
    _shared_pools: dict[str, redis.ConnectionPool] = {}
    _shared_lock = threading.Lock()

    @classmethod
    def from_url(cls, url, **kwargs):
        with cls._shared_lock:
            pool = cls._shared_pools.get(url)
            if pool is None:
                pool = cls._shared_pools[url] = super().from_url(url, **kwargs)
            return pool
