"""API shapes of notifications: the text is rendered in the reader's language when it is read."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.fields import IdField
from notifications.kinds import render
from notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    text = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "url", "created_at", "read_at"]
        read_only_fields = fields

    def get_text(self, notification) -> str:
        return render(notification.kind, notification.params)


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=IdField(),
        required=False,
        max_length=500,
        help_text=_("The notifications to mark read; leave out to mark them all."),
    )


class MarkReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
    unread_count = serializers.IntegerField()


class NotificationQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(required=False, default=False, help_text=_("Only the unread notifications."))


class UnreadCountSerializer(serializers.Serializer):
    unread_count = serializers.IntegerField()
