"""The cache's Redis connections: one pool per process, whichever thread or asyncio context asks
(config.redis_pool), instead of one pool, and a new connection, per request."""

import threading

from django.core.cache.backends.redis import RedisCache

from config.redis_pool import ProcessConnectionPool


def test_every_cache_backend_of_the_process_shares_one_pool():
    url = "redis://127.0.0.1:6379/15"
    options = {"OPTIONS": {"pool_class": "config.redis_pool.ProcessConnectionPool"}}
    pools = []

    def pool_of_a_new_backend():  # what Django does per thread and per request context
        pools.append(RedisCache(url, options)._cache._get_connection_pool(write=True))

    threads = [threading.Thread(target=pool_of_a_new_backend) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(pool) for pool in pools}) == 1 and isinstance(pools[0], ProcessConnectionPool)
    assert ProcessConnectionPool.from_url("redis://127.0.0.1:6379/14") is not pools[0]


def test_the_throttle_reaches_the_cache_client_it_pipelines_on():
    """api.throttles counts on RedisCache._cache.get_client(key, write=True): a private attribute of Django's."""
    client = RedisCache("redis://127.0.0.1:6379/15", {})._cache.get_client("key", write=True)
    assert callable(client.pipeline)
