"""The private names of other libraries that platform/realtime still relies on, checked against the installed
versions: an upgrade that renames or reshapes one fails here, loudly and by name, instead of in production.
pyproject.toml pins the libraries (channels-redis<4.4, redis<9); this test is the other half of that pin."""

import inspect
from importlib.metadata import version

import channels_redis.core
import pytest
from django.db.backends.base.base import BaseDatabaseWrapper


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def where(library: str) -> str:
    return f"{library} {version(library)}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("_group_key", ["self", "group"]),
        ("_map_channel_keys_to_connection", ["self", "channel_names", "message"]),
        ("consistent_hash", ["self", "value"]),
        ("non_local_name", ["self", "name"]),
        ("connection", ["self", "index"]),
    ],
)
def test_channels_redis_layer_internals(name, expected):
    """realtime.channel_layer.FewerTripsRedisChannelLayer calls these of RedisChannelLayer."""
    method = getattr(channels_redis.core.RedisChannelLayer, name, None)
    assert method is not None, f"{where('channels-redis')}: RedisChannelLayer.{name} is gone (realtime.channel_layer)"
    assert parameters(method) == expected, (
        f"{where('channels-redis')}: RedisChannelLayer.{name}{inspect.signature(method)} changed "
        f"(realtime.channel_layer expects {expected})"
    )


def test_channels_redis_layer_attributes():
    """group_add_each and group_send read these attributes, set by RedisChannelLayer.__init__."""
    layer = channels_redis.core.RedisChannelLayer(hosts=[{"address": "redis://127.0.0.1:6379/15"}])
    for attribute in ("prefix", "hosts", "group_expiry", "expiry"):
        assert hasattr(layer, attribute), f"{where('channels-redis')}: RedisChannelLayer().{attribute} is gone"


def test_django_connection_internals():
    """realtime.database_threads sets these on a connection (they are plain attributes Django reads)."""
    source = inspect.getsource(BaseDatabaseWrapper)
    for attribute in ("close_at", "health_check_done"):
        assert f"self.{attribute}" in source, (
            f"{where('django')}: BaseDatabaseWrapper.{attribute} is gone (realtime.database_threads)"
        )
