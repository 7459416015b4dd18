"""The busiest shared lists (published reports, campaigns), kept in the cache between changes.

Every reader of an association's published list sees the same page for the same query, and partners poll it: the
answer is kept per association, audience, language, address and query, as the JSON bytes sent, with the
association's generation (api.generations) at the time it was computed. A write that can change what such a list
shows calls `lists_changed(association_id)` (the apps' receivers do, on save, delete and their own signals), which
drops the generation, so no kept answer of the association counts any more. Kept answers also expire after
KEPT_SECONDS, a backstop. Access is checked before the cache is read (the view's `initial`), errors are never
kept, and only JSON is (the browsable API of DEBUG renders per caller)."""

import hashlib
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import set_response_etag

from api import generations

if TYPE_CHECKING:
    from tenancy.api_base import AssociationListAPIView

    _MixedInto = AssociationListAPIView  # what the mixin below is mixed into
else:
    _MixedInto = object

KEPT_SECONDS = 300


def lists_changed(association_id: int) -> None:
    """The association's kept lists are out of date."""
    generations.drop(_family(association_id))


def _family(association_id: int) -> str:
    return f"api:lists:{association_id}"


class KeptListMixin(_MixedInto):
    """For a list view scoped to one association (tenancy.api_base): GET answers come from the cache while the
    association's generation stands. `list_audience` says who shares an answer: everyone, unless the rows say
    something about the caller."""

    def list_audience(self) -> str:
        return "everyone"

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        if renderer.format != "json":
            return super().list(request, *args, **kwargs)
        association_id = self.access.association.pk
        parts = [
            type(self).__qualname__,
            str(association_id),
            self.list_audience(),
            translation.get_language() or "",
            request.accepted_media_type,  # "application/json; indent=2" is another answer
            request.build_absolute_uri(),  # the page links are absolute: scheme and host belong to the answer
        ]
        key = "api:lists:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
        generation, kept = generations.read(_family(association_id), key)
        if kept is not None:
            body, etag = kept
            return _answer(body, etag, renderer)
        data = super().list(request, *args, **kwargs).data
        body = renderer.render(data, request.accepted_media_type, self.get_renderer_context())
        etag = set_response_etag(HttpResponse(body))["ETag"]  # kept with it: ConditionalGetMiddleware's, once
        generations.keep(key, generation, (body, etag), KEPT_SECONDS)
        return _answer(body, etag, renderer)


def _answer(body: bytes, etag: str, renderer) -> HttpResponse:
    """The page as DRF would send it (its Response sets the same content type); the same whether kept or new."""
    response = HttpResponse(body, content_type=renderer.media_type)
    response["ETag"] = etag
    return response
