"""One process's window on the recent changes of the rooms its sockets follow.

A wake ({"type": "chat.wake", "seq": N}) reaches every socket of the room; each must send its client what it
lacks, from the database. Read once per socket, a busy room would cost (sockets x messages) queries; the feed
reads each change once per process and hands it to every socket of the process that follows the room. It holds
every change in (low, high] as the database had it (a change's `changed_seq` names one state of one message, so a
kept state never goes wrong: an edit comes later under its own number). A socket whose position is below the
window reads the database itself. A new message that travels with its wake (as its transaction committed it,
see sharing.chat.services) joins the window at once when it is the next change, so no process reads it back;
the database still decides: a hint that does not follow the window is ignored, and whatever is missing is
read. Access is not the feed's business: each socket checks its own before asking.
"""

import asyncio
import bisect
import json
import time
import weakref

from channels.db import database_sync_to_async

from sharing.chat import protocol, selectors

KEEP = 1000  # changes kept per room
ENCODED = 64  # live frames kept encoded per room
FRESH_SECONDS = 1.0
PAGE = selectors.REPLAY_PAGE


def in_database(function):
    """Database work of the sockets, in the event loop's thread pool rather than Channels' one database thread:
    most of it is waiting for PostgreSQL, so the checks, reads and writes of different sockets overlap instead of
    queueing behind one another. Each pool thread has its own connection; database_sync_to_async closes old
    ones around every call, as Django's settings say."""
    return database_sync_to_async(function, thread_sensitive=False)


def read_changes(gaccess, room, after: int, limit: int = PAGE) -> list[tuple[int, dict]]:
    """(changed_seq, message frame) of the changes after `after`, oldest first, one page."""
    return [(m.changed_seq, protocol.message_frame(m)) for m in selectors.changed_after(gaccess, room, after, limit)]


class RoomFeed:
    def __init__(self):
        self.low: int | None = None
        self.high: int | None = None
        self.seqs: list[int] = []
        self.frames: list[dict] = []
        self.lock = asyncio.Lock()
        self.read_at = 0.0
        self.sockets = 0
        self.texts: dict[tuple[int, int], str] = {}

    async def after(self, seq: int, gaccess, room, *, wake: int | None = None) -> list[tuple[int, dict]]:
        """Every change after `seq`. With `wake` (the position a wake announced), the database is read only if
        the window does not reach it yet; without (a periodic catch-up, for wakes that were lost), it is read
        unless it was read in the last FRESH_SECONDS."""
        async with self.lock:  # one read at a time: sockets woken together share it
            self.begin(seq)
            stale = time.monotonic() - self.read_at > FRESH_SECONDS if wake is None else wake > self.high
            if seq >= self.low and stale:
                await self._extend(gaccess, room)
        if seq < self.low:
            return await self._behind(seq, gaccess, room)
        start = bisect.bisect_right(self.seqs, seq)
        return list(zip(self.seqs[start:], self.frames[start:], strict=True))

    def encoded(self, changes: list[tuple[int, dict]]) -> str:
        """The live "messages" frame of these changes, as text. The sockets of the process woken at the same
        position send the same frame: it is encoded once, not once per socket (a change's frame never changes,
        so its first and last positions name the text)."""
        key = (changes[0][0], changes[-1][0])
        text = self.texts.get(key)
        if text is None:
            if len(self.texts) >= ENCODED:
                self.texts.clear()
            frames = [frame for _, frame in changes]
            text = self.texts[key] = json.dumps({"type": "messages", "messages": frames, "more": False})
        return text

    def begin(self, seq: int) -> None:
        """A socket has every change up to `seq`: an empty window starts there, unless one has started."""
        if self.low is None:
            self.low = self.high = seq

    def prime(self, changed_seq: int, frame: dict) -> None:
        """A change as committed (a wake's hint): kept if it is the next one (the sockets then need not read it),
        left to the next read otherwise."""
        if self.high is not None and changed_seq == self.high + 1:
            self._keep([(changed_seq, frame)])

    async def _extend(self, gaccess, room) -> None:
        self.read_at = time.monotonic()
        while True:
            page = await in_database(read_changes)(gaccess, room, self.high)
            self._keep(page)
            if len(page) < PAGE:
                break

    def _keep(self, changes: list[tuple[int, dict]]) -> None:
        for changed_seq, frame in changes:
            if changed_seq > self.high:  # primed while the read was on its way
                self.seqs.append(changed_seq)
                self.frames.append(frame)
                self.high = changed_seq
        if len(self.seqs) > KEEP:
            cut = len(self.seqs) - KEEP
            self.low = self.seqs[cut - 1]
            del self.seqs[:cut], self.frames[:cut]

    @staticmethod
    async def _behind(seq: int, gaccess, room) -> list[tuple[int, dict]]:
        changes = []
        while True:
            page = await in_database(read_changes)(gaccess, room, seq)
            changes += page
            if len(page) < PAGE:
                return changes
            seq = page[-1][0]


# Per event loop (one in a server process; one per test), per room.
_feeds: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def open_feed(room_id: int) -> RoomFeed:
    feeds = _feeds.setdefault(asyncio.get_running_loop(), {})
    feed = feeds.setdefault(room_id, RoomFeed())
    feed.sockets += 1
    return feed


def close_feed(room_id: int) -> None:
    feeds = _feeds.get(asyncio.get_running_loop(), {})
    feed = feeds.get(room_id)
    if feed is not None:
        feed.sockets -= 1
        if feed.sockets <= 0:
            del feeds[room_id]
