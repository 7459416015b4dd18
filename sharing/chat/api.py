"""REST endpoints of group chat: rooms with unread counts, history and catch-up, posting (idempotent by the
client's message id), editing and deleting within the window, read markers. The same gate as every group
endpoint (sharing.defense.api.GroupAPIView): full access to the group, that is its agreement accepted."""

from functools import cached_property

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.pagination import CursorPagination
from sharing.chat import selectors, services
from sharing.chat.models import Message
from sharing.chat.serializers import (
    MessageEditSerializer,
    MessagePostSerializer,
    MessageQuerySerializer,
    MessageSerializer,
    ReadMarkerSerializer,
    ReadSerializer,
    RoomSerializer,
    TopicSerializer,
)
from sharing.defense import selectors as defense_selectors
from sharing.defense.access import Level
from sharing.defense.api import GroupAPIView, for_participants


class RoomListView(GroupAPIView):
    """The group's rooms (the general one has an empty topic) with your unread counts; add a topic."""

    role_map = for_participants("GET", "POST")
    levels = {"GET": Level.FULL, "POST": Level.FULL}
    serializer_class = RoomSerializer
    pagination_class = None  # one room per topic, a few

    @extend_schema(responses=RoomSerializer(many=True))
    def get(self, request, slug, group_id):
        return Response(self.get_serializer(selectors.rooms(self.gaccess), many=True).data)

    @extend_schema(request=TopicSerializer, responses={201: RoomSerializer})
    def post(self, request, slug, group_id):
        room = services.topic_create(gaccess=self.gaccess, topic=self.body(TopicSerializer)["topic"])
        room = selectors.get_room(self.gaccess, room.pk)
        return Response(self.get_serializer(room).data, status=status.HTTP_201_CREATED)


class RoomAPIView(GroupAPIView):
    """An endpoint of one room of the group (`room_id` in the path): `self.room`."""

    levels = {"GET": Level.FULL, "POST": Level.FULL, "PATCH": Level.FULL, "DELETE": Level.FULL}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.room = selectors.get_room(self.gaccess, kwargs["room_id"])

    def handle_exception(self, exc):
        if isinstance(exc, services.RateLimited):  # a 429 with Retry-After, in the service's words
            response = super().handle_exception(Throttled(wait=exc.retry_after))
            response.data["error"]["message"] = exc.messages[0]
            return response
        return super().handle_exception(exc)

    @cached_property
    def readable_documents(self) -> set[int]:
        if not hasattr(self, "gaccess"):  # schema generation
            return set()
        return set(defense_selectors.documents(self.gaccess).values_list("pk", flat=True))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "readable": self.readable_documents}


class MessageListView(mixins.ListModelMixin, RoomAPIView):
    """The room's history, newest first by `seq`, in cursor pages. With `after`, the catch-up instead: every post,
    edit and deletion after that stream position, oldest first (what a client that was offline lacks).

    Post a message with a `client_msg_id` the client chose: 201 with the stored message; a retry with the same
    id stores nothing and answers 200 with the message stored first. At most 4,000 characters; attachments are
    documents of the group you may read; mentions are people of the group (they are notified). Too many messages
    in a short time: 429 with `retry_after`."""

    role_map = for_participants("GET", "POST")
    serializer_class = MessageSerializer
    query_serializer_class = MessageQuerySerializer
    cursor_ordering = ("-seq",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Message.objects.none()
        return selectors.messages(self.gaccess, self.room)

    def get(self, request, *args, **kwargs):
        after = self.query().get("after")
        if after is None:
            return self.list(request, *args, **kwargs)
        paginator = self.paginator
        assert isinstance(paginator, CursorPagination)  # the API's default pagination
        page_size = paginator.get_page_size(request)
        changes = selectors.changed_after(self.gaccess, self.room, after, limit=page_size)
        following = None
        if len(changes) == page_size:
            following = replace_query_param(request.build_absolute_uri(), "after", changes[-1].changed_seq)
        results = self.get_serializer(changes, many=True).data
        return Response({"next": following, "previous": None, "results": results})

    @extend_schema(
        request=MessagePostSerializer,
        responses={
            201: MessageSerializer,
            200: OpenApiResponse(MessageSerializer, description="A retry: the message stored with this id."),
        },
    )
    def post(self, request, slug, group_id, room_id):
        data = self.body(MessagePostSerializer)
        message, created = services.message_post(
            gaccess=self.gaccess,
            room=self.room,
            client_msg_id=data["client_msg_id"],
            body=data["body"],
            attachment_ids=data["attachments"],
            mention_ids=data["mentions"],
        )
        return Response(
            self.get_serializer(message).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class MessageDetailView(RoomAPIView):
    """Edit or delete your own message (by its `seq`) within 15 minutes of posting it. Either takes a new stream
    position (`changed_seq`); a deleted message keeps its place with an empty body. Both are audited."""

    role_map = for_participants("PATCH", "DELETE")
    serializer_class = MessageSerializer

    @extend_schema(request=MessageEditSerializer)
    def patch(self, request, slug, group_id, room_id, seq):
        message = selectors.get_message(self.gaccess, self.room, seq)
        body = self.body(MessageEditSerializer)["body"]
        message = services.message_edit(gaccess=self.gaccess, message=message, body=body)
        return Response(self.get_serializer(message).data)

    @extend_schema(responses=MessageSerializer)
    def delete(self, request, slug, group_id, room_id, seq):
        message = selectors.get_message(self.gaccess, self.room, seq)
        message = services.message_delete(gaccess=self.gaccess, message=message)
        return Response(self.get_serializer(message).data)


class ReadView(RoomAPIView):
    """Move your read marker forward to `seq` (never back, never past the room's end)."""

    role_map = for_participants("POST")
    serializer_class = ReadMarkerSerializer

    @extend_schema(request=ReadSerializer)
    def post(self, request, slug, group_id, room_id):
        seq = services.mark_read(gaccess=self.gaccess, room=self.room, seq=self.body(ReadSerializer)["seq"])
        return Response(self.get_serializer({"last_read_seq": seq, "unread": max(0, self.room.last_seq - seq)}).data)
