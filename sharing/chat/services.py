"""Writes for group chat, following the delivery protocol (docs/ARCHITECTURE.md): a message is written in a
transaction with the room's next stream position and a unique client message id (a retried send returns the stored
message); the broadcast goes out on commit and only wakes clients, which fetch from the database what they lack.

Posting is the hot path of a busy room (each trip to the database counts): on PostgreSQL a message without
attachments or mentions is stored in one statement (_store_plain); otherwise the position is taken with one
UPDATE ... RETURNING and the author's read marker is one upsert. A wake sent on behalf of a socket is handed to
that socket's event loop without waiting for Redis (see wake_loop)."""

import asyncio
import time
import uuid
from collections.abc import Iterable
from contextlib import nullcontext
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from audit.services import audit_record
from notifications.services import notify
from realtime.events import send_event_on_commit
from sharing.chat import selectors
from sharing.chat.models import MESSAGE_MAX_LENGTH, Message, ReadMarker, Room
from sharing.chat.protocol import message_frame
from sharing.defense import selectors as defense_selectors
from sharing.defense.access import GroupAccess, Level
from sharing.defense.models import Document
from sharing.defense.services import people_of

EDIT_WINDOW = timedelta(minutes=15)
RATE_LIMIT = 20  # messages per user
RATE_WINDOW_SECONDS = 10
ATTACHMENTS_MAX = 10
MENTIONS_MAX = 20
TOPIC_MAX_LENGTH = 80

# The event loop of the chat socket on whose behalf this thread writes (the consumer sets it; context variables
# follow its calls into the database thread). A wake is then handed to that loop without waiting, so the
# thread is free for the next write at once; without one (a web request, a task, a test) it is sent and waited for.
wake_loop: ContextVar[asyncio.AbstractEventLoop | None] = ContextVar("chat_wake_loop", default=None)


def room_group(room_id: int) -> str:
    """The channel-layer group of the room's events; each process with sockets in the room is in it once
    (sharing.chat.hub)."""
    return f"chat.room.{room_id}"


class RateLimited(ValidationError):
    def __init__(self, retry_after: int) -> None:
        message = ngettext(
            "You are sending messages too fast. Try again in %(seconds)d second.",
            "You are sending messages too fast. Try again in %(seconds)d seconds.",
            retry_after,
        ) % {"seconds": retry_after}
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def _require_writer(gaccess: GroupAccess) -> None:
    if not gaccess.can_write:
        raise ValidationError(_("You can read this group but not write in it."), code="forbidden")


def _check_rate(user_id: int) -> None:
    """A fixed window per user, in the shared cache (Redis in production, so every process counts)."""
    now = int(time.time())
    window = now // RATE_WINDOW_SECONDS
    key = f"chat-rate:{user_id}:{window}"
    try:
        count = cache.incr(key)
    except ValueError:  # the first message of the window (counting first saves a trip to the cache on the others)
        count = 1 if cache.add(key, 1, RATE_WINDOW_SECONDS * 2) else cache.incr(key)
    if count > RATE_LIMIT:
        raise RateLimited(RATE_WINDOW_SECONDS - now % RATE_WINDOW_SECONDS)


def clean_body(body: object) -> str:
    if not isinstance(body, str):
        raise ValidationError({"body": _("The message must be text.")}, code="invalid")
    body = body.strip()
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"body": _("A message holds at most %(limit)d characters.") % {"limit": MESSAGE_MAX_LENGTH}},
            code="too_long",
        )
    if "\x00" in body:
        raise ValidationError({"body": _("Null characters are not allowed.")}, code="invalid")
    return body


def topic_create(*, gaccess: GroupAccess, topic: str) -> Room:
    _require_writer(gaccess)
    topic = " ".join((topic or "").split())
    if not topic or len(topic) > TOPIC_MAX_LENGTH:
        raise ValidationError({"topic": _("Name the topic in 1 to %(limit)d characters.") % {"limit": 80}})
    room, created = Room.objects.get_or_create(group=gaccess.group, topic=topic)
    if created:
        audit_record(action="chat.topic_create", actor=gaccess.user, target=gaccess.group)
    return room


