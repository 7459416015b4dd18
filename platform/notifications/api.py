"""REST endpoints for your notifications in one association."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.pagination import CursorPagination
from notifications.selectors import notifications_for, unread_count
from notifications.serializers import (
    MarkReadResultSerializer,
    MarkReadSerializer,
    NotificationQuerySerializer,
    NotificationSerializer,
    UnreadCountSerializer,
)
from notifications.services import mark_read
from tenancy.access import PERSON_ROLES
from tenancy.api_base import AssociationGenericAPIView, AssociationListAPIView


class NotificationPagination(CursorPagination):
    """A page of notifications, plus how many are unread in all (set by the view)."""

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["unread_count"] = {"type": "integer"}
        paginated["required"] = [*paginated.get("required", []), "unread_count"]
        return paginated


class NotificationListView(AssociationListAPIView):
    """Your notifications here, newest first, in your language; `unread=true` for the unread ones only."""

    role_map = {"GET": PERSON_ROLES}
    serializer_class = NotificationSerializer
    pagination_class = NotificationPagination
    query_serializer_class = NotificationQuerySerializer

    def get_queryset(self):
        notifications = notifications_for(self.access)
        if self.query().get("unread"):
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["unread_count"] = unread_count(self.access)
        return response


class NotificationReadView(AssociationGenericAPIView):
    role_map = {"POST": PERSON_ROLES}
    serializer_class = MarkReadSerializer

    @extend_schema(responses=MarkReadResultSerializer)
    def post(self, request, slug):
        ids = self.body(MarkReadSerializer).get("ids")
        marked = mark_read(user=request.user, association=self.access.association, notification_ids=ids)
        return Response({"marked": marked, "unread_count": unread_count(self.access)})


class UnreadCountView(AssociationGenericAPIView):
    """How many of your notifications here are unread (what the badge shows)."""

    role_map = {"GET": PERSON_ROLES}
    serializer_class = UnreadCountSerializer

    def get(self, request, slug):
        return Response({"unread_count": unread_count(self.access)})
