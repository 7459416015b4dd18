"""The live chat socket of a defense group's room, /ws/a/<slug>/groups/<group_id>/rooms/<room_id>/.

Thin: the frames and close codes are sharing.chat.protocol's (read its docstring for the protocol), writes go
through sharing.chat.services, reads through sharing.chat.selectors (shared by the sockets of one process through
sharing.chat.feed), presence through sharing.chat.presence.

Access is resolved from the database (session, user, association roles, group participation, acceptance of the
current agreement: about ten queries) on connect and on hello (the replay). Before each push and each write the
consumer relies on the verdict it reached last if that is under ACCESS_SECONDS (30 s) old: the cache the chosen
design keeps is one verdict per socket, rather than ten queries for every push, which would multiply each
message's cost by the number of sockets in the room. Whatever takes access away (removal, leave, withdrawal, a
new agreement version, suspension, deactivation, sign-out) sends "access.changed" to the user's sockets on commit
(realtime.events); the consumer then resolves again at once and closes with 4403 if access is gone: that
is what closes a socket within a second. The expiry bounds what an "access.changed" lost by the at-most-once
channel layer (Redis restarting, say) could let through: nothing is pushed or written on an older verdict.
(At 10 s, re-resolving took about a fifth of a busy server's CPU in tests/bench/test_bench_chat.py.)

The room's events (wakes, presence) reach the socket through the process's hub (sharing.chat.hub: one
channel-layer subscription per process and room, a plain call per socket); the socket's own channel carries what
concerns its user (access.changed). Every TICK_SECONDS (with jitter) a socket also re-joins its user's group (a
restarted Redis has forgotten it; the hub re-joins the rooms), refreshes its presence entry and its verdict (if
old) and reads anything it may have missed (a lost wake), so it recovers from any loss in the channel layer
without its client's help.

Cost per message (measured with tests/bench/test_bench_chat.py): the database work runs in threads of its own
(realtime.database_threads), not on Channels' single database thread, where every write, read and access check of
the process queued behind the others; Channels' per-event hop to that thread is skipped (realtime.sockets.
SocketConsumer). A wake carries the new message it announces, as committed (sharing.chat.services): the feed keeps
it once the changes before it are there, so a message reaches the sockets of a process without a read. Sending
runs in a task per socket (deliver_wanted), beside the socket's event handling. The live frame is encoded once
per process (RoomFeed.encoded).
"""

import asyncio
import logging
import random
import time

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from realtime import sockets
from realtime.database_threads import in_database
from realtime.events import user_group
from sharing.chat import presence, protocol, selectors, services
from sharing.chat.feed import read_changes
from sharing.chat.hub import hub_for
from sharing.defense import selectors as defense_selectors
from sharing.defense.access import Level, get_group_access
from tenancy.access import NoAccess
from tenancy.sockets import AssociationSocket

logger = logging.getLogger(__name__)

ACCESS_SECONDS = 30.0
TICK_SECONDS = 10.0
PAGE = selectors.REPLAY_PAGE


def in_cache(function):
    """Presence only talks to the cache: off the database threads, so it never delays a message."""
    return sync_to_async(function, thread_sensitive=False)


def resolve(access, group_id: int, room_id: int | None = None):
    """(group access, room or None) for a member with full access, or Refused (4403) whatever the reason."""
    try:
        gaccess = get_group_access(access, group_id, minimum=Level.FULL)
        return gaccess, None if room_id is None else selectors.get_room(gaccess, room_id)
    except NoAccess:
        raise sockets.Refused(protocol.NO_ACCESS) from None


def replay_start(gaccess, room_id: int, after: int):
    """The room as it is now, and the first page of what a client at `after` lacks (one more, to tell if more)."""
    room = selectors.get_room(gaccess, room_id)
    return room, read_changes(gaccess, room, after, PAGE + 1) if after <= room.last_seq else []


def readable_documents(gaccess, ids) -> set[int]:
    return set(defense_selectors.documents(gaccess).filter(pk__in=ids).values_list("pk", flat=True))


