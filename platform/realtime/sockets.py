"""Every socket's base class and the middleware that signs its user in: who may hold a socket, and how it answers
what a client sends, apart from what the socket is for.

Close codes. A refused socket is accepted and then closed, so a browser can read the code and stop reconnecting
(a handshake refused before accepting reaches the browser as a bare 1006):
  4401  not signed in
  4403  no access to what the socket is for, or access lost while the socket was open (suspension, role removal,
        deactivation, sign-out, password change)
  4429  too many invalid messages
A cross-site Origin is refused during the handshake (HTTP 403) by the origin validator in config.asgi.

What access means is the subclass's business: it implements SocketConsumer.access_of (tenancy.sockets: the
user's access to the association of the socket's URL).

Every socket's database work runs in the sockets' database threads (realtime.database_threads), its user's lookup
at the handshake included (SocketAuthMiddleware), not in Channels' one database thread.
"""

import contextlib
import json
from importlib import import_module
from types import SimpleNamespace

from channels.auth import AuthMiddleware
from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib import auth
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from realtime.database_threads import in_database

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


class SocketConsumer(AsyncJsonWebsocketConsumer):
    """What the platform's sockets share: their database work goes through realtime.database_threads, a client
    gone while a frame was on its way is no error, and access is checked through one hook, access_of."""

    async def __call__(self, scope, receive, send):
        async def send_unless_gone(message):
            """ASGI servers raise an OSError on a send to a client that has gone; its disconnect event follows."""
            with contextlib.suppress(OSError):
                await send(message)

        await super().__call__(scope, receive, send_unless_gone)

    async def dispatch(self, message):
        """As Channels' own, without its call to close old database connections before every frame and event:
        that call waits for Channels' database thread, so each event queued behind the process's database work.
        The database threads close old connections around each call themselves."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    def access_of(self, user):
        """What `user` may do on this socket, from the database (called in a database thread), or Refused with the
        close code to send. `user` may be anonymous (signed out since connecting): that is refused too."""
        raise NotImplementedError("a socket says what access is: implement access_of")

    async def socket_access(self):
        """The access of the handshake's user (scope["user"]), or Refused: 4401 when not signed in."""
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            raise Refused(NOT_SIGNED_IN)
        return await in_database(self.access_of)(user)

    def access_of_session(self):
        """The access the session's user has now, from the database (call it in a database thread): signed out,
        deactivated, suspended or removed is Refused."""
        session = import_module(settings.SESSION_ENGINE).SessionStore(self.scope["session"].session_key)
        return self.access_of(user_of(session))

    async def access_now(self):
        """Check again from the database, starting from the session: anything lost since connecting refuses."""
        return await in_database(self.access_of_session)()


class SocketAuthMiddleware(AuthMiddleware):
    """Channels' AuthMiddleware (scope["user"], from the session), with the lookup in a socket database thread."""

    async def resolve_scope(self, scope):
        scope["user"]._wrapped = await in_database(user_of)(scope["session"])


def user_of(session):
    """The session's user, or AnonymousUser; checks the session's auth hash, as a request would."""
    return auth.get_user(SimpleNamespace(session=session))


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
