"""Serializer fields shared by the API modules."""

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A JSON string and nothing else: DRF's CharField would quietly turn 42 into "42"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# The largest id a row can have (a signed 64-bit integer, as PostgreSQL's bigint and SQLite keep it).
MAX_ID = 2**63 - 1


class IdField(serializers.IntegerField):
    """A row's id in a request: a positive 64-bit integer. A larger number can name no row, and would overflow the
    database driver (OverflowError, a server error) before a lookup could say so: it is refused as out of range."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
