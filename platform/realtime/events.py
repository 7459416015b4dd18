"""Websocket pushes. Always scheduled on commit: a push only wakes clients up, the database is the truth."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def user_group(user_id: int) -> str:
    """The channel-layer group every socket of one user joins."""
    return f"user.{user_id}"


def push_to_users_on_commit(user_ids, event: dict) -> None:
    """After the current transaction commits, send `event` (a channel-layer message) to each user's sockets."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return

    def send() -> None:
        layer = get_channel_layer()
        for user_id in user_ids:
            async_to_sync(layer.group_send)(user_group(user_id), event)

    transaction.on_commit(send, robust=True)


def access_changed_on_commit(user_ids) -> None:
    """Tell the users' open sockets to re-check their access (suspension, removal, deactivation)."""
    push_to_users_on_commit(user_ids, {"type": "access.changed"})
