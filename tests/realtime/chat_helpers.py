"""Chat rooms for the socket tests and the benchmark: where a room's socket is, messages written in bulk."""

import uuid

from django.db import transaction

from sharing.chat import selectors
from sharing.chat.models import Message, Room


def chat_path(slug: str, room: Room) -> str:
    return f"/ws/a/{slug}/groups/{room.group_id}/rooms/{room.pk}/"


def general_room(gaccess) -> Room:
    return selectors.rooms(gaccess).get(topic="")


def fill(room: Room, author, count: int, body: str = "message {seq}") -> int:
    """Write `count` messages at once, as if posted one after the other (without waking anyone: the tests
    and the benchmark use it for what a client missed). Returns the room's last position."""
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        first = room.last_seq + 1
        seqs = range(first, first + count)
        Message.objects.bulk_create(
            Message(
                room=room,
                seq=seq,
                changed_seq=seq,
                client_msg_id=uuid.uuid4(),
                author=author,
                body=body.format(seq=seq),
            )
            for seq in seqs
        )
        room.last_seq = first + count - 1
        room.save(update_fields=["last_seq"])
    return room.last_seq


def streamed(frames: list[dict]) -> list[dict]:
    """The message objects of a client's "messages" frames, in the order received."""
    return [message for frame in frames if frame["type"] == "messages" for message in frame["messages"]]
