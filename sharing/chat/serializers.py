"""API shapes of group chat. Message text is JSON text, never HTML: clients insert it as text. A deleted message
keeps its place (seq) with an empty body, no attachments and no mentions."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import MAX_ID, IdField, StrictCharField
from sharing.chat.models import Message, Room
from sharing.defense.serializers import PRIVILEGE_LABEL, PersonSerializer


class RoomSerializer(serializers.ModelSerializer):
    """A room: the group's general one (empty topic) or a topic. Pass rooms from `selectors.rooms` (`unread`)."""

    unread = serializers.IntegerField(read_only=True, help_text=_("Stream positions after your read marker."))
    # A declared field named "label": DRF's serializer metaclass takes it into _declared_fields, so Field.label (the
    # attribute the stubs see) is untouched.
    label = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = Room
        fields = ["id", "topic", "last_seq", "unread", "created_at", "label"]
        read_only_fields = fields

    def get_label(self, room) -> str:
        return str(PRIVILEGE_LABEL)


class TopicSerializer(serializers.Serializer):
    topic = StrictCharField(
        allow_blank=True, help_text=_("1 to 80 characters; an existing topic of that name is returned.")
    )


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class MessageSerializer(serializers.ModelSerializer):
    """Pass the ids of the documents the reader may read as `readable` in the context: an attachment the reader
    may not read is left out."""

    author = PersonSerializer(read_only=True)
    body = serializers.SerializerMethodField(help_text=_("Plain text; empty once deleted."))
    attachments = serializers.SerializerMethodField()
    mentions = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = [
            "seq",
            "changed_seq",
            "client_msg_id",
            "author",
            "body",
            "attachments",
            "mentions",
            "created_at",
            "edited_at",
            "deleted_at",
        ]
        read_only_fields = fields

    def get_body(self, message) -> str:
        return "" if message.deleted_at else message.body

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, message):
        if message.deleted_at:
            return []
        readable = self.context["readable"]
        documents = [document for document in message.attachments.all() if document.pk in readable]
        return AttachmentSerializer(documents, many=True).data

    @extend_schema_field(PersonSerializer(many=True))
    def get_mentions(self, message):
        return [] if message.deleted_at else PersonSerializer(message.mentions.all(), many=True).data


class _StrictUUIDField(serializers.UUIDField):
    """A UUID as a string: DRF's would also take an integer."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class MessagePostSerializer(serializers.Serializer):
    client_msg_id = _StrictUUIDField(
        help_text=_("Chosen by the client (uuid4), once per message: a retry with it returns the stored message.")
    )
    body = StrictCharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    attachments = serializers.ListField(
        child=IdField(), required=False, default=list, help_text=_("Ids of the group's documents.")
    )
    mentions = serializers.ListField(
        child=IdField(), required=False, default=list, help_text=_("User ids of the group's people.")
    )


class MessageEditSerializer(serializers.Serializer):
    body = StrictCharField(allow_blank=True, trim_whitespace=False)


class MessageQuerySerializer(serializers.Serializer):
    after = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_ID,
        help_text=_(
            "A stream position (the highest `changed_seq` you hold): the posts, edits and deletions after it, "
            "oldest first, `page_size` at a time; `next` continues. Without it: the history, newest first."
        ),
    )


class ReadSerializer(serializers.Serializer):
    seq = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, help_text=_("The last stream position you have read.")
    )


class ReadMarkerSerializer(serializers.Serializer):
    last_read_seq = serializers.IntegerField()
    unread = serializers.IntegerField()
