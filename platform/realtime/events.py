"""Websocket pushes, always scheduled on commit: a push only wakes sockets up, the database is the truth, and an
event sent before its transaction commits could wake a socket to read what is not there yet (or never will be).

send_event_on_commit is the one way a write tells sockets about itself; the events are channel-layer messages
({"type": "chat.wake", ...}), their groups the sockets' (user_group, a chat room's group).
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group(user_id: int) -> str:
    """The channel-layer group every socket of one user joins."""
    return f"user.{user_id}"


def send_event_on_commit(groups, event: dict, *, loop: asyncio.AbstractEventLoop | None = None) -> None:
    """After the current transaction commits (at once outside one), send `event` to each of `groups` (a group name
    or several), in order. A failure is logged, never raised into the code that committed (on_commit's robust).

    By default the sending waits for the layer (async_to_sync, from the committing thread). With `loop` (a running
    event loop: the socket's on whose behalf a database thread writes), the sending is handed to that loop and not
    waited for, so the write's thread goes on at once; a loop that has closed meanwhile falls back to waiting."""
    groups = [groups] if isinstance(groups, str) else list(groups)
    if not groups:
        return

    async def send() -> None:
        layer = get_channel_layer()
        for group in groups:
            await layer.group_send(group, event)

    def on_commit() -> None:
        if loop is None or loop.is_closed():
            async_to_sync(send)()
        else:
            asyncio.run_coroutine_threadsafe(send(), loop).add_done_callback(_log_failure)

    transaction.on_commit(on_commit, robust=True)


def _log_failure(future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.warning("realtime: an event was not sent", exc_info=future.exception())


def access_changed_on_commit(user_ids) -> None:
    """Tell the users' open sockets to re-check their access (suspension, removal, deactivation)."""
    send_event_on_commit([user_group(user_id) for user_id in sorted(set(user_ids))], {"type": "access.changed"})
