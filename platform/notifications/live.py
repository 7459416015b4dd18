"""Rules of the live notifications socket: who may hold one, and how it answers what a client sends.

Close codes. A refused socket is accepted and then closed, so a browser can read the code and stop reconnecting
(a handshake refused before accepting reaches the browser as a bare 1006):
  4401  not signed in
  4403  no access to this association, or access lost while the socket was open (suspension, role removal,
        deactivation, sign-out, password change)
  4429  too many invalid messages
A cross-site Origin is refused during the handshake (HTTP 403) by the origin validator in config.asgi.
"""

import json
from importlib import import_module

from channels.auth import get_user
from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from notifications.selectors import unread_count
from tenancy.access import Access, NoAccess, resolve_access

NOT_SIGNED_IN = 4401
NO_ACCESS = 4403
TOO_MANY_INVALID_MESSAGES = 4429

MAX_MESSAGE_CHARS = 4096
MAX_INVALID_MESSAGES = 20

ERRORS = {
    "binary": _("Send text messages containing JSON."),
    "too_large": _("The message is too large."),
    "malformed": _('The message must be a JSON object with a "type".'),
    "unknown_type": _("Unknown message type."),
}


class Refused(Exception):
    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


async def socket_access(*, slug: str, user) -> Access:
    """The access `user` has to the association `slug`, or Refused with the close code to send."""
    if user is None or not user.is_authenticated:
        raise Refused(NOT_SIGNED_IN)
    try:
        return await database_sync_to_async(resolve_access)(slug=slug, user=user)
    except NoAccess:
        raise Refused(NO_ACCESS) from None


async def access_now(*, slug: str, session_key: str | None) -> Access:
    """Check again from the database, starting from the session: anything lost since connecting refuses."""
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    user = await get_user({"session": session})
    try:
        return await socket_access(slug=slug, user=user)
    except Refused:
        raise Refused(NO_ACCESS) from None


async def unread(access: Access) -> int:
    return await database_sync_to_async(unread_count)(access)


def notification_frame(*, access: Access, notification: dict, unread_count: int) -> dict:
    return {
        "type": "notification",
        "association": access.association.slug,
        "notification": notification,
        "unread_count": unread_count,
    }


def reply_to(text: str | None, *, language: str) -> dict:
    """The answer to one client message (None: a binary one): a pong, or an error frame in the user's language."""
    if text is None:
        return error_frame("binary", language)
    if len(text) > MAX_MESSAGE_CHARS:
        return error_frame("too_large", language)
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        return error_frame("malformed", language)
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return error_frame("malformed", language)
    if message["type"] == "ping":
        return {"type": "pong"}
    return error_frame("unknown_type", language)


def error_frame(code: str, language: str) -> dict:
    with translation.override(language):
        return {"type": "error", "code": code, "message": str(ERRORS[code])}
