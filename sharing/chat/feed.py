"""One process's window on the recent changes of the rooms its sockets follow.

A wake ({"type": "chat.wake", "room": R, "seq": N}) reaches every socket of the room (through the process's
hub, sharing.chat.hub); each must send its client what it lacks, from the database. Read once per socket, a busy
room would cost (sockets x messages) queries; the feed reads each change once per process and hands it to every
socket of the process that follows the room. It holds every change in (low, high] as the database had it (a
change's `changed_seq` names one state of one message, so a kept state never goes wrong: an edit comes later
under its own number). A socket whose position is below the window reads the database itself. Access is not
the feed's business: each socket checks its own before asking.

A new message travels with its wake (as its transaction committed it, see sharing.chat.services), so no process
needs to read it back. Wakes of one room leave from several processes and may arrive out of order (N+1's before
N's): a hint ahead of the window waits, and joins it as soon as the hints before it have come. A socket woken to
a position that has come only as such a hint gives its predecessors HINT_WAIT_SECONDS to arrive before it reads
the database, which still decides: a wake that was lost (Redis restarting, say) is made good by that read.
"""

import asyncio
import bisect
import json
import time

from realtime.database_threads import in_database
from sharing.chat import protocol, selectors

KEEP = 1000  # changes kept per room
ENCODED = 64  # live frames kept encoded per room
HINT_WAIT_SECONDS = 0.5
PAGE = selectors.REPLAY_PAGE


def read_changes(gaccess, room, after: int, limit: int = PAGE) -> list[tuple[int, dict]]:
    """(changed_seq, message frame) of the changes after `after`, oldest first, one page."""
    return [
        (message.changed_seq, protocol.message_frame(message, attachments, mentions))
        for message, attachments, mentions in selectors.changed_after_with_related(gaccess, room, after, limit)
    ]


class RoomFeed:
    def __init__(self):
        self.low: int | None = None
        self.high: int | None = None
        self.seqs: list[int] = []
        self.frames: list[dict] = []
        self.hints: dict[int, dict] = {}  # changes ahead of the window, waiting for the ones before them
        self.advanced = asyncio.Event()  # set (and replaced) whenever the window grows
        self.lock = asyncio.Lock()
        self.read_at = 0.0
        self.sockets: set = set()  # the process's sockets in the room (sharing.chat.hub hands them its events)
        self.texts: dict[tuple[int, int], str] = {}

    async def after(
        self, seq: int, gaccess, room, *, wake: int | None = None, fresh_for: float = 0.0
    ) -> list[tuple[int, dict]]:
        """Every change after `seq`. With `wake` (the position a wake announced), the database is read only if
        the window does not reach it yet; without (a periodic catch-up, for wakes that were lost), it is read
        unless it was read in the last `fresh_for` seconds (the sockets of a room catching up one after the other
        share a read)."""
        if wake is not None and wake in self.hints:
            await self._wait_for(wake)
        async with self.lock:  # one read at a time: sockets woken together share it
            self.begin(seq)
            stale = time.monotonic() - self.read_at > fresh_for if wake is None else wake > self.high
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

    def expire(self) -> None:
        """Wakes may have been lost (sharing.chat.hub): the next catch-up reads the database, however recent the
        last read."""
        self.read_at = float("-inf")

    def begin(self, seq: int) -> None:
        """A socket has every change up to `seq`: an empty window starts there, unless one has started."""
        if self.low is None:
            self.low = self.high = seq

    def prime(self, changed_seq: int, frame: dict) -> None:
        """A change as committed (a wake's hint): kept once every change before it is (the sockets then need not
        read it). A feed that has not begun has nothing for it to follow."""
        if self.high is None or changed_seq <= self.high:
            return
        if len(self.hints) >= KEEP:  # a gap that never closes: the reads will make it good
            self.hints.clear()
        self.hints[changed_seq] = frame
        self._keep([])

    async def _wait_for(self, seq: int) -> None:
        """Until the window reaches `seq` or HINT_WAIT_SECONDS have passed."""
        try:
            async with asyncio.timeout(HINT_WAIT_SECONDS):
                while self.high < seq:
                    await self.advanced.wait()
        except TimeoutError:
            pass

    async def _extend(self, gaccess, room) -> None:
        self.read_at = time.monotonic()
        while True:
            page = await in_database(read_changes)(gaccess, room, self.high)
            self._keep(page)
            if len(page) < PAGE:
                break

    def _keep(self, changes: list[tuple[int, dict]]) -> None:
        """Add changes read from the database (in order), then every hint that now follows the window."""
        high = self.high
        for changed_seq, frame in changes:
            if changed_seq > self.high:  # primed while the read was on its way
                self._append(changed_seq, frame)
        while self.high + 1 in self.hints:
            self._append(self.high + 1, self.hints.pop(self.high + 1))
        if self.hints and min(self.hints) <= self.high:
            self.hints = {seq: frame for seq, frame in self.hints.items() if seq > self.high}
        if self.high != high:
            self.advanced.set()
            self.advanced = asyncio.Event()
        if len(self.seqs) > KEEP:
            cut = len(self.seqs) - KEEP
            self.low = self.seqs[cut - 1]
            del self.seqs[:cut], self.frames[:cut]

    def _append(self, changed_seq: int, frame: dict) -> None:
        self.seqs.append(changed_seq)
        self.frames.append(frame)
        self.high = changed_seq

    @staticmethod
    async def _behind(seq: int, gaccess, room) -> list[tuple[int, dict]]:
        changes = []
        while True:
            page = await in_database(read_changes)(gaccess, room, seq)
            changes += page
            if len(page) < PAGE:
                return changes
            seq = page[-1][0]
