"""The chat socket's protocol: what a client may send, what the server answers, and when it closes.

One socket follows one room: /ws/a/<slug>/groups/<group_id>/rooms/<room_id>/ (see sharing.chat.consumers).
Every frame is a JSON object in a text frame, with a "type". The database is the source of truth (docs/ARCHITECTURE.md,
"Live discussion"): the client keeps the highest `changed_seq` it has received and resumes from it.

Opening. Only a signed-in person with full access to the group (an active participant whose company, or who as
counsel, accepted the current agreement) gets a working socket; the origin must be the site's (a forged Origin is
refused at the handshake, HTTP 403). Otherwise the socket is accepted and closed at once, so a browser can read
the code and stop reconnecting:
  4401  not signed in
  4403  no access: not a participant, invited only, agreement not accepted, unknown group or room, a room of
        another group (all alike, so nothing is learned), or access lost while open (removal, leave,
        withdrawal, a new agreement version, suspension, deactivation, sign-out): closed within a second
  4429  too many invalid frames (MAX_INVALID_FRAMES)
  1011  the server failed to deliver (its database unreachable, say): reconnect with backoff and resume

Client to server:
  {"type": "hello", "last_seq": N}
      Required first (N = 0 for a new client). The server replays every change after N, oldest first, in
      frames {"type": "messages", "messages": [...], "more": true|false} of at most 200 messages ("more": another
      frame of the replay follows), then {"type": "ready", "last_seq": M, "online": [names]}: the client now has
      everything up to M, and live changes follow as further "messages" frames ("more": false). A hello with N
      greater than the room's last position gets an error "bad_seq" (with the room's "last_seq") and the socket
      stays open for a correct hello; a second hello after "ready" gets "already_ready".
  {"type": "send", "client_msg_id": "<uuid>", "body": "...", "attachments": [document ids], "mentions": [user ids]}
      -> {"type": "ack", "client_msg_id": "<uuid>", "seq": N, "duplicate": false}. Retrying with the same
      client_msg_id (after a reconnect, say) stores nothing new: the ack names the stored seq, "duplicate": true.
      The message itself arrives in the stream like everyone else's ("client_msg_id" tells the sender it is its
      own). "attachments" and "mentions" are optional.
  {"type": "edit", "seq": N, "body": "..."}  /  {"type": "delete", "seq": N}
      The author, within the edit window. No reply: the changed message arrives in the stream under a new
      changed_seq (a deleted one with an empty body and "deleted": true). Errors as below.
  {"type": "read", "seq": N}  -> {"type": "unread", "count": C} (the caller has read the room up to N)
  {"type": "ping"}  -> {"type": "pong"}. Clients should ping about every 25 seconds.
  Any frame may carry "room": <room id>; naming another room than the socket's is refused ("other_room").

Server to client, besides the above:
  message objects: {"seq", "changed_seq", "author": {"id", "name"}, "body" ("" when deleted), "deleted",
      "edited", "created_at" (ISO 8601), "attachments": [{"id", "title"}] (only documents the reader may read),
      "mentions": [user ids], "client_msg_id"}. Every changed_seq comes at most once per socket and in
      increasing order; a message edited or deleted comes again with its new changed_seq (replace it by seq).
      Clients drop a changed_seq they already have (after a reconnect, say).
  {"type": "presence", "online": [display names]} when someone comes or goes.
  {"type": "error", "code": "...", "message": "<in the user's language>", ...} and the socket stays open:
      binary, too_large (over 16 KB), malformed, unknown_type, invalid_field (with "field"), hello_first,
      already_ready, bad_seq, other_room, not_found (no such message), and the refusals of the chat services:
      invalid (with "fields": {name: [messages]}), forbidden (an observer writing, someone else's message),
      too_late, deleted, rate_limited and unavailable (a server problem). The last two carry "retry_after" (in
      seconds): send the same frame again then (a send with the same client_msg_id is stored once).
      Errors about a "send" carry its "client_msg_id"; about an edit or delete, its "seq".
      Nothing is stored when an error is returned. Every error but rate_limited and unavailable counts as an
      invalid frame.
"""

import json
import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from realtime import sockets

NOT_SIGNED_IN = sockets.NOT_SIGNED_IN
NO_ACCESS = sockets.NO_ACCESS
TOO_MANY_INVALID_FRAMES = sockets.TOO_MANY_INVALID_MESSAGES
INTERNAL_ERROR = 1011  # the server could not deliver: reconnect and resume

MAX_FRAME_BYTES = 16 * 1024
MAX_INVALID_FRAMES = sockets.MAX_INVALID_MESSAGES
MAX_SEQ = 2**63 - 1
RETRY_SECONDS = 1  # after an "unavailable" error

