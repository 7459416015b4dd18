"""REST endpoints of the caller's own watchlist in one association (people only; partner keys get 404)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from sharing.watchlists import selectors, services
from sharing.watchlists.serializers import WatchInputSerializer, WatchSerializer
from tenancy.access import PERSON_ROLES
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView


class WatchListView(AssociationListAPIView):
    """What you watch here; add a watch with POST. Another person's watches are never listed."""

    role_map = {"GET": PERSON_ROLES, "POST": PERSON_ROLES}
    serializer_class = WatchSerializer
    cursor_ordering = ("-created_at", "-id")

    def get_queryset(self):
        return selectors.watches_for(self.access)

    @extend_schema(request=WatchInputSerializer, responses={201: WatchSerializer})
    def post(self, request, slug):
        watch = services.watch_add(access=self.access, **self.body(WatchInputSerializer))
        return Response(self.get_serializer(watch).data, status=status.HTTP_201_CREATED)


class WatchDetailView(AssociationGenericAPIView):
    """Stop watching. Another person's watch answers 404, like a missing one."""

    role_map = {"DELETE": PERSON_ROLES}
    serializer_class = WatchSerializer

    @extend_schema(responses={204: None})
    def delete(self, request, slug, pk):
        services.watch_remove(access=self.access, watch_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
