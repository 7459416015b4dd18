"""The sockets' database work, in DATABASE_THREADS threads of their own rather than Channels' one database thread.

Channels runs every database_sync_to_async call of a process (its session and user lookup for each websocket, and
whatever consumers hand it) in one thread, one call after another. Most of a call is waiting for PostgreSQL, so
the checks, reads and writes of different sockets overlap here instead of queueing: with one thread, 100 clients
reconnecting at once to the server left after another died waited 5 s for their handshakes (the chat benchmark's
failure run). Each thread has its own connection.
"""

import functools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.db import close_old_connections, connections

DATABASE_THREADS = 6
_threads = ThreadPoolExecutor(max_workers=DATABASE_THREADS, thread_name_prefix="socket-database")


def in_database(function):
    """`function` as a coroutine function that runs it in one of the threads, with a fresh connection."""

    @functools.wraps(function)
    def call(*args, **kwargs):
        _fresh_connections()
        try:
            return function(*args, **kwargs)
        finally:
            _used.at = time.monotonic()
            _release_connections()

    return sync_to_async(call, thread_sensitive=False, executor=_threads)


_used = threading.local()
HEALTHY_SECONDS = 1.0


def _release_connections() -> None:
    """After a call, as Django does after a request (DB_CONN_MAX_AGE), except with a pool (DB_POOL_SIZE): then the
    thread keeps the connection it took, as it lives as long as the process and calls again within milliseconds.
    Taking it from the pool and giving it back around every call cost more than the call's own queries (the chat
    benchmark: p95 241 ms against 71 ms). A connection that failed is still checked and given back."""
    for connection in connections.all(initialized_only=True):
        if getattr(connection, "pool", None) is not None:
            connection.close_at = None
    close_old_connections()


def _fresh_connections() -> None:
    """As Django does around a request: close a connection that failed or outlived its age (DB_CONN_MAX_AGE).
    With health checks on, Django would also ping each connection before its first query; one this thread used
    cleanly less than HEALTHY_SECONDS ago is taken as alive (a busy socket makes a call every few milliseconds,
    and the ping cost a round trip each). A call that failed leaves errors_occurred set: the next one checks."""
    close_old_connections()
    if time.monotonic() - getattr(_used, "at", float("-inf")) < HEALTHY_SECONDS:
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                connection.health_check_done = True
