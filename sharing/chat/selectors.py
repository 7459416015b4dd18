"""Scoped reads of chat: rooms and messages of a group the caller has full access to."""

from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from sharing.chat.models import Message, ReadMarker, Room
from sharing.defense.access import GroupAccess, Level
from sharing.defense.selectors import require
from tenancy.access import NoAccess

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

REPLAY_PAGE = 200


class Unread(TypedDict):
    """What rooms() adds to each room."""

    unread: int


def rooms(gaccess: GroupAccess) -> "QuerySet[WithAnnotations[Room, Unread]]":
    """The group's rooms (the general one first), with the caller's unread count."""
    require(gaccess, Level.FULL)
    read = ReadMarker.objects.filter(room=OuterRef("pk"), user=gaccess.access.user).values("last_read_seq")
    return Room.objects.filter(group=gaccess.group).annotate(
        unread=F("last_seq") - Coalesce(Subquery(read), Value(0), output_field=IntegerField())
    )


def get_room(gaccess: GroupAccess, room_id: int | str) -> Room:
    room = rooms(gaccess).filter(pk=room_id).first()
    if room is None:
        raise NoAccess
    return room


def messages(gaccess: GroupAccess, room: Room) -> QuerySet[Message]:
    require(gaccess, Level.FULL)
    if room.group_id != gaccess.group.pk:
        raise NoAccess
    return (
        Message.objects.filter(room=room)
        .select_related("author")
        .prefetch_related("attachments", "mentions")
        .order_by("changed_seq")
    )


def changed_after(gaccess: GroupAccess, room: Room, seq: int, limit: int | None = REPLAY_PAGE) -> list[Message]:
    """What a client that has everything up to `seq` lacks, oldest change first, one page at a time."""
    return list(messages(gaccess, room).filter(changed_seq__gt=seq)[:limit])


def changed_after_with_related(
    gaccess: GroupAccess, room: Room, seq: int, limit: int = REPLAY_PAGE
) -> list[tuple[Message, list[dict[str, Any]], list[int]]]:
    """As changed_after, for the sockets' replay and catch-up: (message, attachments, mentioned user ids), the
    attachments as {"id", "title"}. Three queries, as with prefetching, at a third of the cost in Python (no
    related manager per message)."""
    found = list(messages(gaccess, room).prefetch_related(None).filter(changed_seq__gt=seq)[:limit])
    related = related_of([message.pk for message in found])
    return [(message, *related.get(message.pk, ([], []))) for message in found]


def related_of(message_ids: list[int]) -> dict[int, tuple[list[dict[str, Any]], list[int]]]:
    """The attachments and mentions of these messages (read in their scope by the caller), by message id."""
    related: dict[int, tuple[list[dict[str, Any]], list[int]]] = {}
    if not message_ids:
        return related
    attached = Message.attachments.through.objects.filter(message_id__in=message_ids).order_by("document_id")
    for message_id, document_id, title in attached.values_list("message_id", "document_id", "document__title"):
        related.setdefault(message_id, ([], []))[0].append({"id": document_id, "title": title})
    mentioned = Message.mentions.through.objects.filter(message_id__in=message_ids).order_by("user_id")
    for message_id, user_id in mentioned.values_list("message_id", "user_id"):
        related.setdefault(message_id, ([], []))[1].append(user_id)
    return related


def get_message(gaccess: GroupAccess, room: Room, seq: int | str) -> Message:
    message = messages(gaccess, room).filter(seq=seq).first()
    if message is None:
        raise NoAccess
    return message