ERRORS = {
    "binary": sockets.ERRORS["binary"],
    "too_large": sockets.ERRORS["too_large"],
    "malformed": sockets.ERRORS["malformed"],
    "unknown_type": sockets.ERRORS["unknown_type"],
    "invalid_field": _("The field “%(field)s” is missing or invalid."),
    "hello_first": _("Send hello with the last position you have before anything else."),
    "already_ready": _("This connection already follows the room."),
    "bad_seq": _("That position is ahead of this room. Reload the conversation."),
    "other_room": _("This connection follows another room."),
    "not_found": _("There is no such message in this room."),
    "unavailable": _("The server could not do this just now. Try again."),
}
# Errors that are not the client's fault do not count towards closing the socket.
NOT_COUNTED = frozenset({"rate_limited", "unavailable"})


class FrameError(Exception):
    """A frame refused before reaching a service: answered with an error frame."""

    def __init__(self, code: str, **extra):
        super().__init__(code)
        self.code = code
        self.extra = extra


def _seq(value) -> int:
    if type(value) is not int or not 0 <= value <= MAX_SEQ:
        raise ValueError
    return value


def _client_msg_id(value) -> uuid.UUID:
    if not isinstance(value, str):
        raise ValueError
    return uuid.UUID(value)


def _ids(value) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or any(type(item) is not int or not 0 < item <= MAX_SEQ for item in value):
        raise ValueError
    return value


def _body(value):
    """Any JSON value: the services check it is text of the right length, with their own messages."""
    return "" if value is None else value


FIELDS = {
    "hello": {"last_seq": _seq},
    "send": {"client_msg_id": _client_msg_id, "body": _body, "attachments": _ids, "mentions": _ids},
    "edit": {"seq": _seq, "body": _body},
    "delete": {"seq": _seq},
    "read": {"seq": _seq},
    "ping": {},
}


def parse(text: str | None, *, room_id: int) -> dict:
    """A client frame, checked and cleaned (only the fields of its type), or FrameError."""
    if text is None:
        raise FrameError("binary")
    if len(text) > MAX_FRAME_BYTES or len(text.encode()) > MAX_FRAME_BYTES:
        raise FrameError("too_large")
    try:
        frame = json.loads(text)
    except (ValueError, RecursionError):
        raise FrameError("malformed") from None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise FrameError("malformed")
    fields = FIELDS.get(frame["type"])
    if fields is None:
        raise FrameError("unknown_type")
    if "room" in frame and frame["room"] != room_id:
        raise FrameError("other_room", **about(frame))
    cleaned = {"type": frame["type"]}
    for name, clean in fields.items():
        try:
            cleaned[name] = clean(frame.get(name))
        except (ValueError, TypeError, AttributeError):
            raise FrameError("invalid_field", field=name, **about(frame)) from None
    return cleaned


def about(frame: dict) -> dict:
    """What an error about this frame repeats, so the client knows which send or message it concerns."""
    if frame["type"] == "send" and isinstance(frame.get("client_msg_id"), str | uuid.UUID):
        return {"client_msg_id": str(frame["client_msg_id"])[:64]}
    if frame["type"] in {"edit", "delete"} and type(frame.get("seq")) is int:
        return {"seq": frame["seq"]}
    return {}


def error_frame(code: str, language: str, **extra) -> dict:
    with translation.override(language):
        message = ERRORS[code] % extra if code == "invalid_field" else ERRORS[code]
        return {"type": "error", "code": code, "message": str(message), **extra}


def refusal_frame(error: ValidationError, **extra) -> dict:
    """A service's refusal. Its messages were translated when raised (the consumer runs services in the user's
    language)."""
    if hasattr(error, "error_dict"):
        fields = {name: [str(m) for m in ValidationError(errors).messages] for name, errors in error.error_dict.items()}
        message = " ".join(m for messages in fields.values() for m in messages)
        return {"type": "error", "code": "invalid", "message": message, "fields": fields, **extra}
    frame = {"type": "error", "code": error.error_list[0].code or "invalid", "message": " ".join(error.messages)}
    if hasattr(error, "retry_after"):  # services.RateLimited (not imported: services import this module)
        frame["retry_after"] = error.retry_after
    return {**frame, **extra}


def message_frame(message, attachments: Sequence[dict] = (), mentions: Sequence[int] = ()) -> dict:
    """A stored message as clients get it, with its attachments ({"id", "title"} of each document) and mentions
    (user ids) as read with it (none: one just posted without them)."""
    deleted = message.deleted_at is not None
    return {
        "seq": message.seq,
        "changed_seq": message.changed_seq,
        "author": {"id": message.author_id, "name": message.author.display_name},
        "body": "" if deleted else message.body,
        "deleted": deleted,
        "edited": message.edited_at is not None,
        "created_at": message.created_at.isoformat(),
        "attachments": [] if deleted else list(attachments),
        "mentions": list(mentions),
        "client_msg_id": str(message.client_msg_id),
    }


def restrict_attachments(messages: list[dict], readable: set[int]) -> list[dict]:
    """The messages as one reader gets them: attachments it may not read are left out."""
    return [
        {**message, "attachments": [a for a in message["attachments"] if a["id"] in readable]}
        if message["attachments"]
        else message
        for message in messages
    ]
