"""Cached values that a write drops together: the generation of a family.

A family (an association's kept lists, the partner keys) has a generation in the cache. A value is kept with the
generation it was computed under and counts only while that generation stands. A write that changes what such
values say calls `drop(family)`: the generation goes at once, for the rest of the transaction, and once more when
it commits, for values other processes computed from the old rows in between; the next read starts a new
generation. One cache round trip reads a value and its family's generation together."""

import uuid
from typing import Any

from django.core.cache import cache
from django.db import transaction

_GENERATION = "generation:%s"


def drop(family: str) -> None:
    key = _GENERATION % family
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key), robust=True)


def read(family: str, key: str) -> tuple[str, Any]:
    """(the family's generation, the value kept under `key` in it or None); starts a generation if there is none."""
    generation_key = _GENERATION % family
    found = cache.get_many([generation_key, key])
    generation, kept = found.get(generation_key), found.get(key)
    if generation is None:
        cache.add(generation_key, uuid.uuid4().hex, None)
        return cache.get(generation_key, ""), None
    if kept is None or kept[0] != generation:
        return generation, None
    return generation, kept[1]


def keep(key: str, generation: str, value: Any, seconds: int) -> None:
    cache.set(key, (generation, value), seconds)