def message_post(
    *,
    gaccess: GroupAccess,
    room: Room,
    client_msg_id: uuid.UUID,
    body: str,
    attachment_ids: Iterable[int] = (),
    mention_ids: Iterable[int] = (),
) -> tuple[Message, bool]:
    """Store a message; returns (message, created). A retry with the same client id returns the stored message
    (created False) and writes nothing, even when the two race."""
    _require_writer(gaccess)
    body = clean_body(body)
    attachments = _attachments(gaccess, attachment_ids)
    if not body and not attachments:
        raise ValidationError({"body": _("Write a message or attach a document.")}, code="required")
    mentioned = _mentioned(gaccess, mention_ids)
    # A retry is rare: it is found by the unique constraint rather than looked for before every post.
    try:
        _check_rate(gaccess.user.pk)
    except RateLimited:
        existing = _sent_before(room, client_msg_id, gaccess.user)
        if existing is None:
            raise
        return existing, False
    try:
        if connection.vendor == "postgresql" and not attachments and not mentioned:
            message = _store_plain(room, client_msg_id, gaccess.user, body)
        else:
            message = _store(gaccess, room, client_msg_id, body, attachments, mentioned)
    except IntegrityError:
        existing = _sent_before(room, client_msg_id, gaccess.user)
        if existing is None:
            raise
        return existing, False
    return message, True


def _store(
    gaccess: GroupAccess,
    room: Room,
    client_msg_id: uuid.UUID,
    body: str,
    attachments: list[Document],
    mentioned: list[User],
) -> Message:
    with transaction.atomic():
        seq = _next_seq(room)
        message = Message.objects.create(
            room=room, seq=seq, changed_seq=seq, client_msg_id=client_msg_id, author=gaccess.user, body=body
        )
        if attachments:  # each .set() costs queries even when empty
            message.attachments.set(attachments)
        if mentioned:
            message.mentions.set(mentioned)
        # One's own message is never unread. Under the room's lock `seq` is the room's newest position, so
        # setting the marker to it never moves it back.
        ReadMarker.objects.bulk_create(
            [ReadMarker(room=room, user=gaccess.user, last_read_seq=seq)],
            update_conflicts=True,
            unique_fields=["room", "user"],
            update_fields=["last_read_seq"],
        )
        if mentioned:
            notify(
                recipients=mentioned,
                association=gaccess.group.association,
                kind="chat.mention",
                params={"group": gaccess.group.name, "author": gaccess.user.display_name},
                url=reverse("chat:room", kwargs={"slug": gaccess.group.association.slug, "group_id": gaccess.group.pk}),
            )
        _wake_on_commit(room, seq, None if attachments or mentioned else message_frame(message))
    return message


def _store_plain(room: Room, client_msg_id: uuid.UUID, author: User, body: str) -> Message:
    """The common message (no attachments, no mentions) on PostgreSQL, the hot path of a busy room: what _store
    does (the room's next position, the message, the author's read marker) in one statement, so one trip to the
    database and its own transaction (a savepoint inside an open one)."""
    tables = {name: _table(model) for name, model in _TABLES.items()}
    now = timezone.now()
    params: dict[str, Any] = {
        "room": room.pk,
        "client_msg_id": client_msg_id,
        "author": author.pk,
        "body": body,
        "now": now,
    }
    with transaction.atomic() if connection.in_atomic_block else nullcontext(), connection.cursor() as cursor:
        sql = _STORE_PLAIN_SQL.format(next_seq=_NEXT_SEQ_SQL.format(room=tables["room"]), **tables)
        cursor.execute(sql, params)
        message_id, seq = cursor.fetchone()
        message = Message(
            id=message_id,
            room=room,
            seq=seq,
            changed_seq=seq,
            client_msg_id=client_msg_id,
            author=author,
            body=body,
            created_at=now,
        )
        _wake_on_commit(room, seq, message_frame(message))
    return message


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


_TABLES = {"room": Room, "message": Message, "marker": ReadMarker}
_NEXT_SEQ_SQL = "UPDATE {room} SET last_seq = last_seq + 1 WHERE id = %(room)s RETURNING id, last_seq"
_STORE_PLAIN_SQL = """
WITH next AS (
    {next_seq}
), stored AS (
    INSERT INTO {message} (room_id, seq, changed_seq, client_msg_id, author_id, body, created_at)
    SELECT id, last_seq, last_seq, %(client_msg_id)s, %(author)s, %(body)s, %(now)s FROM next
    RETURNING id, seq
), marker AS (
    INSERT INTO {marker} (room_id, user_id, last_read_seq) SELECT id, %(author)s, last_seq FROM next
    ON CONFLICT (room_id, user_id) DO UPDATE SET last_read_seq = EXCLUDED.last_read_seq
)
SELECT id, seq FROM stored
"""


def _sent_before(room: Room, client_msg_id: uuid.UUID, author: User) -> Message | None:
    """The message this client id already stored, if the same author sent it; another's is a refusal."""
    existing = Message.objects.filter(room=room, client_msg_id=client_msg_id).first()
    if existing is not None and existing.author_id != author.pk:
        raise ValidationError({"client_msg_id": _("This message id is already taken; send with a new one.")})
    return existing


