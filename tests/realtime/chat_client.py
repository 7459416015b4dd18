"""A browser-like chat client over a real websocket (the `websockets` package), for the multi-process test and
the benchmark. It does what sharing.chat.protocol asks of a client: hello with the last position it has, keep
what it receives, resume from there after a reconnect (to the next server in its list when one is gone), and
send again, with the same client_msg_id, whatever was not acknowledged. It keeps count of every message object
received whose changed_seq it already had: the server must never send one twice.
"""

import asyncio
import contextlib
import json
import time
import uuid

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

RECONNECT_SECONDS = 0.2


class ChatClient:
    def __init__(self, *, cookie: str, path: str, ports: list[int], on_message=None):
        self.cookie, self.path, self.ports = cookie, path, list(ports)
        self.on_message = on_message  # on_message(client, message, received_at) for each live message
        self.seen: dict[int, dict] = {}  # changed_seq -> message
        self.repeats = 0
        self.pending: dict[str, str] = {}  # client_msg_id -> body, until acknowledged
        self.acked: dict[str, int] = {}  # client_msg_id -> seq
        self.errors: list[dict] = []
        self.reconnects = 0
        self.ready = asyncio.Event()
        self.websocket = None
        self.task = None
        self.stopping = False
        self.ready_seconds = None  # how long the last hello took to be answered by "ready"
        self.ready_at = None  # when (time.monotonic()) the last "ready" came

    @property
    def last_seq(self) -> int:
        return max(self.seen, default=0)

    @property
    def port(self) -> int:
        return self.ports[0]

    def seqs(self) -> set[int]:
        """The seq of every message this client has (its latest state each)."""
        return {message["seq"] for message in self.seen.values()}

    async def start(self, timeout: float = 10) -> None:
        """Connect (and keep reconnecting) in the background; return once the first "ready" came. A stopped client
        can start again: it resumes from the last position it has."""
        self.stopping = False
        self.ready.clear()
        self.task = asyncio.create_task(self._stay_connected())
        await asyncio.wait_for(self.ready.wait(), timeout)

    async def stop(self) -> None:
        self.stopping = True
        if self.websocket is not None:
            await self.websocket.close()
        if self.task is not None:
            await self.task

    async def send(self, body: str) -> str:
        client_msg_id = str(uuid.uuid4())
        self.pending[client_msg_id] = body
        await self._send(client_msg_id)
        return client_msg_id

    async def _send(self, client_msg_id: str) -> None:
        if client_msg_id not in self.pending or self.websocket is None or not self.ready.is_set():
            return  # sent again after the next "ready"
        frame = {"type": "send", "client_msg_id": client_msg_id, "body": self.pending[client_msg_id]}
        with contextlib.suppress(ConnectionClosed):  # sent again after the next "ready"
            await self.websocket.send(json.dumps(frame))

    async def _stay_connected(self) -> None:
        while not self.stopping:
            with contextlib.suppress(OSError, InvalidHandshake, ConnectionClosed, TimeoutError):
                await self._session()
            if self.stopping:
                return
            self.ready.clear()
            self.reconnects += 1
            self.ports.append(self.ports.pop(0))  # try the next server
            await asyncio.sleep(RECONNECT_SECONDS)

    async def _session(self) -> None:
        url, origin = f"ws://127.0.0.1:{self.port}{self.path}", f"http://127.0.0.1:{self.port}"
        async with connect(
            url, origin=origin, additional_headers={"Cookie": self.cookie}, proxy=None, open_timeout=10
        ) as websocket:
            self.websocket = websocket
            hello_at = time.perf_counter()
            await websocket.send(json.dumps({"type": "hello", "last_seq": self.last_seq}))
            async for text in websocket:
                frame = json.loads(text)
                if frame["type"] == "ready":
                    self.ready_seconds = time.perf_counter() - hello_at
                    self.ready_at = time.monotonic()
                    self.ready.set()
                    for client_msg_id in list(self.pending):
                        await self._send(client_msg_id)
                self._handle(frame)
        self.websocket = None

    def _handle(self, frame: dict) -> None:
        received_at = time.time()
        if frame["type"] == "messages":
            for message in frame["messages"]:
                if message["changed_seq"] in self.seen:
                    self.repeats += 1
                self.seen[message["changed_seq"]] = message
                if self.on_message is not None and self.ready.is_set():
                    self.on_message(self, message, received_at)
        elif frame["type"] == "ack":
            self.acked[frame["client_msg_id"]] = frame["seq"]
            self.pending.pop(frame["client_msg_id"], None)
        elif frame["type"] == "error":
            self.errors.append(frame)
            if frame["code"] in {"rate_limited", "unavailable"} and "client_msg_id" in frame:
                delay = frame.get("retry_after", 1)
                asyncio.get_running_loop().call_later(
                    delay, lambda: asyncio.ensure_future(self._send(frame["client_msg_id"]))
                )
