"""Scoped reads of chat: rooms and messages of a group the caller has full access to."""

from django.db.models import F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from sharing.chat.models import Message, ReadMarker, Room
from sharing.defense.access import GroupAccess, Level
from sharing.defense.selectors import require
from tenancy.access import NoAccess

REPLAY_PAGE = 200


def rooms(gaccess: GroupAccess):
    """The group's rooms (the general one first), with the caller's unread count."""
    require(gaccess, Level.FULL)
    read = ReadMarker.objects.filter(room=OuterRef("pk"), user=gaccess.access.user).values("last_read_seq")
    return Room.objects.filter(group=gaccess.group).annotate(
        unread=F("last_seq") - Coalesce(Subquery(read), Value(0), output_field=IntegerField())
    )


def get_room(gaccess: GroupAccess, room_id) -> Room:
    room = rooms(gaccess).filter(pk=room_id).first()
    if room is None:
        raise NoAccess
    return room


def messages(gaccess: GroupAccess, room: Room):
    require(gaccess, Level.FULL)
    if room.group_id != gaccess.group.pk:
        raise NoAccess
    return (
        Message.objects.filter(room=room)
        .select_related("author")
        .prefetch_related("attachments", "mentions")
        .order_by("changed_seq")
    )


def changed_after(gaccess: GroupAccess, room: Room, seq: int, limit: int = REPLAY_PAGE) -> list[Message]:
    """What a client that has everything up to `seq` lacks, oldest change first, one page at a time."""
    return list(messages(gaccess, room).filter(changed_seq__gt=seq)[:limit])


def get_message(gaccess: GroupAccess, room: Room, seq) -> Message:
    message = messages(gaccess, room).filter(seq=seq).first()
    if message is None:
        raise NoAccess
    return message