def _next_seq(room: Room) -> int:
    """The room's next position, in one statement. The row stays locked until the transaction ends, so the
    positions of a room become visible in their order."""
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_SEQ_SQL.format(room=_table(Room)), {"room": room.pk})
        seq: int = cursor.fetchone()[1]
        return seq


def _attachments(gaccess: GroupAccess, ids: Iterable[int] | None) -> list[Document]:
    ids = list(dict.fromkeys(ids or []))
    if len(ids) > ATTACHMENTS_MAX:
        raise ValidationError({"attachments": _("Attach at most %(count)d documents.") % {"count": ATTACHMENTS_MAX}})
    documents = list(defense_selectors.documents(gaccess).filter(pk__in=ids)) if ids else []
    if len(documents) != len(ids):
        raise ValidationError({"attachments": _("Attach documents of this group that you can read.")})
    return documents


def _mentioned(gaccess: GroupAccess, ids: Iterable[int] | None) -> list[User]:
    ids = list(dict.fromkeys(ids or []))
    if len(ids) > MENTIONS_MAX:
        raise ValidationError({"mentions": _("Mention at most %(count)d people.") % {"count": MENTIONS_MAX}})
    if not ids:
        return []
    people: set[int] = set()
    for participant in defense_selectors.participants(gaccess).filter(status="active"):
        people.update(people_of(participant).values_list("pk", flat=True))
    if not set(ids) <= people:
        raise ValidationError({"mentions": _("Mention people of this group only.")})
    return list(User.objects.filter(pk__in=ids))


def message_edit(*, gaccess: GroupAccess, message: Message, body: str) -> Message:
    """The author changes a message within the edit window; clients get it again under a new stream position."""
    body = clean_body(body)
    if not body:
        raise ValidationError({"body": _("Write a message.")}, code="required")
    return _change(gaccess, message, body=body, edited_at=timezone.now(), action="chat.edit")


def message_delete(*, gaccess: GroupAccess, message: Message) -> Message:
    """Soft: the row stays (audited); clients see that it was deleted, never its text."""
    return _change(gaccess, message, deleted_at=timezone.now(), action="chat.delete")


def _change(gaccess: GroupAccess, message: Message, *, action: str, **changes: Any) -> Message:
    _require_writer(gaccess)
    if message.author_id != gaccess.user.pk:
        raise ValidationError(_("You can change only your own messages."), code="forbidden")
    if message.deleted_at is not None:
        raise ValidationError(_("This message was deleted."), code="deleted")
    if timezone.now() - message.created_at > EDIT_WINDOW:
        raise ValidationError(
            _("Messages can be changed for %(minutes)d minutes only.") % {"minutes": EDIT_WINDOW.seconds // 60},
            code="too_late",
        )
    with transaction.atomic():
        seq = _next_seq(message.room)
        for name, value in changes.items():
            setattr(message, name, value)
        message.changed_seq = seq
        message.save(update_fields=[*changes, "changed_seq"])
        audit_record(action=action, actor=gaccess.user, target=message, details={"room": message.room_id})
        related = selectors.related_of([message.pk])
        _wake_on_commit(message.room, seq, message_frame(message, *related.get(message.pk, ([], []))))
    return message


def _wake_on_commit(room: Room, seq: int, frame: dict[str, Any] | None = None) -> None:
    """After commit, wake the room's sockets. The change may travel with the wake as a hint (its message frame as
    committed): a process shows it without reading it back once the changes before it are there (see
    sharing.chat.feed); a gap that stays is read from the database, which stays the source of truth. A new
    message with attachments or mentions comes without (building its frame would cost queries on the hot path)."""
    event: dict[str, Any] = {"type": "chat.wake", "room": room.pk, "seq": seq}
    if frame is not None:
        event["frame"] = frame
    send_event_on_commit(room_group(room.pk), event, loop=wake_loop.get())


def mark_read(*, gaccess: GroupAccess, room: Room, seq: int) -> int:
    """Move the caller's read marker forward (never back, never past the room's end)."""
    defense_selectors.require(gaccess, Level.FULL)
    room.refresh_from_db(fields=["last_seq"])
    return _read_up_to(room, gaccess.user, max(0, min(int(seq), room.last_seq)))


def _read_up_to(room: Room, user: User, seq: int) -> int:
    marker, _created = ReadMarker.objects.get_or_create(room=room, user=user)
    if seq > marker.last_read_seq:
        ReadMarker.objects.filter(pk=marker.pk, last_read_seq__lt=seq).update(last_read_seq=seq)
        marker.last_read_seq = seq
    return marker.last_read_seq
