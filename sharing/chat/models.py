"""The message log: the database is the source of truth, the channel layer only wakes clients up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 4000


class Room(models.Model):
    """One per group ("" topic), plus optional topics. `last_seq` is the room's stream position: every post,
    edit and deletion takes the next one, so a client that has everything up to N asks for what came after N."""

    group = models.ForeignKey("defense.DefenseGroup", on_delete=models.CASCADE, related_name="rooms")
    topic = models.CharField(_("topic"), max_length=80, blank=True)
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")
        ordering = ["topic", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "topic"], name="room_unique_topic")]

    def __str__(self) -> str:
        return self.topic or str(_("General"))


class Message(models.Model):
    """`seq` is the message's place in the room (the stream position of its posting); `changed_seq` the position
    of its latest change (its posting, an edit or its deletion). Replay sends messages by `changed_seq`."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField()
    changed_seq = models.PositiveBigIntegerField()
    client_msg_id = models.UUIDField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=MESSAGE_MAX_LENGTH)
    attachments = models.ManyToManyField("defense.Document", blank=True, related_name="+")
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="message_unique_seq"),
            models.UniqueConstraint(fields=["room", "client_msg_id"], name="message_unique_client_id"),
            models.UniqueConstraint(fields=["room", "changed_seq"], name="message_unique_changed_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.room_id}#{self.seq}"


class ReadMarker(models.Model):
    """How far one person has read one room: unread = room.last_seq - last_read_seq."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="read_marker_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.room_id} to {self.last_read_seq}"
