"""The busiest shared lists (published reports, campaigns), kept in the cache between changes.

Every reader of an association's published list sees the same page for the same query, and partners poll it: the
answer is kept per association, audience, language, address and query, under the association's generation. A
write that can change what such a list shows calls `lists_changed(association_id)` (the apps' receivers do, on
save, delete and their own signals): the generation is dropped, then and once more when the transaction commits,
so every kept answer of the association is unreachable and the next read starts a new one. Kept answers also
expire after KEPT_SECONDS, a backstop. Access is checked before the cache is read (the view's `initial`), and
errors are never kept."""

import hashlib
import uuid
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from rest_framework.response import Response

if TYPE_CHECKING:
    from tenancy.api_base import AssociationListAPIView

    _MixedInto = AssociationListAPIView  # what the mixin below is mixed into
else:
    _MixedInto = object

KEPT_SECONDS = 300
_GENERATION = "api:lists:generation:%s"


def lists_changed(association_id: int) -> None:
    """The association's kept lists are out of date: now, for the rest of this transaction, and once more when it
    commits, for answers other processes kept from the old rows in the meantime."""
    key = _GENERATION % association_id
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key), robust=True)


def _generation(association_id: int) -> str:
    key = _GENERATION % association_id
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, None)
        value = cache.get(key, "")
    return value


class KeptListMixin(_MixedInto):
    """For a list view scoped to one association (tenancy.api_base): GET answers come from the cache while the
    association's generation stands. `list_audience` says who shares an answer: everyone, unless the rows say
    something about the caller."""

    def list_audience(self) -> str:
        return "everyone"

    def list(self, request, *args, **kwargs):
        association_id = self.access.association.pk
        parts = [
            type(self).__qualname__,
            str(association_id),
            _generation(association_id),
            self.list_audience(),
            translation.get_language() or "",
            request.build_absolute_uri(),  # the page links are absolute: scheme and host belong to the answer
        ]
        key = "api:lists:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            return Response(kept)
        response = super().list(request, *args, **kwargs)
        data = response.data or {}
        # Plain lists: DRF's ReturnList holds its serializer.
        plain = {name: list(value) if isinstance(value, list) else value for name, value in data.items()}
        cache.set(key, plain, KEPT_SECONDS)
        return response