def post(gaccess, room, frame: dict) -> dict:
    client_msg_id = frame["client_msg_id"]
    try:
        message, created = services.message_post(
            gaccess=gaccess,
            room=room,
            client_msg_id=client_msg_id,
            body=frame["body"],
            attachment_ids=frame["attachments"],
            mention_ids=frame["mentions"],
        )
    except ValidationError as error:
        return protocol.refusal_frame(error, client_msg_id=str(client_msg_id))
    return {"type": "ack", "client_msg_id": str(client_msg_id), "seq": message.seq, "duplicate": not created}


def change(gaccess, room, frame: dict) -> dict | None:
    """Edit or delete; the result reaches every socket, this one included, through the stream."""
    try:
        message = selectors.get_message(gaccess, room, frame["seq"])
    except NoAccess:
        raise protocol.FrameError("not_found", seq=frame["seq"]) from None
    try:
        if frame["type"] == "edit":
            services.message_edit(gaccess=gaccess, message=message, body=frame["body"])
        else:
            services.message_delete(gaccess=gaccess, message=message)
    except ValidationError as error:
        return protocol.refusal_frame(error, seq=frame["seq"])
    return None


def read(gaccess, room, frame: dict) -> dict:
    services.mark_read(gaccess=gaccess, room=room, seq=frame["seq"])
    return {"type": "unread", "count": selectors.rooms(gaccess).get(pk=room.pk).unread}


WRITES = {"send": post, "edit": change, "delete": change, "read": read}


