"""Who is online in a room, for every process: a roster per room in the shared cache (Redis with REDIS_URL, so
all ASGI processes see one roster; the in-process cache otherwise, with one process).

One entry per socket (its channel name, user and display name) with an expiry. A living socket refreshes its
entry every few seconds (the consumer's tick), so the socket of a killed server drops out once its entry
expires (ENTRY_SECONDS), without anyone saying goodbye. Changes are read-modify-write under a short lock kept in
the same cache; when the lock cannot be had quickly the write goes ahead anyway: at worst an entry is missing
until its socket's next refresh. That is the "correct enough" presence needs; messages never depend on it.
"""

import time

from django.core.cache import cache

ENTRY_SECONDS = 45
LOCK_SECONDS = 2
LOCK_TRIES = 25


def _key(room_id: int) -> str:
    return f"chat-presence:{room_id}"


def _names(roster: dict) -> list[str]:
    return sorted({user_id: name for user_id, name, _expires in roster.values()}.values())


def _update(room_id: int, change) -> tuple[list[str], bool]:
    """Apply `change(roster)`; returns the names online afterwards and whether they changed."""
    key, lock = _key(room_id), f"{_key(room_id)}:lock"
    locked = False
    for _ in range(LOCK_TRIES):
        if cache.add(lock, 1, LOCK_SECONDS):
            locked = True
            break
        time.sleep(0.004)
    try:
        roster = cache.get(key) or {}
        before = _names(roster)  # as last told: an entry that expired since is a departure to tell
        now = time.time()
        roster = {channel: entry for channel, entry in roster.items() if entry[2] > now}
        change(roster)
        cache.set(key, roster, ENTRY_SECONDS)
        after = _names(roster)
        return after, after != before
    finally:
        if locked:
            cache.delete(lock)


def arrive(room_id: int, channel: str, user_id: int, name: str) -> tuple[list[str], bool]:
    """A socket joins, or refreshes its entry."""

    def add(roster):
        roster[channel] = (user_id, name, time.time() + ENTRY_SECONDS)

    return _update(room_id, add)


def depart(room_id: int, channel: str) -> tuple[list[str], bool]:
    return _update(room_id, lambda roster: roster.pop(channel, None))