class ChatConsumer(AssociationSocket):
    async def connect(self):
        kwargs = self.scope["url_route"]["kwargs"]
        self.slug, self.group_id, self.room_id = kwargs["slug"], kwargs["group_id"], kwargs["room_id"]
        self.gaccess = None  # None: refused or closed, frames and events are ignored
        self.room = self.feed = self.ticker = None
        self.sent_seq = None  # None until hello is answered; then the last changed_seq this socket sent
        self.wanted, self.delivery = 0, None  # the newest position a wake announced; the task sending up to it
        self.side_tasks: set[asyncio.Task] = set()  # presence frames and catch-ups the hub asked for
        self.joined, self.present, self.invalid_frames, self.checked_at = [], False, 0, 0.0
        self.language = settings.LANGUAGE_CODE
        self.delivering = asyncio.Lock()
        user = self.scope["user"]
        try:
            if user.is_authenticated:
                # Join before checking access, so an access change landing between the two is not missed.
                await self.join(user_group(user.pk))
            access = await self.socket_access()
            self.gaccess, self.room = await in_database(resolve)(access, self.group_id, self.room_id)
        except sockets.Refused as refusal:
            await self.stop()
            await self.accept()
            await self.close(code=refusal.code)
            return
        self.checked_at, self.language = time.monotonic(), user.preferred_language
        services.wake_loop.set(asyncio.get_running_loop())  # this socket's writes wake the room from this loop
        self.feed = await hub_for(self.channel_layer).follow(self.room_id, self)
        await self.accept()

    async def disconnect(self, code):
        await self.stop()

    # Client frames ---------------------------------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        if self.gaccess is None:
            return
        try:
            frame = protocol.parse(text_data, room_id=self.room_id)
            if frame["type"] == "ping":
                reply = {"type": "pong"}
            elif frame["type"] == "hello":
                reply = await self.hello(frame["last_seq"])
            elif self.sent_seq is None:
                raise protocol.FrameError("hello_first", **protocol.about(frame))
            else:
                reply = await self.write(frame)
        except protocol.FrameError as error:
            reply = protocol.error_frame(error.code, self.language, **error.extra)
        if reply is not None and self.gaccess is not None:
            await self.send_json(reply)
            if reply["type"] == "error" and reply["code"] not in protocol.NOT_COUNTED:
                self.invalid_frames += 1
                if self.invalid_frames >= protocol.MAX_INVALID_FRAMES:
                    await self.shut(protocol.TOO_MANY_INVALID_FRAMES)

    async def hello(self, after: int) -> dict | None:
        """Replay what the client lacks, page by page, then say ready and stream."""
        if self.sent_seq is not None:
            raise protocol.FrameError("already_ready")
        if not await self.allowed(fresh=True):
            return None
        room, page = await in_database(replay_start)(self.gaccess, self.room_id, after)
        if after > room.last_seq:
            raise protocol.FrameError("bad_seq", last_seq=room.last_seq)
        self.room = room
        while True:
            more = len(page) > PAGE
            page = page[:PAGE]
            if page:
                messages = await self.for_reader([frame for _, frame in page])
                await self.send_json({"type": "messages", "messages": messages, "more": more})
                after = page[-1][0]
            if not more:
                break
            if not await self.allowed():
                return None
            page = await in_database(read_changes)(self.gaccess, room, after, PAGE + 1)
        self.sent_seq = after
        self.feed.begin(after)  # so that the next change, coming with its wake, is kept without a read
        online = await self.arrive()
        self.ticker = asyncio.create_task(self.tick())
        return {"type": "ready", "last_seq": after, "online": online}

    async def write(self, frame: dict) -> dict | None:
        if not await self.allowed():
            return None
        try:
            return await in_database(self.in_language)(WRITES[frame["type"]], frame)
        except protocol.FrameError:
            raise
        except Exception:
            logger.exception("chat: a %s failed", frame["type"])
            return protocol.error_frame(
                "unavailable", self.language, retry_after=protocol.RETRY_SECONDS, **protocol.about(frame)
            )

    def in_language(self, function, frame: dict):
        """Services translate their refusals when they raise them: run them in the user's language."""
        with translation.override(self.language):
            return function(self.gaccess, self.room, frame)

    # Channel-layer events ----------------------------------------------------------------------------------

    def wake(self, seq: int) -> None:
        """The room changed up to `seq` (sharing.chat.hub calls this for every wake the process receives, after
        priming the feed with the change it may carry): send what this socket lacks. The sending runs as a task
        of its own, so that the hub hands the next event on at once."""
        if self.sent_seq is not None and seq > max(self.sent_seq, self.wanted):
            self.wanted = seq
            if self.delivery is None or self.delivery.done():
                self.delivery = asyncio.create_task(self.deliver_wanted())

    async def deliver_wanted(self) -> None:
        """Deliver up to the newest position a wake announced; a socket that fails to is closed (1011), so its
        client reconnects and resumes rather than wait for the next tick."""
        try:
            while self.gaccess is not None and self.wanted > self.sent_seq:
                wanted = self.wanted
                await self.deliver(wake=wanted)
                if self.sent_seq < wanted and self.wanted == wanted:
                    return  # not allowed any more, or nothing there: the tick tries again
        except Exception:
            logger.warning("chat: delivery failed", exc_info=True)
            await self.shut(protocol.INTERNAL_ERROR)

    def presence(self, event: dict) -> None:
        """Someone came or went (from the hub; this socket's own arrival is in its "ready" frame)."""
        if event.get("by") != self.channel_name and self.sent_seq is not None:
            self.aside(self.show_presence(event["online"]))

    def recover(self) -> None:
        """The room's wakes may have been lost (the hub found that the channel layer had forgotten the room): catch
        up now rather than at the next tick."""
        if self.sent_seq is not None:
            self.aside(self.catch_up())

    def aside(self, work) -> None:
        """Run `work` beside the socket's event handling (the hub calls in and must go on at once)."""
        task = asyncio.create_task(work)
        self.side_tasks.add(task)
        task.add_done_callback(self.side_tasks.discard)

    async def show_presence(self, online: list[str]) -> None:
        if await self.allowed():
            await self.send_json({"type": "presence", "online": online})

    async def access_changed(self, event):
        """Sent on commit whenever someone may have lost access: check at once, close if it is gone."""
        await self.allowed(fresh=True)

    async def notification_created(self, event):
        """The user's group carries notifications too: the notifications socket shows them, not this one."""

    # Delivery, access, presence ----------------------------------------------------------------------------

    async def deliver(self, wake: int | None = None) -> None:
        """Send every change after the last one sent, from the database (through the process's feed)."""
        async with self.delivering:
            if self.gaccess is None or (wake is not None and wake <= self.sent_seq):
                return
            if not await self.allowed():
                return
            changes = await self.feed.after(
                self.sent_seq, self.gaccess, self.room, wake=wake, fresh_for=TICK_SECONDS / 2
            )
            if not changes:
                return
            frames = [frame for _, frame in changes]
            messages = await self.for_reader(frames)
            if messages is frames and len(messages) <= PAGE:  # as every reader gets them: encoded once
                await self.send(text_data=self.feed.encoded(changes))
            else:
                for start in range(0, len(messages), PAGE):
                    more = start + PAGE < len(messages)
                    page = messages[start : start + PAGE]
                    await self.send_json({"type": "messages", "messages": page, "more": more})
            self.sent_seq = changes[-1][0]

    async def for_reader(self, messages: list[dict]) -> list[dict]:
        """Attachments this reader may not read are left out (a counsel-only document's title, say)."""
        ids = {attachment["id"] for message in messages for attachment in message["attachments"]}
        if not ids:
            return messages
        readable = await in_database(readable_documents)(self.gaccess, ids)
        return protocol.restrict_attachments(messages, readable)

    async def allowed(self, *, fresh: bool = False) -> bool:
        """Whether the socket may still push and write; resolves access again when asked or when it is old."""
        if self.gaccess is None:
            return False
        if not fresh and time.monotonic() - self.checked_at < ACCESS_SECONDS:
            return True
        try:
            gaccess = await in_database(self.group_access_now)()
        except sockets.Refused as refusal:
            await self.shut(refusal.code)
            return False
        if self.gaccess is None:  # closed meanwhile
            return False
        self.gaccess, self.checked_at = gaccess, time.monotonic()
        self.language = gaccess.access.user.preferred_language
        return True

    def group_access_now(self):
        """The group access of the session's user as the database has it now, in one trip to a database thread:
        signed out, deactivated, suspended, removed, withdrawn or not bound by the current agreement is Refused."""
        return resolve(self.access_of_session(), self.group_id)[0]

    async def arrive(self) -> list[str]:
        """Enter (or refresh) this socket's presence entry; tell the room if who is online changed."""
        user = self.gaccess.access.user
        try:
            online, changed = await in_cache(presence.arrive)(
                self.room_id, self.channel_name, user.pk, user.display_name
            )
        except Exception:
            logger.warning("chat: presence unavailable", exc_info=True)
            return []
        self.present = True
        if changed:
            await self.tell_presence(online)
        return online

    async def depart(self) -> None:
        if not self.present:
            return
        self.present = False
        try:
            online, changed = await in_cache(presence.depart)(self.room_id, self.channel_name)
            if changed:
                await self.tell_presence(online)
        except Exception:
            logger.warning("chat: presence unavailable", exc_info=True)

    async def tell_presence(self, online: list[str]) -> None:
        await self.channel_layer.group_send(
            services.room_group(self.room_id),
            {"type": "chat.presence", "room": self.room_id, "online": online, "by": self.channel_name},
        )

    async def tick(self) -> None:
        while self.gaccess is not None:
            await asyncio.sleep(TICK_SECONDS * random.uniform(0.8, 1.2))  # noqa: S311 (jitter)
            await self.catch_up()

    async def catch_up(self) -> None:
        """Join the user's group again and renew presence (a restarted Redis forgot both), and send anything
        missed (a lost wake)."""
        try:
            for group in self.joined:
                await self.channel_layer.group_add(group, self.channel_name)
            if await self.allowed():
                await self.arrive()
                await self.deliver()
        except Exception:
            logger.warning("chat: catching up failed", exc_info=True)

    # Joining and leaving -----------------------------------------------------------------------------------

    async def join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.joined.append(group)

    async def stop(self) -> None:
        """Leave everything this socket entered (the ticker, the feed, presence, groups); safe to repeat."""
        self.gaccess = None
        for task in (self.ticker, self.delivery, *self.side_tasks):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
        self.ticker = self.delivery = None
        if self.feed is not None:
            self.feed = None
            try:
                await hub_for(self.channel_layer).unfollow(self.room_id, self)
            except Exception:
                logger.warning("chat: leaving room %s failed", self.room_id, exc_info=True)
        await self.depart()
        joined, self.joined = self.joined, []
        for group in joined:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception:
                logger.warning("chat: leaving %s failed", group, exc_info=True)

    async def shut(self, code: int) -> None:
        await self.stop()
        await self.close(code=code)
